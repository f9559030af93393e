import { test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { api, ARTIFACTS, placeSession, seriousA11yViolations, smsSignIn, useAppSession } from './harness.ts'

const app = useAppSession()

const call = <T>(method: string, url: string, body?: unknown, token?: string) => api<T>(app.server, method, url, body, token)

test('the centre publishes a bulletin; a signed-in resident sees it with the unread dot, opens it, and the count drops', async () => {
  // The centre: log in with the demo admin and publish.
  const { accessToken: adminToken } = await call<{ accessToken: string }>('POST', '/admin/login', { username: 'admin', password: 'qiandai-demo-admin' })
  const draft = await call<{ id: string }>(
    'POST',
    '/admin/bulletins',
    {
      title: '紧急提醒：冒充“社保局”电话',
      summaryShort: '社保局不会电话要验证码',
      summary: '近期有人冒充社保局来电，说社保卡要停用，索要验证码。',
      periodStart: '2026-11-23',
      periodEnd: '2026-11-29',
      tags: ['冒充公检法'],
      audience: null,
      severity: 'routine',
      body: [
        { type: 'paragraph', text: '社保部门不会打电话要求提供验证码或转账。' },
        { type: 'tips', items: ['挂断电话，拨打12333核实'] }
      ]
    },
    adminToken
  )
  const published = await call<{ issueNo: number }>('POST', `/admin/bulletins/${draft.id}/publish`, undefined, adminToken)
  assert.ok(published.issueNo >= 1)

  // A resident signs in (H5, SMS code from the development sender) — the session goes where the app keeps it.
  const tokens = await smsSignIn(app.server, '13600136001')
  const unreadBefore = (await call<{ count: number }>('GET', '/bulletins/unread', undefined, tokens.accessToken)).count
  const page = app.page
  await placeSession(page, app.server, tokens)

  await page.goto(`${app.server.url}/#/pages/bulletins/index`)
  await page.reload()
  const item = page.locator('.bulletin-item', { hasText: '紧急提醒：冒充“社保局”电话' })
  await item.waitFor()
  assert.equal(await item.locator('[aria-label="未读"]').count(), 1)
  assert.match(await item.innerText(), new RegExp(`第${published.issueNo}期`))
  const badge = page.locator('.taro-tabbar-badge')
  await badge.waitFor()
  assert.equal((await badge.innerText()).trim(), String(unreadBefore))
  // Read as a screen reader meets it: the tab by its label, then the count; the tab on screen is the current page.
  const tab = page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: new RegExp(`^预警\\s*，${unreadBefore}条未读$`) })
  await tab.waitFor()
  assert.deepEqual(await seriousA11yViolations(page), [])
  assert.equal(await tab.getAttribute('aria-current'), 'page')
  await page.screenshot({ path: path.join(ARTIFACTS, 'bulletins-list.png'), fullPage: true })

  await item.click()
  await page.locator('.bulletin-detail').waitFor()
  assert.match(await page.locator('.bulletin-detail').innerText(), /社保部门不会打电话要求提供验证码或转账/)
  await page.screenshot({ path: path.join(ARTIFACTS, 'bulletin-detail.png'), fullPage: true })
  await page.goBack()

  await item.waitFor()
  await page.waitForFunction(() => document.querySelectorAll('.bulletin-item [aria-label="未读"]').length >= 0)
  assert.equal(await item.locator('[aria-label="未读"]').count(), 0)
  const unreadAfter = (await call<{ count: number }>('GET', '/bulletins/unread', undefined, tokens.accessToken)).count
  assert.equal(unreadAfter, unreadBefore - 1)
  await page.waitForFunction((n) => (document.querySelector('.taro-tabbar-badge')?.textContent ?? '').trim() === String(n), unreadAfter)
})
