import { before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { Value } from '@sinclair/typebox/value'
import { AdminBulletin, BulletinDetail, BulletinPage, type BulletinInput } from '../../types/bulletins.ts'
import { createAreasRepository } from '../src/areas/repository.ts'
import { defaultAreas } from '../src/areas/service.ts'
import { createAuthRepository } from '../src/auth/repository.ts'
import { createResidentsRepository } from '../src/residents/repository.ts'
import { FieldCipher } from '../src/lib/field-cipher.ts'
import { eventually, storeOptions, storesUnderTest, useAppSuite } from './helpers.ts'
import { residentToken } from './fixtures.ts'
import { bulletinInput } from './push-fixtures.ts'

const CHENGGUAN = '610923100'
const SIMUDI = '610923101'

for (const store of storesUnderTest()) {
  describe(`bulletins on ${store}`, storeOptions(store), () => {
    const suite = useAppSuite(store, { roles: ['admin', 'editor', 'reviewer'], seed: (db) => createAreasRepository(db).upsert(defaultAreas()) })
    const { tokens, as } = suite
    let cgResident: string
    let smResident: string

    const admin = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, who = 'editor') =>
      suite.app.inject({ method, url: `/api/v1/admin/bulletins${url}`, payload: payload as object, headers: as(who) })
    const publish = async (over: Partial<BulletinInput> = {}) => {
      const created = await admin('POST', '', bulletinInput(over))
      assert.equal(created.statusCode, 200, created.body)
      const published = await admin('POST', `/${created.json().id}/publish`)
      assert.equal(published.statusCode, 200, published.body)
      return published.json() as AdminBulletin
    }

    before(async () => {
      const cipher = new FieldCipher(suite.config.dataKey)
      const add = async (phone: string, township: string, village: string) => {
        const { id } = await createAuthRepository(suite.tdb.database.db).residentForPhone({ index: cipher.blindIndex(phone), enc: cipher.encrypt(phone) })
        await createResidentsRepository(suite.tdb.database.db).register(
          id,
          { nameEnc: cipher.encrypt('测试'), birthDate: '1980-01-01', townshipCode: township, villageCode: village, consentVersion: 'v', idNumber: null },
          new Date()
        )
        return id
      }
      cgResident = await add('13900000001', CHENGGUAN, '610923100001')
      smResident = await add('13900000002', SIMUDI, '610923101001')
      tokens.cg = await residentToken(suite.config, cgResident)
      tokens.sm = await residentToken(suite.config, smResident)
    })

    test('draft → preview → publish assigns gap-free issue numbers; text stays text; a published bulletin cannot be edited', async () => {
      const created = await admin('POST', '', bulletinInput())
      assert.equal(created.statusCode, 200, created.body)
      const draft = created.json()
      assert.ok(Value.Check(AdminBulletin, draft))
      assert.equal(draft.status, 'draft')
      assert.equal(draft.issueNo, null)
      const edited = await admin('PATCH', `/${draft.id}`, { title: '警惕刷单返利诈骗（更新）' })
      assert.equal(edited.json().title, '警惕刷单返利诈骗（更新）')
      const preview = await admin('GET', `/${draft.id}/preview`)
      assert.ok(Value.Check(BulletinDetail, preview.json()))
      assert.equal(preview.json().body[0].text, '<script>alert("x")</script>本周共接报电信网络诈骗警情12起。')

      const before = (await suite.app.inject({ method: 'GET', url: '/api/v1/bulletins' })).json().items.length
      const first = (await admin('POST', `/${draft.id}/publish`)).json()
      assert.equal(first.status, 'published')
      assert.equal(first.year, 2026)
      const second = await publish()
      assert.equal(second.issueNo, (first.issueNo as number) + 1)
      assert.equal((await admin('POST', `/${draft.id}/publish`)).statusCode, 409)
      const late = await admin('PATCH', `/${draft.id}`, { title: '改不了' })
      assert.equal(late.statusCode, 409)
      assert.equal(late.json().error.code, 'BULLETIN_STATE')
      assert.equal((await suite.app.inject({ method: 'GET', url: '/api/v1/bulletins' })).json().items.length, before + 2)
    })

    test('concurrent publishes get distinct consecutive numbers', async () => {
      const ids = []
      for (let i = 0; i < 5; i++) ids.push((await admin('POST', '', bulletinInput({ title: `并发${i}` }))).json().id)
      const results = await Promise.all(ids.map((id) => admin('POST', `/${id}/publish`)))
      assert.deepEqual(
        results.map((r) => r.statusCode),
        [200, 200, 200, 200, 200],
        results.map((r) => r.body).join('\n')
      )
      const numbers = results.map((r) => r.json().issueNo as number).sort((a, b) => a - b)
      for (let i = 1; i < numbers.length; i++) assert.equal(numbers[i], numbers[i - 1] + 1)
      const all = (await admin('GET', '?status=published'))
        .json()
        .items.map((b: AdminBulletin) => b.issueNo as number)
        .sort((a: number, b: number) => a - b)
      assert.deepEqual(
        all,
        Array.from({ length: all.length }, (_, i) => i + 1),
        'no gaps, no repeats'
      )
    })

    test('invalid bulletins are refused with a Chinese reason; nothing is stored', async () => {
      const count = (await admin('GET', '')).json().items.length
      for (const bad of [
        bulletinInput({ summaryShort: '这是一个超过二十个字的订阅消息摘要内容太长了' }),
        bulletinInput({ periodStart: '2026-11-27', periodEnd: '2026-11-26' }),
        bulletinInput({ audience: ['610923999'] }),
        bulletinInput({ body: [{ type: 'image', url: 'javascript:alert(1)', alt: '图' }] }),
        bulletinInput({ body: [{ type: 'table', columns: ['a', 'b'], rows: [['only one']] }] }),
        { ...bulletinInput(), body: [{ type: 'html', html: '<b>x</b>' }] },
        { ...bulletinInput(), title: '' }
      ]) {
        const res = await admin('POST', '', bad)
        assert.equal(res.statusCode, 400, JSON.stringify(bad).slice(0, 80))
        assert.equal(res.json().error.code, 'BULLETIN_INVALID')
        assert.match(res.json().error.message, /[\u4e00-\u9fa5]/)
      }
      assert.equal((await admin('GET', '')).json().items.length, count)
    })

    test("audience: county-wide for everyone, a township's only for its residents; drafts and withdrawn ones for nobody", async () => {
      const countyWide = await publish({ title: '全县预警' })
      const cgOnly = await publish({ title: '城关镇预警', audience: [CHENGGUAN] })
      const draft = (await admin('POST', '', bulletinInput({ title: '草稿' }))).json()
      const list = async (headers: Record<string, string> = {}) =>
        ((await suite.app.inject({ method: 'GET', url: '/api/v1/bulletins', headers })).json() as BulletinPage).items.map((i) => i.title)
      assert.ok((await list()).includes('全县预警'))
      assert.ok(!(await list()).includes('城关镇预警'))
      assert.ok((await list(as('cg'))).includes('城关镇预警'))
      assert.ok(!(await list(as('sm'))).includes('城关镇预警'))
      assert.ok(!(await list(as('cg'))).includes('草稿'))
      const detail = (id: string, headers: Record<string, string> = {}) => suite.app.inject({ method: 'GET', url: `/api/v1/bulletins/${id}`, headers })
      assert.equal((await detail(cgOnly.id, as('sm'))).statusCode, 404)
      assert.equal((await detail(cgOnly.id)).statusCode, 404)
      assert.equal((await detail(cgOnly.id, as('cg'))).statusCode, 200)
      assert.equal((await detail(draft.id, as('cg'))).statusCode, 404)
      // Only the targeted township's residents get deliveries.
      assert.equal((await admin('GET', `/${cgOnly.id}`)).json().stats.targeted, 1)
      assert.equal((await admin('GET', `/${countyWide.id}`)).json().stats.targeted, 2)

      const withdrawn = await admin('POST', `/${countyWide.id}/withdraw`)
      assert.equal(withdrawn.json().status, 'withdrawn')
      assert.ok(!(await list()).includes('全县预警'))
      assert.equal((await detail(countyWide.id)).statusCode, 404)
      assert.equal((await admin('GET', `/${countyWide.id}`)).json().stats.targeted, 2, 'deliveries stay recorded')
    })

    test('unread: opening a bulletin marks it read; the count and the urgent banner follow', async () => {
      const urgent = await publish({ title: '紧急：冒充公检法', severity: 'urgent', tags: ['冒充公检法'] })
      const unread = async () => (await suite.app.inject({ method: 'GET', url: '/api/v1/bulletins/unread', headers: as('sm') })).json()
      const before = await unread()
      assert.ok(before.count >= 1)
      assert.deepEqual(before.urgent, { id: urgent.id, title: '紧急：冒充公检法' })
      const item = ((await suite.app.inject({ method: 'GET', url: '/api/v1/bulletins', headers: as('sm') })).json() as BulletinPage).items.find(
        (i) => i.id === urgent.id
      )
      assert.equal(item?.unread, true)
      await suite.app.inject({ method: 'GET', url: `/api/v1/bulletins/${urgent.id}`, headers: as('sm') })
      const afterRead = await unread()
      assert.equal(afterRead.count, before.count - 1)
      assert.notEqual(afterRead.urgent?.id, urgent.id)
      assert.equal((await admin('GET', `/${urgent.id}`)).json().stats.read, 1)
      assert.equal((await suite.app.inject({ method: 'GET', url: '/api/v1/bulletins/unread' })).statusCode, 401)

      // Two weeks on: the urgent bulletin is no banner any more; a brand-new account does not start with a backlog.
      const old = await publish({ title: '两周前的紧急预警', severity: 'urgent', tags: ['刷单返利'] })
      const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000)
      await suite.tdb.database.db
        .updateTable('bulletins')
        .set({ published_at: daysAgo(14) })
        .where('id', '=', old.id)
        .execute()
      await suite.tdb.database.db
        .updateTable('residents')
        .set({ created_at: daysAgo(30) })
        .where('id', '=', smResident)
        .execute()
      const veteran = await unread()
      assert.ok(veteran.count >= 1)
      assert.notEqual(veteran.urgent?.id, old.id, 'a two-week-old urgent bulletin is not a banner')
      await suite.tdb.database.db.updateTable('residents').set({ created_at: new Date() }).where('id', '=', smResident).execute()
      assert.equal((await unread()).count, veteran.count - 1, 'a new account starts with the last week unread only')
    })

    test('paging: newest first, no repeats, cursor to the end; a forged cursor is a 400', async () => {
      for (let i = 0; i < 12; i++) await publish({ title: `分页${i}` })
      const seen: string[] = []
      const order: Array<[string, number]> = []
      let cursor: string | null = null
      do {
        const res = await suite.app.inject({ method: 'GET', url: '/api/v1/bulletins', query: cursor ? { cursor } : {} })
        const page = res.json() as BulletinPage
        assert.ok(page.items.length <= 10)
        seen.push(...page.items.map((i) => i.id))
        order.push(...page.items.map((i): [string, number] => [i.publishedAt ?? '', Number(i.id)]))
        cursor = page.nextCursor
      } while (cursor)
      assert.equal(new Set(seen).size, seen.length)
      // Newest first: by publish time, then id (concurrent publishes may share a millisecond).
      const sorted = [...order].sort((a, b) => (a[0] === b[0] ? b[1] - a[1] : a[0] < b[0] ? 1 : -1))
      assert.deepEqual(order, sorted)
      assert.ok(seen.length >= 12)
      assert.equal((await suite.app.inject({ method: 'GET', url: '/api/v1/bulletins', query: { cursor: 'bm9wZQ' } })).statusCode, 400)
    })

    test('authorization: only admin and editor write; residents and others cannot publish or see drafts', async () => {
      const draft = (await admin('POST', '', bulletinInput({ title: '权限' }), 'admin')).json()
      assert.ok(draft.id)
      for (const who of ['reviewer']) {
        assert.equal((await admin('POST', '', bulletinInput(), who)).statusCode, 403)
        assert.equal((await admin('POST', `/${draft.id}/publish`, undefined, who)).statusCode, 403)
      }
      for (const who of ['cg', 'sm']) {
        assert.equal((await admin('GET', '', undefined, who)).statusCode, 401)
        assert.equal((await admin('POST', `/${draft.id}/publish`, undefined, who)).statusCode, 401)
        assert.equal((await admin('GET', `/${draft.id}/preview`, undefined, who)).statusCode, 401)
      }
      assert.equal((await suite.app.inject({ method: 'POST', url: `/api/v1/admin/bulletins/${draft.id}/publish` })).statusCode, 401)
      assert.equal((await admin('GET', `/${draft.id}`)).json().status, 'draft')
    })

    test('scheduled bulletins publish by themselves when due, with no push worker anywhere (PUSH_WORKER=off)', async () => {
      assert.equal(suite.app.workers, null)
      const draft = (await admin('POST', '', bulletinInput({ title: '定时' }))).json()
      assert.equal((await admin('POST', `/${draft.id}/schedule`, { at: new Date(Date.now() - 1000).toISOString() })).statusCode, 400)
      const at = Date.now() + 600
      const scheduled = await admin('POST', `/${draft.id}/schedule`, { at: new Date(at).toISOString() })
      assert.equal(scheduled.json().status, 'scheduled')
      assert.equal((await admin('GET', `/${draft.id}`)).json().status, 'scheduled')
      await eventually(async () => (await admin('GET', `/${draft.id}`)).json().status === 'published', 5_000)
      assert.ok(Date.now() >= at, 'not before its time')
      // Already published: a second look finds nothing due (two processes reaching it publish it once).
      assert.equal(await suite.app.bulletins.publishDue(), 0)
    })
  })
}
