import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before } from 'node:test'
import { chromium, type BrowserContext, type Page } from 'playwright-core'

const ROOT = path.resolve(import.meta.dirname, '..')
export const ARTIFACTS = path.join(ROOT, 'artifacts', 'e2e')

export interface RunningServer {
  url: string
  /** The server's DATA_DIR (the development SMS sender writes its outbox there). */
  dataDir: string
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
    args: ['--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
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
export function useAppSession(): AppSession {
  const session = {} as AppSession
  let browser: { context: BrowserContext; close(): Promise<void> } | undefined
  before(async () => {
    session.server = await startServer()
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
