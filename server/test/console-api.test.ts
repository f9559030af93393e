import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { Value } from '@sinclair/typebox/value'
import { AdminAccountList, AuditPage } from '../../types/admin.ts'
import { DashboardStats } from '../../types/stats.ts'
import { createAreasRepository } from '../src/areas/repository.ts'
import { defaultAreas } from '../src/areas/service.ts'
import { createResidentsRepository } from '../src/residents/repository.ts'
import { CheckCounter } from '../src/stats/check-counter.ts'
import { countyToday } from '../../types/county-day.ts'
import { storeOptions, storesUnderTest, useAppSuite } from './helpers.ts'
import { fixtures } from './fixtures.ts'

const CHENGGUAN = '610923100'
const DONGGUAN = '610923100001'
const SIMUDI = '610923101'
const SIMUDI_VILLAGE = '610923101001'

test('check counter: counts per China day, rolls over at midnight Beijing time, gives back rows a failed store returned', () => {
  // 2026-11-29 23:59:59 in China = 15:59:59 UTC.
  let now = Date.parse('2026-11-29T15:59:59Z')
  const counter = new CheckCounter(() => now)
  counter.count('phone', 'dangerous')
  counter.count('phone', 'dangerous')
  counter.count('url', 'safe')
  now += 2_000
  counter.count('phone', 'dangerous')
  const rows = counter.drain()
  assert.deepEqual(rows, [
    { day: '2026-11-29', kind: 'phone', verdict: 'dangerous', count: 2 },
    { day: '2026-11-29', kind: 'url', verdict: 'safe', count: 1 },
    { day: '2026-11-30', kind: 'phone', verdict: 'dangerous', count: 1 }
  ])
  assert.deepEqual(counter.drain(), [])
  counter.restore(rows.slice(0, 1))
  counter.count('account', 'unknown')
  assert.deepEqual(counter.drain(), [rows[0], { day: '2026-11-30', kind: 'account', verdict: 'unknown', count: 1 }])
})

