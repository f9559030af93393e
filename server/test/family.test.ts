// Family guardians (家人守护) and 代登记 through the API: invitations, links either side ends, the limit of 8, what a
// guardian may and may not see, a warning's copy reaching each guardian once however the chain escalates, the
// guardian's answer, the county's second number to call, and an elder registered by a helper who later takes over.
import { before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { PRIVACY_POLICY_VERSION } from '../../types/privacy.ts'
import { defaultAreas } from '../src/areas/service.ts'
import { createAuthRepository } from '../src/auth/repository.ts'
import { useChainSuite } from './chain-suite.ts'
import { TestClock, storeOptions, storesUnderTest } from './helpers.ts'
import { residentToken, standInControl } from './fixtures.ts'

const MIN = 60_000
const [CHENGGUAN] = defaultAreas().filter((a) => a.parentCode === null)
const VILLAGE = defaultAreas().find((a) => a.parentCode === CHENGGUAN!.code)!.code

for (const store of storesUnderTest()) {
  describe(`family guardians on ${store}`, storeOptions(store), () => {
    const clock = new TestClock(Date.parse('2026-12-01T02:00:00Z'))
    const chain = useChainSuite(store, clock)
    const { suite, drain, count, inject } = chain
    const db = () => suite.tdb.database.db

    let feedKey = ''
    let operator: { authorization: string }
    before(async () => {
      feedKey = await chain.fx.feedKey()
      operator = (await chain.fx.cast('operator')).operator!
    })

    /** A registered resident with a verified phone; with WeChat (and warning credits) when `credits` is given. */
    const resident = (phone: string, name: string, credits: number | null = null) =>
      chain.fx.resident({ phone, name, birthDate: '1958-03-02', village: VILLAGE, wechatCredits: credits })
    async function link(guardian: { headers: Record<string, string> }, ward: { headers: Record<string, string> }, relation = 'parent') {
      const invite = await inject('POST', '/me/family/invites', guardian.headers, { role: 'guardian', relation })
      assert.equal(invite.statusCode, 200, invite.body)
      const accepted = await inject('POST', '/me/family/accept', ward.headers, { code: invite.json().code })
      assert.equal(accepted.statusCode, 200, accepted.body)
      return accepted.json()
    }
    const feed = (lines: unknown[]) => chain.fx.feed(feedKey, lines)
    const line = (ref: string, phone: string, over: Record<string, unknown> = {}) => ({
      ref,
      phone,
      riskType: 'call',
      riskLevel: 'medium',
      evidence: { kind: 'phone', value: '+85223456789' },
      ...over
    })

    test('invite, preview, accept: both sides see who guards whom, by masked name only; either side ends it', async () => {
      const child = await resident('13911110001', '王建国')
      const mother = await resident('13911110002', '张秀兰')
      const invite = await inject('POST', '/me/family/invites', child.headers, { role: 'guardian', relation: 'parent' })
      assert.equal(invite.statusCode, 200, invite.body)
      const { code, shareText } = invite.json()
      assert.match(code, /^[2-9A-HJ-KM-NP-Z]{4} [2-9A-HJ-KM-NP-Z]{4}$/)
      assert.ok(shareText.includes('王**') && shareText.includes(code))
      // Only the code's keyed hash is stored.
      assert.equal(await count('family_invites', sql`code_hash LIKE ${`%${code.replace(' ', '')}%`}`), 0)

      assert.equal((await inject('POST', '/me/family/accept', child.headers, { code })).json().error.code, 'FAMILY_OWN_INVITE')
      const preview = await inject('POST', '/me/family/invites/preview', mother.headers, { code: code.toLowerCase().replace(' ', '-') })
      assert.equal(preview.statusCode, 200, preview.body)
      assert.deepEqual(
        { ...(preview.json() as object), expiresAt: undefined },
        { inviterName: '王**', inviterRole: 'guardian', relation: 'child', expiresAt: undefined }
      )

      const accepted = await inject('POST', '/me/family/accept', mother.headers, { code })
      assert.equal(accepted.statusCode, 200, accepted.body)
      assert.deepEqual(
        accepted.json().guardedBy.map((m: { name: string; relation: string }) => [m.name, m.relation]),
        [['王**', 'child']]
      )
      assert.deepEqual(accepted.json().guarding, [])
      // A code is spent once.
      assert.equal(
        (await inject('POST', '/me/family/accept', (await resident('13911110003', '李四')).headers, { code })).json().error.code,
        'FAMILY_CODE_INVALID'
      )

      const mine = (await inject('GET', '/me/family', child.headers)).json()
      assert.deepEqual(
        mine.guarding.map((m: { name: string; relation: string; proxyRegistered: boolean }) => [m.name, m.relation, m.proxyRegistered]),
        [['张**', 'parent', false]]
      )
      assert.equal(mine.used, 1)
      assert.equal(mine.limit, 8)
      // Nothing personal beyond the masked name crosses over.
      assert.ok(!JSON.stringify(mine).includes('13911110002'))
      assert.ok(!JSON.stringify(mine).includes('1958'))

      // A second link between the same two, either way round, is refused.
      const again = await inject('POST', '/me/family/invites', mother.headers, { role: 'guardian' })
      assert.equal((await inject('POST', '/me/family/accept', child.headers, { code: again.json().code })).json().error.code, 'FAMILY_ALREADY_LINKED')

      // The ward ends it; the guardian sees it gone; ending it twice is a 404.
      const linkId = accepted.json().guardedBy[0].linkId
      assert.equal((await inject('DELETE', `/me/family/links/${linkId}`, mother.headers)).statusCode, 200)
      assert.deepEqual((await inject('GET', '/me/family', child.headers)).json().guarding, [])
      assert.equal((await inject('DELETE', `/me/family/links/${linkId}`, child.headers)).statusCode, 404)
    })

    test('an expired, withdrawn or mistyped code is refused; an unregistered resident cannot take part', async () => {
      const a = await resident('13911120001', '赵一')
      const b = await resident('13911120002', '赵二')
      const expiring = (await inject('POST', '/me/family/invites', a.headers, { role: 'ward' })).json()
      const withdrawn = (await inject('POST', '/me/family/invites', a.headers, { role: 'ward' })).json()
      assert.equal((await inject('DELETE', `/me/family/invites/${withdrawn.id}`, a.headers)).statusCode, 200)
      assert.equal((await inject('POST', '/me/family/accept', b.headers, { code: withdrawn.code })).json().error.code, 'FAMILY_CODE_INVALID')
      assert.equal((await inject('POST', '/me/family/accept', b.headers, { code: 'ABCD EFGH' })).json().error.code, 'FAMILY_CODE_INVALID')
      clock.advance(24 * 60 * MIN + 1)
      const late = await inject('POST', '/me/family/accept', b.headers, { code: expiring.code })
      assert.equal(late.statusCode, 400)
      assert.equal(late.json().error.code, 'FAMILY_CODE_INVALID')
      const { id } = await createAuthRepository(db()).residentForOpenid('o-family-unregistered')
      const unregistered = { authorization: `Bearer ${await residentToken(suite.config, id)}` }
      assert.equal((await inject('GET', '/me/family', unregistered)).json().error.code, 'NOT_REGISTERED')
      assert.equal((await inject('POST', '/me/family/invites', unregistered, { role: 'guardian' })).statusCode, 409)
    })

    test('a person has at most 8 links, guarding and guarded together: the ninth is refused', async () => {
      const hub = await resident('13911130000', '钱多多')
      for (let i = 1; i <= 8; i++) {
        const other = await resident(`1391113000${i}`, `钱${'一二三四五六七八'[i - 1]}`)
        // Mixed sides: the limit counts both.
        if (i % 2) await link(hub, other)
        else await link(other, hub)
      }
      assert.equal((await inject('GET', '/me/family', hub.headers)).json().used, 8)
      const ninth = await resident('13911130009', '钱九')
      assert.equal((await inject('POST', '/me/family/invites', hub.headers, { role: 'guardian' })).json().error.code, 'FAMILY_LIMIT')
      const invite = (await inject('POST', '/me/family/invites', ninth.headers, { role: 'ward' })).json()
      const refused = await inject('POST', '/me/family/accept', hub.headers, { code: invite.code })
      assert.equal(refused.statusCode, 409)
      assert.equal(refused.json().error.code, 'FAMILY_LIMIT')
      // Refused, the invitation stays usable for someone else.
      assert.equal((await inject('POST', '/me/family/accept', (await resident('13911130010', '钱十')).headers, { code: invite.code })).statusCode, 200)
    })

    test("a guardian never reaches the guarded person's history, reports, screenshots, data or warnings", async () => {
      const guardian = await resident('13911140001', '孙守护')
      const ward = await resident('13911140002', '孙老人')
      await link(guardian, ward)
      assert.equal((await suite.app.inject({ url: '/api/v1/check/phone?number=17012345678', headers: ward.headers })).statusCode, 200)
      const report = await inject('POST', '/reports', ward.headers, { kind: 'phone', value: '17012345678' })
      assert.equal(report.statusCode, 200, report.body)
      assert.deepEqual((await inject('GET', '/me/reports', guardian.headers)).json().items, [])
      const exported = (await inject('GET', '/me/export', guardian.headers)).json()
      assert.deepEqual(exported.checks, [])
      assert.ok(!JSON.stringify(exported).includes('孙老人'))
      assert.equal((await inject('GET', '/me', guardian.headers)).json().profile.name, '孙守护')
      // Each side's export lists the link by masked name, as the app shows it.
      assert.deepEqual((await inject('GET', '/me/export', ward.headers)).json().family, {
        registeredVia: 'self',
        guarding: [],
        guardedBy: [{ name: '孙**', since: exported.family.guarding[0].since }]
      })
      assert.deepEqual(
        exported.family.guarding.map((m: { name: string }) => m.name),
        ['孙**']
      )
      // The ward's warning: the guardian gets a copy, but cannot answer the ward's own card.
      const fed = (await feed([line('g-privacy', '13911140002')])).json()
      const warningId = fed.lines[0].id as string
      assert.equal((await inject('POST', `/me/warnings/${warningId}/answer`, guardian.headers, { answer: 'safe' })).statusCode, 404)
      const mine = (await inject('GET', '/me/warnings', guardian.headers)).json()
      assert.deepEqual(mine.items, [])
      assert.equal(mine.family.length, 1)
      // The copy says what happened and what to do, never the evidence.
      assert.ok(!JSON.stringify(mine.family).includes('85223456789'))
      assert.equal(mine.family[0].wardName, '孙**')
      // …and the family member's own number, so the guardian reaches them with one tap.
      assert.equal(mine.family[0].wardPhone, '13911140002')
    })

    test('a warning reaches each guardian once, by WeChat or SMS, however far the chain escalates', async () => {
      const son = await resident('13911150001', '周大', 3) // WeChat, with credits
      const daughter = await resident('13911150002', '周二') // SMS only
      const elder = await resident('13911150003', '周老太')
      await link(son, elder, 'parent')
      await link(daughter, elder, 'parent')
      const before = chain.gateway.messages.length
      const fed = (await feed([line('g-once', '13911150003')])).json()
      const warningId = fed.lines[0].id as string
      assert.equal(await count('guardian_alerts', sql`warning_id = ${warningId}::bigint`), 2)
      await drain()
      const family = new Set(['+8613911150001', '+8613911150002'])
      const sms = chain.gateway.messages.slice(before).filter((m) => m.template === 'family_warning' && family.has(m.to))
      assert.deepEqual(
        sms.map((m) => m.to),
        ['+8613911150002']
      )
      assert.match((sms[0]!.params as unknown as { text: string }).text, /您的家人周\*\*刚刚接到涉诈电话/)
      const sent = await sql<{
        channel: string
        status: string
      }>`SELECT channel, status FROM guardian_alerts WHERE warning_id = ${warningId}::bigint ORDER BY guardian_id`.execute(db())
      assert.deepEqual(
        sent.rows.map((r) => `${r.channel}:${r.status}`),
        ['wechat:sent', 'sms:sent']
      )
      // No answer: the county calls, cannot reach, tries again, and sends the station — and the family hears nothing twice.
      clock.advance(31 * MIN)
      await drain()
      const callTask = (await suite.app.inject({ url: `/api/v1/admin/warnings/${warningId}`, headers: operator }))
        .json()
        .tasks.find((t: { kind: string }) => t.kind === 'call')
      const claim = await suite.app.inject({ method: 'POST', url: `/api/v1/admin/call-tasks/${callTask.id as string}/claim`, headers: operator })
      assert.equal(claim.statusCode, 200, claim.body)
      const card = claim.json()
      // The family are the second numbers to call, in full for the one holding the task.
      assert.deepEqual(card.family.map((f: { name: string; relation: string; phone: string }) => [f.name, f.relation, f.phone]).sort(), [
        ['周*', '子女', '13911150001'],
        ['周*', '子女', '13911150002']
      ])
      const taskId = card.task.id as string
      await suite.app.inject({
        method: 'POST',
        url: `/api/v1/admin/call-tasks/${taskId}/attempts`,
        headers: operator,
        payload: { result: 'unreachable', escalate: true }
      })
      await drain()
      assert.equal((await suite.app.inject({ url: `/api/v1/admin/warnings/${warningId}`, headers: operator })).json().warning.level, 3)
      assert.equal(await count('guardian_alerts', sql`warning_id = ${warningId}::bigint`), 2)
      assert.equal(chain.gateway.messages.slice(before).filter((m) => m.template === 'family_warning' && family.has(m.to)).length, 1)
      // A re-sent feed line is a duplicate and alerts nobody again.
      assert.equal((await feed([line('g-once', '13911150003')])).json().duplicates, 1)
      await drain()
      assert.equal(await count('guardian_alerts', sql`warning_id = ${warningId}::bigint`), 2)
    })

    test("the guardian's 已联系家人，没有转账 is on the timeline and, before any call, ends a medium warning", async () => {
      const guardian = await resident('13911160001', '吴守护')
      const ward = await resident('13911160002', '吴老人')
      await link(guardian, ward, 'spouse')
      const warningId = (await feed([line('g-answer', '13911160002')])).json().lines[0].id as string
      const alert = (await inject('GET', '/me/warnings', guardian.headers)).json().family[0]
      assert.equal(alert.title, '家人守护提醒')
      assert.match(alert.happened, /您的家人吴\*\*（配偶）刚刚接到涉诈电话/)
      assert.equal((await inject('POST', `/me/family/alerts/${alert.id}/answer`, ward.headers, { answer: 'contacted_safe' })).statusCode, 404)
      const answered = await inject('POST', `/me/family/alerts/${alert.id}/answer`, guardian.headers, { answer: 'contacted_safe' })
      assert.equal(answered.statusCode, 200, answered.body)
      const detail = (await suite.app.inject({ url: `/api/v1/admin/warnings/${warningId}`, headers: operator })).json()
      assert.equal(detail.warning.outcome, 'acknowledged')
      const event = detail.timeline.find((e: { type: string }) => e.type === 'guardian_confirmed')
      assert.deepEqual([event.actor, event.text], ['家人', '家人回复：已联系家人，没有转账（配偶）'])
      // Closed, the copy leaves the guardian's screen; the ack timer will not call anyone.
      assert.deepEqual((await inject('GET', '/me/warnings', guardian.headers)).json().family, [])
      clock.advance(31 * MIN)
      await drain()
      assert.equal(await count('warning_tasks', sql`warning_id = ${warningId}::bigint`), 0)

      // Once the county is calling (high risk), the guardian's answer is recorded and the call goes ahead.
      const high = (await feed([line('g-answer-high', '13911160002', { riskLevel: 'high' })])).json().lines[0].id as string
      const copy = (await inject('GET', '/me/warnings', guardian.headers)).json().family[0]
      await inject('POST', `/me/family/alerts/${copy.id}/answer`, guardian.headers, { answer: 'contacted_safe' })
      const still = (await suite.app.inject({ url: `/api/v1/admin/warnings/${high}`, headers: operator })).json()
      assert.equal(still.warning.status, 'open')
      assert.ok(still.timeline.some((e: { type: string }) => e.type === 'guardian_confirmed'))
      // A removed link ends the copies.
      const linkId = (await inject('GET', '/me/family', guardian.headers)).json().guarding[0].linkId
      await inject('DELETE', `/me/family/links/${linkId}`, guardian.headers)
      assert.deepEqual((await inject('GET', '/me/warnings', guardian.headers)).json().family, [])
    })

    test('代登记: the consent code goes to the elder; a wrong, expired or reused one is refused; the elder takes over', async () => {
      const helper = await resident('13911170001', '郑孝顺')
      const elderPhone = '13911170002'
      const registration = (code: string, over: Record<string, unknown> = {}) => ({
        phone: elderPhone,
        code,
        name: '郑奶奶',
        birthDate: '1965-06-01',
        townshipCode: CHENGGUAN!.code,
        villageCode: VILLAGE,
        consentVersion: PRIVACY_POLICY_VERSION,
        as: 'family',
        relation: 'parent',
        ...over
      })
      const sent = await inject('POST', '/me/family/proxy/code', helper.headers, { phone: elderPhone })
      assert.equal(sent.statusCode, 200, sent.body)
      const last = chain.gateway.messages.at(-1)!
      assert.deepEqual([last.to, last.template], [`+86${elderPhone}`, 'proxy_consent'])
      const code = last.params.code
      // The consent code is not a login code.
      assert.equal((await suite.app.inject({ method: 'POST', url: '/api/v1/auth/sms/login', payload: { phone: elderPhone, code } })).statusCode, 400)
      const wrong = await inject('POST', '/me/family/proxy', helper.headers, registration(code === '000000' ? '111111' : '000000'))
      assert.equal(wrong.json().error.code, 'SMS_CODE_WRONG')
      // Expired: five minutes pass.
      clock.advance(5 * MIN + 1)
      assert.equal((await inject('POST', '/me/family/proxy', helper.headers, registration(code))).json().error.code, 'SMS_CODE_INVALID')
      clock.advance(MIN)
      assert.equal((await inject('POST', '/me/family/proxy/code', helper.headers, { phone: elderPhone })).statusCode, 200)
      const fresh = chain.gateway.lastCodeFor(elderPhone)
      // As a grid worker without an appointment: refused.
      assert.equal((await inject('POST', '/me/family/proxy', helper.headers, registration(fresh, { as: 'grid' }))).json().error.code, 'NOT_GRID_WORKER')
      const made = await inject('POST', '/me/family/proxy', helper.headers, registration(fresh))
      assert.equal(made.statusCode, 200, made.body)
      assert.deepEqual(
        { ...(made.json() as object), residentId: undefined, linkId: undefined },
        { residentId: undefined, name: '郑**', phone: '139****0002', linkId: undefined }
      )
      // Reused: the same code again.
      assert.equal((await inject('POST', '/me/family/proxy', helper.headers, registration(fresh))).json().error.code, 'SMS_CODE_INVALID')
      const family = (await inject('GET', '/me/family', helper.headers)).json()
      assert.deepEqual(
        family.guarding.map((m: { name: string; proxyRegistered: boolean }) => [m.name, m.proxyRegistered]),
        [['郑**', true]]
      )
      // Counted in coverage, marked 代登记.
      const elderId = made.json().residentId as string
      const row = await db().selectFrom('residents').select(['registered_via', 'registered_by', 'openid']).where('id', '=', elderId).executeTakeFirstOrThrow()
      assert.deepEqual([row.registered_via, String(row.registered_by), row.openid], ['family', helper.id, null])

      // A warning for the elder: an SMS to the elder (no WeChat) and the helper's copy.
      const before = chain.gateway.messages.length
      await feed([line('g-proxy', elderPhone)])
      await drain()
      assert.deepEqual(
        chain.gateway.messages
          .slice(before)
          .filter((m) => m.to.startsWith('+86139111700'))
          .map((m) => `${m.to}:${m.template}`)
          .sort(),
        ['+8613911170001:family_warning', `+86${elderPhone}:fraud_warning`]
      )

      // The elder signs in on their own phone: the same account, registered, now theirs.
      clock.advance(2 * MIN)
      assert.equal((await suite.app.inject({ method: 'POST', url: '/api/v1/auth/sms/send', payload: { phone: elderPhone } })).statusCode, 200)
      const login = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sms/login',
        payload: { phone: elderPhone, code: chain.gateway.lastCodeFor(elderPhone) }
      })
      assert.equal(login.statusCode, 200, login.body)
      assert.equal(login.json().residentId, elderId)
      const me = (await suite.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${login.json().accessToken as string}` } })).json()
      assert.deepEqual([me.registered, me.profile.name], [true, '郑奶奶'])
      assert.deepEqual(
        (await inject('GET', '/me/family', { authorization: `Bearer ${login.json().accessToken as string}` }))
          .json()
          .guardedBy.map((m: { name: string }) => m.name),
        ['郑**']
      )
      assert.deepEqual(
        (await inject('GET', '/me/family', helper.headers)).json().guarding.map((m: { proxyRegistered: boolean }) => m.proxyRegistered),
        [false]
      )

      // A phone that already has an account cannot be registered again: invite instead.
      clock.advance(2 * MIN)
      assert.equal((await inject('POST', '/me/family/proxy/code', helper.headers, { phone: '13911140001' })).statusCode, 200)
      const taken = await inject('POST', '/me/family/proxy', helper.headers, registration(chain.gateway.lastCodeFor('13911140001'), { phone: '13911140001' }))
      assert.equal(taken.json().error.code, 'PHONE_IN_USE')
    })

    test('代登记 taken over in the mini-program: WeChat moves onto the registered account, the fresh one closes', async () => {
      const helper = await resident('13911190001', '钱孝顺')
      const elderPhone = '13911190002'
      clock.advance(2 * MIN)
      assert.equal((await inject('POST', '/me/family/proxy/code', helper.headers, { phone: elderPhone })).statusCode, 200)
      const made = await inject('POST', '/me/family/proxy', helper.headers, {
        phone: elderPhone,
        code: chain.gateway.lastCodeFor(elderPhone),
        name: '钱奶奶',
        birthDate: '1962-02-02',
        townshipCode: CHENGGUAN!.code,
        villageCode: VILLAGE,
        consentVersion: PRIVACY_POLICY_VERSION,
        as: 'family'
      })
      const elderId = made.json().residentId as string
      // The elder opens the mini-program: a fresh WeChat account, then 微信手机号快捷登记 with the same phone.
      const login = await standInControl<{ code: string; openid: string }>(chain.standIn.url, 'login-code', { user: 'elder-takes-over' })
      const fresh = (await suite.app.inject({ method: 'POST', url: '/api/v1/auth/wechat', payload: { code: login.code } })).json()
      const phoneCode = await standInControl<{ code: string }>(chain.standIn.url, 'phone-code', { phone: elderPhone })
      const bound = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/auth/wechat/phone',
        headers: { authorization: `Bearer ${fresh.accessToken as string}` },
        payload: { code: phoneCode.code }
      })
      assert.equal(bound.statusCode, 200, bound.body)
      assert.deepEqual([bound.json().takenOver, bound.json().residentId, bound.json().profile.name], [true, elderId, '钱奶奶'])
      // The fresh account is closed at once; signing in again lands in the elder's account, now with WeChat.
      assert.equal((await suite.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${fresh.accessToken as string}` } })).statusCode, 401)
      const again = await standInControl<{ code: string }>(chain.standIn.url, 'login-code', { user: 'elder-takes-over' })
      const tokens = (await suite.app.inject({ method: 'POST', url: '/api/v1/auth/wechat', payload: { code: again.code } })).json()
      assert.equal(tokens.residentId, elderId)
      assert.deepEqual(
        (await inject('GET', '/me/family', { authorization: `Bearer ${tokens.accessToken as string}` })).json().guardedBy.map((m: { name: string }) => m.name),
        ['钱**']
      )
      // Someone else's self-registered phone is never taken over.
      const other = await standInControl<{ code: string }>(chain.standIn.url, 'login-code', { user: 'not-the-owner' })
      const stranger = (await suite.app.inject({ method: 'POST', url: '/api/v1/auth/wechat', payload: { code: other.code } })).json()
      const ownCode = await standInControl<{ code: string }>(chain.standIn.url, 'phone-code', { phone: '13911190001' })
      const refused = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/auth/wechat/phone',
        headers: { authorization: `Bearer ${stranger.accessToken as string}` },
        payload: { code: ownCode.code }
      })
      assert.equal(refused.json().error.code, 'PHONE_IN_USE')
    })

    test('erasing an account ends its family links and the copies of its warnings', async () => {
      const guardian = await resident('13911180001', '冯守护')
      const ward = await resident('13911180002', '冯老人')
      await link(guardian, ward)
      assert.equal((await inject('DELETE', '/me', ward.headers)).statusCode, 204)
      assert.deepEqual((await inject('GET', '/me/family', guardian.headers)).json().guarding, [])
    })
  })
}
