import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { SignJWT } from 'jose'
import { Value } from '@sinclair/typebox/value'
import { AdminSession, Coverage } from '../../types/admin.ts'
import { createAreasRepository } from '../src/areas/repository.ts'
import { defaultAreas } from '../src/areas/service.ts'
import { createAdminRepository } from '../src/admin/repository.ts'
import { AdminInputError, AdminService } from '../src/admin/service.ts'
import { verifyPassword } from '../src/admin/passwords.ts'
import { createAuthRepository } from '../src/auth/repository.ts'
import { createResidentsRepository } from '../src/residents/repository.ts'
import { FieldCipher } from '../src/lib/field-cipher.ts'
import { fixtures } from './fixtures.ts'
import { birthDateBounds } from '../src/residents/id-number.ts'
import { openDatabase, migrateToLatest } from '../src/db/database.ts'
import type { Config } from '../src/config.ts'
import { buildTestApp, openTestDatabase, storeOptions, storesUnderTest, type TestDatabase } from './helpers.ts'
import { residentToken } from './fixtures.ts'

const CHENGGUAN = '610923100'
const DONGGUAN = '610923100001'
const XIGUAN = '610923100002'
const SIMUDI = '610923101'
const SIMUDI_VILLAGE = '610923101001'

/** Birth date for someone who is `years` old today (county time), `days` after that birthday. */
function bornYearsAgo(years: number, days = 0): string {
  const today = new Date(Date.now() + 8 * 3_600_000)
  const d = new Date(Date.UTC(today.getUTCFullYear() - years, today.getUTCMonth(), today.getUTCDate() - days))
  return d.toISOString().slice(0, 10)
}

test('birth-date bounds follow the same birthday rule as ageOn, 29 February included', () => {
  assert.deepEqual(birthDateBounds('2026-11-29', 16, 60), { bornOnOrBefore: '2010-11-29', bornAfter: '1965-11-29' })
  assert.deepEqual(birthDateBounds('2028-02-29', 16, 60), { bornOnOrBefore: '2012-02-29', bornAfter: '1967-02-28' })
  assert.deepEqual(birthDateBounds('2027-03-01', 16, 60), { bornOnOrBefore: '2011-03-01', bornAfter: '1966-03-01' })
})

