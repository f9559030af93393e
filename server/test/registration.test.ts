import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { SignJWT } from 'jose'
import { Value } from '@sinclair/typebox/value'
import { Me, MeExport } from '../../types/me.ts'
import { PRIVACY_POLICY_VERSION } from '../../types/privacy.ts'
import { createAreasRepository } from '../src/areas/repository.ts'
import { defaultAreas } from '../src/areas/service.ts'
import { checkCharacter } from '../src/residents/id-number.ts'
import type { Config } from '../src/config.ts'
import { buildTestApp, openTestDatabase, startWeChatStandIn, storeOptions, storesUnderTest, TEST_WECHAT, TestClock, type TestDatabase } from './helpers.ts'
import { residentToken, standInControl } from './fixtures.ts'

const TOWNSHIP = '610923100' // 城关镇
const VILLAGE = '610923100001' // 东关社区
const OTHER_TOWNSHIP_VILLAGE = '610923101001'

/** A checksum-valid ID number for a birth date (region 610923 = 宁陕县). */
export function idNumberFor(birthDate: string, sequence = '123'): string {
  const first17 = `610923${birthDate.replaceAll('-', '')}${sequence}`
  return first17 + checkCharacter(first17)
}

for (const store of storesUnderTest()) {
  describe(`registration and my data on ${store}`, storeOptions(store), () => {
    let standIn: FastifyInstance
    let standInUrl: string
    let tdb: TestDatabase
    let app: FastifyInstance
    let config: Config
    const clock = new TestClock(Date.parse('2026-11-29T02:00:00Z'))
    const logLines: string[] = []

    const control = (path: string, body: unknown) => standInControl(standInUrl, path, body)

    /** A new WeChat resident with a verified phone: returns the auth header. */
    async function residentWithPhone(user: string, phone: string): Promise<{ headers: { authorization: string }; residentId: string; refreshToken: string }> {
      const login = (await app.inject({ method: 'POST', url: '/api/v1/auth/wechat', payload: { code: (await control('login-code', { user })).code } })).json()
      const headers = { authorization: `Bearer ${login.accessToken}` }
      const bound = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/wechat/phone',
        payload: { code: (await control('phone-code', { phone })).code },
        headers
      })
      assert.equal(bound.statusCode, 200, bound.body)
      return { headers, residentId: login.residentId, refreshToken: login.refreshToken }
    }

    const form = (over: Record<string, unknown> = {}) => ({
      name: '张秀兰',
      birthDate: '1970-05-17',
      townshipCode: TOWNSHIP,
      villageCode: VILLAGE,
      consentVersion: PRIVACY_POLICY_VERSION,
      ...over
    })
    const register = (headers: Record<string, string>, body: unknown) =>
      app.inject({ method: 'POST', url: '/api/v1/me/registration', payload: body as object, headers })

    before(async () => {
      ;({ server: standIn, url: standInUrl } = await startWeChatStandIn())
      tdb = await openTestDatabase(store)
      await createAreasRepository(tdb.database.db).upsert(defaultAreas())
      ;({ app, config } = await buildTestApp(
        tdb.database,
        { ...TEST_WECHAT, WECHAT_API_BASE: standInUrl, LOG_LEVEL: 'debug' },
        {
          clock: clock.now,
          logStream: { write: (l: string) => void logLines.push(l) }
        }
      ))
    })
    after(async () => {
      await app.close()
      await tdb.cleanup()
      await standIn.close()
    })

    test('full registration: profile shown with masked phone and ID; name and ID never stored or logged in clear', async () => {
      logLines.length = 0
      const { headers, residentId } = await residentWithPhone('reg-zhang', '13812340001')
      const idNumber = idNumberFor('1970-05-17')
      const res = await register(headers, form({ idNumber: idNumber.toLowerCase() }))
      assert.equal(res.statusCode, 200, res.body)
      const me = res.json()
      assert.ok(Value.Check(Me, me))
      assert.equal(me.registered, true)
      assert.ok(me.profile)
      assert.equal(me.phone, '138****0001')
      assert.equal(me.profile.name, '张秀兰')
      assert.deepEqual(me.profile.township, { code: TOWNSHIP, name: '城关镇' })
      assert.equal(me.profile.village.name, '东关社区')
      assert.equal(me.profile.idNumberMasked, `610${'*'.repeat(13)}${idNumber.slice(-2)}`)
      assert.doesNotMatch(res.body, new RegExp(idNumber.slice(6, 14)))

      const row = await tdb.database.db.selectFrom('residents').selectAll().where('id', '=', residentId).executeTakeFirstOrThrow()
      const raw = JSON.stringify(row)
      for (const secret of ['张秀兰', idNumber, idNumber.slice(0, 17), '13812340001', '12340001']) assert.ok(!raw.includes(secret), `raw row holds ${secret}`)
      assert.match(row.name_enc ?? '', /^v1\./)
      assert.match(row.id_number_enc ?? '', /^v1\./)
      assert.equal(row.consent_version, PRIVACY_POLICY_VERSION)
      assert.ok(row.consent_at instanceof Date)
      assert.equal(row.birth_date, '1970-05-17')

      const logs = logLines.join('\n')
      assert.match(logs, /POST \/api\/v1\/me\/registration 200/, 'the request log was captured')
      for (const secret of ['13812340001', idNumber, '张秀兰']) assert.ok(!logs.includes(secret), `logs hold ${secret}`)
    })

    test('refusals a resident can act on: under 16, bad dates, ID checksum or birth mismatch, wrong area, stale consent, bad name', async () => {
      const { headers } = await residentWithPhone('reg-li', '13812340002')
      const cases: Array<[Record<string, unknown>, string, string]> = [
        [{ birthDate: '2010-11-30' }, 'AGE_UNDER_16', 'birthDate'], // 16 tomorrow
        [{ birthDate: '2027-01-01' }, 'BIRTH_DATE_INVALID', 'birthDate'],
        [{ birthDate: '1970-02-30' }, 'BIRTH_DATE_INVALID', 'birthDate'],
        [{ idNumber: idNumberFor('1970-05-17').slice(0, 17) + (idNumberFor('1970-05-17').endsWith('0') ? '1' : '0') }, 'ID_NUMBER_INVALID', 'idNumber'],
        [{ idNumber: idNumberFor('1971-05-17') }, 'ID_NUMBER_INVALID', 'idNumber'],
        [{ idNumber: '61092319700517' }, 'ID_NUMBER_INVALID', 'idNumber'],
        [{ villageCode: OTHER_TOWNSHIP_VILLAGE }, 'AREA_INVALID', 'villageCode'],
        [{ townshipCode: VILLAGE, villageCode: VILLAGE }, 'AREA_INVALID', 'villageCode'],
        [{ villageCode: '610923999999' }, 'AREA_INVALID', 'villageCode'],
        [{ consentVersion: '2020-01-01' }, 'CONSENT_REQUIRED', 'consentVersion'],
        [{ name: '张' }, 'NAME_INVALID', 'name'],
        [{ name: '<script>' }, 'NAME_INVALID', 'name'],
        [{ name: '一二三四五六七八九十一二三四五六七八九十一' }, 'NAME_INVALID', 'name']
      ]
      for (const [over, code, field] of cases) {
        const res = await register(headers, form(over))
        assert.equal(res.statusCode, 400, `${JSON.stringify(over)} → ${res.body}`)
        assert.equal(res.json().error.code, code, JSON.stringify(over))
        assert.equal(res.json().error.field, field)
        assert.match(res.json().error.message, /[\u4e00-\u9fa5]/)
      }
      const under = await register(headers, form({ birthDate: '2010-11-30' }))
      assert.match(under.json().error.message, /未满16周岁/)
      // 16 today is old enough; a minority name with a middle dot is a name.
      const ok = await register(headers, form({ birthDate: '2010-11-29', name: '买买提・艾力' }))
      assert.equal(ok.statusCode, 200, ok.body)
      assert.equal(ok.json().profile.name, '买买提·艾力')
      assert.equal((await register(headers, form())).json().error.code, 'ALREADY_REGISTERED')
    })

    test('registration needs a verified phone, and one ID number registers once', async () => {
      const login = (
        await app.inject({ method: 'POST', url: '/api/v1/auth/wechat', payload: { code: (await control('login-code', { user: 'reg-nophone' })).code } })
      ).json()
      const noPhone = await register({ authorization: `Bearer ${login.accessToken}` }, form())
      assert.equal(noPhone.json().error.code, 'PHONE_REQUIRED')

      const idNumber = idNumberFor('1980-03-03', '555')
      const a = await residentWithPhone('reg-id-a', '13812340003')
      assert.equal((await register(a.headers, form({ birthDate: '1980-03-03', idNumber }))).statusCode, 200)
      const b = await residentWithPhone('reg-id-b', '13812340004')
      const dup = await register(b.headers, form({ birthDate: '1980-03-03', idNumber }))
      assert.equal(dup.statusCode, 409)
      assert.equal(dup.json().error.code, 'ID_NUMBER_IN_USE')
    })

    test('PATCH /me changes name and area; a village must lie in its township', async () => {
      const { headers } = await residentWithPhone('reg-edit', '13812340005')
      const notYet = await app.inject({ method: 'PATCH', url: '/api/v1/me', payload: { name: '王芳' }, headers })
      assert.equal(notYet.json().error.code, 'NOT_REGISTERED')
      await register(headers, form())
      const renamed = await app.inject({ method: 'PATCH', url: '/api/v1/me', payload: { name: ' 王  芳 ' }, headers })
      assert.equal(renamed.statusCode, 200)
      assert.equal(renamed.json().profile.name, '王 芳')
      const moved = await app.inject({
        method: 'PATCH',
        url: '/api/v1/me',
        payload: { townshipCode: '610923101', villageCode: OTHER_TOWNSHIP_VILLAGE },
        headers
      })
      assert.equal(moved.statusCode, 200, moved.body)
      assert.equal(moved.json().profile.township.code, '610923101')
      const mismatch = await app.inject({ method: 'PATCH', url: '/api/v1/me', payload: { villageCode: VILLAGE }, headers })
      assert.equal(mismatch.json().error.code, 'AREA_INVALID')
      const townshipOnly = await app.inject({ method: 'PATCH', url: '/api/v1/me', payload: { townshipCode: TOWNSHIP }, headers })
      assert.equal(townshipOnly.json().error.code, 'AREA_INVALID')
      const empty = await app.inject({ method: 'PATCH', url: '/api/v1/me', payload: {}, headers })
      assert.equal(empty.statusCode, 400)
      const birth = await app.inject({ method: 'PATCH', url: '/api/v1/me', payload: { birthDate: '1990-01-01' }, headers })
      assert.equal(birth.statusCode, 400, 'birth date is not editable')
    })

    test('export holds everything about me (identifiers masked); delete erases it and keeps no way back in', async () => {
      const { headers, residentId, refreshToken } = await residentWithPhone('reg-export', '13812340006')
      await register(headers, form({ idNumber: idNumberFor('1970-05-17', '777') }))
      await app.inject({ method: 'GET', url: '/api/v1/check/phone', query: { number: '0085298765432' }, headers })
      const exported = await app.inject({ method: 'GET', url: '/api/v1/me/export', headers })
      assert.equal(exported.statusCode, 200)
      assert.match(String(exported.headers['content-disposition']), /attachment/)
      const data = exported.json()
      assert.ok(Value.Check(MeExport, data), JSON.stringify([...Value.Errors(MeExport, data)].slice(0, 3)))
      assert.equal(data.account.residentId, residentId)
      assert.equal(data.account.wechatLinked, true)
      assert.equal(data.profile?.name, '张秀兰')
      assert.equal(data.phone, '138****0006')
      assert.equal(data.consent?.version, PRIVACY_POLICY_VERSION)
      assert.equal(data.checks.length, 1)
      assert.equal(data.sessions.length, 1)
      assert.doesNotMatch(exported.body, /13812340006/)

      const del = await app.inject({ method: 'DELETE', url: '/api/v1/me', headers })
      assert.equal(del.statusCode, 204)
      // The still-unexpired access token and the refresh token are dead.
      assert.equal((await app.inject({ method: 'GET', url: '/api/v1/me', headers })).statusCode, 401)
      assert.equal((await app.inject({ method: 'DELETE', url: '/api/v1/me', headers })).statusCode, 401)
      assert.equal((await app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken } })).statusCode, 401)
      const row = await tdb.database.db.selectFrom('residents').selectAll().where('id', '=', residentId).executeTakeFirstOrThrow()
      for (const column of [
        'openid',
        'phone_enc',
        'phone_index',
        'name_enc',
        'birth_date',
        'id_number_enc',
        'id_number_masked',
        'id_number_index',
        'consent_version'
      ] as const) {
        assert.equal(row[column], null, column)
      }
      assert.ok(row.deleted_at)
      assert.equal(row.township_code, TOWNSHIP, 'the anonymous tombstone keeps the area for counts')
      const history = await tdb.database.db.selectFrom('check_history').select('id').where('resident_id', '=', residentId).execute()
      assert.equal(history.length, 0)

      // The same WeChat user and phone can start again as a new resident.
      const again = await residentWithPhone('reg-export', '13812340006')
      assert.notEqual(again.residentId, residentId)
      assert.equal((await register(again.headers, form({ idNumber: idNumberFor('1970-05-17', '777') }))).statusCode, 200)
    })

    test('authorization: /me answers only to a valid resident token, and only about that resident', async () => {
      const alice = await residentWithPhone('auth-alice', '13812340007')
      const bob = await residentWithPhone('auth-bob', '13812340008')
      await register(alice.headers, form({ name: '艾丽丝' }))
      await register(bob.headers, form({ name: '鲍勃' }))
      const aliceMe = (await app.inject({ method: 'GET', url: '/api/v1/me', headers: alice.headers })).json()
      const bobMe = (await app.inject({ method: 'GET', url: '/api/v1/me', headers: bob.headers })).json()
      assert.equal(aliceMe.profile.name, '艾丽丝')
      assert.equal(bobMe.profile.name, '鲍勃')
      // Nothing in the API takes a resident id from the request: the body's or query's id is ignored or refused.
      const sneaky = await app.inject({ method: 'PATCH', url: '/api/v1/me', payload: { name: '冒名者', residentId: bobMe.residentId }, headers: alice.headers })
      assert.equal(sneaky.statusCode, 200)
      assert.equal((await app.inject({ method: 'GET', url: '/api/v1/me', headers: bob.headers })).json().profile.name, '鲍勃')
      assert.equal(
        (await app.inject({ method: 'GET', url: `/api/v1/me?residentId=${bobMe.residentId}`, headers: alice.headers })).json().profile.name,
        '冒名者'
      )

      const forged = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(bobMe.residentId)
        .setAudience('resident')
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode('not-the-server-secret-not-the-server-secret'))
      const expired = await residentToken(config, aliceMe.residentId, '-1m')
      const adminAudience = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(aliceMe.residentId)
        .setAudience('admin')
        .setExpirationTime('5m')
        .sign(config.jwtSecret)
      const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: bobMe.residentId, aud: 'resident' })).toString('base64url')}.`
      const routes: Array<[string, string, object | undefined]> = [
        ['GET', '/api/v1/me', undefined],
        ['PATCH', '/api/v1/me', { name: '王芳' }],
        ['GET', '/api/v1/me/export', undefined],
        ['DELETE', '/api/v1/me', undefined],
        ['POST', '/api/v1/me/registration', form()],
        ['POST', '/api/v1/auth/wechat/phone', { code: 'x' }]
      ]
      for (const [method, url, payload] of routes) {
        for (const [label, header] of [
          ['missing', undefined],
          ['forged', `Bearer ${forged}`],
          ['expired', `Bearer ${expired}`],
          ['admin', `Bearer ${adminAudience}`],
          ['alg none', `Bearer ${none}`],
          ['garbage', 'Bearer x.y.z']
        ] as const) {
          const res = await app.inject({ method: method as 'GET', url, payload, headers: header ? { authorization: header } : {} })
          assert.equal(res.statusCode, 401, `${method} ${url} with ${label} token`)
          assert.equal(res.json().error.code, 'UNAUTHORIZED')
        }
      }
      assert.equal((await app.inject({ method: 'GET', url: '/api/v1/me', headers: bob.headers })).json().profile.name, '鲍勃')
    })
  })
}
