import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { Value } from '@sinclair/typebox/value'
import { AuthTokens } from '../../types/auth.ts'
import { createHistoryRepository } from '../src/history/repository.ts'
import { buildTestApp, openTestDatabase, startWeChatStandIn, storeOptions, storesUnderTest, TEST_WECHAT, type TestDatabase } from './helpers.ts'
import { standInControl } from './fixtures.ts'

for (const store of storesUnderTest()) {
  describe(`WeChat login and token refresh on ${store}`, storeOptions(store), () => {
    let standIn: FastifyInstance
    let standInUrl: string
    let tdb: TestDatabase
    let app: FastifyInstance

    const control = (path: string, body: unknown) => standInControl(standInUrl, path, body)
    const login = (code: string) => app.inject({ method: 'POST', url: '/api/v1/auth/wechat', payload: { code } })
    const refresh = (refreshToken: string) => app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken } })

    before(async () => {
      ;({ server: standIn, url: standInUrl } = await startWeChatStandIn({ slowAnswerMs: 200 }))
      tdb = await openTestDatabase(store)
      ;({ app } = await buildTestApp(tdb.database, { ...TEST_WECHAT, WECHAT_API_BASE: standInUrl }))
    })
    after(async () => {
      await app.close()
      await tdb.cleanup()
      await standIn.close()
    })

    test('first login creates the resident; the next login finds the same one; session_key never leaves', async () => {
      const first = await login((await control('login-code', { user: 'alice' })).code)
      assert.equal(first.statusCode, 200)
      const tokens = first.json()
      assert.ok(Value.Check(AuthTokens, tokens))
      assert.equal(tokens.newResident, true)
      assert.doesNotMatch(first.body, /session_key/)
      const again = (await login((await control('login-code', { user: 'alice' })).code)).json()
      assert.equal(again.newResident, false)
      assert.equal(again.residentId, tokens.residentId)
      const other = (await login((await control('login-code', { user: 'bob' })).code)).json()
      assert.notEqual(other.residentId, tokens.residentId)

      // The access token is one the rest of the API accepts: a check is recorded in this resident's history.
      await app.inject({
        method: 'GET',
        url: '/api/v1/check/phone',
        query: { number: '0085298765432' },
        headers: { authorization: `Bearer ${tokens.accessToken}` }
      })
      const history = await createHistoryRepository(tdb.database.db).recent(tokens.residentId, 5)
      assert.equal(history.length, 1)
    })

    test('an invalid or reused code is a 400 the resident can act on', async () => {
      const { code } = await control('login-code', { user: 'carol' })
      assert.equal((await login(code)).statusCode, 200)
      for (const c of [code, 'no-such-code']) {
        const res = await login(c)
        assert.equal(res.statusCode, 400)
        assert.equal(res.json().error.code, 'LOGIN_CODE_INVALID')
        assert.match(res.json().error.message, /重新打开/)
      }
      const missing = await app.inject({ method: 'POST', url: '/api/v1/auth/wechat', payload: {} })
      assert.equal(missing.statusCode, 400)
      assert.equal(missing.json().error.code, 'VALIDATION_FAILED')
    })

    test('WeChat refusing a risky account is 403; WeChat busy, rate-limited or silent is 503', async () => {
      const { code } = await control('login-code', { user: 'dave' })
      await control('fail', { api: 'jscode2session', failure: 40226 })
      const risky = await login(code)
      assert.equal(risky.statusCode, 403)
      assert.equal(risky.json().error.code, 'WECHAT_RISKY_ACCOUNT')
      for (const failure of [-1, 45011, 'http500']) {
        await control('fail', { api: 'jscode2session', failure })
        const busy = await login(code)
        assert.equal(busy.statusCode, 503, String(failure))
        assert.equal(busy.json().error.code, 'WECHAT_BUSY')
        assert.match(busy.json().error.message, /稍后再试/)
      }
      assert.equal((await login(code)).statusCode, 200, 'the code survives WeChat failing')
    })

    test('phone via getPhoneNumber: stored encrypted, shown masked, one phone per resident', async () => {
      const alice = (await login((await control('login-code', { user: 'phone-alice' })).code)).json()
      const auth = { authorization: `Bearer ${alice.accessToken}` }
      const bind = (code: string, headers: Record<string, string> = auth) =>
        app.inject({ method: 'POST', url: '/api/v1/auth/wechat/phone', payload: { code }, headers })

      assert.equal((await bind('whatever', {})).statusCode, 401)
      assert.equal((await app.inject({ method: 'GET', url: '/api/v1/me' })).statusCode, 401)
      assert.equal((await app.inject({ method: 'GET', url: '/api/v1/me', headers: auth })).json().phone, null)

      const { code } = await control('phone-code', { phone: '13812345678' })
      const bound = await bind(code)
      assert.equal(bound.statusCode, 200)
      assert.equal(bound.json().phone, '138****5678')
      assert.equal((await app.inject({ method: 'GET', url: '/api/v1/me', headers: auth })).json().phone, '138****5678')
      const row = await tdb.database.db
        .selectFrom('residents')
        .select(['phone_enc', 'phone_index'])
        .where('id', '=', alice.residentId)
        .executeTakeFirstOrThrow()
      assert.ok(row.phone_enc && !row.phone_enc.includes('13812345678') && !row.phone_enc.includes('12345678'))
      assert.ok(row.phone_index && !row.phone_index.includes('13812345678'))

      const reused = await bind(code)
      assert.equal(reused.statusCode, 400)
      assert.equal(reused.json().error.code, 'PHONE_CODE_INVALID')

      const foreign = await bind((await control('phone-code', { phone: '98765432', countryCode: '852' })).code)
      assert.equal(foreign.json().error.code, 'PHONE_NOT_SUPPORTED')

      const bob = (await login((await control('login-code', { user: 'phone-bob' })).code)).json()
      const taken = await bind((await control('phone-code', { phone: '13812345678' })).code, { authorization: `Bearer ${bob.accessToken}` })
      assert.equal(taken.statusCode, 409)
      assert.equal(taken.json().error.code, 'PHONE_IN_USE')

      await control('fail', { api: 'getuserphonenumber', failure: -1 })
      const busy = await bind((await control('phone-code', { phone: '13912345678' })).code)
      assert.equal(busy.statusCode, 503)
    })

    test('refresh tokens rotate; presenting a spent one revokes the whole login', async () => {
      const tokens = (await login((await control('login-code', { user: 'erin' })).code)).json()
      const r1 = await refresh(tokens.refreshToken)
      assert.equal(r1.statusCode, 200)
      const t1 = r1.json()
      assert.equal(t1.residentId, tokens.residentId)
      assert.notEqual(t1.refreshToken, tokens.refreshToken)

      const reused = await refresh(tokens.refreshToken)
      assert.equal(reused.statusCode, 401)
      assert.equal(reused.json().error.code, 'REFRESH_TOKEN_REUSED')
      // The successor was issued to whoever holds the family: it is revoked too.
      const after = await refresh(t1.refreshToken)
      assert.equal(after.statusCode, 401)
      assert.equal(after.json().error.code, 'REFRESH_TOKEN_INVALID')

      const unknown = await refresh('x'.repeat(43))
      assert.equal(unknown.statusCode, 401)
      assert.equal(unknown.json().error.code, 'REFRESH_TOKEN_INVALID')
    })
  })
}
