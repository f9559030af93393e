import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { createAreasRepository } from '../src/areas/repository.ts'
import { defaultAreas } from '../src/areas/service.ts'
import { createBulletinRepository } from '../src/bulletins/repository.ts'
import type { OutboxTable } from '../src/outbox/kind.ts'
import { buildWeChatStandIn } from '../src/wechat/stand-in.ts'
import { openTestDatabase, type TestDatabase } from './helpers.ts'
import { drained, messageCounts, seedAudience, bulletinInput } from './push-fixtures.ts'

// Crash safety needs a database two processes share: PostgreSQL only (CI sets DATABASE_URL).
const LANES = 4
const BATCH = 50
const WECHAT = { appId: 'wx-crash', appSecret: 'crash-secret' }
const TEMPLATES = { bulletin: 'tmpl-bulletin', report: 'tmpl-report', warning: 'tmpl-warning' }

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
      WECHAT_TEMPLATE_IDS: [TEMPLATES.bulletin, TEMPLATES.report, TEMPLATES.warning].join(','),
      PUSH_LANES: String(LANES),
      PUSH_BATCH_SIZE: String(BATCH),
      WARN_BATCH_SIZE: String(BATCH),
      PUSH_LEASE_MS: '3000',
      PUSH_IDLE_MS: '100'
    },
    stdio: ['ignore', 'ignore', 'pipe']
  })
}

before(async () => {
  if (!process.env.DATABASE_URL) return
  standIn = buildWeChatStandIn({ ...WECHAT, templateIds: Object.values(TEMPLATES) })
  standInUrl = await standIn.listen({ port: 0, host: '127.0.0.1' })
  tdb = await openTestDatabase('postgres')
  await createAreasRepository(tdb.database.db).upsert(defaultAreas())
})
after(async () => {
  await tdb?.cleanup()
  await standIn?.close()
})

/**
 * One kind's queue filled with a message for each of `count` residents (their own township, so kinds do not share
 * recipients); returns the recipients and how to read each row's status by recipient.
 */
interface Scenario {
  table: OutboxTable
  count: number
  /** Batch each worker lane claims (the report kind's is fixed by the kind). */
  batch: number
  seed(township: string): Promise<Map<string, { residentId: string; openid: string | null }>>
  /** recipient resident id → row status */
  statuses(): Promise<Map<string, string>>
}

const db = () => tdb.database.db
/** `count` residents of one township, each with one credit for `template` here and at the stand-in (or no WeChat at all). */
const residents = (prefix: string, count: number, township: string, template: string, wechat = true) =>
  seedAudience(
    db(),
    standInUrl,
    Array.from({ length: count }, (_, i) => ({ user: `crash-${prefix}-${i}`, credits: wechat ? 1 : 0, wechat })),
    township,
    template
  )
const rowsOf = async (q: ReturnType<typeof sql<{ resident_id: string; status: string }>>) =>
  new Map((await q.execute(db())).rows.map((r) => [String(r.resident_id), r.status]))

