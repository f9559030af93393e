// The three-level warning chain end to end through the API: feed intake, level-1 messages, the resident's red card
// and answers, durable timers on a test clock, the call queue with caller verification, the station visit, and the
// worker guarantees (two workers race over timers; a worker dying mid-escalation loses and repeats nothing).
import { before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { FieldCipher } from '../src/lib/field-cipher.ts'
import { createFeedKeys } from '../src/warnings/feed-keys-repository.ts'
import { createWarningsRepository } from '../src/warnings/repository.ts'
import { createBoardRepository } from '../src/warnings/board-repository.ts'
import { WarningService } from '../src/warnings/service.ts'
import { createOutboxRepository } from '../src/outbox/repository.ts'
import { warningMessages as warningMessagesKind } from '../src/warnings/outbox-kinds.ts'
import { useChainSuite } from './chain-suite.ts'
import { CHENGGUAN, OTHER } from './fixtures.ts'
import { TestClock, storeOptions, storesUnderTest } from './helpers.ts'

const MIN = 60_000

for (const store of storesUnderTest()) {
  describe(`warning chain on ${store}`, storeOptions(store), () => {
    const clock = new TestClock(Date.parse('2026-11-30T02:00:00Z'))
    const chain = useChainSuite(store, clock)
    const { suite, drain, count } = chain
    const newWorker = chain.worker
    const db = () => suite.tdb.database.db
    const cipher = () => new FieldCipher(suite.config.dataKey)

    let feedKey = ''
    const staff: Record<string, { authorization: string }> = {}
    before(async () => {
      feedKey = await chain.fx.feedKey()
      Object.assign(staff, await chain.fx.cast('operator', 'operator2', 'operator-bare', 'officer-cg', 'officer-other'))
    })

    /** A registered resident with a verified phone; with WeChat (and `credits` warning credits) when given. */
    const resident = (phone: string, township = CHENGGUAN.code, wechatCredits: number | null = null) => chain.fx.resident({ phone, township, wechatCredits })
    const feed = (lines: unknown[] | string, key = feedKey) => chain.fx.feed(key, lines)
    const line = (ref: string, phone: string, over: Record<string, unknown> = {}) => ({
      ref,
      phone,
      riskType: 'call',
      riskLevel: 'medium',
      evidence: { kind: 'phone', value: '+85223456789', at: '2026-11-30T01:55:00Z' },
      ...over
    })

    const detail = async (id: string, as = suite.as('admin')) => (await suite.app.inject({ url: `/api/v1/admin/warnings/${id}`, headers: as })).json()

    test('the feed needs a live key, judges every line on its own, and a re-send changes nothing', async () => {
      assert.equal((await feed([line('k-0', '13800000001')], 'qdf_wrong')).statusCode, 401)
      assert.equal((await feed([line('k-0', '13800000001')], '')).json().error.code, 'FEED_KEY_INVALID')
      const alice = await resident('13900000001', CHENGGUAN.code, 1)
      const body = [
        JSON.stringify(line('f-1', '139 0000 0001')), // Alice, typed with spaces
        '{ not json',
        JSON.stringify(line('f-3', '02988888888')), // a landline: no mobile to warn
        JSON.stringify({ ...line('f-4', '13800000004'), riskType: 'gamble' }),
        '',
        JSON.stringify(line('f-6', '+86 138-0000-0006', { townshipCode: OTHER.code })),
        JSON.stringify(line('f-7', '13800000007', { townshipCode: '999999999' })),
        JSON.stringify(line('f-1', '13900000001')) // the same ref twice in one call
      ].join('\n')
      const res = await feed(body)
      assert.equal(res.statusCode, 200, res.body)
      const r = res.json()
      assert.deepEqual(
        { created: r.created, duplicates: r.duplicates, rejected: r.rejected, matched: r.matched },
        { created: 2, duplicates: 1, rejected: 4, matched: 1 }
      )
      assert.deepEqual(
        r.lines.map((l: { line: number; status: string; code?: string }) => `${l.line}:${l.status}${l.code ? `:${l.code}` : ''}`),
        [
          '1:created',
          '2:rejected:WARNING_INVALID',
          '3:rejected:PHONE_NOT_SUPPORTED',
          '4:rejected:WARNING_INVALID',
          '6:created',
          '7:rejected:AREA_INVALID',
          '8:duplicate'
        ]
      )
      const created = r.lines.filter((l: { status: string }) => l.status === 'created')
      // A line that is not JSON says so; a ref repeated within the call is answered with the warning's id like any duplicate.
      assert.match(r.lines.find((l: { line: number }) => l.line === 2).message, /第2行不是 JSON/)
      assert.equal(r.lines.find((l: { line: number }) => l.line === 8).id, created[0].id)
      // Matched by the blind index: Alice's township and village; the other by the sender's hint; the phone never in clear.
      const a = (await detail(created[0].id)).warning
      assert.equal(a.matched, true)
      assert.equal(a.townshipCode, CHENGGUAN.code)
      assert.equal(a.phoneMasked, '139****0001')
      const b = (await detail(created[1].id)).warning
      assert.deepEqual([b.matched, b.townshipCode], [false, OTHER.code])
      const stored = await db().selectFrom('warnings').select(['phone_enc', 'resident_id']).where('ref', '=', 'f-1').executeTakeFirstOrThrow()
      assert.ok(!stored.phone_enc.includes('13900000001'))
      assert.equal(String(stored.resident_id), alice.id)

      // The whole batch again: every line a duplicate naming the first warning; no row, message or event doubled.
      const before = await Promise.all(['warnings', 'warning_messages', 'warning_events', 'warning_timers'].map((t) => count(t)))
      const again = (await feed(body)).json()
      assert.equal(again.created, 0)
      assert.equal(again.lines.find((l: { line: number }) => l.line === 1).id, created[0].id)
      assert.deepEqual(await Promise.all(['warnings', 'warning_messages', 'warning_events', 'warning_timers'].map((t) => count(t))), before)

      // A revoked key is refused at once.
      await createFeedKeys(db())
        .create('bank-x', 'bank')
        .then(async (k) => {
          assert.equal((await feed([line('b-1', '13800000009')], k as string)).statusCode, 200)
          assert.equal(await createFeedKeys(db()).revoke('bank-x'), true)
          assert.equal((await feed([line('b-2', '13800000009')], k as string)).statusCode, 401)
        })
      assert.equal((await feed('\n\n')).json().error.code, 'WARNING_INVALID')

      // A receivedAt from a wrong clock (years ahead) or long past is refused by line, not stored outside every figure.
      const dated = (
        await feed([
          line('t-1', '13800000011', { receivedAt: '2031-01-01T00:00:00Z' }),
          line('t-2', '13800000012', { receivedAt: '2024-01-01T00:00:00Z' }),
          line('t-3', '13800000013', { receivedAt: new Date(clock.now().getTime() - 3_600_000).toISOString() })
        ])
      ).json()
      assert.deepEqual(
        dated.lines.map((l: { status: string }) => l.status),
        ['rejected', 'rejected', 'created']
      )
      assert.match(dated.lines[0].message, /在将来/)
      assert.match(dated.lines[1].message, /早于30天前/)
    })

    test('level 1: a subscribe message with a credit, an SMS without links otherwise; never both, never twice', async () => {
      await drain() // what earlier tests left to send
      const withCredit = await resident('13900000011', CHENGGUAN.code, 2)
      await resident('13900000012', CHENGGUAN.code, 0) // WeChat but no credit
      const smsBefore = chain.gateway.messages.length
      const res = (await feed([line('l1-a', '13900000011'), line('l1-b', '13900000012'), line('l1-c', '13800000013')])).json()
      assert.equal(res.created, 3)
      await drain()
      const delivered = ((await (await fetch(`${chain.standIn.url}/__standin/messages`)).json()) as { messages: Array<{ template_id: string; page: string }> })
        .messages
      const warningMessages = delivered.filter((m) => m.template_id === 'tmpl-warning' && m.page.includes(`warning=${res.lines[0].id}`))
      assert.equal(warningMessages.length, 1)
      const sms = chain.gateway.messages.slice(smsBefore)
      assert.deepEqual(sms.map((m) => m.to).sort(), ['+8613800000013', '+8613900000012'])
      for (const m of sms) {
        assert.equal(m.template, 'fraud_warning')
        assert.doesNotMatch((m.params as unknown as { text: string }).text, /https?:|www\.|\.cn|\.com/)
      }
      const credit = await db()
        .selectFrom('subscriptions')
        .select('credits')
        .where('resident_id', '=', withCredit.id)
        .where('template_id', '=', 'tmpl-warning')
        .executeTakeFirstOrThrow()
      assert.equal(credit.credits, 1)
      const timeline = (await detail(res.lines[0].id)).timeline.map((e: { type: string }) => e.type)
      assert.deepEqual(timeline, ['received', 'level1_sent'])
      // Nothing left to send; another round sends nothing more.
      await drain()
      assert.equal(chain.gateway.messages.length, smsBefore + 2)

      // A message claimed by a worker that died mid-send becomes unknown after the lease, and is not resent.
      const lost = (await feed([line('l1-d', '13800000014')])).json().lines[0].id
      const outbox = createOutboxRepository(db())
      const kind = warningMessagesKind({ templateId: 'tmpl-warning', batchSize: 10, miniprogramState: 'formal', cipher: new FieldCipher(suite.config.dataKey) })
      assert.equal((await outbox.claim(kind, 'dead-worker', clock.now())).length, 1)
      assert.equal(await outbox.expireLeases([kind.table], new Date(clock.now().getTime() + 1), clock.now()), 1)
      await drain()
      assert.equal(chain.gateway.messages.filter((m) => m.to === '+8613800000014').length, 0)
      assert.equal((await db().selectFrom('warning_messages').select('status').where('warning_id', '=', lost).executeTakeFirstOrThrow()).status, 'unknown')
    })

    test('the red card: 没有转账 ends a medium warning; no answer in time brings the county call', async () => {
      const bob = await resident('13900000021')
      const [safe, silentOne] = (
        await feed([line('rc-1', '13900000021'), line('rc-2', '13900000021', { riskType: 'sms', evidence: { kind: 'sms', value: '10690000' } })])
      ).json().lines
      const cards = (await suite.app.inject({ url: '/api/v1/me/warnings', headers: bob.headers })).json().items
      assert.deepEqual(cards.map((c: { id: string }) => c.id).sort(), [safe.id, silentOne.id].sort())
      const card = cards.find((c: { id: string }) => c.id === silentOne.id)
      assert.match(card.happened, /诈骗短信/)
      assert.equal(card.hotline, '96110')
      assert.equal(card.answer, null)
      // Someone else cannot answer Bob's warning.
      const carol = await resident('13900000022')
      assert.equal(
        (await suite.app.inject({ method: 'POST', url: `/api/v1/me/warnings/${safe.id}/answer`, headers: carol.headers, payload: { answer: 'safe' } }))
          .statusCode,
        404
      )
      const answered = await suite.app.inject({
        method: 'POST',
        url: `/api/v1/me/warnings/${safe.id}/answer`,
        headers: bob.headers,
        payload: { answer: 'safe' }
      })
      assert.equal(answered.statusCode, 200, answered.body)
      assert.deepEqual(
        answered.json().items.map((c: { id: string }) => c.id),
        [silentOne.id]
      )
      assert.deepEqual([(await detail(safe.id)).warning.status, (await detail(safe.id)).warning.outcome], ['closed', 'acknowledged'])

      // The second one is not answered: after the ack time (30 min) the worker opens a call task, once.
      clock.advance(29 * MIN)
      await drain()
      assert.equal((await detail(silentOne.id)).tasks.length, 0)
      clock.advance(2 * MIN)
      await drain()
      await drain()
      const d = await detail(silentOne.id)
      assert.deepEqual(
        d.tasks.map((t: { kind: string; status: string }) => `${t.kind}:${t.status}`),
        ['call:open']
      )
      assert.equal(d.warning.level, 2)
      assert.deepEqual(
        d.timeline.map((e: { type: string }) => e.type).filter((t: string) => t !== 'level1_sent'),
        ['received', 'ack_timeout', 'call_task']
      )
      await suite.app.inject({
        method: 'POST',
        url: `/api/v1/admin/warnings/${silentOne.id}/close`,
        headers: suite.as('admin'),
        payload: { outcome: 'false_alarm' }
      })
    })

    test('请民警联系我 → the operator claims, the same code shows and verifies → two 无法接通 → the station visits → 劝阻成功', async () => {
      const dan = await resident('13900000031', CHENGGUAN.code)
      const id = (
        await feed([line('chain-1', '13900000031', { riskType: 'transfer', evidence: { kind: 'account', value: '6222020200112233445', amount: 38000 } })])
      ).json().lines[0].id
      await suite.app.inject({ method: 'POST', url: `/api/v1/me/warnings/${id}/answer`, headers: dan.headers, payload: { answer: 'call_me' } })
      // An operator without a police number cannot contact residents.
      const bare = await suite.app.inject({ method: 'POST', url: '/api/v1/admin/call-tasks/claim', headers: staff['operator-bare'] })
      assert.equal(bare.json().error.code, 'PROFILE_REQUIRED')
      // Residents and officers are not operators.
      assert.equal((await suite.app.inject({ method: 'POST', url: '/api/v1/admin/call-tasks/claim', headers: staff['officer-cg'] })).statusCode, 403)

      const queue = (await suite.app.inject({ url: '/api/v1/admin/call-tasks', headers: staff.operator })).json().items
      const task = queue.find((t: { warning: { id: string } }) => t.warning.id === id)
      assert.equal(task.phone, null, 'the number is shown only to the one holding the task')
      const claimed = await suite.app.inject({ method: 'POST', url: `/api/v1/admin/call-tasks/${task.task.id}/claim`, headers: staff.operator })
      assert.equal(claimed.statusCode, 200, claimed.body)
      const card = claimed.json()
      assert.equal(card.phone, '13900000031')
      assert.match(card.code, /^\d{6}$/)
      assert.ok(card.script.some((s: string) => s.includes('6222020200112233445')))
      // Nobody else can take it meanwhile.
      assert.equal(
        (await suite.app.inject({ method: 'POST', url: `/api/v1/admin/call-tasks/${task.task.id}/claim`, headers: staff.operator2 })).json().error.code,
        'TASK_TAKEN'
      )

      // The resident's card shows who is calling and the same code.
      const shown = (await suite.app.inject({ url: '/api/v1/me/warnings', headers: dan.headers })).json().items[0].contact
      assert.deepEqual(
        { ...shown, since: undefined },
        { kind: 'call', name: '李**', unit: '县公安局反诈中心', policeNumberTail: '234', code: card.code, since: undefined }
      )
      const verify = (payload: Record<string, string>, headers = dan.headers) =>
        suite.app.inject({ method: 'POST', url: '/api/v1/me/verify-caller', headers, payload })
      const ok = (await verify({ policeNumber: '061234', code: card.code })).json()
      assert.equal(ok.genuine, true)
      assert.equal(ok.contact.unit, '县公安局反诈中心')
      assert.equal((await verify({ policeNumber: '061234', code: card.code === '000000' ? '000001' : '000000' })).json().genuine, false)
      // What residents type: the label said with it, full-width digits from a Chinese keyboard, spaces.
      const wide = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))
      assert.equal((await verify({ policeNumber: '警号 061234', code: card.code })).json().genuine, true)
      assert.equal((await verify({ policeNumber: `警号：${wide('061 234')}`, code: ` ${wide(card.code)} ` })).json().genuine, true)
      // Another resident with the right number and code learns nothing: the call is not to them.
      const eve = await resident('13900000032')
      const theirs = (await verify({ policeNumber: '061234', code: card.code }, eve.headers)).json()
      assert.deepEqual([theirs.genuine, theirs.contact], [false, null])

      // 无法接通, then again too soon: still the county's; a retry interval after the first: the station's.
      const attempt = (payload: Record<string, unknown>) =>
        suite.app.inject({ method: 'POST', url: `/api/v1/admin/call-tasks/${task.task.id}/attempts`, headers: staff.operator, payload })
      assert.equal((await attempt({ result: 'unreachable' })).statusCode, 200)
      assert.equal((await attempt({ result: 'unreachable' })).json().error.code, 'TASK_TAKEN', 'the task went back to the queue')
      clock.advance(10 * MIN)
      await suite.app.inject({ method: 'POST', url: `/api/v1/admin/call-tasks/${task.task.id}/claim`, headers: staff.operator })
      await attempt({ result: 'unreachable' })
      assert.equal((await detail(id)).tasks.length, 1)
      clock.advance(20 * MIN)
      const again = await suite.app.inject({ method: 'POST', url: '/api/v1/admin/call-tasks/claim', headers: staff.operator })
      assert.equal(again.json().task.id, task.task.id, 'the queue gives the oldest-due task')
      const third = await attempt({ result: 'unreachable' })
      assert.equal(third.json().task.status, 'done')
      let d = await detail(id)
      assert.deepEqual(
        d.tasks.map((t: { kind: string; status: string }) => `${t.kind}:${t.status}`),
        ['call:done', 'visit:open']
      )
      assert.equal(d.warning.level, 3)

      // The 城关镇 officer sees it; an officer of another township does not, even by id.
      const visits = (await suite.app.inject({ url: '/api/v1/admin/visit-tasks', headers: staff['officer-cg'] })).json().items
      const visit = visits.find((t: { warning: { id: string } }) => t.warning.id === id)
      assert.ok(visit)
      assert.equal(
        (await suite.app.inject({ url: '/api/v1/admin/visit-tasks', headers: staff['officer-other'] }))
          .json()
          .items.some((t: { warning: { id: string } }) => t.warning.id === id),
        false
      )
      assert.equal((await suite.app.inject({ url: `/api/v1/admin/warnings/${id}`, headers: staff['officer-other'] })).statusCode, 404)
      assert.equal(
        (await suite.app.inject({ method: 'POST', url: `/api/v1/admin/visit-tasks/${visit.task.id}/claim`, headers: staff['officer-other'] })).statusCode,
        404
      )
      const mine = (await suite.app.inject({ method: 'POST', url: `/api/v1/admin/visit-tasks/${visit.task.id}/claim`, headers: staff['officer-cg'] })).json()
      const atDoor = (await suite.app.inject({ url: '/api/v1/me/warnings', headers: dan.headers })).json().items[0].contact
      assert.deepEqual([atDoor.kind, atDoor.code, atDoor.unit], ['visit', mine.code, '城关派出所'])
      assert.equal((await verify({ policeNumber: '062345', code: mine.code })).json().genuine, true)
      const done = await suite.app.inject({
        method: 'POST',
        url: `/api/v1/admin/visit-tasks/${visit.task.id}/outcome`,
        headers: staff['officer-cg'],
        payload: { result: 'dissuaded', note: '已劝阻，未转账' }
      })
      assert.equal(done.statusCode, 200, done.body)
      d = await detail(id)
      assert.deepEqual([d.warning.status, d.warning.outcome], ['closed', 'dissuaded'])
      assert.deepEqual(
        d.timeline.map((e: { type: string }) => e.type),
        [
          'received',
          'answered',
          'call_task',
          'claimed',
          'call_attempt',
          'claimed',
          'call_attempt',
          'claimed',
          'call_attempt',
          'visit_task',
          'claimed',
          'visit_outcome',
          'closed'
        ]
      )
      assert.equal(d.timeline.find((e: { type: string }) => e.type === 'visit_outcome').actor, '王志强')
      assert.deepEqual((await suite.app.inject({ url: '/api/v1/me/warnings', headers: dan.headers })).json().items, [])
      // Guessing is limited: one check in this window so far (the officer's); the sixth is refused.
      const statuses: number[] = []
      for (let i = 0; i < 5; i++) statuses.push((await verify({ policeNumber: '000000', code: '123456' })).statusCode)
      assert.deepEqual(statuses, [200, 200, 200, 200, 429])
    })

    test('我需要帮助 opens one high-risk call at once', async () => {
      const fay = await resident('13900000041')
      const first = await suite.app.inject({ method: 'POST', url: '/api/v1/me/help', headers: fay.headers, payload: { what: '有人让我下载会议软件' } })
      assert.equal(first.statusCode, 200, first.body)
      await suite.app.inject({ method: 'POST', url: '/api/v1/me/help', headers: fay.headers, payload: {} })
      const items = first.json().items
      assert.equal(items.length, 1)
      assert.equal(items[0].riskType, 'help')
      const d = await detail(items[0].id)
      assert.deepEqual([d.warning.source, d.warning.riskLevel, d.warning.level, d.note], ['resident', 'high', 2, '有人让我下载会议软件'])
      assert.equal(await count('warnings', sql`source = 'resident' AND resident_id = ${fay.id}::bigint`), 1)
      assert.deepEqual(
        d.tasks.map((t: { kind: string }) => t.kind),
        ['call']
      )
    })

    test('a confirmed report with a loss opens one high-risk warning for the reporter', async () => {
      const gus = await resident('13900000051')
      const report = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        headers: gus.headers,
        payload: { kind: 'account', value: '6222 0000 1111 2222', lossAmount: 12000 }
      })
      assert.equal(report.statusCode, 200, report.body)
      const noLoss = await resident('13900000052')
      await suite.app.inject({ method: 'POST', url: '/api/v1/reports', headers: noLoss.headers, payload: { kind: 'account', value: '6222 0000 1111 2222' } })
      const value = report.json().value as string
      const confirm = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/admin/reports/review',
        headers: suite.as('admin'),
        payload: { kind: 'account', value, action: 'confirm', category: '刷单返利' }
      })
      assert.equal(confirm.statusCode, 200, confirm.body)
      const rows = await db()
        .selectFrom('warnings')
        .select(['id', 'resident_id', 'risk_type', 'risk_level', 'level', 'ref'])
        .where('source', '=', 'report')
        .execute()
      assert.deepEqual(
        rows.map((r) => [String(r.resident_id), r.risk_type, r.risk_level, r.level, r.ref]),
        [[gus.id, 'transfer', 'high', 2, `report-${report.json().id as string}`]]
      )
      const d = await detail(String(rows[0]!.id))
      assert.deepEqual([d.evidence.kind, d.evidence.amount], ['account', 12000])
    })

    test('two workers racing over due timers fire each exactly once', async () => {
      const lines = Array.from({ length: 60 }, (_, i) => line(`race-${i}`, `1370000${String(i).padStart(4, '0')}`))
      const ids = (await feed(lines)).json().lines.map((l: { id: string }) => l.id)
      await drain()
      clock.advance(31 * MIN)
      const [a, b] = [newWorker(), newWorker()]
      await Promise.all([drain(a), drain(b), drain(a), drain(b)])
      assert.equal(await count('warning_tasks', sql`kind = 'call' AND warning_id = ANY(${ids}::bigint[])`), 60)
      assert.equal(await count('warning_events', sql`type = 'ack_timeout' AND warning_id = ANY(${ids}::bigint[])`), 60)
      assert.equal(
        await count('warning_timers', sql`kind = 'ack_timeout' AND fired_at IS NULL AND cancelled_at IS NULL AND warning_id = ANY(${ids}::bigint[])`),
        0
      )
    })

    test('a worker that dies mid-escalation loses nothing and repeats nothing', async () => {
      const id = (await feed([line('crash-1', '13600000001')])).json().lines[0].id
      await drain()
      clock.advance(31 * MIN)
      // A repository whose transition dies after writing the call task, before the commit.
      const repository = createWarningsRepository(db())
      const dying = {
        ...repository,
        async recordTransition(...args: Parameters<typeof repository.recordTransition>) {
          await repository.recordTransition(...args)
          throw new Error('killed mid-escalation')
        }
      }
      const doomed = new WarningService(dying, createBoardRepository(db()), cipher(), suite.config.warnings, clock.now)
      await assert.rejects(doomed.chain.fireDueTimers(10), /killed mid-escalation/)
      assert.equal(await count('warning_tasks', sql`warning_id = ${id}::bigint`), 0)
      await drain()
      await drain()
      assert.equal(await count('warning_tasks', sql`warning_id = ${id}::bigint`), 1)
      assert.equal(await count('warning_events', sql`type = 'ack_timeout' AND warning_id = ${id}::bigint`), 1)
    })

    test('the console adds a warning by hand; staff profiles are checked', async () => {
      const res = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/admin/warnings',
        headers: staff.operator,
        payload: {
          source: 'bank',
          ref: 'bank-call-1',
          phone: '13500000001',
          riskType: 'transfer',
          riskLevel: 'high',
          evidence: { kind: 'account', value: '6222 0000', amount: 5000 },
          note: '银行柜台来电'
        }
      })
      assert.equal(res.statusCode, 200, res.body)
      assert.deepEqual([res.json().warning.source, res.json().warning.level, res.json().note], ['bank', 2, '银行柜台来电'])
      const dup = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/admin/warnings',
        headers: staff.operator,
        payload: { source: 'bank', ref: 'bank-call-1', phone: '13500000001', riskType: 'transfer', riskLevel: 'high' }
      })
      assert.deepEqual([dup.statusCode, dup.json().error.code], [409, 'WARNING_DUPLICATE'])
      const bad = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/admin/warnings',
        headers: staff.operator,
        payload: { source: 'county', phone: '12345', riskType: 'call', riskLevel: 'high' }
      })
      assert.deepEqual([bad.statusCode, bad.json().error.code, bad.json().error.field], [400, 'PHONE_NOT_SUPPORTED', 'phone'])
      assert.match(bad.json().error.message, /^当事人手机号不是11位/, 'the form names the field, not "第1行"')
      // Officers cannot add; a police number belongs to one account.
      assert.equal(
        (
          await suite.app.inject({
            method: 'POST',
            url: '/api/v1/admin/warnings',
            headers: staff['officer-cg'],
            payload: { source: 'county', phone: '13500000002', riskType: 'call', riskLevel: 'high' }
          })
        ).statusCode,
        403
      )
      const accounts = (await suite.app.inject({ url: '/api/v1/admin/accounts', headers: suite.as('admin') })).json().items
      const bareId = accounts.find((a: { username: string }) => a.username === 'operator-bare').id
      const taken = await suite.app.inject({
        method: 'PUT',
        url: `/api/v1/admin/accounts/${bareId}/profile`,
        headers: suite.as('admin'),
        payload: { displayName: '孙丽', policeNumber: '061234', unit: '县公安局反诈中心' }
      })
      assert.deepEqual([taken.statusCode, taken.json().error.field], [409, 'policeNumber'])
      const set = await suite.app.inject({
        method: 'PUT',
        url: `/api/v1/admin/accounts/${bareId}/profile`,
        headers: suite.as('admin'),
        payload: { displayName: '孙丽', policeNumber: 'x61299', unit: '县公安局反诈中心' }
      })
      assert.equal(set.json().policeNumber, 'X61299')
    })

    test('a call longer than one stored slice: every line answered in order, earlier refs found across slices; warnings are never deleted', async () => {
      const earlier = (await feed([line('s-2500', '13700002500'), line('s-4100', '13700004100')])).json()
      assert.equal(earlier.created, 2)
      const lines = Array.from({ length: 4_500 }, (_, i) =>
        i % 1_000 === 999 ? { ref: `s-${i}`, phone: 'x' } : line(`s-${i}`, `137${String(i).padStart(8, '0')}`, { riskLevel: i % 3 === 0 ? 'high' : 'medium' })
      )
      const r = (await feed(lines)).json()
      assert.deepEqual({ created: r.created, duplicates: r.duplicates, rejected: r.rejected }, { created: 4_494, duplicates: 2, rejected: 4 })
      assert.deepEqual(
        r.lines.map((l: { line: number }) => l.line),
        Array.from({ length: 4_500 }, (_, i) => i + 1)
      )
      assert.equal(r.lines[2_500].id, earlier.lines[0].id)
      assert.equal(r.lines[4_100].id, earlier.lines[1].id)
      assert.deepEqual(
        r.lines.filter((l: { status: string }) => l.status === 'rejected').map((l: { line: number }) => l.line),
        [1_000, 2_000, 3_000, 4_000]
      )
      // Every new warning has its level-1 message, high risk its call task, medium risk its answer timer.
      assert.equal(await count('warnings', sql`ref LIKE 's-%'`), 4_496)
      assert.equal(await count('warning_messages', sql`warning_id IN (SELECT id FROM warnings WHERE ref LIKE 's-%')`), 4_496)
      const high = await count('warnings', sql`ref LIKE 's-%' AND risk_level = 'high'`)
      assert.equal(await count('warning_tasks', sql`warning_id IN (SELECT id FROM warnings WHERE ref LIKE 's-%')`), high)
      assert.equal(await count('warning_timers', sql`kind = 'ack_timeout' AND warning_id IN (SELECT id FROM warnings WHERE ref LIKE 's-%')`), 4_496 - high)
      await assert.rejects(sql`DELETE FROM warnings WHERE ref = 's-1'`.execute(db()), /never deleted/)
      assert.equal(await count('warnings', sql`ref = 's-1'`), 1)
    })
  })
}
