import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { Value } from '@sinclair/typebox/value'
import { CheckAccountResponse, CheckUrlResponse } from '../../types/check.ts'
import { seedDemoData } from '../src/seed/demo.ts'
import { luhnValid } from '../../rules/account-facts.ts'
import { createListsRepository } from '../src/lists/repository.ts'
import { createHistoryRepository } from '../src/history/repository.ts'
import { createAuthRepository } from '../src/auth/repository.ts'
import type { Config } from '../src/config.ts'
import { buildTestApp, openTestDatabase, storeOptions, storesUnderTest, type TestDatabase } from './helpers.ts'
import { residentToken } from './fixtures.ts'

for (const store of storesUnderTest()) {
  describe(`URL and account checks on ${store}`, storeOptions(store), () => {
    let tdb: TestDatabase
    let app: FastifyInstance
    let config: Config

    before(async () => {
      tdb = await openTestDatabase(store)
      await seedDemoData(tdb.database.db, 50)
      ;({ app, config } = await buildTestApp(tdb.database))
    })
    after(async () => {
      await app.close()
      await tdb.cleanup()
    })

    const url = async (u: string, headers: Record<string, string> = {}) => {
      const res = await app.inject({ method: 'GET', url: '/api/v1/check/url', query: { url: u }, headers })
      return { status: res.statusCode, body: res.json() }
    }
    const account = async (n: string) => {
      const res = await app.inject({ method: 'GET', url: '/api/v1/check/account', query: { number: n } })
      return { status: res.statusCode, body: res.json() }
    }

    test("addresses: the verdict and its reasons, in the phone check's answer shape", async () => {
      const cases: Array<[string, string, string[]]> = [
        ['https://www.icbc-vip-credit.example/apply', 'dangerous', ['BLOCKLISTED', 'IMPERSONATION']],
        ['icbc.com.cn@evil.example/login', 'dangerous', ['DISGUISED_HOST']],
        ['https://www.icbс.com.cn', 'dangerous', ['LOOKALIKE']],
        ['https://www.icbc.com.cn/', 'safe', ['VERIFIED']],
        ['www.ningshan.gov.cn', 'safe', ['VERIFIED']],
        ['https://t.cn/A6abc', 'suspicious', ['SHORTENER']],
        ['http://10.0.0.8/pay', 'suspicious', ['IP_LITERAL', 'INSECURE_LOGIN']],
        ['https://daikuan-kuai.example/', 'suspicious', ['REPORTED']],
        ['https://www.example.org/', 'unknown', []]
      ]
      for (const [input, verdict, codes] of cases) {
        const { status, body } = await url(input)
        assert.equal(status, 200, input)
        assert.ok(Value.Check(CheckUrlResponse, body), input)
        assert.equal(body.verdict, verdict, input)
        assert.deepEqual(
          body.reasons.map((r: { code: string }) => r.code),
          codes,
          input
        )
        for (const r of body.reasons) assert.match(r.message, /[\u4e00-\u9fa5]/)
        assert.ok(body.advice.length > 0)
      }
      assert.equal((await url('https://daikuan-kuai.example/')).body.reports, 4)
      // The disguise before "@" is named as such, with the site that really opens; advice is about links, not calls.
      const disguised = (await url('https://bank.example@evil.example/')).body
      assert.match(disguised.reasons[0].message, /“@”前面的“bank\.example”只是伪装.*“evil\.example”/)
      assert.match(disguised.advice.join(''), /不要打开这个网址/)
      assert.doesNotMatch(disguised.advice.join(''), /挂断|回拨|号码/)
      assert.doesNotMatch((await url('https://www.icbc.com.cn/')).body.advice.join(''), /号码|挂断/)
      assert.equal((await url('https://www.icbс.com.cn')).body.host, 'www.icbс.com.cn', 'shown as the reader sees it')
      for (const bad of ['', 'not a url', 'javascript:alert(1)', 'ftp://x.example/']) {
        const { status, body } = await url(bad)
        assert.equal(status, 400, bad)
        assert.equal(body.error.code, 'INVALID_URL')
      }
      assert.equal((await url('x'.repeat(3000))).status, 400)
    })

    test('accounts: listed, reported, wrong check digit (a reason, not a refusal), unknown, invalid', async () => {
      const listed = await account('6222 0202 0011 2233 440')
      assert.ok(Value.Check(CheckAccountResponse, listed.body))
      assert.equal(listed.body.verdict, 'dangerous')
      assert.match(listed.body.advice.join(''), /不要向这个账户转账/)
      assert.doesNotMatch(listed.body.advice.join(''), /挂断|回拨|号码/)
      assert.equal(listed.body.normalized, '6222020200112233440')
      assert.equal((await account('WXID_Shuadan888')).body.verdict, 'dangerous')
      // A 19-digit card whose last digit breaks the check: not listed, but flagged.
      const base = '621700123456789012'
      const wrong = [...'0123456789'].map((d) => base + d).find((n) => !luhnValid(n)) as string
      const typo = await account(wrong)
      assert.equal(typo.status, 200)
      assert.equal(typo.body.verdict, 'suspicious')
      assert.deepEqual(
        typo.body.reasons.map((r: { code: string }) => r.code),
        ['CHECK_DIGIT_MISMATCH']
      )
      const right = [...'0123456789'].map((d) => base + d).find((n) => luhnValid(n)) as string
      assert.equal((await account(right)).body.verdict, 'unknown')
      await createListsRepository(tdb.database.db).setReportTally('account', '13900001234', 2)
      const reported = await account('139 0000 1234')
      assert.equal(reported.body.verdict, 'suspicious')
      assert.equal(reported.body.reports, 2)
      assert.equal((await account('lucky_person_1')).body.verdict, 'unknown')
      for (const bad of ['', '12345', '中文账户']) {
        const { status, body } = await account(bad)
        assert.equal(status, 400, bad)
        assert.equal(body.error.code, 'INVALID_ACCOUNT')
      }
    })

    test('an expired or removed entry stops matching at once, without a restart', async () => {
      const repo = createListsRepository(tdb.database.db)
      assert.equal((await url('https://tz-huiying.example/')).body.verdict, 'dangerous')
      await repo.setBlocklistExpiry('url', 'tz-huiying.example', new Date(Date.now() - 1000))
      assert.equal((await url('https://tz-huiying.example/')).body.verdict, 'unknown')
      assert.equal((await account('safe-account@example.com')).body.verdict, 'dangerous')
      await repo.removeBlocklistEntry('account', 'safe-account@example.com')
      assert.equal((await account('safe-account@example.com')).body.verdict, 'unknown')
    })

    test("a signed-in resident's checks go to their history", async () => {
      const { id } = await createAuthRepository(tdb.database.db).residentForOpenid('o-url-checker')
      const token = await residentToken(config, id)
      await url('https://t.cn/A6abc', { authorization: `Bearer ${token}` })
      const history = await createHistoryRepository(tdb.database.db).recent(id, 5)
      assert.equal(history[0]?.kind, 'url')
      assert.equal(history[0]?.verdict, 'suspicious')
    })
  })
}
