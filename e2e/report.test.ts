import { test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { api, ARTIFACTS, checkInApp, placeSession, smsSignIn, useAppSession, CHECK_FIELD } from './harness.ts'
import { PRIVACY_POLICY_VERSION } from '../types/privacy.ts'

const app = useAppSession()
const NUMBER = '13912345670'

const call = <T>(method: string, url: string, body?: unknown, token?: string) => api<T>(app.server, method, url, body, token)

const checkNumber = () => checkInApp(app.page, NUMBER)

test('a resident reports a number from its check result; the centre confirms it; the number checks 高危 and 我的举报 shows 已核实', async () => {
  // A registered resident (H5 SMS login and registration through the API), session placed where the app keeps it.
  const tokens = await smsSignIn(app.server, '13500135009')
  await call(
    'POST',
    '/me/registration',
    { name: '李桂芳', birthDate: '1968-04-02', townshipCode: '610923100', villageCode: '610923100001', consentVersion: PRIVACY_POLICY_VERSION },
    tokens.accessToken
  )
  const page = app.page
  await placeSession(page, app.server, tokens, PRIVACY_POLICY_VERSION)
  await page.reload()
  await page.locator(CHECK_FIELD).waitFor()

  assert.notEqual(await checkNumber(), '高危')
  await page.getByText('举报这个号码', { exact: true }).click()
  // The report page, opened with the number (the check page stays in the DOM, hidden, with its own 举报这个号码).
  await page.locator('.report-page__value', { hasText: NUMBER }).waitFor()
  // The report page's 发生了什么 (the check page, hidden behind it, has a message box too).
  await page.locator('.report-page textarea.taro-textarea:visible').fill('自称京东客服，要我开通百万保障')
  await page.getByText('提交举报', { exact: true }).click()
  await page.getByText(/已提交。县反诈中心核实后/).waitFor()
  await page.locator('.report-page__mine', { hasText: NUMBER }).getByText('已提交').waitFor()

  // The centre's reviewer confirms it through the admin API.
  const { accessToken: admin } = await call<{ accessToken: string }>('POST', '/admin/login', { username: 'admin', password: 'qiandai-demo-admin' })
  const queue = await call<{ items: Array<{ value: string; reporters: number }> }>('GET', '/admin/reports/queue', undefined, admin)
  assert.ok(queue.items.some((i) => i.value === `+86${NUMBER}` && i.reporters === 1))
  await call('POST', '/admin/reports/review', { kind: 'phone', value: NUMBER, action: 'confirm', category: '冒充客服' }, admin)

  // Checking again: 高危, from the blocklist the report joined.
  await page.goto(`${app.server.url}/#/pages/check/index`)
  await page.locator(CHECK_FIELD).waitFor()
  for (let i = 0; ; i++) {
    if ((await checkNumber()) === '高危') break
    assert.ok(i < 20, 'the confirmed number never checked 高危')
    await page.waitForTimeout(250)
  }
  assert.match(await page.locator('.verdict-card').innerText(), /反诈黑名单（冒充客服）/)

  // 我的 → 我的举报: the report is 已核实 with the centre's outcome.
  await page.goto(`${app.server.url}/#/pages/mine/index`)
  await page.getByText('我的举报', { exact: true }).click()
  const mine = page.locator('.report-page__mine', { hasText: NUMBER })
  await mine.getByText('已核实是诈骗', { exact: true }).waitFor()
  assert.match(await mine.innerText(), /已列入反诈黑名单/)
  await page.waitForTimeout(800)
  await page.screenshot({ path: path.join(ARTIFACTS, 'my-reports.png'), fullPage: true })
})
