import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { seedDemoData } from '../src/seed/demo.ts'
import { eventually, storeOptions, storesUnderTest, useAppSuite } from './helpers.ts'

for (const store of storesUnderTest()) {
  describe(`appeals on ${store}`, storeOptions(store), () => {
    const suite = useAppSuite(store, { roles: ['reviewer', 'editor'], seed: (db) => seedDemoData(db, 20) })
    const { as } = suite
    const verdict = async (n: string) => (await suite.app.inject({ method: 'GET', url: '/api/v1/check/phone', query: { number: n } })).json().verdict as string
    const status = async (kind: string, value: string) =>
      (
        await suite.tdb.database.db
          .selectFrom('blocklist_entries')
          .select('status')
          .where('kind', '=', kind as 'phone')
          .where('value', '=', value)
          .executeTakeFirstOrThrow()
      ).status

    test('an appealed entry keeps matching until removed; removal reaches the check at once; contact encrypted; audited', async () => {
      const notListed = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/appeals',
        payload: { kind: 'phone', value: '13912345678', contact: '13912345678', reason: '我的号码' }
      })
      assert.equal(notListed.statusCode, 404)
      assert.equal(notListed.json().error.code, 'APPEAL_NOT_LISTED')

      await eventually(async () => (await verdict('16500001111')) === 'dangerous', 3_000)
      const appeal = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/appeals',
        payload: { kind: 'phone', value: '165 0000 1111', contact: '13800009999', reason: '这是我家的号码，被误标了' }
      })
      assert.equal(appeal.statusCode, 200, appeal.body)
      assert.equal(await status('phone', '+8616500001111'), 'appealed')
      await new Promise((r) => setTimeout(r, 700))
      assert.equal(await verdict('16500001111'), 'dangerous', 'still listed while the appeal is open')
      const raw = await suite.tdb.database.db.selectFrom('appeals').selectAll().executeTakeFirstOrThrow()
      assert.ok(!JSON.stringify(raw).includes('13800009999'))

      assert.equal((await suite.app.inject({ method: 'GET', url: '/api/v1/admin/appeals', headers: as('editor') })).statusCode, 403)
      assert.equal((await suite.app.inject({ method: 'GET', url: '/api/v1/admin/appeals' })).statusCode, 401)
      const open = (await suite.app.inject({ method: 'GET', url: '/api/v1/admin/appeals', headers: as('reviewer') })).json().items
      assert.equal(open.length, 1)
      assert.equal(open[0].contact, '13800009999')
      const decided = await suite.app.inject({
        method: 'POST',
        url: `/api/v1/admin/appeals/${open[0].id}/decide`,
        headers: as('reviewer'),
        payload: { decision: 'remove', note: '核实为居民本人号码' }
      })
      assert.equal(decided.statusCode, 200)
      assert.equal(await status('phone', '+8616500001111'), 'removed')
      await eventually(async () => (await verdict('16500001111')) !== 'dangerous', 3_000)
      assert.equal(
        (
          await suite.app.inject({
            method: 'POST',
            url: `/api/v1/admin/appeals/${open[0].id}/decide`,
            headers: as('reviewer'),
            payload: { decision: 'keep', note: 'x' }
          })
        ).statusCode,
        404
      )

      // Keep: the entry is active again and still blocks.
      await suite.app.inject({
        method: 'POST',
        url: '/api/v1/appeals',
        payload: { kind: 'url', value: 'https://dianzan-fanli.example/', contact: '13800007777', reason: '网站是我的' }
      })
      const second = (await suite.app.inject({ method: 'GET', url: '/api/v1/admin/appeals', headers: as('reviewer') })).json().items[0]
      await suite.app.inject({
        method: 'POST',
        url: `/api/v1/admin/appeals/${second.id}/decide`,
        headers: as('reviewer'),
        payload: { decision: 'keep', note: '多名居民被该网站诈骗' }
      })
      assert.equal(await status('url', 'dianzan-fanli.example'), 'active')
      assert.equal((await suite.app.inject({ method: 'GET', url: '/api/v1/check/url', query: { url: 'dianzan-fanli.example' } })).json().verdict, 'dangerous')

      // Sign-ins are audited too; this test is about the appeals' own entries.
      const audit = await suite.tdb.database.db
        .selectFrom('audit_log')
        .select(['action', 'target'])
        .where('action', 'not like', 'login.%')
        .orderBy('id')
        .execute()
      assert.deepEqual(audit, [
        { action: 'appeal.remove', target: 'phone:+8616500001111' },
        { action: 'appeal.keep', target: 'url:dianzan-fanli.example' }
      ])
    })
  })
}
