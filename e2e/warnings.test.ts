import { test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { api, ARTIFACTS, consoleSignIn, placeSession, seriousA11yViolations, smsSignIn, useAppSession } from './harness.ts'
import { PRIVACY_POLICY_VERSION } from '../types/privacy.ts'

// No wait between the two 无法接通 in this run: the retry interval is configuration.
const app = useAppSession({ WARN_UNREACHABLE_RETRY_MINUTES: '0', ADMIN_LOGIN_RATE_LIMIT_MAX: '100' })
const PHONE = '13500135021'
const DEMO_FEED_KEY = 'qdf_demo-city-platform-not-for-production'

const call = <T>(method: string, url: string, body?: unknown, token?: string) => api<T>(app.server, method, url, body, token)

const consoleAs = (page: Page, username: string, password: string, url: string, heading: string) =>
  consoleSignIn(page, app.server, { username, password }, url, heading, username.startsWith('officer') ? 375 : 1280)

test("a feed line reaches the resident's red card; 请民警联系我 → the operator claims it in the console and the same code passes 核验来电民警 → two 无法接通 → the 城关镇 officer visits → 劝阻成功", async () => {
  const tokens = await smsSignIn(app.server, PHONE)
  await call(
    'POST',
    '/me/registration',
    { name: '赵桂英', birthDate: '1962-03-08', townshipCode: '610923100', villageCode: '610923100001', consentVersion: PRIVACY_POLICY_VERSION },
    tokens.accessToken
  )
  const resident = app.page
  await placeSession(resident, app.server, tokens, PRIVACY_POLICY_VERSION)

  // The city platform's feed: one line about this resident (matched through the blind index).
  const res = await fetch(`${app.server.url}/api/v1/feeds/warnings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${DEMO_FEED_KEY}`, 'content-type': 'application/x-ndjson' },
    body: `${JSON.stringify({ ref: 'e2e-1', phone: PHONE, riskType: 'call', riskLevel: 'medium', evidence: { kind: 'phone', value: '+85223456789' } })}\n`
  })
  const fed = (await res.json()) as { created: number; matched: number; lines: Array<{ id: string }> }
  assert.deepEqual([fed.created, fed.matched], [1, 1])
  const id = fed.lines[0]!.id

  // The red card on top of the 查号码 tab, with what happened and what to do.
  await resident.goto(`${app.server.url}/#/pages/check/index`)
  await resident.reload()
  const card = resident.locator('.warning-card--urgent')
  await card.waitFor()
  assert.match(await card.innerText(), /您刚刚接听了一个诈骗电话（号码：\+85223456789）/)
  assert.deepEqual(await seriousA11yViolations(resident), [])
  await resident.screenshot({ path: path.join(ARTIFACTS, 'warning-red-card.png'), fullPage: true })
  await card.getByText('请民警联系我', { exact: true }).click()
  await resident.locator('.warning-card:visible', { hasText: '您已回复：请民警联系我' }).waitFor()

  // The county operator takes the next call in the console: the number, the code to read out, the script.
  const desk = await resident.context().newPage()
  await consoleAs(desk, 'operator', 'qiandai-demo-operator', '/calls', '电话预警')
  await desk.getByRole('button', { name: '领取下一个' }).click()
  await desk.getByRole('link', { name: `拨打 ${PHONE}` }).waitFor()
  const code = /核验码 (\d{6})/.exec(await desk.getByText(/^核验码 \d{6}$/).innerText())![1]!
  assert.deepEqual(await seriousA11yViolations(desk), [])
  await desk.screenshot({ path: path.join(ARTIFACTS, 'console-call.png'), fullPage: true })

  // The same code in the resident's app, and 核验来电民警 says the caller is genuine.
  await resident.goto(`${app.server.url}/#/pages/mine/index`)
  // Taro keeps the tab pages it has shown in the DOM (hidden): look at the visible one.
  await resident.locator('.warning-card__code:visible', { hasText: code }).waitFor()
  await resident.locator('.warning-card:visible').getByText('核验来电民警', { exact: true }).click()
  await resident.getByLabel('对方的警号', { exact: true }).fill('061234')
  await resident.getByLabel('对方报的核验码', { exact: true }).fill(code)
  await resident.getByText('核验', { exact: true }).click()
  await resident.getByText('是真民警', { exact: true }).waitFor()
  assert.deepEqual(await seriousA11yViolations(resident), [])
  await resident.screenshot({ path: path.join(ARTIFACTS, 'warning-verify.png'), fullPage: true })

  // Two 无法接通: the second sends the station.
  for (let attempt = 1; attempt <= 2; attempt++) {
    if (attempt === 2) {
      await desk.getByRole('button', { name: '领取', exact: true }).click()
      await desk.getByRole('link', { name: `拨打 ${PHONE}` }).waitFor()
    }
    await desk.getByLabel('无法接通').check()
    await desk.getByRole('button', { name: '记录结果' }).click()
    await desk.getByRole('link', { name: `拨打 ${PHONE}` }).waitFor({ state: 'detached' })
  }
  const afterCalls = await call<{ warning: { level: number } }>(
    'GET',
    `/admin/warnings/${id}`,
    undefined,
    (await call<{ accessToken: string }>('POST', '/admin/login', { username: 'admin', password: 'qiandai-demo-admin' })).accessToken
  )
  assert.equal(afterCalls.warning.level, 3)

  // The 城关镇 officer, on a phone: the visit task, claimed and recorded.
  await consoleAs(desk, 'officer-chengguan', 'qiandai-demo-officer', '/visits', '上门劝阻')
  await desk.getByRole('button', { name: '领取', exact: true }).click()
  await desk.getByRole('link', { name: `拨打 ${PHONE}` }).waitFor()
  assert.deepEqual(await seriousA11yViolations(desk), [])
  await desk.screenshot({ path: path.join(ARTIFACTS, 'console-visit-phone.png'), fullPage: true })
  await desk.getByLabel('劝阻成功').check()
  await desk.getByRole('button', { name: '记录结果' }).click()
  await desk.getByText('没有待上门的任务').waitFor()

  // The board and the warning's timeline say how it ended.
  await desk.goto(`${app.server.url}/admin/warnings/${id}`)
  await desk.getByRole('heading', { name: /^预警 135\*\*\*\*5021$/, level: 1 }).waitFor()
  await desk.getByText('上门劝阻：劝阻成功').waitFor()
  assert.match(await desk.getByRole('main').innerText(), /劝阻成功/)
  assert.deepEqual(await seriousA11yViolations(desk), [])

  // The figures count it: one warning this month, dissuaded.
  await consoleAs(desk, 'operator', 'qiandai-demo-operator', '/figures', '无诈统计')
  const figure = async (id: string) => (await desk.getByTestId(id).locator('.ant-statistic-content').innerText()).trim()
  await desk.getByTestId('fig-warnings').waitFor()
  assert.equal(await figure('fig-warnings'), '1')
  assert.equal(await figure('fig-dissuasion'), '100.0%')
  assert.deepEqual(await seriousA11yViolations(desk), [])
  await desk.screenshot({ path: path.join(ARTIFACTS, 'console-figures.png'), fullPage: true })
  await desk.close()

  // The warning has ended: the card is gone from the app.
  await resident.goto(`${app.server.url}/#/pages/mine/index`)
  await resident.getByText('遇到可疑情况', { exact: true }).waitFor()
  await resident.waitForTimeout(500)
  assert.equal(await resident.locator('.warning-card').count(), 0)
})

