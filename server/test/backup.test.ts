import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { sql, type Kysely } from 'kysely'
import type { DB } from '../src/db/schema.ts'
import { migrateToLatest, openDatabase, type Database } from '../src/db/database.ts'
import { seedDemoData } from '../src/seed/demo.ts'
import { createAuthRepository } from '../src/auth/repository.ts'
import { openTestDatabase, storeOptions, type TestDatabase } from './helpers.ts'

const run = promisify(execFile)
const BIN = path.resolve(import.meta.dirname, '..', 'bin', 'qiandai.mjs')

async function qiandai(args: string[], env: Record<string, string>): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env: { ...process.env, NODE_ENV: 'test', ...env } })
    return { stdout, stderr, code: 0 }
  } catch (err) {
    const e = err as { stdout: string; stderr: string; code: number }
    return { stdout: e.stdout, stderr: e.stderr, code: e.code }
  }
}

/** Every table's rows (as text, sorted) and every sequence's position, hashed: equal fingerprints, identical data. */
async function fingerprint(db: Kysely<DB>): Promise<Record<string, string>> {
  const tables = await sql<{
    name: string
  }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`.execute(db)
  const out: Record<string, string> = {}
  for (const { name } of tables.rows) {
    const r = await sql<{
      n: number
      h: string
    }>`SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, E'\n' ORDER BY t::text), '')) AS h FROM ${sql.table(name)} t`.execute(db)
    out[name] = `${r.rows[0].n}:${r.rows[0].h}`
  }
  const sequences = await sql<{
    name: string
  }>`SELECT sequence_name AS name FROM information_schema.sequences WHERE sequence_schema = 'public' ORDER BY 1`.execute(db)
  for (const { name } of sequences.rows) {
    const r = await sql<{ v: string; c: boolean }>`SELECT last_value::text AS v, is_called AS c FROM ${sql.table(name)}`.execute(db)
    out[`sequence ${name}`] = `${r.rows[0].v}:${r.rows[0].c}`
  }
  return out
}

/** Demo data plus what residents and the centre add: residents, a report, an audited blocklist change. */
async function fillWithData(db: Kysely<DB>): Promise<void> {
  await seedDemoData(db, 300)
  const auth = createAuthRepository(db)
  for (const openid of ['o-backup-1', 'o-backup-2']) await auth.residentForOpenid(openid)
}

/** What happens after the backup and must be undone by the restore. */
async function changeAfterBackup(db: Kysely<DB>): Promise<void> {
  await sql`DELETE FROM blocklist_entries WHERE id IN (SELECT id FROM blocklist_entries ORDER BY id LIMIT 50)`.execute(db)
  await createAuthRepository(db).residentForOpenid('o-after-backup')
}

describe('backup and restore of the embedded store (npx qiandai backup / restore)', () => {
  let dir: string
  let env: Record<string, string>
  let original: Record<string, string>
  const open = async (): Promise<Database> => openDatabase({ dataDir: env.DATA_DIR })

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'qiandai-backup-'))
    env = { DATA_DIR: path.join(dir, 'data'), DATABASE_URL: '' }
    const database = await open()
    await migrateToLatest(database.db)
    await fillWithData(database.db)
    original = await fingerprint(database.db)
    await database.close()
  })
  after(() => rmSync(dir, { recursive: true, force: true }))

  test('refused while the server has the store open, with the reason', async () => {
    const database = await open()
    try {
      const res = await qiandai(['backup', path.join(dir, 'busy.tgz')], env)
      assert.equal(res.code, 1)
      assert.match(res.stderr, /in use by process \d+; stop it first/)
      assert.equal(existsSync(path.join(dir, 'busy.tgz')), false)
    } finally {
      await database.close()
    }
  })

  test('round trip: the data after restore is identical to the data at backup, and the replaced data is kept', async () => {
    const file = path.join(dir, 'qiandai.tgz')
    const backup = await qiandai(['backup', file], env)
    assert.equal(backup.code, 0, backup.stderr)
    assert.match(backup.stdout, /backed up the embedded database/)

    let database = await open()
    try {
      await changeAfterBackup(database.db)
      assert.notDeepEqual(await fingerprint(database.db), original)
    } finally {
      await database.close()
    }

    const restore = await qiandai(['restore', file], env)
    assert.equal(restore.code, 0, restore.stderr)
    assert.match(restore.stdout, /the data it replaced is in .*pglite\.before-restore-/)
    database = await open()
    try {
      assert.deepEqual(await fingerprint(database.db), original)
      // The restored store takes new writes (sequences restored with the rows).
      await createAuthRepository(database.db).residentForOpenid('o-after-restore')
    } finally {
      await database.close()
    }
    assert.equal(readdirSync(env.DATA_DIR).filter((f) => f.startsWith('pglite.before-restore-')).length, 1)
  })

  test('a file that is not a backup is refused and the data stays as it was', async () => {
    const before = await (async () => {
      const d = await open()
      try {
        return await fingerprint(d.db)
      } finally {
        await d.close()
      }
    })()
    for (const [name, bytes] of [
      ['text.tgz', 'not a backup'],
      ['cut.tgz', '\x1f\x8b\x08\x00broken']
    ] as const) {
      writeFileSync(path.join(dir, name), bytes, 'latin1')
      const res = await qiandai(['restore', path.join(dir, name)], env)
      assert.equal(res.code, 1)
      assert.match(res.stderr, /not a backup|could not be restored, nothing was changed/)
    }
    const missing = await qiandai(['restore', path.join(dir, 'nope.tgz')], env)
    assert.equal(missing.code, 1)
    assert.match(missing.stderr, /找不到备份文件/)
    const database = await open()
    try {
      assert.deepEqual(await fingerprint(database.db), before)
    } finally {
      await database.close()
    }
    assert.deepEqual(
      readdirSync(env.DATA_DIR).filter((f) => f.includes('restoring')),
      []
    )
  })
})

describe('backup and restore of PostgreSQL (pg_dump / pg_restore, through npx qiandai)', storeOptions('postgres'), () => {
  let tdb: TestDatabase
  let dir: string
  before(async () => {
    tdb = await openTestDatabase('postgres')
    dir = mkdtempSync(path.join(tmpdir(), 'qiandai-pgbackup-'))
  })
  after(async () => {
    await tdb?.cleanup()
    rmSync(dir, { recursive: true, force: true })
  })

  test('round trip: the data after restore is identical to the data at backup', async () => {
    const db = tdb.database.db
    await fillWithData(db)
    const original = await fingerprint(db)
    const file = path.join(dir, 'qiandai.dump')
    const env = { DATABASE_URL: tdb.url as string }
    const backup = await qiandai(['backup', file], env)
    assert.equal(backup.code, 0, backup.stderr)
    await changeAfterBackup(db)
    assert.notDeepEqual(await fingerprint(db), original)
    // The server is stopped for a restore: no connection of ours holds a lock on the tables.
    await tdb.database.close()
    const restore = await qiandai(['restore', file], env)
    assert.equal(restore.code, 0, restore.stderr)
    const reopened = await openDatabase({ databaseUrl: tdb.url, dataDir: '' })
    try {
      assert.deepEqual(await fingerprint(reopened.db), original)
      await createAuthRepository(reopened.db).residentForOpenid('o-after-restore')
    } finally {
      await reopened.close()
    }
    // cleanup() closes the first handle again: give it one that is open.
    tdb.database = await openDatabase({ databaseUrl: tdb.url, dataDir: '' })
  })
})
