import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { checkInApp, useAppSession } from './harness.ts'

// The content security policy the server sends (server/src/plugins/security-headers.ts) must hold for the real pages:
// the H5 app, the console on every menu page, and Swagger UI. Chromium reports every blocked script, style, image,
// media or connection as a securitypolicyviolation event; none may occur.
const app = useAppSession({ ADMIN_LOGIN_RATE_LIMIT_MAX: '100' })

async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.context().addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] }
    w.__cspViolations = []
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`)
    )
  })
  const fromConsole: string[] = []
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) fromConsole.push(m.text())
  })
  return async () => [...fromConsole, ...(await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []))]
}

test('no page breaks the content security policy: the app, the console on every page, Swagger UI', async () => {
  const page = app.page
  const violations = await watchViolations(page)
  const seen: string[] = []
  const visit = async (where: string) => {
    await page.waitForLoadState('networkidle')
    seen.push(...(await violations()).map((v) => `${where}: ${v}`))
  }

  const home = await page.goto(`${app.server.url}/`)
  const headers = home?.headers() ?? {}
  assert.match(headers['content-security-policy'] ?? '', /frame-ancestors 'none'/)
  assert.equal(headers['x-frame-options'], 'DENY')
  assert.equal(headers['x-content-type-options'], 'nosniff')
  assert.equal(headers['referrer-policy'], 'no-referrer')

  for (const [hash, ready] of [
    ['pages/learn/index', '.learn-page'],
    ['pages/bulletins/index', '.bulletin-item'],
    ['pages/check/index', '.check-box']
  ] as const) {
    await page.goto(`${app.server.url}/#/${hash}`)
    await page.locator(ready).first().waitFor()
    await visit(hash)
  }
  // A check answered (the API call and the answer's rendering).
  assert.match(await checkInApp(page, '0085263338888'), /可疑|高危/)
  await visit('a check')

  await page.goto(`${app.server.url}/admin/`)
  await page.getByLabel('用户名').fill('admin')
  await page.getByLabel('密码').fill('qiandai-demo-admin')
  await page.getByRole('button', { name: '登录' }).click()
  await page.getByRole('heading', { name: '工作台', level: 1, exact: true }).waitFor()
  await visit('console dashboard')
  for (const [url, heading] of [
    ['/bulletins', '发布预警信息'],
    ['/bulletins/new', '新建预警信息'],
    ['/content', '学反诈内容'],
    ['/review', '线索审核'],
    ['/blocklist', '黑名单'],
    ['/senders', '官方发送方'],
    ['/accounts', '账号'],
    ['/warnings', '预警劝阻'],
    ['/calls', '电话预警'],
    ['/visits', '上门劝阻'],
    ['/figures', '无诈统计'],
    ['/cases', '案件登记']
  ] as const) {
    await page.goto(`${app.server.url}/admin${url}`)
    await page.getByRole('heading', { name: heading, level: 1, exact: true }).waitFor()
    await visit(`console ${url}`)
  }

  await page.goto(`${app.server.url}/docs`)
  await page.locator('.swagger-ui .information-container').waitFor()
  await visit('Swagger UI')

  assert.deepEqual(seen, [])
})
