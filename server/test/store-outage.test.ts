// What a PostgreSQL restart looks like from our side: every connection of ours is terminated (57P01). The pool, the
// LISTEN connections and the answers in between must cope without a process restart (npm run soak does it for real).
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import pg from 'pg'
import { sql } from 'kysely'
import { from as copyFrom } from 'pg-copy-streams'
import { storeUnreachable } from '../src/plugins/errors.ts'
import { createAreasRepository } from '../src/areas/repository.ts'
import { defaultAreas } from '../src/areas/service.ts'
import { eventually, openTestDatabase, storeOptions, useAppSuite, type TestDatabase } from './helpers.ts'

/** Ends every session on the database but the caller's, as a server shutdown would. */
/** A query on a connection of its own, beside the app's pool (the pool's clients are what the tests cut). */
async function onOwnConnection<T>(url: string, run: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    return await run(c)
  } finally {
    await c.end()
  }
}

async function terminateSessions(url: string): Promise<number> {
  const r = await onOwnConnection(url, (c) =>
    c.query('SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()')
  )
  return r.rows[0].n as number
}

test('connection-level failures are "store unreachable"; query errors are not', () => {
  for (const err of [
    Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
    new Error('Connection terminated unexpectedly'),
    new Error('timeout exceeded when trying to connect')
  ])
    assert.equal(storeUnreachable(err), true, err.message)
  for (const err of [
    Object.assign(new Error('duplicate key'), { code: '23505' }),
    Object.assign(new Error('syntax error'), { code: '42601' }),
    new Error('boom')
  ]) {
    assert.equal(storeUnreachable(err), false, err.message)
  }
})

describe('a PostgreSQL restart, as the client sees it', storeOptions('postgres'), () => {
  let tdb: TestDatabase
  before(async () => {
    tdb = await openTestDatabase('postgres')
  })
  after(async () => tdb?.cleanup())

  test('a LISTEN connection comes back by itself, says "anything may have changed", and gets later notifications', async () => {
    const heard: string[] = []
    const unlisten = await tdb.database.listen('outage_test', (payload) => heard.push(payload))
    try {
      assert.ok((await terminateSessions(tdb.url as string)) >= 1)
      await eventually(() => heard.includes('*'), 10_000)
      const other = new pg.Client({ connectionString: tdb.url })
      await other.connect()
      await other.query("NOTIFY outage_test, 'after'")
      await other.end()
      await eventually(() => heard.includes('after'), 2_000)
      // And the pool serves queries again.
      await eventually(
        async () =>
          await tdb.database.db
            .selectFrom('areas')
            .select('code')
            .execute()
            .then(
              () => true,
              () => false
            ),
        5_000
      )
    } finally {
      await unlisten()
    }
  })
})

describe('the API through a PostgreSQL restart', storeOptions('postgres'), () => {
  const suite = useAppSuite('postgres', {
    roles: ['reviewer'],
    residents: { alice: 'o-outage-alice' },
    seed: (db) => createAreasRepository(db).upsert(defaultAreas())
  })

  test('requests that need the database get 503 or succeed — never a 500 — and succeed again without a restart', async () => {
    const me = () => suite.app.inject({ url: '/api/v1/me/reports', headers: suite.as('alice') })
    assert.equal((await me()).statusCode, 200)
    await terminateSessions(suite.tdb.url as string)
    const statuses: number[] = []
    await eventually(async () => {
      const res = await me()
      statuses.push(res.statusCode)
      if (res.statusCode === 503) assert.equal(res.json().error.code, 'STORE_UNAVAILABLE')
      return res.statusCode === 200
    }, 10_000)
    assert.deepEqual(
      statuses.filter((s) => s !== 200 && s !== 503),
      []
    )
    // Checks never needed the database.
    assert.equal((await suite.app.inject({ url: '/api/v1/check/phone?number=13800138000' })).statusCode, 200)
  })
})

