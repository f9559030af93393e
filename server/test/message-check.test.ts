import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { Value } from '@sinclair/typebox/value'
import { CheckMessageResponse, MAX_MESSAGE_LENGTH, type CheckMessageResponse as Answer } from '../../types/check.ts'
import { seedDemoData } from '../src/seed/demo.ts'
import { createListsRepository } from '../src/lists/repository.ts'
import { extractParts } from '../../rules/message-extract.ts'
import { loadEvaluationSet } from '../eval/messages.ts'
import { adminTokens, buildTestApp, openTestDatabase, storeOptions, storesUnderTest, type TestDatabase } from './helpers.ts'

const CCB = '【建设银行】95533温馨提示：您的账户存在异常，将于今日冻结，请登录 ccb-yz.top 完成验证，逾期不处理将影响使用。'

test('extraction: every part with its span, Chinese boundaries respected, digits told apart', () => {
  const text =
    '网址boc-safe.cn/x和，电话 0915-110，卡号6222 0202 0011 2233 440，加微信 wxid_abc123 或QQ：283746552，转5,000元，+86 95588，取件码 3-2-1101，2026年12月6日'
  const parts = extractParts(text)
  for (const p of parts) assert.equal(text.slice(p.start, p.end), p.text, 'the span is the part as written')
  const by = (kind: string) => parts.filter((p) => p.kind === kind).map((p) => p.text)
  assert.deepEqual(by('url'), ['boc-safe.cn/x'])
  assert.deepEqual(by('phone'), ['0915-110', '+86 95588'])
  assert.deepEqual(by('account'), ['6222 0202 0011 2233 440'])
  assert.deepEqual(by('wechat'), ['wxid_abc123'])
  assert.deepEqual(by('qq'), ['283746552'])
  assert.deepEqual(by('amount'), ['5,000元'])
  // Full-width text keeps its offsets: the page marks exactly what the resident pasted.
  const wide = '请登录ｃｃｂ－ｙｚ．ｔｏｐ验证'
  const [link] = extractParts(wide)
  assert.equal(link.text, 'ｃｃｂ－ｙｚ．ｔｏｐ')
  assert.equal(link.raw, 'ccb-yz.top')
  // An e-mail is an account, not a link; a bare word with a dot is not a link.
  assert.deepEqual(
    extractParts('收款 safe-account@example.com').map((p) => [p.kind, p.text]),
    [['account', 'safe-account@example.com']]
  )
  assert.deepEqual(extractParts('版本v1.2更新了，No.1'), [])
})

test('every number libphonenumber-js findNumbers finds in the evaluation set is found as a part too (phone, account or QQ id)', async () => {
  const { findNumbers } = await import('libphonenumber-js/max')
  const { foldWidth } = await import('../../rules/message-extract.ts')
  let found = 0
  for (const m of loadEvaluationSet()) {
    const text = foldWidth(m.text)
    const digitsOf = (s: string) => s.replace(/\D/g, '')
    const ours = new Set(
      extractParts(m.text)
        .filter((p) => p.kind === 'phone' || p.kind === 'account' || p.kind === 'qq')
        .map((p) => digitsOf(p.raw))
    )
    for (const f of findNumbers(text, { defaultCountry: 'CN', v2: true }) as unknown as Array<{ startsAt: number; endsAt: number }>) {
      found++
      const digits = digitsOf(text.slice(f.startsAt, f.endsAt))
      assert.ok(
        [...ours].some((d) => d.endsWith(digits) || digits.endsWith(d)),
        `${m.file}:${m.line} ${text.slice(f.startsAt, f.endsAt)}`
      )
    }
  }
  assert.ok(found >= 10, 'the evaluation set has numbers for the comparison')
})

