import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { pino } from 'pino'
import { createAreasRepository } from '../src/areas/repository.ts'
import { defaultAreas } from '../src/areas/service.ts'
import { createBulletinRepository } from '../src/bulletins/repository.ts'
import { createOutboxRepository } from '../src/outbox/repository.ts'
import { OutboxWorker, type OutboxSettings } from '../src/outbox/worker.ts'
import { bulletinDeliveries } from '../src/push/deliveries.ts'
import { WeChatClient } from '../src/wechat/client.ts'
import { buildWeChatStandIn } from '../src/wechat/stand-in.ts'
import type { Database } from '../src/db/database.ts'
import { openTestDatabase, storeOptions, storesUnderTest, type TestDatabase } from './helpers.ts'
import { drained, messageCounts, seedAudience, type AudienceMember, bulletinInput } from './push-fixtures.ts'

const WECHAT = { appId: 'wx-push', appSecret: 'push-secret' }
type PushSettings = OutboxSettings & { batchSize: number }
const SETTINGS: PushSettings = {
  batchSize: 40,
  lanes: 4,
  maxAttempts: 4,
  retryBaseMs: 10,
  retryMaxMs: 40,
  leaseMs: 30_000,
  idleMs: 20
}
const deliveriesKind = (batchSize: number) => bulletinDeliveries({ templateId: 'tmpl-bulletin', batchSize, miniprogramState: 'formal' })
const silent = pino({ level: 'silent' })

/** An outbox worker serving bulletin deliveries only (what `qiandai worker` runs, minus the other kinds). */
function worker(database: Database, standInUrl: string, settings: Partial<PushSettings> = {}): OutboxWorker {
  const wechat = new WeChatClient({ ...WECHAT, baseUrl: standInUrl, timeoutMs: 2_000 })
  const all = { ...SETTINGS, ...settings }
  return new OutboxWorker(createOutboxRepository(database.db), [deliveriesKind(all.batchSize)], { wechat, sms: null }, all, silent)
}

/** Publishes a bulletin to one township's residents (each test seeds its own township). */
async function publishTo(database: Database, township: string): Promise<string> {
  const repo = createBulletinRepository(database.db)
  const id = await repo.create(bulletinInput({ title: '推送测试', audience: [township] }), null)
  const result = await repo.publish(id, 2026, new Date())
  assert.notEqual(result, 'not-publishable')
  return id
}