for (const store of storesUnderTest()) {
  describe(`admin accounts and coverage on ${store}`, storeOptions(store), () => {
    let tdb: TestDatabase
    let app: FastifyInstance
    let config: Config
    let admins: AdminService

    const login = (username: string, password: string) => app.inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username, password } })
    const coverage = (token?: string) =>
      app.inject({ method: 'GET', url: '/api/v1/admin/coverage', headers: token ? { authorization: `Bearer ${token}` } : {} })
    const tokenOf = async (username: string) => (await login(username, 'correct horse battery')).json().accessToken as string

    before(async () => {
      tdb = await openTestDatabase(store)
      await createAreasRepository(tdb.database.db).upsert(defaultAreas())
      ;({ app, config } = await buildTestApp(tdb.database))
      admins = new AdminService(createAdminRepository(tdb.database.db), config.jwtSecret)
      for (const [username, role, townshipCode] of [
        ['chief', 'admin', null],
        ['editor1', 'editor', null],
        ['review1', 'reviewer', null],
        ['cg-officer', 'officer', CHENGGUAN]
      ] as const) {
        await admins.create({ username, password: 'correct horse battery', role, townshipCode })
      }
      // Registered residents: in Chengguan/Dongguan ages 16 (today), 30, 60, 61 (today), 15 is impossible to register;
      // Xiguan one 45-year-old; Simudi one 20-year-old and one deleted 30-year-old.
      const fx = fixtures({ app, tdb, config }, { now: () => new Date() })
      const residents = createResidentsRepository(tdb.database.db)
      let n = 0
      const add = async (village: string, birthDate: string) =>
        (await fx.resident({ phone: `1390000${String(n++).padStart(4, '0')}`, name: '测试', birthDate, village })).id
      await add(DONGGUAN, bornYearsAgo(16))
      await add(DONGGUAN, bornYearsAgo(30))
      await add(DONGGUAN, bornYearsAgo(61, -1)) // 60, turns 61 tomorrow
      await add(DONGGUAN, bornYearsAgo(61)) // 61 today: registered, not in the cohort
      await add(XIGUAN, bornYearsAgo(45))
      await add(SIMUDI_VILLAGE, bornYearsAgo(20))
      const gone = await add(SIMUDI_VILLAGE, bornYearsAgo(30))
      await residents.erase(gone, new Date())
      // Someone who logged in but never registered counts nowhere.
      const cipher = new FieldCipher(config.dataKey)
      await createAuthRepository(tdb.database.db).residentForPhone({ index: cipher.blindIndex('13900009999'), enc: cipher.encrypt('13900009999') })
    })
    after(async () => {
      await app.close()
      await tdb.cleanup()
    })

    test('accounts: passwords hashed with scrypt, weak or inconsistent input refused', async () => {
      const row = await tdb.database.db.selectFrom('admins').selectAll().where('username', '=', 'chief').executeTakeFirstOrThrow()
      assert.match(row.password_hash, /^scrypt\$32768\$8\$1\$/)
      assert.ok(!row.password_hash.includes('correct horse'))
      assert.ok(await verifyPassword('correct horse battery', row.password_hash))
      assert.ok(!(await verifyPassword('correct horse batterY', row.password_hash)))
      for (const bad of [
        { username: 'chief', password: 'another long password', role: 'admin' },
        { username: 'x', password: 'long enough pass', role: 'admin' },
        { username: 'weak', password: 'short', role: 'admin' },
        { username: 'who', password: 'long enough pass', role: 'superuser' },
        { username: 'off1', password: 'long enough pass', role: 'officer' },
        { username: 'off2', password: 'long enough pass', role: 'officer', townshipCode: DONGGUAN },
        { username: 'ed2', password: 'long enough pass', role: 'editor', townshipCode: CHENGGUAN }
      ]) {
        await assert.rejects(admins.create(bad), AdminInputError, JSON.stringify(bad))
      }
    })

    test('login: the right password gets a session; wrong password and unknown user get the same 401', async () => {
      const ok = await login('Chief', 'correct horse battery')
      assert.equal(ok.statusCode, 200)
      assert.ok(Value.Check(AdminSession, ok.json()))
      assert.equal(ok.json().role, 'admin')
      const officer = (await login('cg-officer', 'correct horse battery')).json()
      assert.equal(officer.townshipCode, CHENGGUAN)
      const wrong = await login('chief', 'wrong password!!')
      const unknown = await login('nobody', 'correct horse battery')
      assert.equal(wrong.statusCode, 401)
      assert.deepEqual(wrong.json(), unknown.json())
      assert.equal(wrong.json().error.code, 'ADMIN_LOGIN_FAILED')
      assert.equal((await app.inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username: 'chief' } })).statusCode, 400)
    })

    test('coverage: registered 16–60 per village and township against the population; deleted and unregistered not counted', async () => {
      const res = await coverage(await tokenOf('chief'))
      assert.equal(res.statusCode, 200)
      const body = res.json()
      assert.ok(Value.Check(Coverage, body))
      assert.equal(body.townships.length, 11)
      const cg = body.townships.find((t: { code: string }) => t.code === CHENGGUAN)
      assert.ok(cg)
      const dg = cg.villages.find((v: { code: string }) => v.code === DONGGUAN)
      assert.ok(dg)
      assert.equal(dg.registered16to60, 3)
      assert.equal(dg.population16to60, 2760)
      assert.equal(dg.ratio, Math.round((3 / 2760) * 10_000) / 10_000)
      assert.equal(cg.villages.find((v: { code: string }) => v.code === XIGUAN)?.registered16to60, 1)
      assert.equal(cg.registered16to60, 4)
      assert.equal(body.townships.find((t: { code: string }) => t.code === SIMUDI)?.registered16to60, 1)
      assert.equal(body.totals.registered16to60, 5)
      assert.equal(body.totals.registeredAllAges, 6)
      const population = body.townships.reduce((s: number, t: { population16to60: number }) => s + t.population16to60, 0)
      assert.equal(body.totals.population16to60, population)
      assert.ok(population > 0)
    })

    test('roles: an officer sees their township only; editor and reviewer are refused; other tokens are 401', async () => {
      const officer = (await coverage(await tokenOf('cg-officer'))).json()
      assert.deepEqual(
        officer.townships.map((t: { code: string }) => t.code),
        [CHENGGUAN]
      )
      assert.equal(officer.totals.registered16to60, 4)
      assert.equal(officer.totals.registeredAllAges, 5)
      for (const who of ['editor1', 'review1']) {
        const res = await coverage(await tokenOf(who))
        assert.equal(res.statusCode, 403, who)
        assert.equal(res.json().error.code, 'FORBIDDEN')
      }
      const chief = await tdb.database.db.selectFrom('admins').select('id').where('username', '=', 'chief').executeTakeFirstOrThrow()
      const sign = (aud: string, secret: Uint8Array, exp: string | number = '5m') =>
        new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(String(chief.id)).setAudience(aud).setExpirationTime(exp).sign(secret)
      const tokens: Record<string, string | undefined> = {
        missing: undefined,
        resident: await residentToken(config, '1'),
        'resident audience with admin id': await sign('resident', config.jwtSecret),
        forged: await sign('admin', new TextEncoder().encode('someone-else-secret-someone-else-secret')),
        expired: await sign('admin', config.jwtSecret, Math.floor(Date.now() / 1000) - 60),
        'unknown admin': await new SignJWT({})
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('999999')
          .setAudience('admin')
          .setExpirationTime('5m')
          .sign(config.jwtSecret)
      }
      for (const [label, token] of Object.entries(tokens)) {
        const res = await coverage(token)
        assert.equal(res.statusCode, 401, label)
        assert.equal(res.json().error.code, 'UNAUTHORIZED')
      }
      // An admin token is no resident token either.
      assert.equal((await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${await tokenOf('chief')}` } })).statusCode, 401)
      // A disabled account's existing token stops working at once.
      const token = await tokenOf('review1')
      await tdb.database.db.updateTable('admins').set({ disabled_at: new Date() }).where('username', '=', 'review1').execute()
      assert.equal((await coverage(token)).statusCode, 401)
      assert.equal((await login('review1', 'correct horse battery')).statusCode, 401)
    })
  })
}

test('`qiandai admin create` reads the password from standard input and stores only its hash', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'qiandai-admin-cli-'))
  const env = { ...process.env, NODE_ENV: 'test', DATA_DIR: dir, DATABASE_URL: '', QIANDAI_ADMIN_PASSWORD: '' }
  const run = (args: string[], input: string) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [path.resolve(import.meta.dirname, '..', 'bin', 'qiandai.mjs'), ...args], { env })
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
      child.on('close', (code) => resolve({ code, stdout, stderr }))
      child.stdin.end(input)
    })
  try {
    // Areas must exist for an officer's township: the CLI imports nothing by itself, so seed them first.
    const seeded = await openDatabase({ dataDir: dir })
    await migrateToLatest(seeded.db)
    await createAreasRepository(seeded.db).upsert(defaultAreas())
    await seeded.close()

    const ok = await run(['admin', 'create', '--username', 'Officer.Li', '--role', 'officer', '--township', CHENGGUAN], 'a long enough secret\n')
    assert.equal(ok.code, 0, ok.stderr)
    assert.match(ok.stdout, /created officer officer\.li/)
    const weak = await run(['admin', 'create', '-u', 'weak', '-r', 'admin'], 'short\n')
    assert.equal(weak.code, 2)
    assert.match(weak.stderr, /at least 10/)
    const listed = await run(['admin', 'list'], '')
    assert.match(listed.stdout, /officer\.li\tofficer\t610923100/)
    assert.doesNotMatch(listed.stdout, /secret/)

    const database = await openDatabase({ dataDir: dir })
    const row = await database.db.selectFrom('admins').selectAll().executeTakeFirstOrThrow()
    await database.close()
    assert.ok(await verifyPassword('a long enough secret', row.password_hash))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('admin login is rate-limited per client', async () => {
  const tdb = await openTestDatabase('pglite')
  const { app } = await buildTestApp(tdb.database, { ADMIN_LOGIN_RATE_LIMIT_MAX: '3' })
  try {
    const answers = []
    for (let i = 0; i < 5; i++)
      answers.push(await app.inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username: 'chief', password: `guess ${i}` } }))
    assert.deepEqual(
      answers.map((a) => a.statusCode),
      [401, 401, 401, 429, 429]
    )
    // The console shows how long to wait.
    const locked = answers[4]
    assert.equal(locked.json().error.code, 'RATE_LIMITED')
    assert.ok(Number(locked.headers['retry-after']) > 0)
    assert.equal(locked.json().error.message, `登录尝试太多次，请${locked.headers['retry-after']}秒后再试`)
  } finally {
    await app.close()
    await tdb.cleanup()
  }
})
