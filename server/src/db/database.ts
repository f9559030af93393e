import { fork } from 'node:child_process'
import { createServer, type AddressInfo } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Kysely, Migrator, PostgresDialect, type MigrationResultSet } from 'kysely'
import pg from 'pg'
import { DataDirInUseError } from './data-dir-lock.ts'
import { migrations } from './migrations/index.ts'
import type { DB } from './schema.ts'

export type StoreKind = 'postgres' | 'pglite'

export interface Database {
  db: Kysely<DB>
  kind: StoreKind
  /** Subscribes to a NOTIFY channel; resolves to an unsubscribe function. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>
  /** A dedicated connection from the pool (for COPY and session temp tables); the caller releases it. */
  connect(): Promise<pg.PoolClient>
  close(): Promise<void>
}

export interface DatabaseOptions {
  databaseUrl?: string
  dataDir: string
  poolSize?: number
}

// A DATE is a calendar day, not an instant: by default pg turns it into a Date at local midnight, which shifts
// with the process time zone. Keep it as the 'YYYY-MM-DD' text PostgreSQL sent.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value)

// bigint (int8) and numeric come back as strings by default; counts we sum are small, so parse int8 to number
// only where a repository asks for it. Keep the driver default here.
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 8)
  return openEmbedded(options.dataDir)
}

const CONNECT_TIMEOUT_MS = 5_000

async function openPostgres(connectionString: string, max: number): Promise<Database> {
  // A server that does not answer fails the request in seconds instead of holding it (and the client) for ever.
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: CONNECT_TIMEOUT_MS })
  // An idle client that loses its server must not crash the process; the pool replaces it.
  pool.on('error', () => {})
  // pg-pool removes its own 'error' listener while a client is checked out (a transaction, a COPY, a held lock):
  // the server going away then would emit an unhandled 'error' and kill the process. Each client keeps a listener
  // for its whole life; the query in flight fails on its own and its caller answers 503 or retries.
  pool.on('connect', (client) => {
    client.on('error', () => {})
  })
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
  const listeners: pg.Client[] = []
  return {
    db,
    kind: 'postgres',
    connect: () => pool.connect(),
    async listen(channel, onNotify) {
      let client: pg.Client | null = null
      let stopped = false
      const connect = async (): Promise<void> => {
        const c = new pg.Client({ connectionString, connectionTimeoutMillis: CONNECT_TIMEOUT_MS })
        c.on('notification', (msg) => {
          if (msg.channel === channel) onNotify(msg.payload ?? '')
        })
        c.on('error', () => {
          // The server went away (restart, network): reconnect below; the dead client is dropped.
          const i = listeners.indexOf(c)
          if (i >= 0) listeners.splice(i, 1)
          if (client === c) client = null
          if (!stopped) void reconnect()
        })
        try {
          await c.connect()
          await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`)
        } catch (err) {
          await c.end().catch(() => {})
          throw err
        }
        if (stopped) {
          await c.end().catch(() => {})
          return
        }
        client = c
        listeners.push(c)
      }
      let reconnecting = false
      // Keeps trying (1 s, 2 s, … up to 5 s apart) until the server is back, then says "anything may have changed":
      // notifications sent while no one listened are lost.
      const reconnect = async (): Promise<void> => {
        if (reconnecting) return
        reconnecting = true
        for (let attempt = 1; !stopped; attempt++) {
          await new Promise((r) => setTimeout(r, Math.min(attempt, 5) * 1000).unref())
          if (stopped) break
          try {
            await connect()
            onNotify('*')
            break
          } catch {
            // Still down: try again.
          }
        }
        reconnecting = false
      }
      await connect()
      return async () => {
        stopped = true
        const c = client
        if (c) {
          const i = listeners.indexOf(c)
          if (i >= 0) listeners.splice(i, 1)
          await c.end().catch(() => {})
        }
      }
    },
    async close() {
      await Promise.all(listeners.splice(0).map((c) => c.end().catch(() => {})))
      await db.destroy()
    }
  }
}

/**
 * The embedded store: PGlite in a child process behind the PostgreSQL wire protocol (embedded-store.ts), so
 * the API uses the same pg code path as on PostgreSQL and keeps PGlite's memory out of its own process.
 * pglite-socket does not deliver NOTIFY, so `listen` polls here: every EMBEDDED_POLL_MS the subscriber is
 * told that something may have changed ('*').
 */
const EMBEDDED_POLL_MS = 500

async function openEmbedded(dataDir: string): Promise<Database> {
  const dir = dataDir === 'memory://' ? dataDir : path.resolve(dataDir, 'pglite')
  const port = await freePort()
  const child = fork(fileURLToPath(new URL('./embedded-store.ts', import.meta.url)), [dir, String(port)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc']
  })
  await new Promise<void>((resolve, reject) => {
    child.once('message', (m: { ready?: boolean; error?: string; inUse?: boolean }) => {
      if (m.ready) resolve()
      else reject(m.inUse ? new DataDirInUseError(m.error) : new Error(`embedded database failed to start: ${m.error}`))
    })
    child.once('exit', (code) => reject(new Error(`embedded database exited with code ${code}`)))
  })
  let closing = false
  child.on('exit', (code, signal) => {
    if (closing) return
    // Without its store the API cannot record or change anything: stop loudly so a supervisor restarts both.
    process.stderr.write(`embedded database process exited unexpectedly (code ${code}, signal ${signal}); stopping\n`)
    process.exit(1)
  })
  // One connection: PGlite is a single session, and pglite-socket 0.2.17 interleaves the extended-protocol
  // messages (Parse/Bind/Execute) of concurrent connections outside transactions, which corrupts statements
  // under load. pg's pool queues queries for the one connection instead; a transaction holds it to the end,
  // so code inside a transaction must use its own `trx` (every repository does).
  const database = await openPostgres(`postgres://postgres@127.0.0.1:${port}/postgres`, 1)
  const timers = new Set<NodeJS.Timeout>()
  return {
    ...database,
    kind: 'pglite',
    async listen(_channel, onNotify) {
      const timer = setInterval(() => onNotify('*'), EMBEDDED_POLL_MS)
      timer.unref()
      timers.add(timer)
      return async () => {
        clearInterval(timer)
        timers.delete(timer)
      }
    },
    async close() {
      closing = true
      for (const t of timers) clearInterval(t)
      await database.close()
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.send({ stop: true })
        await exited
      }
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo
      srv.close(() => resolve(port))
    })
  })
}

export async function migrateToLatest(db: Kysely<DB>): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'qiandai_migrations',
    migrationLockTableName: 'qiandai_migrations_lock'
  })
  const result = await migrator.migrateToLatest()
  if (result.error) throw result.error
  return result
}

export { DataDirInUseError }
