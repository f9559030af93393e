// What a PostgreSQL restart looks like from our side: every connection of ours is terminated (57P01). The pool, the
// LISTEN connections and the answers in between must cope without a process restart (npm run soak does it for real).
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import pg from 'pg'
import { storeUnreachable } from '../src/plugins/errors.ts'
import { createAreasRepository } from '../src/areas/repository.ts'
import { defaultAreas } from '../src/areas/service.ts'
import { eventually, openTestDatabase, storeOptions, useAppSuite, type TestDatabase } from './helpers.ts'

/** Ends every session on the database but the caller's, as a server shutdown would. */
async function terminateSessions(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    const r = await c.query('SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()')
    return r.rows[0].n as number
  } finally {
    await c.end()
  }
}

test('connection-level failures are "store unreachable"; query errors are not', () => {
  for (const err of [
    Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
    new Error('Connection terminated unexpectedly'),
    new Error('timeout exceeded when trying to connect')
  ]) assert.equal(storeUnreachable(err), true, err.message)
  for (const err of [Object.assign(new Error('duplicate key'), { code: '23505' }), Object.assign(new Error('syntax error'), { code: '42601' }), new Error('boom')]) {
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
      await eventually(async () => (await tdb.database.db.selectFrom('areas').select('code').execute().then(() => true, () => false)), 5_000)
    } finally {
      await unlisten()
    }
  })
})

describe('the API through a PostgreSQL restart', storeOptions('postgres'), () => {
  const suite = useAppSuite('postgres', {
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
    assert.deepEqual(statuses.filter((s) => s !== 200 && s !== 503), [])
    // Checks never needed the database.
    assert.equal((await suite.app.inject({ url: '/api/v1/check/phone?number=13800138000' })).statusCode, 200)
  })
})