for (const store of storesUnderTest()) {
  describe(`push fan-out to 1,000 residents on ${store}`, storeOptions(store), () => {
    let standIn: FastifyInstance
    let standInUrl: string
    let tdb: TestDatabase

    before(async () => {
      standIn = buildWeChatStandIn({ ...WECHAT, slowAnswerMs: 100 })
      standInUrl = await standIn.listen({ port: 0, host: '127.0.0.1' })
      tdb = await openTestDatabase(store)
      await createAreasRepository(tdb.database.db).upsert(defaultAreas())
    })
    after(async () => {
      await tdb.cleanup()
      await standIn.close()
    })

    test('every WeChat answer lands as its recorded outcome; nobody gets two messages', async () => {
      // Twelve groups by index: what the resident's credits and WeChat's answers will be.
      const group = (i: number) => i % 12
      const members: AudienceMember[] = Array.from({ length: 1_000 }, (_, i) => {
        const user = `push-${i}`
        switch (group(i)) {
          case 1:
            return { user, credits: 0, standInCredits: 1 } // we hold no credit: in-app only, WeChat never called
          case 2:
            return { user, credits: 1, standInCredits: 0 } // WeChat says 43101: credit dropped
          case 8:
            return { user, credits: 0, longTerm: true } // standing permission
          case 11:
            return { user, credits: 0, wechat: false } // H5-only resident
          case 0:
            return { user, credits: 2 } // two credits: still one message
          default:
            return { user, credits: 1 }
        }
      })
      const audience = await seedAudience(tdb.database.db, standInUrl, members)
      const openid = (i: number) => audience.get(`push-${i}`)?.openid as string
      const fail = (i: number, failure: number | string, times = 1) =>
        fetch(`${standInUrl}/__standin/fail`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ api: 'subscribe_send', touser: openid(i), failure, times })
        })
      for (let i = 0; i < 1_000; i++) {
        switch (group(i)) {
          case 3:
            await fail(i, 40003)
            break
          case 4:
            await fail(i, 47003)
            break
          case 5:
            await fail(i, 41030)
            break
          case 6:
            await fail(i, -1, 2)
            break // busy twice, then sent on the third attempt
          case 7:
            await fail(i, 45009, 10)
            break // rate-limited beyond the attempt limit
          case 9:
            await fail(i, 'http500')
            break
          case 10:
            await fail(i, 'timeout')
            break // answers -1 late: retried
        }
      }

      const bulletinId = await publishTo(tdb.database, '610923100')
      const w = worker(tdb.database, standInUrl)
      w.start()
      await drained(tdb.database.db, 60_000)
      await w.stop()

      const rows = await tdb.database.db
        .selectFrom('deliveries')
        .select(['resident_id', 'status', 'reason', 'attempts', 'finished_at'])
        .where('bulletin_id', '=', bulletinId)
        .execute()
      assert.equal(rows.length, 1_000)
      const byResident = new Map(rows.map((r) => [String(r.resident_id), r]))
      const credits = new Map(
        (await tdb.database.db.selectFrom('subscriptions').select(['resident_id', 'credits', 'long_term']).execute()).map((s) => [String(s.resident_id), s])
      )
      const expected: Record<number, { status: string; reason?: RegExp; attempts?: number; creditsAfter?: number }> = {
        0: { status: 'sent', attempts: 1, creditsAfter: 1 },
        1: { status: 'in_app', reason: /no credit/, attempts: 0 },
        2: { status: 'in_app', reason: /43101/, attempts: 1, creditsAfter: 0 },
        3: { status: 'failed', reason: /40003/, attempts: 1, creditsAfter: 1 },
        4: { status: 'failed', reason: /47003/, attempts: 1, creditsAfter: 1 },
        5: { status: 'failed', reason: /41030/, attempts: 1, creditsAfter: 1 },
        6: { status: 'sent', attempts: 3, creditsAfter: 0 },
        7: { status: 'failed', reason: /gave up after 4 attempts: errcode 45009/, attempts: 4, creditsAfter: 1 },
        8: { status: 'sent', attempts: 1 },
        9: { status: 'sent', attempts: 2, creditsAfter: 0 },
        10: { status: 'sent', attempts: 2, creditsAfter: 0 },
        11: { status: 'in_app', reason: /no WeChat account/, attempts: 0 }
      }
      for (let i = 0; i < 1_000; i++) {
        const id = audience.get(`push-${i}`)?.residentId as string
        const row = byResident.get(id)
        const want = expected[group(i)]
        assert.ok(row, `delivery for ${i}`)
        assert.equal(row.status, want.status, `resident ${i} (group ${group(i)}): ${row.reason}`)
        if (want.reason) assert.match(row.reason ?? '', want.reason, `resident ${i}`)
        if (want.attempts !== undefined) assert.equal(row.attempts, want.attempts, `attempts of ${i} (group ${group(i)})`)
        if (want.creditsAfter !== undefined) assert.equal(credits.get(id)?.credits, want.creditsAfter, `credits of ${i} (group ${group(i)})`)
        assert.ok(row.finished_at instanceof Date)
      }
      assert.equal(credits.get(audience.get('push-8')?.residentId as string)?.long_term, true)

      // WeChat's side: one message for every "sent", none for anyone else, never two.
      const { counts, total } = await messageCounts(standInUrl)
      const sent = rows.filter((r) => r.status === 'sent').length
      assert.equal(total, sent)
      for (const [user, a] of audience) {
        const n = a.openid ? (counts[a.openid] ?? 0) : 0
        const row = byResident.get(a.residentId)
        assert.equal(n, row?.status === 'sent' ? 1 : 0, `${user}: ${n} messages, status ${row?.status}`)
      }
      const message =
        standIn &&
        ((await (await fetch(`${standInUrl}/__standin/messages`)).json()) as { messages: Array<{ page: string; data: Record<string, { value: string }> }> })
          .messages[0]
      assert.equal(message.page, `packages/bulletins/pages/detail/index?id=${bulletinId}`)
      assert.match(message.data.thing1.value, /^第\d+期 推送测试/)
    })

    if (store === 'postgres') {
      test('three workers on separate connections share one fan-out without sending anything twice', async () => {
        const before = (await messageCounts(standInUrl)).counts
        const members: AudienceMember[] = Array.from({ length: 1_500 }, (_, i) => ({ user: `multi-${i}`, credits: 1 }))
        const audience = await seedAudience(tdb.database.db, standInUrl, members, '610923101')
        const bulletinId = await publishTo(tdb.database, '610923101')
        const connections = [tdb.database, await tdb.openAnother(), await tdb.openAnother()]
        const workers = connections.map((c) => worker(c, standInUrl, { batchSize: 25 }))
        workers.forEach((w) => w.start())
        await drained(tdb.database.db, 60_000)
        await Promise.all(workers.map((w) => w.stop()))
        const { counts } = await messageCounts(standInUrl)
        for (const [user, a] of audience) assert.equal((counts[a.openid as string] ?? 0) - (before[a.openid as string] ?? 0), 1, user)
        const claimedBy = await tdb.database.db.selectFrom('deliveries').select(['claimed_by']).distinct().where('bulletin_id', '=', bulletinId).execute()
        assert.ok(claimedBy.length >= 2, `work was shared (${claimedBy.length} workers)`)
      })
    }

    test('a worker that died mid-send leaves its rows to recovery: marked unknown, never resent', async () => {
      const members: AudienceMember[] = Array.from({ length: 30 }, (_, i) => ({ user: `lost-${i}`, credits: 1 }))
      await seedAudience(tdb.database.db, standInUrl, members, '610923102')
      const bulletinId = await publishTo(tdb.database, '610923102')
      // A "dead" worker: claims a chunk (rows now sending, credits spent) and never records anything.
      const dead = worker(tdb.database, standInUrl)
      const claimed = await createOutboxRepository(tdb.database.db).claim(deliveriesKind(10), dead.id, new Date())
      assert.equal(claimed.length, 10)
      const live = worker(tdb.database, standInUrl, { leaseMs: 200 })
      live.start()
      await drained(tdb.database.db, 30_000)
      await new Promise((r) => setTimeout(r, 300))
      await live.maintain()
      await live.stop()
      const rows = await tdb.database.db.selectFrom('deliveries').select(['status', 'reason']).where('bulletin_id', '=', bulletinId).execute()
      const unknown = rows.filter((r) => r.status === 'unknown')
      assert.equal(rows.length, 30, JSON.stringify(rows))
      assert.equal(unknown.length, 10)
      assert.match(unknown[0].reason ?? '', /worker lost/)
      assert.equal(rows.filter((r) => r.status === 'sent').length, 20)
    })
  })
}