for (const store of storesUnderTest()) {
  describe(`console API (stats, accounts, audit) on ${store}`, storeOptions(store), () => {
    let residentIds: string[] = []
    const suite = useAppSuite(store, {
      roles: ['admin', 'editor', 'reviewer'],
      async seed(db) {
        await createAreasRepository(db).upsert(defaultAreas())
      }
    })
    const get = (url: string, who: string) => suite.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: suite.as(who) })
    const post = (url: string, who: string, payload: object) => suite.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: suite.as(who), payload })
    const today = countyToday()
    const login = async (username: string, password: string) =>
      await suite.app.inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username, password } })

    test('dashboard: registrations, checks by kind and verdict, reports and bulletin reach; an officer sees only their township', async () => {
      const { app, tdb } = suite
      const fx = fixtures(suite, { now: () => new Date() })
      const residents = createResidentsRepository(tdb.database.db)
      suite.tokens.cg = (await fx.staff('cg-officer', 'officer', CHENGGUAN)).headers.authorization.slice('Bearer '.length)
      suite.tokens.smd = (await fx.staff('smd-officer', 'officer', SIMUDI)).headers.authorization.slice('Bearer '.length)
      residentIds = []
      for (const [i, village] of [DONGGUAN, DONGGUAN, DONGGUAN, SIMUDI_VILLAGE].entries()) {
        const { id, token } = await fx.resident({ phone: `1370000${String(i).padStart(4, '0')}`, name: '测试', birthDate: '1980-05-05', village })
        residentIds.push(id)
        suite.tokens[`r${i}`] = token
      }
      await residents.erase(residentIds[2], new Date())

      // Checks: anonymous and signed in, every kind; invalid input does not count.
      await app.lists.requestRefresh('*')
      await tdb.database.db
        .insertInto('blocklist_entries')
        .values({ kind: 'phone', value: '+8616500001111', category: '刷单返利', source: 'centre', note: null, expires_at: null })
        .execute()
      await app.lists.requestRefresh('*')
      const check = (url: string, who?: string) => app.inject({ method: 'GET', url: `/api/v1${url}`, headers: who ? suite.as(who) : {} })
      for (let i = 0; i < 3; i++) assert.equal((await check('/check/phone?number=16500001111')).json().verdict, 'dangerous')
      await check('/check/phone?number=16500001111', 'r0')
      await check('/check/phone?number=0085298765432')
      await check('/check/url?url=https://www.ningshan.gov.cn/')
      await check('/check/account?number=wxid_someone')
      assert.equal((await check('/check/phone?number=abc')).statusCode, 400)

      // A report by a Chengguan resident, and one by the Simudi resident that gets confirmed.
      assert.equal((await post('/reports', 'r0', { kind: 'phone', value: '17012345678', lossAmount: 100 })).statusCode, 200)
      assert.equal((await post('/reports', 'r3', { kind: 'phone', value: '17087654321' })).statusCode, 200)
      assert.equal(
        (await post('/admin/reports/review', 'reviewer', { kind: 'phone', value: '17087654321', action: 'confirm', category: '刷单返利' })).statusCode,
        200
      )

      // A bulletin for Chengguan only.
      const draft = await post('/admin/bulletins', 'editor', {
        title: '城关镇专项预警',
        summaryShort: '警惕刷单',
        summary: '近期城关镇出现刷单诈骗。',
        periodStart: today,
        periodEnd: today,
        tags: [],
        audience: [CHENGGUAN],
        severity: 'routine',
        body: [{ type: 'paragraph', text: '刷单就是诈骗。' }]
      })
      assert.equal(draft.statusCode, 200, draft.body)
      const audience = await get(`/admin/bulletins/${draft.json().id}/audience`, 'editor')
      assert.deepEqual(audience.json(), { residents: 2 })
      assert.equal((await post(`/admin/bulletins/${draft.json().id}/publish`, 'editor', {})).json().stats.targeted, 2)

      const county = await get(`/admin/stats?from=${today}&to=${today}`, 'admin')
      assert.equal(county.statusCode, 200, county.body)
      const c = county.json() as DashboardStats
      assert.ok(Value.Check(DashboardStats, c), JSON.stringify([...Value.Errors(DashboardStats, c)].slice(0, 3)))
      assert.ok(c.checks && c.blocklist)
      assert.deepEqual(c.registrations, [{ day: today, count: 3 }])
      const checks = (kind: string, verdict: string) => c.checks?.find((r) => r.kind === kind && r.verdict === verdict)?.count
      assert.equal(checks('phone', 'dangerous'), 4)
      assert.equal(checks('phone', 'suspicious'), 1)
      assert.equal(checks('url', 'safe'), 1, JSON.stringify(c.checks))
      assert.equal(checks('account', 'unknown'), 1)
      assert.deepEqual({ received: c.reports.received, confirmed: c.reports.confirmed, open: c.reports.open }, { received: 2, confirmed: 1, open: 1 })
      assert.equal(c.bulletins.published, 1)
      assert.equal(c.bulletins.targeted, 2)
      assert.equal(c.blocklist.total, 2)
      assert.deepEqual(c.blocklist.byCategory, [{ category: '刷单返利', count: 2 }])
      assert.deepEqual(c.blocklist.bySource.map((s) => s.source).sort(), ['centre', 'report'])

      const cg = (await get(`/admin/stats?from=${today}&to=${today}`, 'cg')).json()
      assert.equal(cg.townshipCode, CHENGGUAN)
      assert.deepEqual(cg.registrations, [{ day: today, count: 2 }])
      assert.equal(cg.checks, null)
      assert.equal(cg.blocklist, null)
      assert.deepEqual({ received: cg.reports.received, confirmed: cg.reports.confirmed }, { received: 1, confirmed: 0 })
      assert.equal(cg.bulletins.published, 1)
      assert.equal(cg.bulletins.targeted, 2)
      const smd = (await get(`/admin/stats?from=${today}&to=${today}`, 'smd')).json()
      assert.deepEqual(smd.registrations, [{ day: today, count: 1 }])
      assert.deepEqual({ published: smd.bulletins.published, targeted: smd.bulletins.targeted }, { published: 0, targeted: 0 })
      assert.equal(smd.reports.confirmed, 1)

      // Every day of the period appears, empty days as 0.
      const week = (await get(`/admin/stats?from=2026-01-01&to=2026-01-07`, 'editor')).json()
      assert.equal(week.registrations.length, 7)
      assert.ok(week.registrations.every((d: { count: number }) => d.count === 0))
      for (const [q, field] of [
        ['from=2026-02-30&to=2026-03-01', 'from'],
        ['from=2026-03-02&to=2026-03-01', 'to'],
        ['from=2024-01-01&to=2026-01-01', 'to']
      ]) {
        const bad = await get(`/admin/stats?${q}`, 'admin')
        assert.equal(bad.statusCode, 400, q)
        assert.equal(bad.json().error.field, field, q)
      }
      assert.equal((await get('/admin/stats?from=2026-01-01', 'admin')).statusCode, 400)
      assert.equal((await get(`/admin/stats?from=${today}&to=${today}`, 'r0')).statusCode, 401)
    })

    test('accounts: admin creates, disables (sessions end at once), enables and resets passwords; others get 403; all audited', async () => {
      const list = await get('/admin/accounts', 'admin')
      assert.equal(list.statusCode, 200)
      assert.ok(Value.Check(AdminAccountList, list.json()))
      for (const who of ['editor', 'reviewer']) {
        assert.equal((await get('/admin/accounts', who)).statusCode, 403)
        assert.equal((await get('/admin/audit', who)).statusCode, 403)
        assert.equal((await post('/admin/accounts', who, { username: 'sneaky', password: 'long enough password', role: 'admin' })).statusCode, 403)
      }
      const noTownship = await post('/admin/accounts', 'admin', { username: 'new-officer', password: 'long enough password', role: 'officer' })
      assert.equal(noTownship.statusCode, 400)
      assert.equal(noTownship.json().error.field, 'townshipCode')
      assert.match(noTownship.json().error.message, /乡镇/)
      const weak = await post('/admin/accounts', 'admin', { username: 'weakling', password: 'short', role: 'editor' })
      assert.equal(weak.json().error.field, 'password')
      const created = await post('/admin/accounts', 'admin', {
        username: 'New-Officer',
        password: 'long enough password',
        role: 'officer',
        townshipCode: CHENGGUAN
      })
      assert.equal(created.statusCode, 200, created.body)
      assert.deepEqual(
        { ...(created.json() as object), id: undefined, createdAt: undefined },
        {
          id: undefined,
          createdAt: undefined,
          username: 'new-officer',
          role: 'officer',
          townshipCode: CHENGGUAN,
          disabled: false,
          lastLoginAt: null,
          lockedUntil: null,
          displayName: null,
          policeNumber: null,
          unit: null
        }
      )
      const taken = await post('/admin/accounts', 'admin', { username: 'new-officer', password: 'long enough password', role: 'editor' })
      assert.equal(taken.statusCode, 409)
      assert.equal(taken.json().error.code, 'ACCOUNT_EXISTS')

      const id = created.json().id as string
      const coverage = (t: string) => suite.app.inject({ method: 'GET', url: '/api/v1/admin/coverage', headers: { authorization: `Bearer ${t}` } })
      // The admin typed this password: at first sign-in nothing but replacing it (and signing out) is allowed.
      const firstSignIn = (await login('new-officer', 'long enough password')).json()
      assert.equal(firstSignIn.mustChangePassword, true)
      const pending = await coverage(firstSignIn.accessToken)
      assert.deepEqual([pending.statusCode, pending.json().error.code], [403, 'PASSWORD_CHANGE_REQUIRED'])
      const own = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/admin/me/password',
        headers: { authorization: `Bearer ${firstSignIn.accessToken}` },
        payload: { currentPassword: 'long enough password', newPassword: 'my own long passphrase' }
      })
      assert.equal(own.statusCode, 200, own.body)
      assert.equal(own.json().mustChangePassword, false)
      const token = own.json().accessToken as string
      assert.equal((await coverage(token)).statusCode, 200)
      assert.equal((await post(`/admin/accounts/${id}/status`, 'admin', { disabled: true })).json().disabled, true)
      assert.equal((await coverage(token)).statusCode, 401, "a disabled account's token stops at once")
      assert.equal((await login('new-officer', 'my own long passphrase')).statusCode, 401)
      assert.equal((await post(`/admin/accounts/${id}/status`, 'admin', { disabled: false })).json().disabled, false)
      assert.equal((await coverage(token)).statusCode, 401, 'enabling again does not revive old sessions')
      const second = (await login('new-officer', 'my own long passphrase')).json().accessToken as string
      assert.equal((await coverage(second)).statusCode, 200)
      assert.equal((await post(`/admin/accounts/${id}/password`, 'admin', { password: 'short' })).statusCode, 400)
      assert.equal((await post(`/admin/accounts/${id}/password`, 'admin', { password: 'a brand new password' })).statusCode, 200)
      assert.equal((await coverage(second)).statusCode, 401, 'a reset ends earlier sessions')
      assert.equal((await login('new-officer', 'my own long passphrase')).statusCode, 401)
      const afterReset = await login('new-officer', 'a brand new password')
      assert.deepEqual([afterReset.statusCode, afterReset.json().mustChangePassword], [200, true], 'a password an admin set is replaced at the next sign-in')
      assert.equal((await post('/admin/accounts/999999/status', 'admin', { disabled: true })).statusCode, 404)

      const adminId = list.json().items.find((a: { username: string }) => a.username === 'admin').id
      const self = await post(`/admin/accounts/${adminId}/status`, 'admin', { disabled: true })
      assert.equal(self.statusCode, 409)
      assert.equal(self.json().error.code, 'ACCOUNT_STATE')

      // The audit log: filters and pages.
      const all = await get('/admin/audit?action=account.', 'admin')
      assert.equal(all.statusCode, 200)
      assert.ok(Value.Check(AuditPage, all.json()))
      assert.deepEqual(
        all.json().items.map((e: { action: string }) => e.action),
        ['account.reset_password', 'account.enable', 'account.disable', 'account.change_password', 'account.create']
      )
      assert.ok(
        all
          .json()
          .items.every(
            (e: { adminUsername: string; target: string; action: string }) =>
              e.adminUsername === (e.action === 'account.change_password' ? 'new-officer' : 'admin') && e.target === 'admin:new-officer'
          )
      )
      assert.doesNotMatch(all.body, /scrypt|brand new password/)
      const first = (await get('/admin/audit?action=account.&limit=3', 'admin')).json()
      assert.equal(first.items.length, 3)
      assert.ok(first.next)
      const rest = (await get(`/admin/audit?action=account.&limit=3&before=${first.next}`, 'admin')).json()
      assert.deepEqual(
        rest.items.map((e: { action: string }) => e.action),
        ['account.change_password', 'account.create']
      )
      assert.equal(rest.next, null)
      assert.equal((await get('/admin/audit?admin=editor', 'admin')).json().items.filter((e: { action: string }) => e.action.startsWith('account.')).length, 0)
      assert.equal((await get('/admin/audit?target=new-officer&action=account.disable', 'admin')).json().items.length, 1)
      assert.equal((await get(`/admin/audit?from=${today}&to=${today}&action=account.create`, 'admin')).json().items.length, 1)
      assert.equal((await get('/admin/audit?from=2020-01-01&to=2020-01-02', 'admin')).json().items.length, 0)
      assert.equal((await get('/admin/audit?limit=0', 'admin')).statusCode, 400)
      assert.equal((await get('/admin/audit?action=%', 'admin')).json().items.length, 0, 'LIKE characters are literal')
    })
  })
}
