import { spawn, type ChildProcess } from 'node:child_process'
import assert from 'node:assert/strict'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before } from 'node:test'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { AxeBuilder } from '@axe-core/playwright'
import { PRIVACY_POLICY_VERSION } from '../types/privacy.ts'
import type { PushConfig } from '../types/bulletins.ts'

const ROOT = path.resolve(import.meta.dirname, '..')
export const ARTIFACTS = path.join(ROOT, 'artifacts', 'e2e')

export interface RunningServer {
  url: string
  /** The server's DATA_DIR (the development SMS sender writes its outbox there). */
  dataDir: string
  /** The local WeChat stand-in `npm start` runs (its control endpoints mint login codes and grant credits). */
  standInUrl: string
  stop(): Promise<void>
}

/** Starts the app exactly as `npm start` does, on a free port with a fresh embedded database. */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'qiandai-e2e-'))
  const port = String(20_000 + Math.floor(Math.random() * 20_000))
  const child: ChildProcess = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    env: { ...process.env, PORT: port, HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true
  })
  let output = ''
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 240 s:\n${output}`)), 240_000)
    child.stdout?.on('data', (d: Buffer) => {
      output += d.toString()
      if (output.includes('is running')) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code}:\n${output}`))
    })
  })
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    standInUrl: /WeChat API: local stand-in at (\S+)/.exec(output)?.[1] ?? '',
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        process.kill(-(child.pid as number), 'SIGTERM')
        await exited
      }
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
}

/** Debian's Chromium, headless, with a fresh profile (npm's browser downloads do not work here). */
export async function launchBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(path.join(tmpdir(), 'qiandai-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--autoplay-policy=no-user-gesture-required',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync'
    ],
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    locale: 'zh-CN'
  })
  return {
    context,
    async close() {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    }
  }
}

export interface AppSession {
  server: RunningServer
  page: Page
}

/**
 * One `npm start` server and one browser page for a test file: registers before/after hooks and returns a
 * holder whose fields are set once `before` has run.
 */
export function useAppSession(env: Record<string, string> = {}): AppSession {
  const session = {} as AppSession
  let browser: { context: BrowserContext; close(): Promise<void> } | undefined
  before(async () => {
    session.server = await startServer(env)
    browser = await launchBrowser()
    session.page = await browser.context.newPage()
    mkdirSync(ARTIFACTS, { recursive: true })
  })
  after(async () => {
    await browser?.close()
    await session.server?.stop()
  })
  return session
}

