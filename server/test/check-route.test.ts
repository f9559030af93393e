import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { Value } from '@sinclair/typebox/value'
import type { FastifyInstance } from 'fastify'
import { CheckPhoneResponse } from '../../types/check.ts'
import { ApiErrorBody } from '../../types/error.ts'
import { createListsRepository } from '../src/lists/repository.ts'
import { createHistoryRepository } from '../src/history/repository.ts'
import { createAuthRepository } from '../src/auth/repository.ts'
import type { Config } from '../src/config.ts'
import { buildTestApp, eventually, openTestDatabase, storeOptions, storesUnderTest, type TestDatabase } from './helpers.ts'
import { residentToken } from './fixtures.ts'

const get = (app: FastifyInstance, number: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url: '/api/v1/check/phone', query: { number }, headers })

for (const store of storesUnderTest()) {
  describe(`GET /api/v1/check/phone on ${store}`, storeOptions(store), () => {
    let tdb: TestDatabase
    let app: FastifyInstance
    let config: Config

    before(async () => {
      tdb = await openTestDatabase(store)
      ;({ app, config } = await buildTestApp(tdb.database))
    })
    after(async () => {
      await app.close()
      await tdb.cleanup()
    })

    test('a "00" number is international and suspicious, with an explained reason', async () => {
      const res = await get(app, '0085298765432')
      assert.equal(res.statusCode, 200)
      const body = res.json()
      assert.ok(Value.Check(CheckPhoneResponse, body))
      assert.equal(body.input, '0085298765432')
      assert.equal(body.e164, '+85298765432')
      assert.equal(body.country, 'HK')
      assert.equal(body.numberType, 'MOBILE')
      assert.equal(body.verdict, 'suspicious')
      assert.deepEqual(
        body.reasons.map((r: { code: string }) => r.code),
        ['INTERNATIONAL']
      )
      assert.match(body.reasons[0].message, /境外/)
      assert.ok(body.advice.length > 0)
      assert.equal(body.reports, 0)
      assert.ok(Math.abs(Date.parse(body.checkedAt) - Date.now()) < 60_000)
    })

    test('a blocklist change reaches the check through the change notification, without a manual refresh', async () => {
      const repo = createListsRepository(tdb.database.db)
      assert.equal((await get(app, '138 0013 8000')).json().verdict, 'unknown')
      const summary = await repo.upsertBlocklist([{ kind: 'phone', value: '+8613800138000', category: '虚假投资理财', source: 'centre', note: null }])
      assert.deepEqual(summary, { added: 1, updated: 0, unchanged: 0 })
      const took = await eventually(async () => (await get(app, '138 0013 8000')).json().verdict === 'dangerous')
      assert.ok(took < 1_000)
      const body = (await get(app, '+86 138-0013-8000')).json()
      assert.equal(body.reasons[0].code, 'BLOCKLISTED')
      assert.match(body.reasons[0].message, /虚假投资理财/)

      assert.equal(await repo.removeBlocklistEntry('phone', '+8613800138000'), true)
      await eventually(async () => (await get(app, '13800138000')).json().verdict === 'unknown')
    })

    test('an expired entry stops matching without a restart', async () => {
      const repo = createListsRepository(tdb.database.db)
      await repo.upsertBlocklist([{ kind: 'phone', value: '+8613900139000', category: '刷单返利', source: 'city', note: null }])
      await app.lists.requestRefresh('blocklist_entries')
      assert.equal((await get(app, '13900139000')).json().verdict, 'dangerous')
      await repo.setBlocklistExpiry('phone', '+8613900139000', new Date(Date.now() + 1_500))
      await app.lists.requestRefresh('blocklist_entries')
      assert.equal((await get(app, '13900139000')).json().verdict, 'dangerous')
      await eventually(async () => (await get(app, '13900139000')).json().verdict === 'unknown', 4_000)
    })

    test('verified numbers are safe; spoofed ones behind +86 are dangerous', async () => {
      const repo = createListsRepository(tdb.database.db)
      await repo.upsertVerified([{ value: '+8695588', label: '中国工商银行客服 95588', category: '银行' }])
      await app.lists.requestRefresh('verified_numbers')
      const safe = (await get(app, '95588')).json()
      assert.equal(safe.verdict, 'safe')
      assert.equal(safe.numberType, 'SERVICE')
      assert.match(safe.reasons[0].message, /工商银行/)
      const spoofed = (await get(app, '+86 95588')).json()
      assert.equal(spoofed.verdict, 'dangerous')
      assert.deepEqual(
        spoofed.reasons.map((r: { code: string }) => r.code),
        ['SPOOFED_SERVICE']
      )
    })

    test('reported numbers carry the count of distinct reporters', async () => {
      const repo = createListsRepository(tdb.database.db)
      await repo.setReportTally('phone', '+8613700001234', 3)
      await app.lists.requestRefresh('report_tallies')
      const body = (await get(app, '137-0000-1234')).json()
      assert.equal(body.verdict, 'suspicious')
      assert.equal(body.reports, 3)
      assert.deepEqual(
        body.reasons.map((r: { code: string }) => r.code),
        ['REPORTED']
      )
    })

    test('bad input is a 400 INVALID_NUMBER with a Chinese message', async () => {
      for (const number of ['', 'abc', '一二三', '1'.repeat(21), '12', 'x'.repeat(201)]) {
        const res = await get(app, number)
        assert.equal(res.statusCode, 400, number)
        const body = res.json()
        assert.ok(Value.Check(ApiErrorBody, body))
        assert.equal(body.error.code, 'INVALID_NUMBER')
        assert.match(body.error.message, /[\u4e00-\u9fff]/)
      }
      const missing = await app.inject({ method: 'GET', url: '/api/v1/check/phone' })
      assert.equal(missing.statusCode, 400)
      assert.equal(missing.json().error.code, 'INVALID_NUMBER')
    })

    test("a signed-in resident's check is kept in their history; anonymous and forged-token checks are not", async () => {
      const history = createHistoryRepository(tdb.database.db)
      const { id } = await createAuthRepository(tdb.database.db).residentForOpenid('o-history-42')
      const token = await residentToken(config, id)
      const res = await get(app, '00852 9876 5432', { authorization: `Bearer ${token}` })
      assert.equal(res.statusCode, 200)
      const rows = await history.recent(id, 10)
      assert.equal(rows.length, 1)
      assert.equal(rows[0].normalized, '+85298765432')
      assert.equal(rows[0].verdict, 'suspicious')

      const other = (await createAuthRepository(tdb.database.db).residentForOpenid('o-history-43')).id
      const forged = await residentToken({ ...config, jwtSecret: new TextEncoder().encode('another-secret-another-secret-xx') }, other)
      assert.equal((await get(app, '13800138000', { authorization: `Bearer ${forged}` })).statusCode, 200)
      assert.equal((await get(app, '13800138000', { authorization: 'Bearer not-a-jwt' })).statusCode, 200)
      assert.equal((await history.recent(other, 10)).length, 0)
    })

    test('the sample answer has the response shape and never consults the lists', async () => {
      const repo = createListsRepository(tdb.database.db)
      await repo.upsertBlocklist([{ kind: 'phone', value: '+85298765432', category: '冒充公检法', source: 'city', note: null }])
      await app.lists.requestRefresh('blocklist_entries')
      assert.equal((await get(app, '0085298765432')).json().verdict, 'dangerous')
      const res = await app.inject({ method: 'GET', url: '/api/v1/check/phone/sample', query: { number: '13800138000' } })
      assert.equal(res.statusCode, 200)
      const body = res.json()
      assert.ok(Value.Check(CheckPhoneResponse, body))
      assert.equal(body.input, '0085298765432')
      assert.equal(body.verdict, 'suspicious')
      assert.deepEqual(
        body.reasons.map((r: { code: string }) => r.code),
        ['INTERNATIONAL']
      )
    })

    test('the OpenAPI document at /docs/json describes the check with its parameter and error answers', async () => {
      const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json()
      const op = doc.paths['/api/v1/check/phone'].get
      assert.deepEqual(
        op.parameters.map((p: { name: string }) => p.name),
        ['number']
      )
      assert.deepEqual(Object.keys(op.responses).sort(), ['200', '400', '429'])
    })

    test('unknown API paths answer 404 in the error shape', async () => {
      const res = await app.inject({ method: 'GET', url: '/api/v1/nope' })
      assert.equal(res.statusCode, 404)
      assert.equal(res.json().error.code, 'NOT_FOUND')
    })

    test('5,000 arbitrary inputs: never a 5xx, always a well-formed 200 or 400', async () => {
      const text = fc.oneof(
        fc.string({ unit: 'binary', maxLength: 40 }),
        fc.string({ unit: fc.constantFrom(...'0123456789+-() ．０１２３４５６７８９＋转ext'.split('')), maxLength: 30 }),
        fc.stringMatching(/^(\+|00)?\d{1,25}$/)
      )
      await fc.assert(
        fc.asyncProperty(text, async (s) => {
          // Build the URL by hand so lone surrogates and odd bytes reach the server as they are.
          const encoded = [...Buffer.from(s, 'utf8')].map((b) => '%' + b.toString(16).padStart(2, '0')).join('')
          const res = await app.inject({ method: 'GET', url: `/api/v1/check/phone?number=${encoded}` })
          if (res.statusCode === 200) return Value.Check(CheckPhoneResponse, res.json())
          return res.statusCode === 400 && Value.Check(ApiErrorBody, res.json())
        }),
        { numRuns: 5_000 }
      )
      for (const raw of ['%E0%A4%A', '%ZZ', '%', 'a=b&number=1&number=2', '%00%00%00']) {
        const res = await app.inject({ method: 'GET', url: `/api/v1/check/phone?number=${raw}` })
        assert.ok(res.statusCode < 500, `${raw} → ${res.statusCode}`)
        assert.ok(typeof res.json().verdict === 'string' || typeof res.json().error?.code === 'string')
      }
    })
  })

  describe(`rate limit on ${store}`, storeOptions(store), () => {
    let tdb: TestDatabase
    let app: FastifyInstance
    before(async () => {
      tdb = await openTestDatabase(store)
      ;({ app } = await buildTestApp(tdb.database, { CHECK_RATE_LIMIT_MAX: '5' }))
    })
    after(async () => {
      await app.close()
      await tdb.cleanup()
    })

    test('past the limit a client gets 429 RATE_LIMITED; another client is unaffected', async () => {
      for (let i = 0; i < 5; i++) assert.equal((await get(app, '13800138000')).statusCode, 200)
      const limited = await get(app, '13800138000')
      assert.equal(limited.statusCode, 429)
      assert.ok(Value.Check(ApiErrorBody, limited.json()))
      assert.equal(limited.json().error.code, 'RATE_LIMITED')
      assert.match(limited.json().error.message, /频繁/)
      const other = await app.inject({ method: 'GET', url: '/api/v1/check/phone', query: { number: '13800138000' }, remoteAddress: '10.9.8.7' })
      assert.equal(other.statusCode, 200)
    })
  })
}
