import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFile, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { loadConfig, ConfigError } from '../src/config.ts'
import { migrateToLatest, openDatabase } from '../src/db/database.ts'
import { createAreasRepository } from '../src/areas/repository.ts'
import { defaultAreas } from '../src/areas/service.ts'
import { FieldCipher } from '../src/lib/field-cipher.ts'
import { DEMO_ADMINS, DEMO_FEED_KEY, seedDemoAccounts } from '../src/seed/demo.ts'
import { demoLeftovers, REMOVE_DEMO_COMMAND } from '../src/seed/demo-leftovers.ts'
import { createFeedKeys } from '../src/warnings/feed-keys-repository.ts'
import { startSmsGateway, storeOptions, storesUnderTest, useAppSuite, type SmsGateway } from './helpers.ts'
import { extractCandidate } from '../../rules/phone-facts.ts'
import { maskUrl } from '../src/logging.ts'
import { HASHING_AT_ONCE, HASHING_QUEUE, hashingStats, staffPasswordProblem } from '../src/admin/passwords.ts'

/** A multipart body: text fields first (as an attacker sends them), then one small PNG-looking file. */
function multipartWithFields(fields: number, fieldBytes: number): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----hardening' + Math.random().toString(16).slice(2)
  const parts: Buffer[] = []
  for (let i = 0; i < fields; i++) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\n`), Buffer.alloc(fieldBytes, 0x61), Buffer.from('\r\n'))
  }
  parts.push(
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`),
    Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'),
    Buffer.from(`\r\n--${boundary}--\r\n`)
  )
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

