import { test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import type { Page } from 'playwright-core'
import type { Coverage } from '../types/admin.ts'
import type { AdminBulletin } from '../types/bulletins.ts'
import { api, ARTIFACTS, checkInApp, placeSession, seriousA11yViolations, smsSignIn, useAppSession, weChatResident } from './harness.ts'

// The centre's console (served at /admin/ by `npm start`), driven as clerks and officers use it.
// Many sign-ins in a minute from one address: above the default limit of 10 (the limit has its own server test).
const app = useAppSession({ ADMIN_LOGIN_RATE_LIMIT_MAX: '100' })
const CHENGGUAN = '610923100'
const DONGGUAN = '610923100001'
const DEMO = {
  admin: 'qiandai-demo-admin',
  editor: 'qiandai-demo-editor',
  reviewer: 'qiandai-demo-reviewer',
  'officer-chengguan': 'qiandai-demo-officer'
} as const

const call = <T>(method: string, url: string, body?: unknown, token?: string) => api<T>(app.server, method, url, body, token)
const tokenOf = async (username: string, password: string) => (await call<{ accessToken: string }>('POST', '/admin/login', { username, password })).accessToken
const number = async (page: Page, testId: string) =>
  Number((await page.getByTestId(testId).locator('.ant-statistic-content').innerText()).replace(/[,\s]/g, ''))

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('用户名').fill(username)
  await page.getByLabel('密码').fill(password)
  await page.getByRole('button', { name: '登录' }).click()
}

async function fresh(page: Page, width = 1280): Promise<void> {
  await page.setViewportSize({ width, height: 900 })
  await page.goto(`${app.server.url}/admin/`)
  await page.evaluate(() => sessionStorage.clear())
  await page.goto(`${app.server.url}/admin/`)
}

async function assertAccessible(page: Page, where: string): Promise<void> {
  assert.deepEqual(await seriousA11yViolations(page), [], `axe-core on ${where}`)
}

