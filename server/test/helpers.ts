import { FormatRegistry } from '@sinclair/typebox'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { after, before } from 'node:test'
import pg from 'pg'
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import type { DB } from '../src/db/schema.ts'
import { buildApp, type BuildOptions } from '../src/app.ts'
import { loadConfig, type Config } from '../src/config.ts'
import { migrateToLatest, openDatabase, type Database } from '../src/db/database.ts'
import { residentToken, signedInStaff } from './fixtures.ts'

export type StoreName = 'pglite' | 'postgres'

/**
 * Both stores. The PostgreSQL suites run when DATABASE_URL is set (`npm test` sets it to the local server when one
 * answers); otherwise they are reported as skipped, with the reason, rather than silently left out.
 */
export function storesUnderTest(): StoreName[] {
  return ['pglite', 'postgres']
}

/** describe() options for a suite on `store`: skipped (and counted as such) when PostgreSQL is not configured. */
export function storeOptions(store: StoreName): { skip: string | false } {
  return {
    skip: store === 'postgres' && !process.env.DATABASE_URL ? 'PostgreSQL left out: DATABASE_URL is not set and no server answered at 127.0.0.1:5432' : false
  }
}

export interface TestDatabase {
  database: Database
  /** The connection URL (PostgreSQL only), for child processes such as the CLI. */
  url?: string
  /** Opens another connection set to the same database (a second "server process"). */
  openAnother(): Promise<Database>
  cleanup(): Promise<void>
}

/** A fresh, migrated database: in-memory PGlite, or a new PostgreSQL database dropped afterwards. */
export async function openTestDatabase(store: StoreName): Promise<TestDatabase> {
  if (store === 'pglite') {
    const database = await openDatabase({ dataDir: 'memory://' })
    await migrateToLatest(database.db)
    return {
      database,
      openAnother: async () => {
        throw new Error('PGlite is single-process')
      },
      cleanup: () => database.close()
    }
  }
  const base = new URL(process.env.DATABASE_URL as string)
  const name = `qiandai_test_${process.pid}_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: withDatabase(base, 'postgres') })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = withDatabase(base, name)
  const database = await openDatabase({ databaseUrl: url, dataDir: '' })
  await migrateToLatest(database.db)
  const others: Database[] = []
  return {
    database,
    url,
    openAnother: async () => {
      const other = await openDatabase({ databaseUrl: url, dataDir: '' })
      others.push(other)
      return other
    },
    cleanup: async () => {
      await Promise.all(others.map((o) => o.close()))
      await database.close()
      const a = new pg.Client({ connectionString: withDatabase(base, 'postgres') })
      await a.connect()
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await a.end()
    }
  }
}

function withDatabase(base: URL, name: string): string {
  const u = new URL(base.toString())
  u.pathname = `/${name}`
  return u.toString()
}

export function testConfig(env: Record<string, string> = {}): Config {
  // Uploaded media go to a fresh temporary folder, never into the repository's data folder.
  return loadConfig({
    MEDIA_DIR: mkdtempSync(path.join(tmpdir(), 'qiandai-media-')),
    NODE_ENV: 'test',
    JWT_SECRET: 'test-secret-test-secret-test-secret!',
    CHECK_RATE_LIMIT_MAX: '100000',
    API_RATE_LIMIT_MAX: '100000',
    ADMIN_LOGIN_RATE_LIMIT_MAX: '100000',
    PUSH_WORKER: 'off',
    ...env
  })
}

export async function buildTestApp(
  database: Database,
  env: Record<string, string> = {},
  options: Omit<BuildOptions, 'database'> = {}
): Promise<{ app: FastifyInstance; config: Config }> {
  const config = testConfig(env)
  const app = await buildApp(config, { ...options, database })
  return { app, config }
}

/** Polls until `probe` returns true or the deadline passes; returns the time taken in ms. */
export async function eventually(probe: () => boolean | Promise<boolean>, timeoutMs = 1_000): Promise<number> {
  const start = Date.now()
  for (;;) {
    if (await probe()) return Date.now() - start
    if (Date.now() - start > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

// TypeBox's Value.Check only knows formats that are registered; the API uses date-time.
FormatRegistry.Set('date-time', (v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v)))

/** A clock tests move by hand (SMS expiry and limits, ages). */
export class TestClock {
  constructor(private ms = Date.parse('2026-11-29T02:00:00Z')) {}
  now = (): Date => new Date(this.ms)
  advance(ms: number): void {
    this.ms += ms
  }
}

export interface SmsGateway {
  url: string
  /** Messages received, newest last: the request body the HTTP adapter sent. */
  messages: Array<{ to: string; template: string; params: { code: string; minutes: number }; authorization: string | undefined }>
  /** The next `times` requests answer with this HTTP status. */
  failNext(status: number, times?: number): void
  lastCodeFor(phone: string): string
  close(): Promise<void>
}

/** A local HTTP endpoint in the shape HttpSmsSender posts to, recording what it receives. */
export async function startSmsGateway(): Promise<SmsGateway> {
  const { createServer } = await import('node:http')
  const messages: SmsGateway['messages'] = []
  const failures: number[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString()))
    req.on('end', () => {
      const status = failures.shift()
      if (status) {
        res.writeHead(status).end('{"error":"injected"}')
        return
      }
      messages.push({ ...JSON.parse(body), authorization: req.headers.authorization })
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}')
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${port}/send`,
    messages,
    failNext: (status, times = 1) => failures.push(...Array.from({ length: times }, () => status)),
    lastCodeFor(phone) {
      // The latest code sent (notices such as warnings carry text, not a code).
      const m = [...messages].reverse().find((x) => x.to === `+86${phone}` && typeof x.params?.code === 'string')
      if (!m) throw new Error(`no SMS to ${phone}`)
      return m.params.code
    },
    close: () => new Promise<void>((r) => server.close(() => r()))
  }
}

