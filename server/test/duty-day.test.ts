// The centre's duty day (issue 26): a warning nobody could place reaches a station, a task held by someone who went
// home is released or handed on, and the per-township figures add up to the total — through the API on a test clock.
import { before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { defaultAreas } from '../src/areas/service.ts'
import { useChainSuite } from './chain-suite.ts'
import { bulletinInput } from './push-fixtures.ts'
import { TestClock, storeOptions, storesUnderTest } from './helpers.ts'
import { CHENGGUAN, OTHER, residentToken, villageOf } from './fixtures.ts'

const MIN = 60_000

type Headers = { authorization: string }

for (const store of storesUnderTest()) {
  describe(`the duty day on ${store}`, storeOptions(store), () => {
    const clock = new TestClock(Date.parse('2026-12-01T02:00:00Z'))
    const chain = useChainSuite(store, clock)
    const { suite } = chain
    const db = () => suite.tdb.database.db
    const staff: Record<string, Headers> = {}
    const ids: Record<string, string> = {}
    let feedKey = ''

    before(async () => {
      feedKey = await chain.fx.feedKey()
      for (const username of ['operator', 'operator2', 'operator-bare', 'officer-cg', 'officer-cg2', 'officer-other'] as const) {
        const { id, headers } = await chain.fx.member(username)
        ids[username] = id
        staff[username] = headers
      }
    })

    const api = (method: 'GET' | 'POST', url: string, as: Headers, payload?: unknown) => chain.inject(method, url, as, payload)
    const feed = (lines: Record<string, unknown>[]) => chain.fx.feed(feedKey, lines)
    /** An unregistered number from the city platform with no township — its usual case. High risk: a call at once. */
    const unplacedWarning = async (ref: string, phone: string) => {
      const res = await feed([
        { ref, phone, riskType: 'transfer', riskLevel: 'high', evidence: { kind: 'account', value: '6222020200112233445', amount: 50_000 } }
      ])
      assert.equal(res.statusCode, 200, res.body)
      return res.json().lines[0].id as string
    }
    const detail = async (id: string, as: Headers = suite.as('admin')) => (await api('GET', `/admin/warnings/${id}`, as)).json()
    const callTaskOf = async (id: string) => (await detail(id)).tasks.find((t: { kind: string }) => t.kind === 'call').id as string
    const visitTaskOf = async (id: string) => (await detail(id)).tasks.find((t: { kind: string }) => t.kind === 'visit')?.id as string | undefined
    /** A resident registered in 城关镇 with a verified phone; returns their id. */
    const registered = async (phone: string, name: string, birthDate: string) => (await chain.fx.resident({ phone, name, birthDate })).id
    const visitsOf = async (as: Headers) =>
      ((await api('GET', '/admin/visit-tasks', as)).json().items as { warning: { id: string } }[]).map((c) => c.warning.id)

    test('a warning with no township: the operator places the person before 转派出所上门, and the station sees the visit', async () => {
      const id = await unplacedWarning('np-1', '13700000001')
      assert.equal((await detail(id)).warning.townshipCode, null)
      const task = await callTaskOf(id)
      assert.equal((await api('POST', `/admin/call-tasks/${task}/claim`, staff.operator!)).statusCode, 200)

      // 转派出所上门 or 已被骗 with nowhere to send the station: refused with the field to fill, nothing recorded.
      const escalate = await api('POST', `/admin/call-tasks/${task}/attempts`, staff.operator!, { result: 'dissuaded', escalate: true })
      assert.deepEqual([escalate.statusCode, escalate.json().error.code, escalate.json().error.field], [409, 'TOWNSHIP_REQUIRED', 'townshipCode'])
      const lost = await api('POST', `/admin/call-tasks/${task}/attempts`, staff.operator!, { result: 'defrauded', amount: 12_000, note: '已转账两笔' })
      assert.equal(lost.json().error.code, 'TOWNSHIP_REQUIRED')
      assert.equal((await detail(id)).tasks[0].attempts, 0)

      // A village of another township, or a code that is no township, is refused.
      const mismatch = await api('POST', `/admin/warnings/${id}/place`, staff.operator!, { townshipCode: CHENGGUAN!.code, villageCode: villageOf(OTHER!.code) })
      assert.deepEqual([mismatch.statusCode, mismatch.json().error.code, mismatch.json().error.field], [400, 'AREA_INVALID', 'villageCode'])
      assert.equal(
        (await api('POST', `/admin/warnings/${id}/place`, staff.operator!, { townshipCode: villageOf(OTHER!.code) })).json().error.code,
        'AREA_INVALID'
      )
      // Officers do not place warnings.
      assert.equal((await api('POST', `/admin/warnings/${id}/place`, staff['officer-cg']!, { townshipCode: CHENGGUAN!.code })).statusCode, 403)

      const placed = await api('POST', `/admin/warnings/${id}/place`, staff.operator!, {
        townshipCode: CHENGGUAN!.code,
        villageCode: villageOf(CHENGGUAN!.code)
      })
      assert.equal(placed.statusCode, 200, placed.body)
      assert.equal(placed.json().warning.townshipCode, CHENGGUAN!.code)
      const event = placed.json().timeline.find((e: { type: string }) => e.type === 'placed')
      assert.equal(event.actor, '李建军')
      assert.match(event.text, new RegExp(`填写所在地：${CHENGGUAN!.name}`))

      const sent = await api('POST', `/admin/call-tasks/${task}/attempts`, staff.operator!, { result: 'defrauded', amount: 12_000, note: '已转账两笔' })
      assert.equal(sent.statusCode, 200, sent.body)
      assert.ok((await visitsOf(staff['officer-cg']!)).includes(id), "the township's officer sees the visit")
      assert.equal((await visitsOf(staff['officer-other']!)).includes(id), false)
    })

    test("an unplaced visit heads the centre's board until the centre assigns it to a station; reassigning moves it", async () => {
      const id = await unplacedWarning('np-2', '13700000002')
      const task = await callTaskOf(id)
      // Nobody reached, twice, far enough apart: the station is sent automatically — to nowhere yet.
      await api('POST', `/admin/call-tasks/${task}/claim`, staff.operator!)
      await api('POST', `/admin/call-tasks/${task}/attempts`, staff.operator!, { result: 'unreachable' })
      clock.advance(31 * MIN)
      await api('POST', `/admin/call-tasks/${task}/claim`, staff.operator!)
      assert.equal((await api('POST', `/admin/call-tasks/${task}/attempts`, staff.operator!, { result: 'unreachable' })).statusCode, 200)
      const visit = await visitTaskOf(id)
      assert.ok(visit, 'a visit task was opened')
      assert.equal((await visitsOf(staff['officer-cg']!)).includes(id), false)
      assert.equal((await visitsOf(staff['officer-other']!)).includes(id), false)

      // The centre's board lists it above everything else, flagged; the admin's visit list has it first.
      const board = (await api('GET', '/admin/warnings?status=open', staff.operator!)).json()
      assert.deepEqual(
        board.unplaced.map((w: { id: string }) => w.id),
        [id]
      )
      assert.equal(board.unplaced[0].unplacedVisit, true)
      assert.equal(board.items.find((w: { id: string }) => w.id === id).unplacedVisit, true)
      assert.deepEqual((await api('GET', '/admin/warnings?status=open', staff['officer-cg']!)).json().unplaced, [])
      assert.equal((await visitsOf(suite.as('admin')))[0], id)

      // Assigned to a station: its officers see it, the board no longer flags it.
      assert.equal((await api('POST', `/admin/warnings/${id}/place`, staff.operator!, { townshipCode: OTHER!.code })).statusCode, 200)
      assert.ok((await visitsOf(staff['officer-other']!)).includes(id))
      assert.deepEqual((await api('GET', '/admin/warnings?status=open', staff.operator!)).json().unplaced, [])
      const claimed = await api('POST', `/admin/visit-tasks/${visit}/claim`, staff['officer-other']!)
      assert.equal(claimed.statusCode, 200, claimed.body)

      // Reassigned to another station while held: the holder loses it, it waits in the new station's queue.
      assert.equal((await api('POST', `/admin/warnings/${id}/place`, suite.as('admin'), { townshipCode: CHENGGUAN!.code })).statusCode, 200)
      assert.equal((await visitsOf(staff['officer-other']!)).includes(id), false)
      const card = (
        (await api('GET', '/admin/visit-tasks', staff['officer-cg']!)).json().items as { warning: { id: string }; task: { status: string } }[]
      ).find((c) => c.warning.id === id)
      assert.equal(card?.task.status, 'open')
      const texts = (await detail(id)).timeline.map((e: { text: string }) => e.text)
      assert.ok(
        texts.some((t: string) => t.includes(`（原为${OTHER!.name}）`)),
        texts.join(' | ')
      )
    })

    test('a claimed task is handed on (转派) with a new code, force-released by the centre, and released by itself when idle', async () => {
      // A registered resident, so the code can be verified from the resident's side.
      const phone = '13700000003'
      const residentId = await registered(phone, '张秀兰', '1958-05-01')
      const resident = { authorization: `Bearer ${await residentToken(suite.config, residentId)}` }
      const id = (await feed([{ ref: 'held-1', phone, riskType: 'call', riskLevel: 'high' }])).json().lines[0].id as string
      const task = await callTaskOf(id)
      const first = (await api('POST', `/admin/call-tasks/${task}/claim`, staff.operator!)).json()

      // Who it may go to: the centre's staff with a police number, never an officer or a bare account.
      const holders = (await api('GET', `/admin/call-tasks/${task}/holders`, staff.operator2!)).json().items as { id: string; name: string; holding: number }[]
      assert.ok(holders.some((h) => h.name === '周海燕'))
      assert.equal(holders.find((h) => h.name === '李建军')?.holding, 1)
      assert.equal(
        holders.some((h) => h.name === '王志强' || h.id === ids['operator-bare']),
        false
      )
      assert.equal(
        (await api('POST', `/admin/call-tasks/${task}/reassign`, staff.operator2!, { adminId: ids['officer-cg'] })).json().error.code,
        'VALIDATION_FAILED'
      )
      assert.equal((await api('GET', `/admin/call-tasks/${task}/holders`, staff['officer-cg']!)).statusCode, 403)

      const handed = await api('POST', `/admin/call-tasks/${task}/reassign`, staff.operator2!, { adminId: ids.operator2 })
      assert.equal(handed.statusCode, 200, handed.body)
      const mine = handed.json()
      assert.equal(mine.task.claimedBy, '周海燕')
      assert.match(mine.code, /^\d{6}$/)
      // The first holder's code no longer verifies; the new holder's does.
      const verify = (policeNumber: string, code: string) => api('POST', '/me/verify-caller', resident, { policeNumber, code })
      assert.equal((await verify('061234', first.code)).json().genuine, false)
      assert.equal((await verify('061235', mine.code)).json().genuine, true)
      // The former holder cannot record on it any more.
      assert.equal((await api('POST', `/admin/call-tasks/${task}/attempts`, staff.operator!, { result: 'dissuaded' })).json().error.code, 'TASK_TAKEN')

      // 强制退回 by the centre: the task waits in the queue again, number and code cleared, and the timeline says who.
      const released = await api('POST', `/admin/call-tasks/${task}/release`, staff.operator!)
      assert.equal(released.statusCode, 200, released.body)
      assert.deepEqual([released.json().task.status, released.json().task.claimedBy, released.json().code], ['open', null, null])
      let texts = (await detail(id)).timeline.map((e: { text: string; actor: string }) => `${e.actor}:${e.text}`)
      assert.ok(texts.includes('周海燕:电话任务转派：李建军 → 周海燕'), texts.join(' | '))
      assert.ok(texts.includes('李建军:中心强制退回：周海燕的任务已退回队列'), texts.join(' | '))

      // An officer cannot release a colleague's visit (only the centre can).
      await api('POST', `/admin/warnings/${id}/place`, staff.operator!, { townshipCode: CHENGGUAN!.code })
      await api('POST', `/admin/call-tasks/${task}/claim`, staff.operator!)
      await api('POST', `/admin/call-tasks/${task}/attempts`, staff.operator!, { result: 'dissuaded', escalate: true })
      const visit = (await visitTaskOf(id)) as string
      await api('POST', `/admin/visit-tasks/${visit}/claim`, staff['officer-cg']!)
      assert.equal((await api('POST', `/admin/visit-tasks/${visit}/release`, staff['officer-cg2']!)).json().error.code, 'TASK_TAKEN')
      // Visits are handed to the township's officers only.
      const visitHolders = (await api('GET', `/admin/visit-tasks/${visit}/holders`, staff.operator!)).json().items.map((h: { name: string }) => h.name)
      assert.ok(visitHolders.includes('钱伟') && !visitHolders.includes('赵明') && !visitHolders.includes('李建军'), visitHolders.join(','))

      // The holder goes home: after the configured idle time (8 h for visits) the worker puts it back.
      const worker = chain.worker()
      clock.advance(suite.config.warnings.claimIdleMinutes.visit * MIN - MIN)
      await worker.tick()
      assert.equal((await detail(id)).tasks.find((t: { kind: string }) => t.kind === 'visit').claimedBy, '王志强')
      clock.advance(2 * MIN)
      await chain.worker().tick()
      const after = await detail(id)
      assert.deepEqual(
        [after.tasks.find((t: { kind: string }) => t.kind === 'visit').status, after.tasks.find((t: { kind: string }) => t.kind === 'visit').claimedBy],
        ['open', null]
      )
      texts = after.timeline.map((e: { text: string; actor: string }) => `${e.actor}:${e.text}`)
      assert.ok(texts.includes(`系统:王志强领取后${suite.config.warnings.claimIdleMinutes.visit}分钟无进展，任务自动退回队列`), texts.join(' | '))
    })

    test("task cards carry who the person is, what they wrote and answered, and the call's loss and note; the full details are an audited reveal", async () => {
      const phone = '13700000021'
      const residentId = await registered(phone, '张秀兰', '1958-05-01')
      const resident = { authorization: `Bearer ${await residentToken(suite.config, residentId)}` }

      // A medium warning answered twice: the board keeps both answers, not only the last.
      const id = (await feed([{ ref: 'card-1', phone, riskType: 'call', riskLevel: 'medium' }])).json().lines[0].id as string
      await api('POST', `/me/warnings/${id}/answer`, resident, { answer: 'call_me' })
      await api('POST', `/me/warnings/${id}/answer`, resident, { answer: 'transferred' })
      const row = (await api('GET', '/admin/warnings?status=open', staff.operator!)).json().items.find((w: { id: string }) => w.id === id)
      assert.deepEqual([row.answer, row.answers], ['transferred', ['call_me', 'transferred']])

      const task = await callTaskOf(id)
      const held = (await api('POST', `/admin/call-tasks/${task}/claim`, staff.operator!)).json()
      assert.deepEqual(held.person, { registered: true, name: '张**', age: 68 })
      assert.deepEqual(held.notes, [])
      const recorded = await api('POST', `/admin/call-tasks/${task}/attempts`, staff.operator!, {
        result: 'defrauded',
        amount: 12_000,
        note: '已通过手机银行转出两笔'
      })
      assert.equal(recorded.statusCode, 200, recorded.body)

      // The officer's visit card: the loss and the operator's hand-over note.
      const visit = (
        (await api('GET', '/admin/visit-tasks', staff['officer-cg']!)).json().items as {
          warning: { id: string }
          lossAmount: number
          notes: { actor: string; text: string }[]
          person: unknown
        }[]
      ).find((c) => c.warning.id === id)!
      assert.equal(visit.lossAmount, 12_000)
      assert.deepEqual(
        visit.notes.map((n) => `${n.actor}:${n.text}`),
        ['李建军:电话：已被骗，被骗 12,000 元。已通过手机银行转出两笔']
      )
      assert.deepEqual(visit.person, { registered: true, name: '张**', age: 68 })

      // 我需要帮助: the card says what the resident wrote.
      const help = await api('POST', '/me/help', resident, { what: '有人让我下载会议软件' })
      assert.equal(help.statusCode, 200, help.body)
      const helpCard = (
        (await api('GET', '/admin/call-tasks', staff.operator!)).json().items as {
          warning: { riskType: string; id: string }
          notes: { actor: string; text: string }[]
        }[]
      ).find((c) => c.warning.riskType === 'help' && c.notes.length > 0)!
      assert.deepEqual(
        helpCard.notes.map((n) => `${n.actor}:${n.text}`),
        ['居民:居民求助：有人让我下载会议软件']
      )

      // The full details, with a reason, recorded (who, when, why — not the values); out of scope looks like nothing.
      assert.equal((await api('POST', `/admin/warnings/${id}/reveal`, staff['officer-cg']!, { reason: ' ' })).statusCode, 400)
      assert.equal((await api('POST', `/admin/warnings/${id}/reveal`, staff['officer-other']!, { reason: '上门核实' })).statusCode, 404)
      const full = await api('POST', `/admin/warnings/${id}/reveal`, staff['officer-cg']!, { reason: '上门前核对身份' })
      assert.equal(full.statusCode, 200, full.body)
      assert.deepEqual([full.json().name, full.json().birthDate, full.json().phone, full.json().townshipName], ['张秀兰', '1958-05-01', phone, CHENGGUAN!.name])
      const audit = await db().selectFrom('audit_log').selectAll().where('action', '=', 'warnings.reveal').where('target', '=', `warning:${id}`).execute()
      assert.equal(audit.length, 1)
      assert.equal(String(audit[0]!.admin_id), ids['officer-cg'])
      const after = typeof audit[0]!.after === 'string' ? JSON.parse(audit[0]!.after) : audit[0]!.after
      assert.equal(after.reason, '上门前核对身份')
      assert.ok(!JSON.stringify(after).includes('张秀兰') && !JSON.stringify(after).includes(phone), 'the audit log records that, not what')
    })

    test("the queue under pressure: find a caller by number (or a family member's), sort by money at stake, one person's tasks together, and when a retry counts", async () => {
      const ward = await registered('13700000041', '王桂英', '1955-03-01')
      const son = await registered('13700000049', '张建国', '1982-03-01')
      await db()
        .insertInto('family_links')
        .values({ guardian_id: son, ward_id: ward, relation: 'child', via: 'invite', created_at: clock.now(), removed_at: null, removed_by: null })
        .execute()
      const created = (
        await feed([
          { ref: 'q-1', phone: '13700000041', riskType: 'call', riskLevel: 'high' },
          {
            ref: 'q-2',
            phone: '13700000041',
            riskType: 'transfer',
            riskLevel: 'high',
            evidence: { kind: 'account', value: '6222020200112233445', amount: 50_000 }
          },
          {
            ref: 'q-3',
            phone: '13700000042',
            riskType: 'transfer',
            riskLevel: 'high',
            evidence: { kind: 'account', value: '6222020200112233446', amount: 800 }
          }
        ])
      )
        .json()
        .lines.map((l: { id: string }) => l.id) as string[]
      const board = async (query: string) =>
        ((await api('GET', `/admin/warnings?status=open&${query}`, staff.operator!)).json().items as { id: string }[]).map((w) => w.id)

      // A full number typed any way, the last four digits, or the son ringing about his mother.
      assert.deepEqual((await board(`phone=${encodeURIComponent('137 0000 0041')}`)).sort(), [created[0], created[1]].sort())
      assert.deepEqual((await board('phone=0041')).sort(), [created[0], created[1]].sort())
      assert.deepEqual((await board('phone=13700000049')).sort(), [created[0], created[1]].sort())
      assert.equal((await api('GET', '/admin/warnings?phone=abcd', staff.operator!)).json().error.field, 'phone')
      // The 50,000 transfer first when sorted by amount; high risk and highest level first by risk.
      const byAmount = await board('sort=amount&limit=200')
      assert.ok(byAmount.indexOf(created[1]!) < byAmount.indexOf(created[2]!))
      assert.equal(byAmount[0], created[1])
      assert.equal((await api('GET', '/admin/warnings?sort=amount&limit=1', staff.operator!)).json().next, null, 'sorted lists are not paged by id')

      // One person, two call tasks: each card names the other.
      const queue = (await api('GET', '/admin/call-tasks', staff.operator!)).json().items as {
        task: { id: string }
        warning: { id: string }
        related: { warningId: string; riskType: string }[]
      }[]
      const first = queue.find((c) => c.warning.id === created[0])!
      assert.deepEqual(
        first.related.map((r) => [r.warningId, r.riskType]),
        [[created[1], 'transfer']]
      )
      assert.deepEqual(queue.find((c) => c.warning.id === created[2])!.related, [])

      // 无法接通: the card says when the retry is due and from when another 无法接通 sends the station.
      await api('POST', `/admin/call-tasks/${first.task.id}/claim`, staff.operator!)
      const retry = (await api('POST', `/admin/call-tasks/${first.task.id}/attempts`, staff.operator!, { result: 'unreachable' })).json()
      const at = (minutes: number) => new Date(clock.now().getTime() + minutes * MIN).toISOString()
      assert.deepEqual([retry.task.nextTryAt, retry.task.escalatesFrom], [at(30), at(30)])
      clock.advance(MIN)
      await api('POST', `/admin/call-tasks/${first.task.id}/claim`, staff.operator!)
      const again = (await api('POST', `/admin/call-tasks/${first.task.id}/attempts`, staff.operator!, { result: 'unreachable' })).json()
      assert.equal(again.task.status, 'open', 'too soon: only a retry')
      assert.equal(again.task.escalatesFrom, at(29))
    })

    test('the audit log records sign-ins with the address, failed ones without a mistyped name, and every publish, warning added or ended, export and reveal', async () => {
      const audit = async (action: string) =>
        (await api('GET', `/admin/audit?action=${action}&limit=200`, suite.as('admin'))).json().items as {
          action: string
          target: string
          adminUsername: string | null
          after: Record<string, unknown> | null
        }[]
      const login = (username: string, password: string) =>
        suite.app.inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username, password }, remoteAddress: '203.0.113.7' })
      assert.equal((await login('operator2', 'long enough password')).statusCode, 200)
      assert.equal((await login('operator2', 'not the password')).statusCode, 401)
      assert.equal((await login('my-secret-password', 'x'.repeat(12))).statusCode, 401)
      const ok = (await audit('login.ok')).find((e) => e.target === 'admin:operator2')!
      assert.deepEqual([ok.adminUsername, ok.after?.ip], ['operator2', '203.0.113.7'])
      const failed = await audit('login.failed')
      assert.ok(failed.some((e) => e.target === 'admin:operator2' && e.after?.reason === 'password' && e.after?.ip === '203.0.113.7'))
      assert.ok(failed.some((e) => e.target === 'admin:（不存在的账号）' && e.after?.reason === 'unknown'))
      assert.ok(!JSON.stringify(failed).includes('my-secret-password'), 'a name typed for no account is not kept')

      const added = (
        await api('POST', '/admin/warnings', staff.operator!, { source: 'county', phone: '13700000061', riskType: 'call', riskLevel: 'high' })
      ).json().warning.id as string
      await api('POST', `/admin/warnings/${added}/close`, staff.operator!, { outcome: 'false_alarm' })
      assert.deepEqual(
        (await audit('warnings.')).filter((e) => e.target === `warning:${added}`).map((e) => `${e.action}:${e.adminUsername}`),
        ['warnings.close:operator', 'warnings.add:operator']
      )
      await suite.app.inject({ method: 'GET', url: '/api/v1/admin/blocklist/export', headers: suite.as('admin'), query: { format: 'xlsx' } })
      assert.deepEqual((await audit('blocklist.export')).map((e) => e.target).slice(0, 1), ['file:xlsx'])
      const draft = (await api('POST', '/admin/bulletins', suite.as('admin'), bulletinInput({ title: '审计用预警' }))).json()
      assert.equal((await api('POST', `/admin/bulletins/${draft.id}/publish`, suite.as('admin'))).statusCode, 200)
      const published = (await audit('bulletin.publish')).find((e) => e.target === `bulletin:${draft.id}`)!
      assert.equal(published.after?.title, '审计用预警')
    })

    test("值班概况: today's counts for the centre, the township's own for an officer, who holds what, and the newest high-risk warnings", async () => {
      const duty = async (as: Headers) => {
        const res = await api('GET', '/admin/duty', as)
        assert.equal(res.statusCode, 200, res.body)
        return res.json()
      }
      const before = await duty(staff.operator!)
      const id = (
        await feed([
          {
            ref: 'duty-1',
            phone: '13700000071',
            riskType: 'transfer',
            riskLevel: 'high',
            townshipCode: OTHER!.code,
            evidence: { kind: 'account', value: '6222020200112233449', amount: 20_000 }
          }
        ])
      ).json().lines[0].id as string
      const after = await duty(staff.operator!)
      assert.deepEqual([after.warningsToday - before.warningsToday, after.highRiskToday - before.highRiskToday, after.openCalls - before.openCalls], [1, 1, 1])
      assert.equal(after.newestHighRisk[0].id, id)
      assert.equal(after.newestHighRisk[0].phoneMasked, '137****0071')
      const task = await callTaskOf(id)
      await api('POST', `/admin/call-tasks/${task}/claim`, staff.operator!)
      const holding = (await duty(staff.operator!)).staff.find((s: { name: string }) => s.name === '李建军')
      assert.ok(holding.holding >= 1)
      await api('POST', `/admin/call-tasks/${task}/attempts`, staff.operator!, { result: 'defrauded', amount: 20_000 })
      const lost = await duty(staff.operator!)
      assert.equal(lost.lossToday - after.lossToday, 20_000)
      assert.equal(lost.openVisits - after.openVisits, 1)
      // The other township's officer sees the visit; 城关镇's does not, nor the centre's staff list.
      const far = await duty(staff['officer-other']!)
      assert.ok(far.newestHighRisk.some((w: { id: string }) => w.id === id))
      assert.deepEqual([far.openCalls, far.staff], [0, []])
      assert.equal(
        (await duty(staff['officer-cg']!)).newestHighRisk.some((w: { id: string }) => w.id === id),
        false
      )
    })

    test('one search box: a number across warnings, residents, reports and the blocklist, each for the roles that may see it, masked and audited', async () => {
      const phone = '13700000081'
      await registered(phone, '刘玉珍', '1960-01-01')
      const id = (await feed([{ ref: 'search-1', phone, riskType: 'call', riskLevel: 'medium' }])).json().lines[0].id as string
      const listed = await suite.app.inject({
        method: 'PUT',
        url: '/api/v1/admin/blocklist',
        headers: suite.as('admin'),
        payload: { kind: 'phone', value: '170 9999 0081', category: '冒充客服', note: '测试' }
      })
      assert.equal(listed.statusCode, 200, listed.body)
      const search = (q: string, as: Headers) => api('GET', `/admin/search?q=${encodeURIComponent(q)}`, as)

      const operator = (await search('137-0000-0081', staff.operator!)).json()
      assert.equal(operator.query, '137****0081')
      assert.deepEqual(
        operator.warnings.map((w: { id: string }) => w.id),
        [id]
      )
      assert.deepEqual(
        operator.residents.map((r: { name: string; townshipName: string }) => [r.name, r.townshipName]),
        [['刘**', CHENGGUAN!.name]]
      )
      assert.deepEqual([operator.reports, operator.blocklist], [null, null], "reports and the blocklist are the reviewers'")
      assert.ok(!JSON.stringify(operator).includes(phone), 'numbers masked in every part')
      // Another township's officer finds nothing of this person.
      const far = (await search(phone, staff['officer-other']!)).json()
      assert.deepEqual([far.warnings, far.residents], [[], []])
      // The last four digits: the admin sees the blocklist entry too (masked).
      const last4 = (await search('0081', suite.as('admin'))).json()
      assert.ok(last4.warnings.some((w: { id: string }) => w.id === id))
      assert.deepEqual(
        last4.blocklist.map((b: { value: string }) => b.value),
        ['170****0081']
      )
      assert.deepEqual(last4.residents, [], 'residents are found by a full number only')
      assert.equal((await search('12', staff.operator!)).statusCode, 400)
      assert.equal((await search('abcd', staff.operator!)).json().error.field, 'q')
      const audit = (await api('GET', '/admin/audit?action=search.phone', suite.as('admin'))).json().items as { target: string; adminUsername: string }[]
      assert.ok(audit.some((e) => e.target === 'phone:137****0081' && e.adminUsername === 'operator'))
    })

    test('乡镇村与人口 edited in the console: a village added, a population changed, each audited with what it was; others may not', async () => {
      const village = defaultAreas().find((a) => a.parentCode === OTHER!.code)!
      const put = (code: string, payload: unknown, as = suite.as('admin')) =>
        suite.app.inject({ method: 'PUT', url: `/api/v1/admin/areas/${code}`, headers: as, payload: payload as object })
      const changed = await put(village.code, { name: village.name, population16to60: 1234 })
      assert.equal(changed.statusCode, 200, changed.body)
      const listed = (await api('GET', '/admin/areas', suite.as('admin'))).json().items.find((a: { code: string }) => a.code === village.code)
      assert.equal(listed.population16to60, 1234)
      const coverage = (await api('GET', '/admin/coverage', suite.as('admin'))).json()
      const town = coverage.townships.find((t: { code: string }) => t.code === OTHER!.code)
      assert.equal(town.villages.find((v: { code: string }) => v.code === village.code).population16to60, 1234, 'coverage uses it at once')
      const added = await api('POST', '/admin/areas', suite.as('admin'), {
        code: `${OTHER!.code}999`,
        name: '新建村',
        parentCode: OTHER!.code,
        population16to60: 300
      })
      assert.equal(added.statusCode, 200, added.body)
      assert.equal(
        (await api('POST', '/admin/areas', suite.as('admin'), { code: `${OTHER!.code}999`, name: '重复', parentCode: OTHER!.code, population16to60: 1 })).json()
          .error.code,
        'AREA_EXISTS'
      )
      assert.equal(
        (await api('POST', '/admin/areas', suite.as('admin'), { code: '123456789012', name: '孤村', parentCode: '999999999', population16to60: 1 })).json()
          .error.field,
        'parentCode'
      )
      assert.equal((await put(village.code, { name: '', population16to60: -1 })).statusCode, 400)
      assert.equal((await put(village.code, { name: 'x', population16to60: 1 }, staff.operator!)).statusCode, 403)
      assert.equal((await put('999999999999', { name: 'x', population16to60: 1 })).statusCode, 404)
      const audit = (await api('GET', '/admin/audit?action=areas.', suite.as('admin'))).json().items as { action: string; after: Record<string, unknown> }[]
      const update = audit.find((e) => e.action === 'areas.update')!
      assert.deepEqual([update.after.population16to60, update.after.previousPopulation16to60 !== undefined], [1234, true])
      assert.ok(audit.some((e) => e.action === 'areas.create'))
    })

    test('the per-township figures have a row for warnings with no township, so the rows add up to the total', async () => {
      await unplacedWarning('np-figures', '13700000009')
      const day = new Date(clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
      const f = (await api('GET', `/admin/warning-figures?from=2026-11-01&to=${day}`, suite.as('admin'))).json()
      const unknown = f.byTownship.find((t: { code: string | null }) => t.code === null)
      assert.ok(unknown, 'a row for no township')
      assert.equal(unknown.name, '乡镇未知')
      assert.ok(unknown.warnings >= 1)
      assert.equal(
        f.byTownship.reduce((n: number, t: { warnings: number }) => n + t.warnings, 0),
        f.warnings
      )
      // An officer's figures are their township's own: no such row.
      assert.equal(
        (await api('GET', `/admin/warning-figures?from=2026-11-01&to=${day}`, staff['officer-cg']!))
          .json()
          .byTownship.some((t: { code: string | null }) => t.code === null),
        false
      )
    })
  })
}