test('an admin signs in; the dashboard shows the coverage GET /admin/coverage returns, and every page passes axe-core', async () => {
  const page = app.page
  await fresh(page)
  await page.getByRole('heading', { name: '守好钱袋子 · 反诈中心工作台' }).waitFor()
  await assertAccessible(page, 'the login page')
  await signIn(page, 'admin', 'wrong password!!')
  await page.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor()
  await signIn(page, 'admin', DEMO.admin)
  await page.getByRole('heading', { name: '工作台', level: 1, exact: true }).waitFor()
  assert.match(await page.getByTestId('who').innerText(), /admin（管理员）/)

  const coverage = await call<Coverage>('GET', '/admin/coverage', undefined, await tokenOf('admin', DEMO.admin))
  await page.getByTestId('coverage-registered').waitFor()
  assert.equal(await number(page, 'coverage-registered'), coverage.totals.registered16to60)
  assert.equal(await number(page, 'coverage-population'), coverage.totals.population16to60)
  assert.equal(await page.getByTestId('coverage-ratio').locator('.ant-statistic-content').innerText(), `${(coverage.totals.ratio * 100).toFixed(1)}%`)
  // Demo check counts: ninety days of them, so the last seven days are not empty.
  await page.getByTestId('checks-total').waitFor()
  assert.ok((await number(page, 'checks-total')) > 0)

  // A township's villages, picked with the keyboard-usable control beside the chart; villages without anyone stand out in words.
  await page.getByLabel('查看乡镇各村：').click()
  await page.locator('.ant-select-item-option', { hasText: /^城关镇/ }).click()
  const table = page.getByRole('region', { name: '城关镇各村登记覆盖表（可左右滚动）' }).getByRole('table')
  await table.waitFor()
  const cg = coverage.townships.find((t) => t.code === CHENGGUAN) as Coverage['townships'][number]
  assert.equal(await table.locator('tbody tr.ant-table-row').count(), cg.villages.length)
  if (cg.villages.some((v) => v.registered16to60 === 0)) assert.ok(await table.getByText('无人登记').first().isVisible())
  await page.screenshot({ path: path.join(ARTIFACTS, 'console-dashboard.png'), fullPage: true })
  await assertAccessible(page, 'the dashboard')

  for (const [menu, heading] of [
    ['学反诈内容', '学反诈内容'],
    ['申诉', '申诉'],
    ['官方发送方', '官方发送方'],
    ['账号', '账号'],
    ['操作日志', '操作日志'],
    ['发布预警信息', '发布预警信息']
  ] as const) {
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: menu }).click()
    await page.getByRole('heading', { name: heading, level: 1, exact: true }).waitFor()
    await page.waitForLoadState('networkidle')
    await assertAccessible(page, `the ${menu} page`)
    if (menu === '学反诈内容') {
      for (const tab of ['短视频', '诈骗类型']) {
        await page.getByRole('tab', { name: tab }).click()
        await page.getByRole('tabpanel', { name: tab }).getByRole('table').waitFor()
        await assertAccessible(page, `学反诈内容 → ${tab}`)
      }
    }
  }
  await page.getByRole('button', { name: '新建预警' }).click()
  await page.getByRole('heading', { name: '新建预警信息' }).waitFor()
  await assertAccessible(page, 'the bulletin editor')

  // A phone: the menu sits behind a button; every page fits the width (tables scroll inside their card) and passes axe.
  await page.setViewportSize({ width: 375, height: 740 })
  await page.goto(`${app.server.url}/admin/dashboard`)
  await page.getByRole('heading', { name: '工作台', level: 1, exact: true }).waitFor()
  await page.getByRole('button', { name: '打开菜单' }).click()
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '发布预警信息' }).click()
  await page.getByRole('heading', { name: '发布预警信息', level: 1, exact: true }).waitFor()
  await page.screenshot({ path: path.join(ARTIFACTS, 'console-phone.png'), fullPage: true })
  for (const [url, heading] of [
    ['/dashboard', '工作台'],
    ['/bulletins', '发布预警信息'],
    ['/bulletins/new', '新建预警信息'],
    ['/content', '学反诈内容'],
    ['/review', '线索审核'],
    ['/blocklist', '黑名单'],
    ['/appeals', '申诉'],
    ['/senders', '官方发送方'],
    ['/accounts', '账号'],
    ['/areas', '乡镇村与人口'],
    ['/audit', '操作日志'],
    ['/warnings', '预警劝阻'],
    ['/calls', '电话预警'],
    ['/visits', '上门劝阻'],
    ['/figures', '无诈统计'],
    ['/cases', '案件登记'],
    ['/grid-workers', '网格员']
  ] as const) {
    await page.goto(`${app.server.url}/admin${url}`)
    await page.getByRole('heading', { name: heading, level: 1, exact: true }).waitFor()
    await page.waitForLoadState('networkidle')
    // On failure, name the element that sticks out.
    const overflow = await page.evaluate(() => {
      if (document.documentElement.scrollWidth <= window.innerWidth + 1) return null
      const wide = Array.from(document.querySelectorAll('body *')).find(
        (el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !el.closest('.ant-table-content, .ant-table-body, .ant-drawer')
      )
      return `${document.documentElement.scrollWidth}px: ${wide ? `${wide.tagName}.${wide.className}` : '?'}`
    })
    assert.equal(overflow, null, `no sideways scrolling at 375 px on ${url}`)
    await assertAccessible(page, `${url} at 375 px`)
  }
  await page.getByRole('button', { name: '退出' }).click()
  await page.getByLabel('用户名').waitFor()
})

