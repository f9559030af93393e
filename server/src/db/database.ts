import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { Kysely, Migrator, PostgresDialect, type MigrationResultSet } from 'kysely'
import pg from 'pg'
import { PGlite } from '@electric-sql/pglite'
import { PGliteDialect } from './pglite-dialect.ts'
import { migrations } from './migrations/index.ts'
import type { DB } from './schema.ts'

export type StoreKind = 'postgres' | 'pglite'

export interface Database {
  db: Kysely<DB>
  kind: StoreKind
  /** Subscribes to a NOTIFY channel; resolves to an unsubscribe function. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>
  close(): Promise<void>
}

export interface DatabaseOptions {
  databaseUrl?: string
  dataDir: string
  poolSize?: number
}

// bigint (int8) and numeric come back as strings by default; counts we sum are small, so parse int8 to number
// only where a repository asks for it. Keep the driver default here.
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 8)
  return openPGlite(options.dataDir)
}

async function openPostgres(connectionString: string, max: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max })
  // An idle client that loses its server must not crash the process; the pool replaces it.
  pool.on('error', () => {})
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
  const listeners: pg.Client[] = []
  return {
    db,
    kind: 'postgres',
    async listen(channel, onNotify) {
      let client: pg.Client | null = null
      let stopped = false
      const connect = async (): Promise<void> => {
        const c = new pg.Client({ connectionString })
        c.on('notification', (msg) => {
          if (msg.channel === channel) onNotify(msg.payload ?? '')
        })
        c.on('error', () => {
          // Reconnect after a dropped connection; a missed notification is covered by the caller's
          // periodic refresh.
          listeners.splice(listeners.indexOf(c), 1)
          if (!stopped) setTimeout(() => void connect().catch(() => {}), 1000).unref()
        })
        await c.connect()
        await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`)
        client = c
        listeners.push(c)
      }
      await connect()
      return async () => {
        stopped = true
        const c = client
        if (c) {
          listeners.splice(listeners.indexOf(c), 1)
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

async function openPGlite(dataDir: string): Promise<Database> {
  const dir = dataDir === 'memory://' ? dataDir : path.resolve(dataDir, 'pglite')
  const releaseLock = dir === 'memory://' ? () => {} : lockDataDir(dir)
  // The embedded store serves a county's worth of data and no hot query path (checks read the in-memory
  // index), so a small buffer cache keeps the process lean: 16 MB instead of PostgreSQL's 128 MB default.
  const client = await PGlite.create(dir, { postgresqlconf: ['shared_buffers = 16MB', 'maintenance_work_mem = 32MB'] })
  const db = new Kysely<DB>({ dialect: new PGliteDialect(client) })
  return {
    db,
    kind: 'pglite',
    async listen(channel, onNotify) {
      const unsubscribe = await client.listen(channel, onNotify)
      return async () => {
        if (!client.closed) await unsubscribe()
      }
    },
    async close() {
      await db.destroy()
      releaseLock()
    }
  }
}

export class DataDirInUseError extends Error {}

/**
 * PGlite is single-process: a second process opening the same folder would corrupt it. A pid file guards
 * the folder (a stale one, from a process that is gone, is taken over).
 */
function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true })
  const lockFile = path.join(dir, '..', 'pglite.pid')
  try {
    const pid = Number(readFileSync(lockFile, 'utf8'))
    if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) {
      throw new DataDirInUseError(`the embedded database in ${path.dirname(dir)} is in use by process ${pid}; stop it first (or use DATABASE_URL)`)
    }
  } catch (err) {
    if (err instanceof DataDirInUseError) throw err
  }
  writeFileSync(lockFile, String(process.pid))
  return () => rmSync(lockFile, { force: true })
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
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