for (const store of storesUnderTest()) {
  describe(`message check on ${store}`, storeOptions(store), () => {
    let tdb: TestDatabase
    let app: FastifyInstance
    let tokens: Record<string, string>

    before(async () => {
      tdb = await openTestDatabase(store)
      await seedDemoData(tdb.database.db, 50)
      const built = await buildTestApp(tdb.database)
      app = built.app
      tokens = await adminTokens(app, tdb.database, built.config, ['reviewer', 'editor'])
    })
    after(async () => {
      await app.close()
      await tdb.cleanup()
    })

    const check = async (text: unknown): Promise<{ status: number; body: Answer & { error?: { code: string; message: string } } }> => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/check/message', payload: { text } })
      return { status: res.statusCode, body: res.json() }
    }

    test('the 建设银行 phishing SMS: 高危, the sender named, the link marked, the real 95533 vouching for nothing', async () => {
      const { status, body } = await check(CCB)
      assert.equal(status, 200)
      assert.ok(Value.Check(CheckMessageResponse, body))
      assert.equal(body.verdict, 'dangerous')
      assert.equal(body.sender, '中国建设银行')
      const link = body.parts.find((p) => p.kind === 'url')
      assert.equal(CCB.slice(link!.start, link!.end), 'ccb-yz.top')
      assert.equal(link!.verdict, 'dangerous')
      assert.equal(body.reasons[0].code, 'IMPERSONATION')
      assert.match(body.reasons[0].message, /自称中国建设银行.*ccb-yz\.top 不是建设银行的官方网址（官方：ccb\.com）/)
      const number = body.parts.find((p) => p.kind === 'phone')
      assert.equal(number!.text, '95533')
      assert.match(body.advice.join(''), /不要点消息里的链接/)
      assert.doesNotMatch(body.advice.join(''), /接听|挂断/, 'message advice, not call advice')
    })

    test("the issue's other messages: each dangerous part found and judged", async () => {
      const post = await check('【中国邮政】您的包裹地址不详，请点击 http://ems-cn.top/r?id=82 或致电 0085263338888 处理')
      assert.equal(post.body.verdict, 'dangerous')
      assert.deepEqual(
        post.body.parts.map((p) => [p.kind, p.text]),
        [
          ['url', 'http://ems-cn.top/r?id=82'],
          ['phone', '0085263338888']
        ]
      )
      const police = await check('【公安局】您的银行卡6222021503001234567涉嫌洗钱，请转入安全账户配合调查，有疑问联系0915-110')
      assert.equal(police.body.verdict, 'dangerous')
      assert.deepEqual(police.body.parts.map((p) => p.kind).sort(), ['account', 'phone'])
      assert.equal(police.body.parts.find((p) => p.kind === 'phone')!.verdict, 'dangerous')
      assert.equal(police.body.scripts[0].code, 'FAKE_POLICE_SAFE_ACCOUNT')
      assert.ok(police.body.scripts[0].matched.includes('安全账户'))
      const etc = await check(`【ETC服务】您的ETC已失效，${'请尽快办理，'.repeat(20)}否则影响通行。客服 +86 95588`)
      assert.ok(etc.body.length > 100, 'not cut')
      assert.equal(etc.body.parts.find((p) => p.text === '+86 95588')?.verdict, 'dangerous')
    })

    test("a message is never 已核实, and the county's own publicity is not 高危", async () => {
      const genuine = await check('【工商银行】您尾号8888卡12月5日支出人民币2,000.00元，如有疑问请致电95588。')
      assert.equal(genuine.body.verdict, 'unknown')
      assert.equal(genuine.body.parts.find((p) => p.kind === 'phone')?.verdict, 'safe')
      const publicity = await check('【宁陕县反诈中心】凡是自称公检法要求转账到“安全账户”的，都是诈骗！如有疑问请拨打96110。')
      assert.equal(publicity.body.verdict, 'unknown')
      assert.deepEqual(publicity.body.scripts, [])
      const code = await check('【微信】验证码：123456，用于登录，请勿泄露给他人。')
      assert.equal(code.body.verdict, 'unknown')
    })

    test('the lists reach the message check: a listed WeChat id, and a link listed after start', async () => {
      const listed = await check('加微信 wxid_shuadan888 做兼职')
      assert.equal(listed.body.parts[0].verdict, 'dangerous')
      assert.equal(listed.body.parts[0].reasons[0].code, 'BLOCKLISTED')
      assert.equal((await check('详情见 new-scam-site.com/a')).body.verdict, 'unknown')
      await createListsRepository(tdb.database.db).upsertBlocklist([
        { kind: 'url', value: 'new-scam-site.com', category: '刷单返利', source: 'centre', note: null }
      ])
      await app.lists.requestRefresh('blocklist_entries')
      const after = await check('详情见 new-scam-site.com/a')
      assert.equal(after.body.verdict, 'dangerous')
      assert.match(after.body.reasons[0].message, /刷单返利/)
    })

    test("the centre's registry decides which sender a link belongs to", async () => {
      const text = '【宁陕农商行】您的账户需要验证，请登录 nsnsh-bank.com 办理'
      assert.equal((await check(text)).body.sender, null)
      const repo = createListsRepository(tdb.database.db)
      await repo.upsertOfficialSender({
        id: 'ns-rcb',
        name: '宁陕农商银行',
        category: 'bank',
        aliases: ['宁陕农商行'],
        domains: ['nsrcb.com'],
        numbers: [],
        tokens: ['nsrcb']
      })
      await app.lists.requestRefresh('official_senders')
      const claimed = (await check(text)).body
      assert.equal(claimed.sender, '宁陕农商银行')
      assert.equal(claimed.verdict, 'dangerous')
      assert.match(claimed.reasons[0].message, /官方：nsrcb\.com/)
      assert.equal(
        (await check('【宁陕农商行】您的账户需要验证，请登录 www.nsrcb.com 办理')).body.reasons.some((r) => r.code === 'IMPERSONATION'),
        false
      )
    })

    test('the console edits the registry (audited) and the next check uses it; bad entries are refused', async () => {
      const auth = { authorization: `Bearer ${tokens.reviewer}` }
      const text = '【宁陕信合】您的账户需要验证，请登录 nsxh-yz.top 办理'
      assert.equal((await check(text)).body.sender, null)
      const body = {
        name: '宁陕县农村信用合作联社',
        category: 'bank',
        aliases: ['宁陕信合'],
        domains: ['WWW.NSXH.COM.CN'],
        numbers: ['09156821234'],
        tokens: ['nsxh']
      }
      const put = await app.inject({ method: 'PUT', url: '/api/v1/admin/senders/ns-xinhe', headers: auth, payload: body })
      assert.equal(put.statusCode, 200, put.body)
      assert.deepEqual(put.json().domains, ['nsxh.com.cn'], 'lower case, without www')
      const claimed = (await check(text)).body
      assert.equal(claimed.sender, '宁陕县农村信用合作联社')
      assert.match(claimed.reasons[0].message, /官方：nsxh\.com\.cn/)
      // The single link check names it too.
      const link = (await app.inject({ method: 'GET', url: '/api/v1/check/url', query: { url: 'nsxh-yz.top' } })).json()
      assert.match(link.reasons.map((r: { message: string }) => r.message).join(''), /假冒宁陕县农村信用合作联社/)
      const listed = (await app.inject({ method: 'GET', url: '/api/v1/admin/senders', headers: auth })).json()
      assert.ok(
        listed.items.some((x: { id: string }) => x.id === 'ccb'),
        'the national senders come with the schema'
      )
      const audit = await tdb.database.db.selectFrom('audit_log').select(['action', 'target']).where('action', 'like', 'sender.%').execute()
      assert.deepEqual(
        audit.map((a) => a.target),
        ['sender:ns-xinhe']
      )
      for (const [bad, code] of [
        [{ ...body, domains: ['not a domain'] }, 'SENDER_INVALID'],
        [{ ...body, domains: [], numbers: [] }, 'SENDER_INVALID'],
        [{ ...body, tokens: ['www'] }, 'SENDER_INVALID']
      ] as const) {
        const res = await app.inject({ method: 'PUT', url: '/api/v1/admin/senders/ns-xinhe', headers: auth, payload: bad })
        assert.equal(res.statusCode, 400)
        assert.equal(res.json().error.code, code)
      }
      assert.equal(
        (await app.inject({ method: 'PUT', url: '/api/v1/admin/senders/ns-xinhe', headers: { authorization: `Bearer ${tokens.editor}` }, payload: body }))
          .statusCode,
        403
      )
      assert.equal((await app.inject({ method: 'DELETE', url: '/api/v1/admin/senders/ns-xinhe', headers: auth })).statusCode, 200)
      assert.equal((await app.inject({ method: 'DELETE', url: '/api/v1/admin/senders/ns-xinhe', headers: auth })).statusCode, 404)
      assert.equal((await check(text)).body.sender, null)
    })

    test('bad input: a clear 4xx with a machine code and a Chinese message', async () => {
      for (const bad of ['', '   ', 'x'.repeat(MAX_MESSAGE_LENGTH + 1), { text: 'nested' }, null]) {
        const { status, body } = await check(bad)
        assert.equal(status, 400, String(bad).slice(0, 20))
        assert.equal(body.error?.code, 'INVALID_MESSAGE')
        assert.match(body.error!.message, /[\u4e00-\u9fa5]/)
      }
      const notJson = await app.inject({ method: 'POST', url: '/api/v1/check/message', headers: { 'content-type': 'application/json' }, payload: '{"text":' })
      assert.equal(notJson.statusCode, 400)
      // The longest message is taken whole.
      const long = await check('转账'.repeat(MAX_MESSAGE_LENGTH / 2))
      assert.equal(long.status, 200)
      assert.equal(long.body.length, MAX_MESSAGE_LENGTH)
    })

    test("the evaluation set's targets hold: no scam 已核实 or 无风险, no genuine message 高危", async () => {
      for (const m of loadEvaluationSet()) {
        const { body } = await check(m.text)
        if (m.label === 'scam') assert.ok(body.verdict === 'dangerous' || body.verdict === 'suspicious', `${m.file}:${m.line} ${m.text}`)
        else assert.notEqual(body.verdict, 'dangerous', `${m.file}:${m.line} ${m.text}`)
      }
    })
  })
}