test('an editor writes a three-block bulletin, previews and publishes it to one township; the figures reach its subscribers and the app lists it', async () => {
  // Three residents of 城关镇 who use the mini-program, two of them subscribed to bulletin messages.
  const residents = []
  for (const [i, subscribe] of [true, true, false].entries())
    residents.push(await weChatResident(app.server, `e2e-console-${i}`, `1380013800${i}`, CHENGGUAN, DONGGUAN, subscribe))

  const page = app.page
  await fresh(page)
  await signIn(page, 'editor', DEMO.editor)
  await page.getByRole('heading', { name: '工作台', level: 1, exact: true }).waitFor()
  const menu = page.getByRole('navigation', { name: '主菜单' })
  assert.equal(await menu.getByRole('link', { name: '账号' }).count(), 0)
  assert.equal(await menu.getByRole('link', { name: '操作日志' }).count(), 0)
  await menu.getByRole('link', { name: '发布预警信息' }).click()
  await page.getByRole('button', { name: '新建预警' }).click()

  const title = `城关镇专项预警 ${Date.now() % 100000}`
  await page.getByLabel('标题', { exact: true }).fill(title)
  await page.getByLabel('订阅消息摘要（最多20个字）').fill('警惕冒充客服退款')
  await page.getByLabel('列表摘要', { exact: true }).fill('近期城关镇多人接到冒充电商客服的退款电话。')
  await page.getByLabel('正文', { exact: true }).fill('冒充客服的人会说您的快递丢了，要给您理赔。')
  await page.getByRole('button', { name: '添加案例' }).click()
  await page.getByLabel('诈骗类型', { exact: true }).fill('冒充电商物流客服')
  await page.getByLabel('联系渠道', { exact: true }).fill('电话')
  await page.getByLabel('损失金额（元，可不填）').fill('12000')
  await page.getByLabel('经过', { exact: true }).fill('王女士按对方指引下载会议软件，被骗1.2万元。')
  await page.getByRole('button', { name: '添加防范提示' }).click()
  await page.getByLabel('提示条目', { exact: true }).fill('理赔不需要您先付钱\n挂断电话，拨打官方客服核实')
  await page.getByRole('radio', { name: '指定乡镇' }).check()
  await page.getByLabel('选择乡镇').click()
  await page.locator('.ant-select-item-option', { hasText: /^城关镇$/ }).click()
  await page.keyboard.press('Escape')

  const preview = page.getByTestId('bulletin-preview')
  await preview.getByText('损失：1.2万元').waitFor()
  const text = await preview.innerText()
  assert.ok(text.indexOf('快递丢了') < text.indexOf('案例') && text.indexOf('案例') < text.indexOf('1. 理赔不需要您先付钱'), text)
  assert.ok(await page.getByText('推送范围：城关镇').isVisible())

  await page.getByRole('button', { name: '立即发布' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.waitFor()
  const expected = await call<{ residents: number }>(
    'GET',
    `/admin/bulletins/${/\/bulletins\/(\d+)/.exec(page.url())?.[1]}/audience`,
    undefined,
    await tokenOf('editor', DEMO.editor)
  )
  assert.match(await dialog.innerText(), new RegExp(`将通知 ${expected.residents} 位已登记居民`))
  await dialog.getByRole('button', { name: '确定发布' }).click()

  // The figures move until the fan-out ends: the two subscribers got the WeChat message, everyone else sees it in the app.
  await page.getByTestId('delivery-state').filter({ hasText: '推送完成' }).waitFor({ timeout: 30_000 })
  assert.equal(await number(page, 'delivery-sent'), 2)
  assert.equal(await number(page, 'delivery-targeted'), expected.residents)
  assert.equal(await number(page, 'delivery-in-app'), expected.residents - 2)
  assert.equal(await number(page, 'delivery-failed'), 0)
  await page.screenshot({ path: path.join(ARTIFACTS, 'console-bulletin-published.png'), fullPage: true })
  const id = /\/bulletins\/(\d+)/.exec(page.url())?.[1] as string
  const stored = await call<AdminBulletin>('GET', `/admin/bulletins/${id}`, undefined, await tokenOf('editor', DEMO.editor))
  assert.deepEqual(
    stored.body.map((b) => b.type),
    ['paragraph', 'case', 'tips']
  )
  assert.deepEqual(stored.audience, [CHENGGUAN])

  // A resident of 城关镇 finds it in the app's 预警 list.
  const h5 = await page.context().newPage()
  await placeSession(h5, app.server, residents[0])
  await h5.goto(`${app.server.url}/#/pages/bulletins/index`)
  await h5.reload()
  await h5.locator('.bulletin-item', { hasText: title }).waitFor()
  await h5.close()
})

test('an officer sees only their township; the editor cannot open accounts or the audit log, in the menu or the API', async () => {
  const page = app.page
  await fresh(page)
  await signIn(page, 'officer-chengguan', DEMO['officer-chengguan'])
  await page.getByRole('heading', { name: '工作台', level: 1, exact: true }).waitFor()
  assert.match(await page.getByTestId('who').innerText(), /派出所民警 · 城关镇/)
  const coverage = await call<Coverage>('GET', '/admin/coverage', undefined, await tokenOf('officer-chengguan', DEMO['officer-chengguan']))
  assert.deepEqual(
    coverage.townships.map((t) => t.code),
    [CHENGGUAN]
  )
  await page.getByTestId('coverage-registered').waitFor()
  assert.equal(await number(page, 'coverage-registered'), coverage.totals.registered16to60)
  // The township's villages straight away, and no other township anywhere on the page.
  await page.getByRole('heading', { name: '城关镇各村（社区）' }).waitFor()
  const body = await page.getByRole('main').innerText()
  for (const other of ['四亩地镇', '江口回族镇', '广货街镇']) assert.ok(!body.includes(other), other)
  assert.ok(body.includes('查询不记录地点'))
  const menuLinks = await page.getByRole('navigation', { name: '主菜单' }).getByRole('link').allInnerTexts()
  assert.deepEqual(
    menuLinks.map((l) => l.trim()),
    ['工作台', '预警劝阻', '上门劝阻', '无诈统计', '案件登记', '网格员']
  )
  await page.screenshot({ path: path.join(ARTIFACTS, 'console-officer.png'), fullPage: true })
  await assertAccessible(page, 'the officer dashboard')
  await page.goto(`${app.server.url}/admin/accounts`)
  await page.getByText('没有权限').waitFor()

  const editor = await tokenOf('editor', DEMO.editor)
  for (const url of ['/admin/accounts', '/admin/audit']) {
    const res = await fetch(`${app.server.url}/api/v1${url}`, { headers: { authorization: `Bearer ${editor}` } })
    assert.equal(res.status, 403, url)
  }
})

/** The dialog a password set by an admin opens: it cannot be dismissed; the page waits behind it. */
async function chooseOwnPassword(page: Page, current: string, next: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: '请先设置您自己的密码' })
  await dialog.waitFor()
  await page.keyboard.press('Escape')
  assert.ok(await dialog.isVisible(), 'Escape does not dismiss it')
  await dialog.getByLabel('当前密码').fill(current)
  await dialog.getByLabel('新密码', { exact: true }).fill(next)
  await dialog.getByLabel('再输一次新密码').fill(next)
  await dialog.getByRole('button', { name: /保\s?存/ }).click()
  await dialog.waitFor({ state: 'hidden' })
}