describe('TRUST_PROXY', () => {
  test('unset or 0 trusts no proxy; a hop count or addresses/CIDRs are taken; "true" and junk are refused', () => {
    const base = { NODE_ENV: 'test' }
    assert.equal(loadConfig(base).trustProxy, false)
    assert.equal(loadConfig({ ...base, TRUST_PROXY: '0' }).trustProxy, false)
    assert.equal(loadConfig({ ...base, TRUST_PROXY: '1' }).trustProxy, 1)
    assert.deepEqual(loadConfig({ ...base, TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,::1' }).trustProxy, ['10.0.0.5', '10.1.0.0/16', '::1'])
    for (const bad of ['true', 'yes', '10.0.0.x', '*']) assert.throws(() => loadConfig({ ...base, TRUST_PROXY: bad }), ConfigError, bad)
  })
})

for (const store of storesUnderTest()) {
  describe(`behind one proxy (TRUST_PROXY=1) on ${store}`, storeOptions(store), () => {
    const suite = useAppSuite(store, { env: { TRUST_PROXY: '1', ADMIN_LOGIN_RATE_LIMIT_MAX: '10', CHECK_RATE_LIMIT_MAX: '5' } })
    // The proxy appends the address it saw; everything to its left is whatever the client wrote.
    const via = (forged: string, real: string) => ({ 'x-forwarded-for': `${forged}, ${real}` })

    test('a forged left-most X-Forwarded-For changes nothing: the login and check limits still count the real client', async () => {
      const statuses: number[] = []
      for (let i = 0; i < 30; i++) {
        const r = await suite.app.inject({
          method: 'POST',
          url: '/api/v1/admin/login',
          headers: via(`198.51.100.${i}`, '203.0.113.7'),
          payload: { username: 'nobody', password: 'wrong password here' }
        })
        statuses.push(r.statusCode)
      }
      assert.equal(statuses.filter((s) => s === 429).length, 20, `10 tries then 429: ${statuses.join(',')}`)
      // Another real client behind the same proxy has its own count.
      const other = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/admin/login',
        headers: via('203.0.113.7', '203.0.113.8'),
        payload: { username: 'nobody', password: 'wrong password here' }
      })
      assert.equal(other.statusCode, 401)

      const checks: number[] = []
      for (let i = 0; i < 12; i++) {
        checks.push(
          (await suite.app.inject({ method: 'GET', url: '/api/v1/check/phone?number=13800138000', headers: via(`198.51.100.${i}`, '203.0.113.9') })).statusCode
        )
      }
      assert.deepEqual(checks, [200, 200, 200, 200, 200, 429, 429, 429, 429, 429, 429, 429])
    })
  })

  describe(`uploads take one file and nothing else on ${store}`, storeOptions(store), () => {
    const suite = useAppSuite(store, { roles: ['editor'], residents: { alice: 'o-hard-alice' } })

    test('text fields before the file are refused with 400 UPLOAD_EXTRA_PARTS on every upload route, nothing kept', async () => {
      // /me/grid/photos reads its file with the same oneUploadedFile (after its grid-worker gate); the limits are also
      // the multipart plugin's defaults for every route.
      for (const [url, who] of [
        ['/api/v1/reports/screenshots', 'alice'],
        ['/api/v1/admin/media', 'editor']
      ] as const) {
        for (const [fields, size] of [
          [1, 10],
          [50, 100_000]
        ] as const) {
          const body = multipartWithFields(fields, size)
          const r = await suite.app.inject({ method: 'POST', url, payload: body.payload, headers: { ...body.headers, ...suite.as(who) } })
          assert.equal(r.statusCode, 400, `${url} ${fields}×${size}: ${r.body}`)
          assert.equal(r.json().error.code, 'UPLOAD_EXTRA_PARTS', url)
        }
      }
      const shots = await suite.tdb.database.db.selectFrom('report_screenshots').select('id').execute()
      assert.equal(shots.length, 0)
    })
  })
}

describe('a demo data folder taken into production', () => {
  const ROOT = path.resolve(import.meta.dirname, '..', '..')
  const PROD = {
    NODE_ENV: 'production',
    JWT_SECRET: 'c71e0a9f3b5d8e2a4f6c1b7d9e3a5f0c8b2d4e6a',
    DATA_KEY: '5b9e2d7a1c4f8e3b6a0d5c9f2e7b1a4d8c3f6e0b9a2d5c8f1e4b7a0d3c6f9e2b',
    WECHAT_API_BASE: 'http://127.0.0.1:9',
    WECHAT_APPID: 'wx-prod',
    WECHAT_SECRET: 'prod',
    HOST: '127.0.0.1',
    PORT: '0',
    H5_DIR: '/nonexistent',
    DATABASE_URL: ''
  }
  const start = (env: Record<string, string>) =>
    new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/src/main.ts')], {
        cwd: ROOT,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe']
      })
      let out = ''
      const collect = (d: Buffer) => {
        out += d.toString()
        if (out.includes('is running')) child.kill('SIGTERM')
      }
      child.stdout.on('data', collect)
      child.stderr.on('data', collect)
      child.on('exit', (code) => resolve({ code, out }))
    })

  test('production refuses to start while a demo password or the demo feed key works, says the fix; after it, starts', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'qiandai-demo-prod-'))
    // Closed on every path: an open embedded store would keep this test process alive after a failure.
    const seeded = await openDatabase({ dataDir: path.join(dir, 'data') })
    try {
      try {
        await migrateToLatest(seeded.db)
        await createAreasRepository(seeded.db).upsert(defaultAreas())
        await seedDemoAccounts(seeded.db, new FieldCipher(Buffer.from(PROD.DATA_KEY, 'hex')), new TextEncoder().encode(PROD.JWT_SECRET), 2)
        assert.equal((await demoLeftovers(seeded.db)).length, DEMO_ADMINS.length + 1)
      } finally {
        await seeded.close()
      }

      const env = { ...PROD, DATA_DIR: path.join(dir, 'data') }
      const refused = await start(env)
      assert.equal(refused.code, 1, refused.out)
      assert.match(refused.out, /refusing to start in production/)
      assert.match(refused.out, /staff account "admin"/)
      assert.match(refused.out, /demo city-platform feed key/)
      assert.ok(refused.out.includes(REMOVE_DEMO_COMMAND), 'the fix is named')

      const removed = await promisify(execFile)(process.execPath, [path.join(ROOT, 'server/bin/qiandai.mjs'), 'demo', 'remove'], {
        env: { ...process.env, ...env }
      })
      assert.match(removed.stdout, /disabled staff account "admin"/)
      assert.match(removed.stdout, /revoked the demo city-platform feed key/)

      const started = await start(env)
      assert.ok(started.out.includes('is running'), started.out)
      const reopened = await openDatabase({ dataDir: path.join(dir, 'data') })
      try {
        assert.deepEqual(await demoLeftovers(reopened.db), [])
        assert.equal(await createFeedKeys(reopened.db).authenticate(DEMO_FEED_KEY), null)
      } finally {
        await reopened.close()
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

test('the log mask hides every number the phone reader accepts, whatever separators it was written with', () => {
  // The reader takes spaces, dashes, dots, brackets and slashes between digits; so must the mask.
  const separators = [' ', '-', '.', '/', '(', ')', '  ', ' - ']
  let seed = 7
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  for (let n = 0; n < 500; n++) {
    const digits = `1${3 + Math.floor(rand() * 7)}${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`
    let written = ''
    for (const [i, d] of [...digits].entries()) written += (i > 0 && rand() < 0.3 ? separators[Math.floor(rand() * separators.length)] : '') + d
    const candidate = extractCandidate(written)
    assert.equal(candidate?.replace(/\D/g, ''), digits, written)
    const logged = maskUrl(`/api/v1/check/phone?number=${encodeURIComponent(written)}`)
    assert.ok(!logged.replace(/\D/g, '').includes(digits.slice(3, 9)), `${written} → ${logged}`)
  }
  assert.equal(maskUrl('/api/v1/check/phone?number=138/0013/8000'), '/api/v1/check/phone?number=138****00')
})

for (const store of storesUnderTest()) {
  describe(`headers on ${store}`, storeOptions(store), () => {
    let gateway: SmsGateway
    // Before the suite's own hook, which reads the gateway's address.
    before(async () => {
      gateway = await startSmsGateway()
    })
    after(async () => gateway?.close())
    const suite = useAppSuite(store, {
      roles: ['admin'],
      residents: { alice: 'o-headers-alice' },
      env: () => ({ SMS_GATEWAY_URL: gateway.url })
    })

    test('security headers on the API and pages; personal answers are never cached; every 429 carries Retry-After', async () => {
      const health = await suite.app.inject({ method: 'GET', url: '/api/v1/health' })
      assert.match(String(health.headers['content-security-policy']), /default-src 'self'.*frame-ancestors 'none'/)
      assert.equal(health.headers['x-frame-options'], 'DENY')
      assert.equal(health.headers['x-content-type-options'], 'nosniff')
      assert.equal(health.headers['referrer-policy'], 'no-referrer')
      assert.match(String(health.headers['strict-transport-security']), /max-age=\d+/)
      assert.equal(health.headers['cache-control'], undefined, 'a public answer may be cached')

      for (const [url, who] of [
        ['/api/v1/me', 'alice'],
        ['/api/v1/me/warnings', 'alice'],
        ['/api/v1/admin/accounts', 'admin'],
        ['/api/v1/admin/audit', 'admin'],
        ['/api/v1/check/phone?number=13800138000', 'alice']
      ] as const) {
        const r = await suite.app.inject({ method: 'GET', url, headers: suite.as(who) })
        assert.ok(r.statusCode < 500, `${url}: ${r.statusCode}`)
        assert.match(String(r.headers['cache-control']), /no-store/, url)
      }
      // Even a refusal of an admin URL is not kept.
      assert.match(String((await suite.app.inject({ method: 'GET', url: '/api/v1/admin/accounts' })).headers['cache-control']), /no-store/)

      const first = await suite.app.inject({ method: 'POST', url: '/api/v1/auth/sms/send', payload: { phone: '13900001111' } })
      assert.equal(first.statusCode, 200, first.body)
      const again = await suite.app.inject({ method: 'POST', url: '/api/v1/auth/sms/send', payload: { phone: '13900001111' } })
      assert.equal(again.statusCode, 429)
      assert.equal(again.json().error.code, 'SMS_TOO_FREQUENT')
      const wait = Number(again.headers['retry-after'])
      assert.ok(wait >= 1 && wait <= 60, String(again.headers['retry-after']))
      assert.match(again.json().error.message, new RegExp(`${wait}秒`))
    })
  })
}

for (const store of storesUnderTest()) {
  describe(`staff sign-in, sign-out and passwords on ${store}`, storeOptions(store), () => {
    const suite = useAppSuite(store, { roles: ['admin', 'editor'] })
    const login = (username: string, password: string) => suite.app.inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username, password } })

    test('five wrong passwords in a row pause the account (even the right one is refused); an admin unlocks it, audited', async () => {
      const statuses: number[] = []
      for (let i = 0; i < 5; i++) statuses.push((await login('editor', `wrong password ${i}`)).statusCode)
      assert.deepEqual(statuses, [401, 401, 401, 401, 429])
      const paused = await login('editor', 'long enough password')
      assert.equal(paused.statusCode, 429)
      assert.equal(paused.json().error.code, 'ADMIN_LOCKED')
      assert.ok(Number(paused.headers['retry-after']) > 0 && Number(paused.headers['retry-after']) <= 60, String(paused.headers['retry-after']))
      const accounts = (await suite.app.inject({ method: 'GET', url: '/api/v1/admin/accounts', headers: suite.as('admin') })).json().items as Array<{
        id: string
        username: string
        lockedUntil: string | null
      }>
      const editor = accounts.find((a) => a.username === 'editor') as { id: string; lockedUntil: string | null }
      assert.ok(editor.lockedUntil !== null)
      assert.equal(
        (await suite.app.inject({ method: 'POST', url: `/api/v1/admin/accounts/${editor.id}/unlock`, headers: suite.as('editor') })).statusCode,
        403,
        'only an admin unlocks'
      )
      const unlocked = await suite.app.inject({ method: 'POST', url: `/api/v1/admin/accounts/${editor.id}/unlock`, headers: suite.as('admin') })
      assert.equal(unlocked.statusCode, 200, unlocked.body)
      assert.equal(unlocked.json().lockedUntil, null)
      assert.equal((await login('editor', 'long enough password')).statusCode, 200)
      const audit = await suite.tdb.database.db.selectFrom('audit_log').select(['action', 'target']).where('target', '=', 'admin:editor').execute()
      assert.deepEqual(
        audit
          .map((a) => a.action)
          .filter((a) => a.startsWith('account.'))
          .sort(),
        ['account.locked', 'account.unlock']
      )
      // A success clears the count: four more failures do not pause it again.
      for (let i = 0; i < 4; i++) assert.equal((await login('editor', `wrong again ${i}`)).statusCode, 401)
      assert.equal((await login('editor', 'long enough password')).statusCode, 200)
    })

    test('password hashing is bounded: many sign-ins at once never run more than two hashes; a flood is refused with 503', async () => {
      hashingStats.highest = 0
      const answers = await Promise.all(Array.from({ length: HASHING_AT_ONCE + HASHING_QUEUE + 10 }, (_, i) => login(`nobody${i}`, 'some password here')))
      assert.ok(hashingStats.highest <= HASHING_AT_ONCE, `at most ${HASHING_AT_ONCE} at once, saw ${hashingStats.highest}`)
      const busy = answers.filter((a) => a.statusCode === 503)
      assert.ok(busy.length >= 10, `the ones beyond the queue are refused: ${busy.length}`)
      assert.equal(busy[0].json().error.code, 'LOGIN_BUSY')
      assert.equal(busy[0].headers['retry-after'], '5')
      assert.ok(answers.filter((a) => a.statusCode === 401).length >= HASHING_QUEUE, 'the queued ones are answered')
    })

    test('staff passwords: easy ones are refused; 退出 ends the session on the server; 修改密码 needs the current one and starts a new session', async () => {
      for (const weak of ['aaaaaaaaaa', '1234567890', 'qwertyuiop1', 'password123', 'abab12abab12', 'weakling-2026x']) {
        const r = await suite.app.inject({
          method: 'POST',
          url: '/api/v1/admin/accounts',
          headers: suite.as('admin'),
          payload: { username: 'weakling', password: weak, role: 'editor' }
        })
        assert.equal(r.statusCode, 400, weak)
        assert.equal(r.json().error.field, 'password', weak)
      }
      assert.equal(staffPasswordProblem('long enough password', 'editor'), null)

      const session = (await login('editor', 'long enough password')).json()
      const as = (token: string) => ({ authorization: `Bearer ${token}` })
      const wrong = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/admin/me/password',
        headers: as(session.accessToken),
        payload: { currentPassword: 'not it at all', newPassword: 'a much better passphrase' }
      })
      assert.equal(wrong.statusCode, 400)
      const weak = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/admin/me/password',
        headers: as(session.accessToken),
        payload: { currentPassword: 'long enough password', newPassword: '0000000000' }
      })
      assert.equal(weak.json().error.code, 'PASSWORD_WEAK')
      const other = (await login('editor', 'long enough password')).json()
      const changed = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/admin/me/password',
        headers: as(session.accessToken),
        payload: { currentPassword: 'long enough password', newPassword: 'a much better passphrase' }
      })
      assert.equal(changed.statusCode, 200, changed.body)
      const fresh = changed.json().accessToken as string
      assert.equal((await suite.app.inject({ method: 'GET', url: '/api/v1/admin/bulletins', headers: as(fresh) })).statusCode, 200, 'the new session works')
      assert.equal(
        (await suite.app.inject({ method: 'GET', url: '/api/v1/admin/bulletins', headers: as(other.accessToken) })).statusCode,
        401,
        'other sessions end'
      )
      assert.equal((await login('editor', 'long enough password')).statusCode, 401)

      // 延长登录: a new token for the same account while the session holds; none without one.
      const renewed = await suite.app.inject({ method: 'POST', url: '/api/v1/admin/session/renew', headers: as(fresh) })
      assert.equal(renewed.statusCode, 200, renewed.body)
      assert.deepEqual([renewed.json().username, renewed.json().expiresIn], ['editor', 7200])
      assert.equal((await suite.app.inject({ method: 'GET', url: '/api/v1/admin/bulletins', headers: as(renewed.json().accessToken) })).statusCode, 200)
      assert.equal(
        (await suite.app.inject({ method: 'POST', url: '/api/v1/admin/session/renew', headers: as(other.accessToken) })).statusCode,
        401,
        'an ended session cannot be renewed'
      )

      const out = await suite.app.inject({ method: 'POST', url: '/api/v1/admin/logout', headers: as(fresh) })
      assert.equal(out.statusCode, 204)
      assert.equal(
        (await suite.app.inject({ method: 'GET', url: '/api/v1/admin/bulletins', headers: as(fresh) })).statusCode,
        401,
        'a copied token stops working after 退出'
      )
      assert.equal((await suite.app.inject({ method: 'POST', url: '/api/v1/admin/logout' })).statusCode, 401)
    })
  })

  describe(`resident sign-out on ${store}`, storeOptions(store), () => {
    let gateway: SmsGateway
    before(async () => {
      gateway = await startSmsGateway()
    })
    after(async () => gateway?.close())
    const suite = useAppSuite(store, { env: () => ({ SMS_GATEWAY_URL: gateway.url }) })

    test('退出登录 revokes the refresh token and every one rotated from the same sign-in; the answer never tells whether it was live', async () => {
      assert.equal((await suite.app.inject({ method: 'POST', url: '/api/v1/auth/sms/send', payload: { phone: '13900002222' } })).statusCode, 200)
      const tokens = (
        await suite.app.inject({ method: 'POST', url: '/api/v1/auth/sms/login', payload: { phone: '13900002222', code: gateway.lastCodeFor('13900002222') } })
      ).json()
      const rotated = (await suite.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken: tokens.refreshToken } })).json()
      assert.ok(rotated.refreshToken)
      assert.equal((await suite.app.inject({ method: 'POST', url: '/api/v1/auth/logout', payload: { refreshToken: rotated.refreshToken } })).statusCode, 204)
      const after = await suite.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken: rotated.refreshToken } })
      assert.equal(after.statusCode, 401)
      assert.equal(after.json().error.code, 'REFRESH_TOKEN_INVALID')
      assert.equal(
        (await suite.app.inject({ method: 'POST', url: '/api/v1/auth/logout', payload: { refreshToken: 'not-a-token-at-all-but-long-enough' } })).statusCode,
        204
      )
    })
  })
}
