import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { createAreasRepository } from '../src/areas/repository.ts'
import { defaultAreas } from '../src/areas/service.ts'
import { createBulletinRepository } from '../src/bulletins/repository.ts'
import { buildWeChatStandIn } from '../src/wechat/stand-in.ts'
import { openTestDatabase, type TestDatabase } from './helpers.ts'
import { drained, messageCounts, seedAudience, bulletinInput } from './push-fixtures.ts'

// Crash safety needs a database two processes share: PostgreSQL only (CI sets DATABASE_URL).
const RESIDENTS = 20_000
const LANES = 4
const BATCH = 50
const WECHAT = { appId: 'wx-crash', appSecret: 'crash-secret' }

let standIn: FastifyInstance
let standInUrl: string
let tdb: TestDatabase

function startWorker(): ChildProcess {
  return spawn(process.execPath, [path.resolve(import.meta.dirname, '..', 'bin', 'qiandai.mjs'), 'worker'], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: tdb.url,
      WECHAT_API_BASE: standInUrl,
      WECHAT_APPID: WECHAT.appId,
      WECHAT_SECRET: WECHAT.appSecret,
      PUSH_LANES: String(LANES),
      PUSH_BATCH_SIZE: String(BATCH),
      PUSH_LEASE_MS: '3000',
      PUSH_IDLE_MS: '100'
    },
    stdio: ['ignore', 'ignore', 'pipe']
  })
}

before(async () => {
  if (!process.env.DATABASE_URL) return
  standIn = buildWeChatStandIn(WECHAT)
  standInUrl = await standIn.listen({ port: 0, host: '127.0.0.1' })
  tdb = await openTestDatabase('postgres')
  await createAreasRepository(tdb.database.db).upsert(defaultAreas())
})
after(async () => {
  await tdb?.cleanup()
  await standIn?.close()
})

test(
  'a worker killed with SIGKILL half-way through 20,000 sends: after a restart every resident has exactly one message, except the in-flight window',
  { skip: !process.env.DATABASE_URL && 'needs PostgreSQL (DATABASE_URL)' },
  async (t) => {
    const audience = await seedAudience(
      tdb.database.db,
      standInUrl,
      Array.from({ length: RESIDENTS }, (_, i) => ({ user: `crash-${i}`, credits: 1 })),
      '610923105'
    )
    const repo = createBulletinRepository(tdb.database.db)
    const bulletinId = await repo.create(bulletinInput({ audience: ['610923105'] }), null)
    assert.notEqual(await repo.publish(bulletinId, 2026, new Date()), 'not-publishable')

    const first = startWorker()
    const calls = async () => ((await standIn.inject({ method: 'GET', url: '/__standin/calls' })).json() as { subscribe_send: number }).subscribe_send
    const deadline = Date.now() + 120_000
    // Not a multiple of the batch size, so the kill usually lands with sends in flight.
    while ((await calls()) < RESIDENTS / 2 + 37) {
      if (Date.now() > deadline) throw new Error('the first worker did not reach half-way')
      if (first.exitCode !== null) throw new Error(`the first worker exited with ${first.exitCode}`)
      await new Promise((r) => setTimeout(r, 10))
    }
    first.kill('SIGKILL')
    await new Promise((r) => first.once('exit', r))
    const atKill = await calls()
    const inFlight = await tdb.database.db
      .selectFrom('deliveries')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('bulletin_id', '=', bulletinId)
      .where('status', '=', 'sending')
      .executeTakeFirstOrThrow()

    const second = startWorker()
    try {
      await drained(tdb.database.db, 120_000)
    } finally {
      second.kill('SIGTERM')
      await new Promise((r) => second.once('exit', r))
    }

    const rows = await tdb.database.db.selectFrom('deliveries').select(['resident_id', 'status']).where('bulletin_id', '=', bulletinId).execute()
    const status = new Map(rows.map((r) => [String(r.resident_id), r.status]))
    const { counts } = await messageCounts(standInUrl)
    let duplicates = 0
    let missing = 0
    let unknownDelivered = 0
    let unknownNotDelivered = 0
    for (const { residentId, openid } of audience.values()) {
      const n = counts[openid as string] ?? 0
      const s = status.get(residentId)
      if (n > 1) duplicates++
      if (s === 'unknown') {
        if (n === 1) unknownDelivered++
        else unknownNotDelivered++
      } else {
        assert.equal(s, 'sent', `resident ${residentId}: ${s}`)
        if (n !== 1) missing++
      }
    }
    const unknown = unknownDelivered + unknownNotDelivered
    t.diagnostic(
      `killed after ${atKill} WeChat calls with ${inFlight.n} deliveries in flight; window: ${unknown} unknown ` +
        `(${unknownDelivered} had reached WeChat, ${unknownNotDelivered} had not); duplicates ${duplicates}, missing outside the window ${missing}`
    )
    assert.equal(duplicates, 0)
    assert.equal(missing, 0)
    assert.equal(unknown, Number(inFlight.n), 'exactly the rows in flight at the kill are unknown')
    assert.ok(unknown <= LANES * BATCH, `window ${unknown} ≤ lanes × batch = ${LANES * BATCH}`)
    assert.ok(atKill < RESIDENTS, 'the kill happened mid-way')
  }
)
