import { test } from 'node:test'
import assert from 'node:assert/strict'
import { useAppSession } from './harness.ts'

// Issue 26, blocker 1: the network drops (or a deploy replaces the chunks) while a clerk is typing. Chromium is made to
// fail the next page's chunk, as it does when the server is down; the clerk must stay on the page with what they typed,
// be told why in Chinese, and open the page once the chunk can be fetched again — no white screen, no F5.
const app = useAppSession({ ADMIN_LOGIN_RATE_LIMIT_MAX: '100' })

test('a page that cannot be fetched: the clerk keeps the bulletin being typed, is told why, and gets there once it loads', async () => {
  const page = app.page
  await page.setViewportSize({ width: 1366, height: 768 })
  await page.goto(`${app.server.url}/admin/`)
  await page.getByLabel('用户名').fill('admin')
  await page.getByLabel('密码').fill('qiandai-demo-admin')
  await page.getByRole('button', { name: '登录' }).click()
  await page.getByRole('heading', { name: '工作台', level: 1, exact: true }).waitFor()
  await page.goto(`${app.server.url}/admin/bulletins/new`)
  await page.getByRole('heading', { name: '新建预警信息' }).waitFor()
  const title = page.getByLabel('标题', { exact: true })
  await title.fill('关于冒充客服退款诈骗的预警')

  // The content page's chunk fails, as with the server stopped.
  await page.route(/\/admin\/assets\/content-[^/]+\.js$/, (route) => route.abort('connectionrefused'))
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '学反诈内容' }).click()
  await page.getByText(/“学反诈内容”没有打开：网络断开或服务器正在重启/).waitFor()
  assert.match(page.url(), /\/admin\/bulletins\/new$/)
  assert.equal(await title.inputValue(), '关于冒充客服退款诈骗的预警')
  assert.ok(await page.getByRole('heading', { name: '新建预警信息' }).isVisible(), 'no white screen')

  // A deploy: /admin/ now names another entry script; the message says to save, then refresh.
  await page.route(`${app.server.url}/admin/`, async (route) => {
    const response = await route.fetch()
    await route.fulfill({ response, body: (await response.text()).replace(/\/admin\/assets\/index-[^"]+\.js/, '/admin/assets/index-NEWBUILD.js') })
  })
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '学反诈内容' }).click()
  await page.getByText(/系统刚更新过，“学反诈内容”需要刷新后才能打开/).waitFor()
  assert.equal(await title.inputValue(), '关于冒充客服退款诈骗的预警')

  // Back online: the same click opens the page.
  await page.unroute(/\/admin\/assets\/content-[^/]+\.js$/)
  await page.unroute(`${app.server.url}/admin/`)
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '学反诈内容' }).click()
  await page.getByRole('heading', { name: '学反诈内容', level: 1, exact: true }).waitFor()

  // Opened by its address while its chunk fails: the frame stays, with 重新加载 that works once the chunk does.
  await page.route(/\/admin\/assets\/review-[^/]+\.js$/, (route) => route.abort('connectionrefused'))
  await page.evaluate(() => {
    const w = globalThis as unknown as {
      history: { pushState(a: unknown, b: string, c: string): void }
      dispatchEvent(e: unknown): void
      PopStateEvent: new (t: string) => unknown
    }
    w.history.pushState({}, '', '/admin/review')
    w.dispatchEvent(new w.PopStateEvent('popstate'))
  })
  await page.getByText('页面没有加载出来').waitFor()
  assert.ok(await page.getByRole('navigation', { name: '主菜单' }).isVisible(), 'the menu stays')
  await page.unroute(/\/admin\/assets\/review-[^/]+\.js$/)
  await page.getByRole('button', { name: /重新加载/ }).click()
  await page.getByRole('heading', { name: '线索审核', level: 1, exact: true }).waitFor()
})