/** Creates admin accounts with these roles (username = role) and returns their access tokens, by role. */
export async function adminTokens(
  app: FastifyInstance,
  database: Database,
  config: Config,
  roles: ReadonlyArray<'admin' | 'editor' | 'reviewer'>
): Promise<Record<string, string>> {
  const tokens: Record<string, string> = {}
  for (const role of roles) tokens[role] = (await signedInStaff(app, database, config, { username: role, role })).headers.authorization!.slice('Bearer '.length)
  return tokens
}

/** A multipart/form-data body with one file field. */
export function multipart(filename: string, content: Buffer, contentType = 'application/octet-stream'): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----qiandai' + Math.random().toString(16).slice(2)
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`)
  ])
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

/** The credentials every test's WeChat stand-in and app agree on. */
export const TEST_WECHAT = { WECHAT_APPID: 'wx-test', WECHAT_SECRET: 'wx-secret' }

/** The WeChat stand-in on a free local port (the app reaches it through WECHAT_API_BASE = url). */
export async function startWeChatStandIn(options: { slowAnswerMs?: number } = {}): Promise<{ server: FastifyInstance; url: string }> {
  const { buildWeChatStandIn } = await import('../src/wechat/stand-in.ts')
  const server = buildWeChatStandIn({ appId: TEST_WECHAT.WECHAT_APPID, appSecret: TEST_WECHAT.WECHAT_SECRET, ...options })
  return { server, url: await server.listen({ port: 0, host: '127.0.0.1' }) }
}

/** The app on a fresh database, shared by the tests of one describe block (see useAppSuite). */
export interface AppSuite {
  tdb: TestDatabase
  app: FastifyInstance
  config: Config
  /** Access tokens by name: admins by role, residents by the names given. */
  tokens: Record<string, string>
  /** The Authorization header of a token holder. */
  as(who: string): { authorization: string }
}

export interface AppSuiteOptions {
  /** Configuration; a function when it depends on something started in an earlier before() (a stand-in's URL). */
  env?: Record<string, string> | (() => Record<string, string>)
  /** Admin accounts to create and sign in, one per role. */
  roles?: ReadonlyArray<'admin' | 'editor' | 'reviewer'>
  /** Residents to create, by name → WeChat openid, each with an access token under its name. */
  residents?: Record<string, string>
  /** Data to store before the app starts (areas, demo data). */
  seed?(db: Kysely<DB>): Promise<unknown>
  /** Options for buildApp (a route listener, a clock). */
  build?: Omit<BuildOptions, 'database'>
}

/**
 * Call inside describe(): opens a `store` database and builds the app in before(), closes both in after(). The
 * fields are set once before() has run, so read them in hooks and tests, not at describe time.
 */
export function useAppSuite(store: StoreName, options: AppSuiteOptions = {}): AppSuite {
  const suite = { tokens: {}, as: (who: string) => ({ authorization: `Bearer ${suite.tokens[who]}` }) } as AppSuite
  before(async () => {
    suite.tdb = await openTestDatabase(store)
    await options.seed?.(suite.tdb.database.db)
    const env = typeof options.env === 'function' ? options.env() : options.env
    ;({ app: suite.app, config: suite.config } = await buildTestApp(suite.tdb.database, env, options.build))
    Object.assign(suite.tokens, await adminTokens(suite.app, suite.tdb.database, suite.config, options.roles ?? []))
    const { createAuthRepository } = await import('../src/auth/repository.ts')
    for (const [name, openid] of Object.entries(options.residents ?? {})) {
      const { id } = await createAuthRepository(suite.tdb.database.db).residentForOpenid(openid)
      suite.tokens[name] = await residentToken(suite.config, id)
    }
  })
  after(async () => {
    await suite.app?.close()
    await suite.tdb?.cleanup()
  })
  return suite
}