/** One API call to the running server; fails the test on a non-2xx answer. */
export async function api<T>(server: RunningServer, method: string, url: string, body?: unknown, token?: string): Promise<T> {
  const res = await fetch(`${server.url}/api/v1${url}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined
  })
  assert.ok(res.ok, `${method} ${url}: HTTP ${res.status} ${await res.clone().text()}`)
  return (res.status === 204 ? undefined : res.json()) as Promise<T>
}

export interface ResidentTokens {
  accessToken: string
  refreshToken: string
  residentId: string
}

/** The code the development SMS sender wrote for this (masked) phone, waiting up to 10 s for it. */
export async function smsCodeFor(server: RunningServer, maskedPhone: string): Promise<string> {
  const outbox = path.join(server.dataDir, 'dev-sms-outbox.jsonl')
  for (let i = 0; i < 100; i++) {
    if (existsSync(outbox)) {
      const lines = readFileSync(outbox, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { to: string; code: string })
      const hit = lines.reverse().find((l) => l.to === maskedPhone)
      if (hit) return hit.code
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`no SMS for ${maskedPhone}`)
}

/** An H5 SMS login through the API, with the code the development sender wrote to its outbox. */
export async function smsSignIn(server: RunningServer, phone: string): Promise<ResidentTokens> {
  await api(server, 'POST', '/auth/sms/send', { phone })
  const masked = `${phone.slice(0, 3)}****${phone.slice(7)}`
  const outbox = readFileSync(path.join(server.dataDir, 'dev-sms-outbox.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { to: string; code: string })
  const code = outbox.reverse().find((l) => l.to === masked)?.code as string
  return api<ResidentTokens>(server, 'POST', '/auth/sms/login', { phone, code })
}

/** Puts a session where the app keeps it (Taro's H5 storage wraps each value as {"data": …}) and reloads. */
export async function placeSession(page: Page, server: RunningServer, tokens: ResidentTokens, privacyAgreedVersion: string | null = null): Promise<void> {
  await page.goto(`${server.url}/#/pages/check/index`)
  await page.evaluate(
    ({ t, privacy }) => {
      const state = {
        tokens: { accessToken: t.accessToken, refreshToken: t.refreshToken, expiresAt: Date.now() + 600_000, residentId: t.residentId },
        me: null,
        privacyAgreedVersion: privacy,
        fontSize: 'system'
      }
      // Typed without the DOM library: the server's tsconfig compiles this file too (bench:h5 imports the harness).
      const storage = (globalThis as unknown as { localStorage: { setItem(key: string, value: string): void } }).localStorage
      storage.setItem('qiandai.session', JSON.stringify({ data: JSON.stringify({ state, version: 1 }) }))
    },
    { t: tokens, privacy: privacyAgreedVersion }
  )
}

/** A resident who signed in through the mini-program (WeChat stand-in), registered in `village`, and subscribed. */
export async function weChatResident(
  server: RunningServer,
  user: string,
  phone: string,
  township: string,
  village: string,
  subscribe: boolean
): Promise<ResidentTokens> {
  const control = async <T>(path: string, body: unknown) => {
    const res = await fetch(`${server.standInUrl}/__standin/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body)
    })
    assert.ok(res.ok, `stand-in ${path}: HTTP ${res.status}`)
    return res.json() as Promise<T>
  }
  const login = await control<{ code: string; openid: string }>('login-code', { user })
  const tokens = await api<ResidentTokens>(server, 'POST', '/auth/wechat', { code: login.code })
  const phoneCode = await control<{ code: string }>('phone-code', { phone })
  await api(server, 'POST', '/auth/wechat/phone', { code: phoneCode.code }, tokens.accessToken)
  await api(
    server,
    'POST',
    '/me/registration',
    { name: '测试居民', birthDate: '1980-06-15', townshipCode: township, villageCode: village, consentVersion: PRIVACY_POLICY_VERSION },
    tokens.accessToken
  )
  if (subscribe) {
    const { templates } = await api<PushConfig>(server, 'GET', '/push/config')
    const bulletinTemplate = templates.bulletin as string
    await api(server, 'POST', '/me/subscriptions', { results: { [bulletinTemplate]: 'accept' } }, tokens.accessToken)
    await control('credits', { openid: login.openid, template_id: bulletinTemplate, count: 1 })
  }
  return tokens
}

/** axe-core's serious and critical findings on the page as it is now (WCAG 2.1 A and AA rules), one line each. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`
    )
}

/** The check page's field: the message box (<textarea>) in 全部, what the page opens on; an <input> in the shortcuts. */
export const CHECK_FIELD = '.check-box__input :is(input, textarea)'

/** Types a number into the H5 check page (already open) and returns the verdict label the result card shows. */
export async function checkInApp(page: Page, number: string): Promise<string> {
  const input = page.locator(CHECK_FIELD)
  await input.fill(number)
  await page.getByText('查一查', { exact: true }).click()
  // Typed without the DOM library, like placeSession.
  await page.waitForFunction(
    () => (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document.querySelector('.check-box__go[loading]') === null
  )
  const card = page.locator('.verdict-card')
  await card.waitFor()
  return (await card.locator('.verdict-card__label').innerText()).trim()
}

/** Signs a staff member into the console on `url` at a desk's (or a phone's) width and waits for the page's heading. */
export async function consoleSignIn(
  page: Page,
  server: RunningServer,
  account: { username: string; password: string },
  url: string,
  heading: string,
  width = 1280
): Promise<void> {
  await page.setViewportSize({ width, height: width < 600 ? 800 : 768 })
  await page.goto(`${server.url}/admin/`)
  await page.evaluate('sessionStorage.clear()')
  await page.goto(`${server.url}/admin${url}`)
  await page.getByLabel('用户名').fill(account.username)
  await page.getByLabel('密码').fill(account.password)
  await page.getByRole('button', { name: '登录' }).click()
  await page.getByRole('heading', { name: heading, level: 1, exact: true }).waitFor()
  await page.waitForLoadState('networkidle')
}