test('a session that ends during an edit: the clerk signs in again and is back on the editor with the text kept', async () => {
  const adminToken = await tokenOf('admin', DEMO.admin)
  const clerk = `clerk${Date.now() % 100000}`
  const created = await call<{ id: string }>('POST', '/admin/accounts', { username: clerk, password: 'first password 1', role: 'editor' }, adminToken)
  const page = app.page
  await fresh(page)
  await signIn(page, clerk, 'first password 1')
  // The admin typed that password: the console asks for the clerk's own before anything else.
  await chooseOwnPassword(page, 'first password 1', 'clerk own passphrase 1')
  await page.getByRole('heading', { name: '工作台', level: 1, exact: true }).waitFor()
  await page.goto(`${app.server.url}/admin/bulletins/new`)
  await page.getByLabel('标题', { exact: true }).fill('写到一半的预警')
  await page.getByLabel('正文', { exact: true }).fill('这段话还没有保存。')

  // The session ends on the server (a password reset moves the token version, as an expiry would refuse it).
  await call('POST', `/admin/accounts/${created.id}/password`, { password: 'second password 2' }, adminToken)
  await page.getByRole('button', { name: '保存草稿' }).click()
  await page.getByText('登录已过期或账号已变更').waitFor()
  assert.match(page.url(), /\/admin\/login\?next=%2Fbulletins%2Fnew/)
  await signIn(page, clerk, 'second password 2')
  await chooseOwnPassword(page, 'second password 2', 'clerk own passphrase 2')
  await page.getByRole('heading', { name: '新建预警信息' }).waitFor()
  assert.equal(await page.getByLabel('标题', { exact: true }).inputValue(), '写到一半的预警')
  assert.equal(await page.getByLabel('正文', { exact: true }).inputValue(), '这段话还没有保存。')
  await page.getByText('已恢复您上次未保存的内容').waitFor()
  await page.screenshot({ path: path.join(ARTIFACTS, 'console-session-restored.png'), fullPage: true })
})