const scenarios: Record<string, Scenario> = {
  'bulletin deliveries': {
    table: 'deliveries',
    count: 20_000,
    batch: BATCH,
    async seed(township) {
      const audience = await residents('b', this.count, township, TEMPLATES.bulletin)
      const repo = createBulletinRepository(db())
      const bulletinId = await repo.create(bulletinInput({ audience: [township] }), null)
      assert.notEqual(await repo.publish(bulletinId, 2026, new Date()), 'not-publishable')
      return audience
    },
    statuses: () => rowsOf(sql`SELECT resident_id, status FROM deliveries`)
  },
  'level-1 warning messages': {
    table: 'warning_messages',
    count: 6_000,
    batch: BATCH,
    async seed(township) {
      const audience = await residents('w', this.count, township, TEMPLATES.warning)
      const ids = [...audience.values()].map((a) => a.residentId)
      // A warning per resident (as a city feed line would make it), each with its level-1 message queued.
      await sql`
        WITH w AS (
          INSERT INTO warnings (source, ref, phone_enc, phone_index, phone_masked, resident_id, township_code, risk_type, risk_level, received_at)
          SELECT 'city', 'crash-' || r, 'enc', 'idx-' || r, '138****0000', r, ${township}, 'call', 'high', now()
          FROM unnest(${ids}::bigint[]) AS x (r)
          RETURNING id)
        INSERT INTO warning_messages (warning_id, channel, created_at) SELECT id, 'wechat', now() FROM w`.execute(db())
      return audience
    },
    statuses: () => rowsOf(sql`SELECT w.resident_id, m.status FROM warning_messages m JOIN warnings w ON w.id = m.warning_id`)
  },
  "guardians' copies": {
    table: 'guardian_alerts',
    count: 6_000,
    batch: BATCH,
    async seed(township) {
      const guardians = await residents('g', this.count, township, TEMPLATES.warning)
      // Every guardian watches one ward, whose warning gives the guardian a copy.
      const wards = await residents('ward', this.count, township, TEMPLATES.bulletin, false)
      const guardianIds = [...guardians.values()].map((a) => a.residentId)
      const wardIds = [...wards.values()].map((a) => a.residentId)
      await sql`
        WITH w AS (
          INSERT INTO warnings (source, ref, phone_enc, phone_index, phone_masked, resident_id, township_code, risk_type, risk_level, received_at)
          SELECT 'city', 'crash-g-' || ward, 'enc', 'idx-g-' || ward, '138****0000', ward, ${township}, 'call', 'high', now()
          FROM unnest(${wardIds}::bigint[], ${guardianIds}::bigint[]) AS x (ward, guardian)
          RETURNING id, resident_id)
        INSERT INTO guardian_alerts (warning_id, guardian_id, ward_id, channel, created_at)
        SELECT w.id, x.guardian, x.ward, 'wechat', now() FROM w JOIN unnest(${wardIds}::bigint[], ${guardianIds}::bigint[]) AS x (ward, guardian) ON x.ward = w.resident_id`.execute(
        db()
      )
      return guardians
    },
    statuses: () => rowsOf(sql`SELECT guardian_id AS resident_id, status FROM guardian_alerts`)
  },
  'report notices': {
    table: 'report_notifications',
    count: 4_000,
    batch: 50,
    async seed(township) {
      const audience = await residents('r', this.count, township, TEMPLATES.report)
      const ids = [...audience.values()].map((a) => a.residentId)
      // Every resident's report decided: each reporter is told once.
      await sql`
        WITH p AS (
          INSERT INTO reports (resident_id, kind, value, input, group_value, status, outcome)
          SELECT r, 'phone', '+8613800' || lpad(r::text, 6, '0'), '13800' || lpad(r::text, 6, '0'), '+8613800' || lpad(r::text, 6, '0'), 'confirmed', '已核实为诈骗号码'
          FROM unnest(${ids}::bigint[]) AS x (r)
          RETURNING id, resident_id)
        INSERT INTO report_notifications (report_id, resident_id, decision) SELECT id, resident_id, 'confirmed' FROM p`.execute(db())
      return audience
    },
    statuses: () => rowsOf(sql`SELECT resident_id, status FROM report_notifications`)
  }
}

describe('a worker killed with SIGKILL half-way: after a restart every recipient has exactly one message, except the in-flight window', () => {
  let township = 610923101
  for (const [name, scenario] of Object.entries(scenarios)) {
    test(name, { skip: !process.env.DATABASE_URL && 'needs PostgreSQL (DATABASE_URL)' }, async (t) => {
      const audience = await scenario.seed(String(township++))
      const calls = async () => ((await standIn.inject({ method: 'GET', url: '/__standin/calls' })).json() as { subscribe_send: number }).subscribe_send
      const before = await calls()

      const first = startWorker()
      const deadline = Date.now() + 120_000
      // Not a multiple of the batch size, so the kill usually lands with sends in flight.
      while ((await calls()) - before < scenario.count / 2 + 37) {
        if (Date.now() > deadline) throw new Error('the first worker did not reach half-way')
        if (first.exitCode !== null) throw new Error(`the first worker exited with ${first.exitCode}`)
        await new Promise((r) => setTimeout(r, 10))
      }
      first.kill('SIGKILL')
      await new Promise((r) => first.once('exit', r))
      const atKill = (await calls()) - before
      const inFlight = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(scenario.table)} WHERE status = 'sending'`.execute(db())

      const second = startWorker()
      try {
        await drained(db(), 120_000, 50, scenario.table)
      } finally {
        second.kill('SIGTERM')
        await new Promise((r) => second.once('exit', r))
      }

      const status = await scenario.statuses()
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
        `killed after ${atKill} WeChat calls with ${inFlight.rows[0].n} rows in flight; window: ${unknown} unknown ` +
          `(${unknownDelivered} had reached WeChat, ${unknownNotDelivered} had not); duplicates ${duplicates}, missing outside the window ${missing}`
      )
      assert.equal(duplicates, 0)
      assert.equal(missing, 0)
      assert.equal(unknown, Number(inFlight.rows[0].n), 'exactly the rows in flight at the kill are unknown')
      assert.ok(unknown <= LANES * scenario.batch, `window ${unknown} ≤ lanes × batch = ${LANES * scenario.batch}`)
      assert.ok(atKill < scenario.count, 'the kill happened mid-way')
    })
  }
})
