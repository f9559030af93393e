import { test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { api, ARTIFACTS, CHECK_FIELD, placeSession, seriousA11yViolations, smsSignIn, useAppSession } from './harness.ts'
import { PRIVACY_POLICY_VERSION } from '../types/privacy.ts'

const app = useAppSession()

/** Checks a value on the 查号码 tab without a network: the offline page opens with the phone's own answer. */
async function checkOffline(value: string): Promise<{ label: string; text: string }> {
  const { page } = app
  // Back from the previous offline answer, as a resident does (the 查号码 tab is under it).
  if (page.url().includes('packages/offline')) await page.goBack()
  // Taro's H5 router keeps a page it leaves in the DOM, hidden: the visible box and button are this visit's.
  const field = page.locator(`${CHECK_FIELD} >> visible=true`)
  await field.fill(value)
  await page.locator('.check-box__go >> visible=true').click()
  const card = page.getByRole('region', { name: /（离线判断，联网后会再确认）$/ })
  await card.waitFor()
  assert.match(page.url(), /packages\/offline\/pages\/check\/index/)
  return { label: (await card.locator('.verdict-card__label').innerText()).trim(), text: await page.locator('.offline-check').innerText() }
}

test('without a network the phone answers from its rules and its copy of the blocklist, never "safe", and reloads', async () => {
  const { page } = app
  await page.goto(`${app.server.url}/#/pages/check/index`)
  await page.locator(CHECK_FIELD).waitFor()
  // Online first: the service worker keeps the app, and the blocklist's copy is downloaded.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready
  })
  await page.waitForFunction(async () => Boolean(await (await caches.open('qiandai-lists')).match('/offline/blocklist-snapshot.bin')), null, {
    timeout: 20_000
  })

  await page.context().setOffline(true)

  const abroad = await checkOffline('0085263338888')
  assert.equal(abroad.label, '可疑')
  assert.match(abroad.text, /这是境外来电（中国香港特别行政区）/)
  assert.match(abroad.text, /挂断/)
  assert.match(abroad.text, /没有查什么[\s\S]*县反诈中心的最新黑名单、核实名单和居民举报都没有查/)
  await page.screenshot({ path: path.join(ARTIFACTS, 'offline-check.png'), fullPage: true })
  assert.deepEqual(await seriousA11yViolations(page), [])

  const spoofed = await checkOffline('+86 95588')
  assert.equal(spoofed.label, '高危')
  assert.match(spoofed.text, /伪装成银行、客服或政府热线/)

  // In the demo blocklist (刷单返利): the copy may hold it, and says no more than that.
  const listed = await checkOffline('16500001111')
  assert.equal(listed.label, '可疑')
  assert.match(listed.text, /离线名单可能包含这个号码，联网后确认/)
  assert.doesNotMatch(listed.text, /已被列入/)

  const unknown = await checkOffline('13812345678')
  assert.equal(unknown.label, '未能确认')
  assert.match(unknown.text, /没有网络，县反诈中心的名单没有查/)
  assert.doesNotMatch(unknown.text, /已核实|暂无风险记录/)

  // A reload without a network opens the app (the service worker's copy), not the browser's error page.
  await page.goBack()
  await page.reload()
  await page.locator(CHECK_FIELD).waitFor({ timeout: 10_000 })
  await page.getByRole('navigation', { name: '主菜单' }).waitFor()

  // Back online: the offline answer is confirmed without a tap — the server's answer on the 查号码 tab.
  await checkOffline('13812345678')
  await page.context().setOffline(false)
  await page.getByRole('region', { name: '查询结果：暂无风险记录' }).waitFor()
  assert.match(page.url(), /pages\/check\/index/)
})

test('a report written without a network waits on the phone and is sent once when the network returns', async () => {
  const { page } = app
  const NUMBER = '13912345688'
  const tokens = await smsSignIn(app.server, '13500135077')
  const call = <T>(method: string, url: string, body?: unknown) => api<T>(app.server, method, url, body, tokens.accessToken)
  await call('POST', '/me/registration', {
    name: '王秀兰',
    birthDate: '1962-05-01',
    townshipCode: '610923100',
    villageCode: '610923100001',
    consentVersion: PRIVACY_POLICY_VERSION
  })
  await placeSession(page, app.server, tokens, PRIVACY_POLICY_VERSION)
  await page.goto(`${app.server.url}/#/packages/report/pages/index/index?value=${NUMBER}&kind=phone`)
  // The app reads the placed session when it starts.
  await page.reload()
  await page.getByText('提交举报', { exact: true }).waitFor()

  await page.context().setOffline(true)
  await page.getByText('提交举报', { exact: true }).click()
  await page.getByText(/没有网络：举报已保存在这台手机上，联网后会自动发送，只发送一次/).waitFor()
  await page.getByText('等待联网').waitFor()
  assert.deepEqual(await seriousA11yViolations(page), [])
  const before = await call<{ items: Array<{ input: string }> }>('GET', '/me/reports')
  assert.equal(before.items.filter((r) => r.input === NUMBER).length, 0)

  // The network returns: sent without a tap, and only once (a reload and another 'online' send nothing more).
  await page.context().setOffline(false)
  await page.getByText('等待联网').waitFor({ state: 'detached' })
  await page.reload()
  await page.locator('.report-page__mine', { hasText: NUMBER }).waitFor()
  const after = await call<{ items: Array<{ input: string }> }>('GET', '/me/reports')
  assert.equal(after.items.filter((r) => r.input === NUMBER).length, 1)
  // Nothing left waiting on the phone (Taro's H5 storage wraps each value as {"data": "<json>"}).
  const waiting = await page.evaluate(() => {
    const stored = localStorage.getItem('qiandai-report-queue')
    return stored ? (JSON.parse(JSON.parse(stored).data) as { state: { items: unknown[] } }).state.items.length : 0
  })
  assert.equal(waiting, 0)
})

test('every tab opens without a network and says what needs it, with 重试 (never silently nothing)', async () => {
  const { page } = app
  await page.goto(`${app.server.url}/#/pages/check/index`)
  await page.locator(`${CHECK_FIELD} >> visible=true`).waitFor()
  await page.context().setOffline(true)
  const tab = (name: string) => page.locator('.weui-tabbar__item', { hasText: name })

  // 预警: the list received while online (on the 查号码 tab's visit), from the phone.
  await tab('预警').click()
  await page.locator('.bulletins-page__offline >> visible=true').waitFor()
  assert.match(await page.locator('.bulletins-page__offline').innerText(), /网络不通，这是这台手机上保存的预警/)
  assert.ok((await page.locator('.bulletins-page .bulletin-item >> visible=true').count()) > 0)

  // 学反诈: never opened online here — it says the network failed and offers 重试.
  await tab('学反诈').click()
  const learnError = page.locator('.state-view--error >> visible=true')
  await learnError.waitFor()
  assert.match(await learnError.innerText(), /网络不给力[\s\S]*重试/)

  await tab('我的').click()
  await page.locator('.mine-page >> visible=true').waitFor()
  await page.context().setOffline(false)
})
