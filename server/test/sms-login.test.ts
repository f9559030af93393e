import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { Value } from '@sinclair/typebox/value'
import { AuthTokens } from '../../types/auth.ts'
import { buildApp } from '../src/app.ts'
import {
  buildTestApp,
  openTestDatabase,
  startSmsGateway,
  storeOptions,
  storesUnderTest,
  testConfig,
  TestClock,
  type SmsGateway,
  type TestDatabase
} from './helpers.ts'

for (const store of storesUnderTest()) {
  describe(`H5 SMS login on ${store}`, storeOptions(store), () => {
    let tdb: TestDatabase
    let app: FastifyInstance
    let gateway: SmsGateway
    const clock = new TestClock()

    const send = (phone: string, ip = '10.0.0.1', captcha?: { id: string; answer: string }) =>
      app.inject({ method: 'POST', url: '/api/v1/auth/sms/send', payload: { phone, ...(captcha ? { captcha } : {}) }, remoteAddress: ip })
    // Each picture shows the next of these digits (the real picture is drawn; tests know what it says).
    let nextCaptcha = 1000
    const captchaDigits = () => String(nextCaptcha++)
    const login = (phone: string, code: string) => app.inject({ method: 'POST', url: '/api/v1/auth/sms/login', payload: { phone, code } })
    const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0')

    before(async () => {
      gateway = await startSmsGateway()
      tdb = await openTestDatabase(store)
      ;({ app } = await buildTestApp(tdb.database, { SMS_GATEWAY_URL: gateway.url, SMS_GATEWAY_TOKEN: 'gw-token' }, { clock: clock.now, captchaDigits }))
    })
    after(async () => {
      await app.close()
      await tdb.cleanup()
      await gateway.close()
    })

    test('a code logs in once; the first login creates the resident with the phone verified, the next finds them', async () => {
      const sent = await send('+86 138-0013-8000')
      assert.equal(sent.statusCode, 200)
      assert.deepEqual(sent.json(), { expiresIn: 300, resendAfter: 60 })
      const msg = gateway.messages.at(-1)
      assert.equal(msg?.to, '+8613800138000')
      assert.equal(msg?.authorization, 'Bearer gw-token')
      assert.match(msg?.params.code ?? '', /^\d{6}$/)

      const ok = await login('13800138000', gateway.lastCodeFor('13800138000'))
      assert.equal(ok.statusCode, 200)
      const tokens = ok.json()
      assert.ok(Value.Check(AuthTokens, tokens))
      assert.equal(tokens.newResident, true)
      const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${tokens.accessToken}` } })
      assert.equal(me.json().phone, '138****8000')

      // The same code again: spent.
      const again = await login('13800138000', gateway.lastCodeFor('13800138000'))
      assert.equal(again.json().error.code, 'SMS_CODE_INVALID')

      clock.advance(61_000)
      await send('13800138000')
      const second = (await login('13800138000', gateway.lastCodeFor('13800138000'))).json()
      assert.equal(second.newResident, false)
      assert.equal(second.residentId, tokens.residentId)
    })

    test('wrong codes count down; the fifth burns the code; a code expires after 5 minutes', async () => {
      clock.advance(61_000)
      await send('13900139000')
      const code = gateway.lastCodeFor('13900139000')
      for (let left = 4; left >= 1; left--) {
        const res = await login('13900139000', wrong(code))
        assert.equal(res.statusCode, 400)
        assert.equal(res.json().error.code, 'SMS_CODE_WRONG')
        assert.equal(res.json().error.field, 'code')
        assert.match(res.json().error.message, new RegExp(`还可以再试${left}次`))
      }
      const fifth = await login('13900139000', wrong(code))
      assert.equal(fifth.json().error.code, 'SMS_CODE_INVALID')
      // Burnt: even the right code no longer works.
      assert.equal((await login('13900139000', code)).json().error.code, 'SMS_CODE_INVALID')

      clock.advance(61_000)
      await send('13900139000')
      clock.advance(5 * 60_000 + 1_000)
      assert.equal((await login('13900139000', gateway.lastCodeFor('13900139000'))).json().error.code, 'SMS_CODE_INVALID')

      clock.advance(61_000)
      await send('13900139000')
      clock.advance(4 * 60_000)
      assert.equal((await login('13900139000', gateway.lastCodeFor('13900139000'))).statusCode, 200)
    })

    test('a new code replaces the previous one', async () => {
      clock.advance(61_000)
      await send('13700137000')
      const first = gateway.lastCodeFor('13700137000')
      clock.advance(61_000)
      await send('13700137000')
      const secondCode = gateway.lastCodeFor('13700137000')
      // The old code is checked against the new one: a wrong try.
      if (first !== secondCode) assert.equal((await login('13700137000', first)).json().error.code, 'SMS_CODE_WRONG')
      assert.equal((await login('13700137000', secondCode)).statusCode, 200)
    })

    test('one send a minute and ten a day per phone; a second phone on the same network is not kept waiting', async () => {
      clock.advance(24 * 3_600_000)
      assert.equal((await send('13600136000', '10.1.0.1')).statusCode, 200)
      const samePhone = await send('13600136000', '10.1.0.2')
      assert.equal(samePhone.statusCode, 429)
      assert.equal(samePhone.json().error.code, 'SMS_TOO_FREQUENT')
      assert.match(samePhone.json().error.message, /\d+秒后再试/)
      // A second family member on the same Wi-Fi, a moment later.
      assert.equal((await send('13600136001', '10.1.0.1')).statusCode, 200)

      // Per phone per day: nine more sends a minute apart from different clients, then refused.
      for (let i = 0; i < 9; i++) {
        clock.advance(61_000)
        assert.equal((await send('13600136000', `10.2.0.${i}`)).statusCode, 200, `send ${i + 2}`)
      }
      clock.advance(61_000)
      const daily = await send('13600136000', '10.3.0.1')
      assert.equal(daily.statusCode, 429)
      assert.equal(daily.json().error.code, 'SMS_DAILY_LIMIT')

      // A day later the phone may ask again.
      clock.advance(24 * 3_600_000)
      assert.equal((await send('13600136000', '10.3.0.1')).statusCode, 200)
    })

    test('one network address (a village hall, a grid worker at a 院落会): 20 an hour freely, then a 图形验证码 each, 300 a day at most', async () => {
      clock.advance(24 * 3_600_000)
      const hall = '10.9.0.1'
      const phone = (i: number) => `1370013${String(i).padStart(4, '0')}`
      for (let i = 0; i < 20; i++) assert.equal((await send(phone(i), hall)).statusCode, 200, `send ${i + 1}`)
      const asked = await send(phone(20), hall)
      assert.equal(asked.statusCode, 429)
      assert.equal(asked.json().error.code, 'CAPTCHA_REQUIRED')
      assert.equal(asked.json().error.field, 'captcha')

      const picture = async () => {
        const res = await app.inject({ method: 'POST', url: '/api/v1/auth/captcha' })
        assert.equal(res.statusCode, 200, res.body)
        const body = res.json() as { id: string; image: string; expiresIn: number }
        const png = Buffer.from(body.image.replace(/^data:image\/png;base64,/, ''), 'base64')
        assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG', 'a PNG picture')
        assert.equal(body.expiresIn, 300)
        return { id: body.id, answer: String(nextCaptcha - 1) }
      }
      const first = await picture()
      const wrongAnswer = await send(phone(20), hall, { id: first.id, answer: '0000' })
      assert.equal(wrongAnswer.json().error.code, 'CAPTCHA_WRONG')
      assert.equal((await send(phone(20), hall, first)).json().error.code, 'CAPTCHA_WRONG', 'a picture is answered once')
      const second = await picture()
      // Typed with a Chinese keyboard's full-width digits and a space.
      const wide = second.answer.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))
      assert.equal((await send(phone(20), hall, { id: second.id, answer: ` ${wide}` })).statusCode, 200)
      // Another address is not affected.
      assert.equal((await send(phone(21), '10.9.0.2')).statusCode, 200)
      // Expired pictures do not pass.
      const third = await picture()
      clock.advance(301_000)
      assert.equal((await send(phone(22), hall, third)).json().error.code, 'CAPTCHA_WRONG')

      // Past 300 sends in a day from one address, none (hours apart, so no picture is asked).
      let sent = 21
      while (sent < 300) {
        clock.advance(3_601_000)
        for (let i = 0; i < 20 && sent < 300; i++, sent++) assert.equal((await send(phone(100 + sent), hall)).statusCode, 200, `send ${sent + 1}`)
      }
      clock.advance(3_601_000)
      const capped = await send(phone(999), hall)
      assert.equal(capped.statusCode, 429)
      assert.equal(capped.json().error.code, 'SMS_ADDRESS_LIMIT')
      assert.match(capped.json().error.message, /换用手机流量/)
    })

    test('concurrent sends for one phone: exactly one goes out', async () => {
      clock.advance(24 * 3_600_000)
      const before = gateway.messages.length
      const results = await Promise.all(Array.from({ length: 5 }, (_, i) => send('13400134000', `10.5.0.${i}`)))
      assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 429, 429, 429, 429])
      assert.equal(gateway.messages.length - before, 1)
    })

    test('bad input: not a mainland mobile, malformed code, gateway down', async () => {
      clock.advance(24 * 3_600_000)
      for (const phone of ['12345', '0915-6821234', '+852 9876 5432', 'abc']) {
        const res = await send(phone)
        assert.equal(res.statusCode, 400, phone)
        assert.equal(res.json().error.code, 'PHONE_NOT_SUPPORTED')
      }
      for (const code of ['12345', 'abcdef', '1234567']) {
        const res = await login('13800138000', code)
        assert.equal(res.statusCode, 400)
        assert.equal(res.json().error.code, 'SMS_CODE_WRONG')
      }
      gateway.failNext(502)
      const down = await send('13300133000', '10.6.0.1')
      assert.equal(down.statusCode, 503)
      assert.equal(down.json().error.code, 'SMS_UNAVAILABLE')
      // A failed send does not use up the minute.
      assert.equal((await send('13300133000', '10.6.0.1')).statusCode, 200)
    })

    test('codes and phones are not stored in clear', async () => {
      const rows = await tdb.database.db.selectFrom('sms_codes').selectAll().execute()
      assert.ok(rows.length > 0)
      const codes = new Set(gateway.messages.map((m) => m.params.code))
      for (const r of rows) {
        const text = JSON.stringify(r)
        assert.doesNotMatch(text, /1[3-9]\d{9}/)
        assert.ok(!codes.has(r.code_hash))
        for (const c of codes) assert.ok(!r.code_hash.includes(c))
      }
    })
  })
}

test('the development sender logs the code with the phone masked and writes the outbox; production never uses it', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'qiandai-sms-'))
  const tdb = await openTestDatabase('pglite')
  const lines: string[] = []
  const app = await buildApp(testConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'info' }), {
    database: tdb.database,
    logStream: { write: (l: string) => void lines.push(l) }
  })
  try {
    assert.equal((await app.inject({ method: 'POST', url: '/api/v1/auth/sms/send', payload: { phone: '13800138000' } })).statusCode, 200)
    const outbox = readFileSync(path.join(dataDir, 'dev-sms-outbox.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    assert.equal(outbox.length, 1)
    assert.equal(outbox[0].to, '138****8000')
    assert.ok(lines.some((l) => l.includes(outbox[0].code) && l.includes('138****8000')))
    assert.ok(lines.every((l) => !l.includes('13800138000')))
    assert.equal((await app.inject({ method: 'POST', url: '/api/v1/auth/sms/login', payload: { phone: '13800138000', code: outbox[0].code } })).statusCode, 200)
  } finally {
    await app.close()
    await tdb.cleanup()
    rmSync(dataDir, { recursive: true, force: true })
  }

  const prod = await openTestDatabase('pglite')
  const prodApp = await buildApp(
    testConfig({
      NODE_ENV: 'production',
      JWT_SECRET: 'd4e8a1c7f3b9e2a6d0c5f8b1e4a7d3c9f6b2e0a8',
      DATA_KEY: '9c4e1f7a2b8d3e6f0a5c7b9d1e3f5a7c9e2b4d6f8a0c1e3b5d7f9a2c4e6b8d0f',
      WECHAT_API_BASE: 'http://127.0.0.1:9',
      WECHAT_APPID: 'x',
      WECHAT_SECRET: 'y'
    }),
    { database: prod.database }
  )
  try {
    const res = await prodApp.inject({ method: 'POST', url: '/api/v1/auth/sms/send', payload: { phone: '13800138000' } })
    assert.equal(res.statusCode, 503)
    assert.equal(res.json().error.code, 'SMS_UNAVAILABLE')
  } finally {
    await prodApp.close()
    await prod.cleanup()
  }
})