test('single link check: the shapes phishing uses every day, with the brand named', async () => {
  const tdb = await openTestDatabase('pglite')
  try {
    await seedDemoData(tdb.database.db, 10)
    const { app } = await buildTestApp(tdb.database)
    const url = async (u: string) => (await app.inject({ method: 'GET', url: '/api/v1/check/url', query: { url: u } })).json()
    const cases: Array<[string, string, RegExp]> = [
      ['icbc-jf.top', 'IMPERSONATION', /假冒中国工商银行/],
      ['10086-jf.cc', 'IMPERSONATION', /假冒中国移动/],
      ['ems-cn.top', 'IMPERSONATION', /假冒中国邮政/],
      ['ccb-vip.com', 'IMPERSONATION', /假冒中国建设银行/],
      ['etc-gov.cn.xyz', 'GOVERNMENT_DISGUISE', /冒充政府网站/],
      ['gov.cn.etc-cx.top', 'GOVERNMENT_DISGUISE', /冒充政府网站/],
      ['icbc.corn.cn', 'IMPERSONATION', /假冒中国工商银行/],
      ['my-bank-login.netlify.app', 'FREE_HOSTING', /免费建站平台/]
    ]
    for (const [input, code, message] of cases) {
      const body = await url(input)
      assert.notEqual(body.verdict, 'unknown', input)
      const reason = body.reasons.find((r: { code: string }) => r.code === code)
      assert.ok(reason, `${input}: ${body.reasons.map((r: { code: string }) => r.code)}`)
      assert.match(reason.message, message, input)
    }
    // Genuine sites and ordinary words stay as they were.
    assert.equal((await url('https://www.ccb.com/cn/home')).verdict, 'safe')
    assert.equal((await url('www.10086.cn')).verdict, 'safe')
    assert.equal((await url('https://t.cn/A6abc')).verdict, 'suspicious')
    assert.equal((await url('www.example.org')).verdict, 'unknown')
    await app.close()
  } finally {
    await tdb.cleanup()
  }
})

test('the registry finds names as a longest-first regex alternation would, on generated texts', async () => {
  const { SenderRegistry } = await import('../../rules/senders.ts')
  const { DEFAULT_SENDERS } = await import('../../rules/senders-data.ts')
  const registry = new SenderRegistry(DEFAULT_SENDERS)
  const aliases = [...new Set(DEFAULT_SENDERS.flatMap((x) => x.aliases))].sort((a, b) => b.length - a.length)
  const pattern = new RegExp(aliases.map((a) => a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g')
  let seed = 11
  const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
  const filler = ['您的', '中国', '银行', '，', '请', '通知', '建设', '移动', 'ETC', '12306', '顺丰']
  for (let i = 0; i < 2_000; i++) {
    const text = Array.from({ length: 1 + Math.floor(rand() * 8) }, () =>
      rand() < 0.5 ? aliases[Math.floor(rand() * aliases.length)] : filler[Math.floor(rand() * filler.length)]
    ).join('')
    const expected = [...text.matchAll(pattern)].map((m) => ({ alias: m[0], index: m.index }))
    assert.deepEqual(registry.findAliases(text), expected, text)
  }
})