test('a reviewer confirms a report from the queue; the number then checks 高危 in the app', async () => {
  const NUMBER = '17055556666'
  const resident = await smsSignIn(app.server, '13600136009')
  await call('POST', '/reports', { kind: 'phone', value: NUMBER, channel: '电话', lossAmount: 3000, description: '自称客服，说要退款' }, resident.accessToken)

  const page = app.page
  await fresh(page)
  await signIn(page, 'reviewer', DEMO.reviewer)
  await page.getByRole('heading', { name: '工作台', level: 1, exact: true }).waitFor()
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '线索审核' }).click()
  const group = page.getByTestId('review-group').filter({ hasText: '号码：170 5555 6666' })
  await group.waitFor()
  assert.match(await group.innerText(), /自称客服，说要退款/)
  await assertAccessible(page, 'the review queue')
  await group.getByRole('button', { name: '核实并加入黑名单' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('诈骗类型').fill('冒充电商物流客服')
  await dialog.getByRole('button', { name: '确认核实' }).click()
  await page.getByText(/已核实，1条举报已通知举报人/).waitFor()
  await group.waitFor({ state: 'detached' })
  await page.screenshot({ path: path.join(ARTIFACTS, 'console-review.png'), fullPage: true })

  const h5 = await page.context().newPage()
  await h5.goto(`${app.server.url}/#/pages/check/index`)
  // The blocklist reaches the check through the change feed (≤ 0.5 s on the embedded store).
  for (let i = 0; ; i++) {
    if ((await checkInApp(h5, NUMBER)) === '高危') break
    assert.ok(i < 20, 'the confirmed number never checked 高危')
    await h5.waitForTimeout(300)
  }
  await h5.close()
})

test('a reviewer imports a CSV with two bad lines; the result names both by line, and the good rows are listed', async () => {
  const page = app.page
  await fresh(page)
  await signIn(page, 'reviewer', DEMO.reviewer)
  await page.getByRole('heading', { name: '工作台', level: 1, exact: true }).waitFor()
  await page.goto(`${app.server.url}/admin/blocklist`)
  await page.getByRole('heading', { name: '黑名单', level: 1, exact: true }).waitFor()
  await assertAccessible(page, 'the blacklist')
  await page.getByRole('button', { name: '导入文件' }).click()
  const csv = [
    'kind,value,category,source,note,expires_at',
    'phone,17066660001,刷单返利,city,市中心通报,',
    'phone,not-a-number,刷单返利,city,,',
    'url,https://e2e-import-fake.example/,虚假投资理财,city,,',
    'account,6222 0000 3333 4444 555,,city,,',
    'phone,17066660002,刷单返利,city,,'
  ].join('\n')
  await page.locator('input[type=file]').setInputFiles({ name: 'city-feed.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
  await page.getByText('已选择：city-feed.csv').waitFor()
  await page.getByRole('button', { name: '开始导入' }).click()
  const result = page.getByTestId('import-result')
  await result.waitFor()
  assert.equal((await page.getByTestId('import-added').innerText()).trim(), '3')
  assert.equal((await page.getByTestId('import-rejected').innerText()).trim(), '2')
  const rejectedRows = await result.locator('.ant-table-tbody tr.ant-table-row').allInnerTexts()
  assert.deepEqual(
    rejectedRows.map((r) => r.split(/\s+/)[0]),
    ['3', '5']
  )
  await page.screenshot({ path: path.join(ARTIFACTS, 'console-import.png'), fullPage: true })
  await assertAccessible(page, 'the import result')
  await page.getByRole('dialog').getByRole('button', { name: '关闭', exact: true }).last().click()

  await page.getByLabel('号码/网址/账户').fill('17066660001')
  await page.getByRole('button', { name: '查询' }).click()
  await page.getByRole('cell', { name: '+8617066660001', exact: true }).waitFor()
  assert.equal(await page.locator('.ant-table-tbody tr.ant-table-row').count(), 1)
})