test("我需要帮助 end to end: the dialog answers (its button within WeChat's limit), the resident is told, and the call is first in the operator's queue", async () => {
  const phone = '13500135031'
  const tokens = await smsSignIn(app.server, phone)
  await call(
    'POST',
    '/me/registration',
    { name: '钱玉兰', birthDate: '1958-09-12', townshipCode: '610923100', villageCode: '610923100001', consentVersion: PRIVACY_POLICY_VERSION },
    tokens.accessToken
  )
  // The app's own page (a second page in the same browser would share, and race for, the stored session).
  const resident = app.page
  // Signed out first, so the earlier resident's app has nothing of its own left to store over the new session.
  await resident.evaluate('localStorage.clear()')
  await resident.reload()
  await placeSession(resident, app.server, tokens, PRIVACY_POLICY_VERSION)
  await resident.goto(`${app.server.url}/#/pages/mine/index`)
  await resident.reload()
  // Once the profile (with the verified phone the centre will call) has loaded.
  await resident.locator('.mine-page:visible').getByText('我的登记信息').waitFor()
  await resident.locator('.mine-page:visible').getByText('我需要帮助', { exact: true }).click()
  const dialog = resident.locator('[role="alertdialog"]:visible')
  await dialog.waitFor()
  assert.match(await dialog.innerText(), /135\*{4}5031|13500135031/)
  await dialog.getByText('请联系我', { exact: true }).click()
  await resident.getByText('已通知民警，请留意来电').waitFor()
  // The resident's own card says a call is coming.
  await resident.goto(`${app.server.url}/#/pages/mine/index`)
  await resident.locator('.warning-card:visible').first().waitFor()

  // The operator's queue: the resident's request, taken first (high risk), with the number to call.
  const desk = await resident.context().newPage()
  await consoleAs(desk, 'operator', 'qiandai-demo-operator', '/calls', '电话预警')
  await desk.getByText('居民求助').first().waitFor()
  await desk.getByRole('button', { name: '领取下一个' }).click()
  await desk.getByRole('link', { name: `拨打 ${phone}` }).waitFor()
  await desk.close()
})
