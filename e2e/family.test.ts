import { test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { api, ARTIFACTS, launchBrowser, placeSession, seriousA11yViolations, useAppSession, weChatResident } from './harness.ts'
import { PRIVACY_POLICY_VERSION } from '../types/privacy.ts'

// 家人守护 in a real browser: a resident invites, a second resident (their son, on his own phone) accepts, and a
// warning about the first from the city feed shows on the son's app as a red card he can answer.
const app = useAppSession()
const DEMO_FEED_KEY = 'qdf_demo-city-platform-not-for-production'
const MOTHER = '13500135031'
const SON = '13500135032'

test("a resident invites, a second accepts, and a feed warning for the first shows on the second's app", async () => {
  const mother = await weChatResident(app.server, 'family-mother', MOTHER, '610923100', '610923100001', false)
  const son = await weChatResident(app.server, 'family-son', SON, '610923100', '610923100001', false)

  // The mother asks to be guarded: 请TA守护我, and reads the code off the screen.
  const page = app.page
  await placeSession(page, app.server, mother, PRIVACY_POLICY_VERSION)
  await page.goto(`${app.server.url}/#/packages/family/pages/index/index`)
  await page.reload()
  await page.getByRole('heading', { name: '邀请家人' }).waitFor()
  await page.getByRole('radio', { name: '请TA守护我' }).click()
  await page.getByText('生成邀请码', { exact: true }).click()
  const code = (await page.locator('.family-page__code:visible').innerText()).trim()
  assert.match(code, /^[2-9A-Z]{4} [2-9A-Z]{4}$/)
  assert.deepEqual(await seriousA11yViolations(page), [])
  await page.screenshot({ path: path.join(ARTIFACTS, 'family-invite.png'), fullPage: true })

  // The son, on his own phone (a browser of his own), types it in, sees who sent it, and accepts.
  const sonBrowser = await launchBrowser()
  try {
    const sonPage = await sonBrowser.context.newPage()
    await placeSession(sonPage, app.server, son, PRIVACY_POLICY_VERSION)
    await sonPage.goto(`${app.server.url}/#/packages/family/pages/index/index`)
    await sonPage.reload()
    await sonPage.getByLabel('邀请码', { exact: true }).fill(code.toLowerCase())
    await sonPage.getByText('查看邀请', { exact: true }).click()
    await sonPage.getByText(/^测\*+请您守护TA：TA接到涉诈电话时，您会收到提醒。$/).waitFor()
    await sonPage.getByText('接受', { exact: true }).click()
    await sonPage
      .getByRole('list', { name: '我守护的家人' })
      .getByText(/^测\*+$/)
      .waitFor()
    assert.deepEqual(await seriousA11yViolations(sonPage), [])

    // Both sides see it: the mother's page lists her guardian.
    await page.reload()
    await page
      .getByRole('list', { name: '守护我的家人' })
      .getByText(/^测\*+$/)
      .waitFor()

    // The city platform warns about the mother: the son's app shows the copy on top of the 查号码 tab.
    const res = await fetch(`${app.server.url}/api/v1/feeds/warnings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${DEMO_FEED_KEY}`, 'content-type': 'application/x-ndjson' },
      body: `${JSON.stringify({ ref: 'e2e-family-1', phone: MOTHER, riskType: 'call', riskLevel: 'medium', evidence: { kind: 'phone', value: '+85223456789' } })}\n`
    })
    const fed = (await res.json()) as { created: number; matched: number }
    assert.deepEqual([fed.created, fed.matched], [1, 1])
    await sonPage.goto(`${app.server.url}/#/pages/check/index`)
    await sonPage.reload()
    const card = sonPage.locator('.warning-card--urgent:visible')
    await card.waitFor()
    const text = await card.innerText()
    assert.match(text, /您的家人测\*+刚刚接到涉诈电话/)
    // The son never sees the evidence (the number that called his mother).
    assert.doesNotMatch(text, /85223456789/)
    assert.deepEqual(await seriousA11yViolations(sonPage), [])
    await sonPage.screenshot({ path: path.join(ARTIFACTS, 'family-guardian-card.png'), fullPage: true })
    await card.getByText('已联系家人，没有转账', { exact: true }).click()
    // A medium warning nobody is calling about yet ends with the son's word: the card goes from both apps.
    await sonPage.locator('.warning-card:visible').waitFor({ state: 'detached' })
    const mine = await api<{ items: unknown[]; family: unknown[] }>(app.server, 'GET', '/me/warnings', undefined, mother.accessToken)
    assert.deepEqual(mine.items, [])
  } finally {
    await sonBrowser.close()
  }
})
