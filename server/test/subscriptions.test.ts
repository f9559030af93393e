import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { createAuthRepository } from '../src/auth/repository.ts'
import { FieldCipher } from '../src/lib/field-cipher.ts'
import type { Config } from '../src/config.ts'
import { buildTestApp, openTestDatabase, storeOptions, storesUnderTest, type TestDatabase } from './helpers.ts'
import { residentToken } from './fixtures.ts'

for (const store of storesUnderTest()) {
  describe(`subscribe consent on ${store}`, storeOptions(store), () => {
    let tdb: TestDatabase
    let app: FastifyInstance
    let config: Config

    before(async () => {
      tdb = await openTestDatabase(store)
      ;({ app, config } = await buildTestApp(tdb.database, {
        WECHAT_TEMPLATE_IDS: 'tmpl-bulletin,tmpl-report,tmpl-standing',
        WECHAT_LONG_TERM_TEMPLATE_IDS: 'tmpl-standing'
      }))
    })
    after(async () => {
      await app.close()
      await tdb.cleanup()
    })

    const report = (token: string, results: Record<string, string>) =>
      app.inject({ method: 'POST', url: '/api/v1/me/subscriptions', payload: { results }, headers: { authorization: `Bearer ${token}` } })

    test('each accept is one send credit; ban clears; a long-term template is a standing permission; unknown templates are ignored', async () => {
      assert.deepEqual((await app.inject({ method: 'GET', url: '/api/v1/push/config' })).json(), {
        templates: { bulletin: 'tmpl-bulletin', report: 'tmpl-report', warning: 'tmpl-standing' },
        templateIds: ['tmpl-bulletin', 'tmpl-report', 'tmpl-standing']
      })
      const { id } = await createAuthRepository(tdb.database.db).residentForOpenid('o-subscriber')
      const token = await residentToken(config, id)
      const state = (body: { templates: Array<{ templateId: string; credits: number; longTerm: boolean }> }, t: string) =>
        body.templates.find((x) => x.templateId === t)

      let res = await report(token, { 'tmpl-bulletin': 'accept', 'tmpl-report': 'reject', 'tmpl-standing': 'accept', 'tmpl-evil': 'accept' })
      assert.equal(res.statusCode, 200)
      assert.equal(state(res.json(), 'tmpl-bulletin')?.credits, 1)
      assert.equal(state(res.json(), 'tmpl-report')?.credits, 0)
      assert.equal(state(res.json(), 'tmpl-standing')?.longTerm, true)
      assert.equal(res.json().templates.length, 3)
      // Each template says what it is for, by name: the warning template was once labelled 举报进展 by its position.
      assert.deepEqual(
        res.json().templates.map((t: { purpose: string }) => t.purpose),
        ['预警信息', '举报进展', '反诈预警']
      )

      res = await report(token, { 'tmpl-bulletin': 'accept' })
      assert.equal(state(res.json(), 'tmpl-bulletin')?.credits, 2)
      res = await report(token, { 'tmpl-bulletin': 'filter', 'tmpl-standing': 'reject' })
      assert.equal(state(res.json(), 'tmpl-bulletin')?.credits, 2)
      assert.equal(state(res.json(), 'tmpl-standing')?.longTerm, false)
      res = await report(token, { 'tmpl-bulletin': 'ban' })
      assert.equal(state(res.json(), 'tmpl-bulletin')?.credits, 0)
      assert.deepEqual((await app.inject({ method: 'GET', url: '/api/v1/me/subscriptions', headers: { authorization: `Bearer ${token}` } })).json(), res.json())

      const bad = await report(token, { 'tmpl-bulletin': 'maybe' })
      assert.equal(bad.statusCode, 400)
      assert.equal((await app.inject({ method: 'POST', url: '/api/v1/me/subscriptions', payload: { results: {} } })).statusCode, 401)
    })

    test('an H5-only resident (no WeChat account) is told subscriptions live in the mini-program', async () => {
      const cipher = new FieldCipher(config.dataKey)
      const { id } = await createAuthRepository(tdb.database.db).residentForPhone({
        index: cipher.blindIndex('13900001111'),
        enc: cipher.encrypt('13900001111')
      })
      const res = await report(await residentToken(config, id), { 'tmpl-bulletin': 'accept' })
      assert.equal(res.statusCode, 409)
      assert.equal(res.json().error.code, 'SUBSCRIBE_NEEDS_WECHAT')
    })
  })
}