describe('an import when PostgreSQL goes away', storeOptions('postgres'), () => {
  const suite = useAppSuite('postgres', { roles: ['reviewer'], seed: (db) => createAreasRepository(db).upsert(defaultAreas()) })

  test('a blocklist import cut by the restart answers 503 (not "upload interrupted"); the same file again completes it', async () => {
    const lines = 200_000
    const csv = ['kind,value,category', ...Array.from({ length: lines }, (_, i) => `phone,172${String(i).padStart(8, '0')},刷单返利`)].join('\n')
    // Over a real socket (inject's body never looks "destroyed", a socket's does once the COPY fails).
    const base = await suite.app.listen({ host: '127.0.0.1', port: 0 })
    const upload = async () => {
      const res = await fetch(`${base}/api/v1/admin/blocklist/import`, {
        method: 'POST',
        headers: { ...suite.as('reviewer'), 'content-type': 'text/csv' },
        body: csv
      })
      const body = await res.text()
      return { statusCode: res.status, body, json: () => JSON.parse(body) }
    }
    const cut = upload()
    await eventually(async () => (await activeQueries(suite.tdb.url as string)).some((q) => /^\s*COPY/i.test(q)), 20_000)
    await terminateSessions(suite.tdb.url as string)
    const res = await cut
    assert.equal(res.statusCode, 503, res.body)
    assert.equal(res.json().error.code, 'STORE_UNAVAILABLE')
    let again = await upload()
    for (let i = 0; again.statusCode === 503 && i < 20; i++) {
      await new Promise((r) => setTimeout(r, 250))
      again = await upload()
    }
    assert.equal(again.statusCode, 200, again.body)
    const summary = again.json()
    assert.equal(summary.added + summary.unchanged, lines)
    assert.equal(summary.rejected, 0)
  })
})

describe('connections in use when PostgreSQL goes away', storeOptions('postgres'), () => {
  let tdb: TestDatabase
  before(async () => {
    tdb = await openTestDatabase('postgres')
  })
  after(async () => tdb?.cleanup())

  // pg-pool takes its own 'error' listener off a client when it hands it out: without ours, the server going away
  // while a client is checked out emits an unhandled 'error' and kills the process (seen in `npm run soak`).
  test('a checked-out client between queries, a transaction, a long query and a COPY all fail cleanly; the process lives on', async () => {
    const uncaught: unknown[] = []
    const onUncaught = (err: unknown) => uncaught.push(err)
    process.on('uncaughtException', onUncaught)
    try {
      const held = await tdb.database.connect()
      await held.query('SELECT 1')
      const sleeping = tdb.database.db
        .transaction()
        .execute(async (trx) => {
          await trx.selectFrom('areas').select('code').execute()
          await sql`SELECT pg_sleep(10)`.execute(trx)
        })
        .then(
          () => null,
          (err: Error) => err
        )
      const copier = await tdb.database.connect()
      await copier.query('CREATE TEMP TABLE sink (v text)')
      const copy = copier.query(copyFrom('COPY sink FROM STDIN'))
      copy.write('a\nb\n')
      const copyDone = new Promise<Error | null>((resolve) => {
        copy.on('finish', () => resolve(null))
        copy.on('error', resolve)
      })
      await eventually(async () => (await activeQueries(tdb.url as string)).some((q) => q.includes('pg_sleep')), 5_000)
      assert.ok((await terminateSessions(tdb.url as string)) >= 3)
      assert.ok((await sleeping) instanceof Error, 'the transaction fails')
      assert.ok((await copyDone) instanceof Error, 'the COPY fails')
      await new Promise((r) => setTimeout(r, 300))
      await assert.rejects(held.query('SELECT 1'))
      held.release(true)
      copier.release(true)
      assert.deepEqual(uncaught.map(String), [])
      // The pool makes new connections and serves again.
      await eventually(
        async () =>
          await tdb.database.db
            .selectFrom('areas')
            .select('code')
            .execute()
            .then(
              () => true,
              () => false
            ),
        5_000
      )
    } finally {
      process.off('uncaughtException', onUncaught)
    }
  })
})

async function activeQueries(url: string): Promise<string[]> {
  const r = await onOwnConnection(url, (c) =>
    c.query("SELECT query FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()")
  )
  return r.rows.map((row: { query: string }) => row.query)
}
