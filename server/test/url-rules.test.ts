import { test } from 'node:test'
import assert from 'node:assert/strict'
import { domainCandidates, editDistance, parseUrl, skeleton } from '../../rules/url-facts.ts'
import { urlReasonCodes, type UrlListFacts, type UrlReasonCode } from '../../rules/url-rules.ts'

const LISTS: UrlListFacts = {
  blocked: (d) => ['evil-invest.example', 'fraud.cn', 'pay.scam.example'].includes(d),
  reporters: (d) => (d === 'suspect-loan.example' ? 3 : 0),
  verified: new Set(['icbc.com.cn', 'ccb.com', 'abchina.com', 'boc.cn', 'alipay.com', 'ningshan.gov.cn', 'psbc.com'])
}

// [input, reasons (in order), host] — the host checks normalisation (scheme added, case, punycode, IP folding).
const CASES: Array<[string, UrlReasonCode[], string?]> = [
  ['https://www.icbc.com.cn/', ['VERIFIED'], 'www.icbc.com.cn'],
  ['icbc.com.cn', ['VERIFIED'], 'icbc.com.cn'],
  ['HTTPS://WWW.ICBC.COM.CN/Login', ['VERIFIED'], 'www.icbc.com.cn'],
  ['  www.ccb.com/cn/home  ', ['VERIFIED'], 'www.ccb.com'],
  ['https://www.ningshan.gov.cn/zwgk', ['VERIFIED']],
  ['http://www.shaanxi.gov.cn/', ['VERIFIED']],
  ['https://ｗｗｗ．ｉｃｂｃ．ｃｏｍ．ｃｎ/', ['VERIFIED'], 'www.icbc.com.cn'],
  ['https://evil-invest.example/', ['BLOCKLISTED']],
  ['https://app.evil-invest.example/download', ['BLOCKLISTED'], 'app.evil-invest.example'],
  ['a.b.c.evil-invest.example', ['BLOCKLISTED']],
  ['https://fraud.cn/path?x=1', ['BLOCKLISTED']],
  ['https://www.fraud.cn', ['BLOCKLISTED']],
  ['https://pay.scam.example/', ['BLOCKLISTED']],
  ['https://other.scam.example/', []],
  ['https://notfraud.cn', []],
  ['http://192.168.1.10/login', ['IP_LITERAL', 'INSECURE_LOGIN'], '192.168.1.10'],
  ['https://8.8.8.8/', ['IP_LITERAL']],
  ['http://[2001:db8::1]/', ['IP_LITERAL']],
  ['http://0x7f.1/', ['IP_LITERAL'], '127.0.0.1'],
  ['https://1.2.3.4:8443/pay', ['IP_LITERAL']],
  ['https://www.icbс.com.cn/', ['LOOKALIKE']], // Cyrillic с
  ['https://аlipay.com/', ['LOOKALIKE']], // Cyrillic а
  ['https://xn--80ak6aa92e.com/', ['LOOKALIKE']],
  ['https://icbc.com.cn@evil.example/', ['DISGUISED_HOST']],
  ['https://icbc.com.cn@1cbc.com.cn/', ['DISGUISED_HOST', 'LOOKALIKE']],
  ['https://user:pass@www.icbc.com.cn/', ['DISGUISED_HOST']],
  ['https://icbc.com.cn.evil.example/login', ['LOOKALIKE']],
  ['https://icbc-com-cn.example/', ['LOOKALIKE']],
  ['https://icbcc.com.cn/', ['LOOKALIKE']],
  ['https://lcbc.com.cn/', ['LOOKALIKE']],
  ['https://icbc.com.cm/', ['LOOKALIKE']],
  ['https://a1ipay.com/', ['LOOKALIKE']],
  ['https://alipya.com/', ['LOOKALIKE']],
  ['https://ccb.com.cn.vip/', ['LOOKALIKE']],
  ['https://t.cn/A6xyz', ['SHORTENER']],
  ['https://bit.ly/3abc', ['SHORTENER']],
  ['dwz.cn/abc', ['SHORTENER']],
  ['https://url.cn/5abc', ['SHORTENER']],
  ['http://loans.example/login', ['INSECURE_LOGIN']],
  ['http://shop.example/zhifu/order', ['INSECURE_LOGIN']],
  ['http://example.org/%E7%99%BB%E5%BD%95', ['INSECURE_LOGIN']],
  ['https://loans.example/login', []],
  ['http://news.example/today', []],
  ['https://suspect-loan.example/', ['REPORTED']],
  ['https://www.suspect-loan.example/apply', ['REPORTED']],
  ['https://www.example.com/', []],
  ['https://中国.example/', ['LOOKALIKE']]
]

test('URL table: normalisation and every reason', () => {
  assert.ok(CASES.length >= 40)
  for (const [input, expected, host] of CASES) {
    const parsed = parseUrl(input)
    assert.ok(parsed.ok, `${input} should parse`)
    assert.deepEqual(urlReasonCodes(parsed.facts, LISTS), expected, input)
    if (host) assert.equal(parsed.facts.host, host, `host of ${input}`)
  }
})

test('garbage and unsupported addresses are refused with a reason', () => {
  const refused: Array<[string, string]> = [
    ['', 'EMPTY'],
    ['   ', 'EMPTY'],
    ['not a url', 'INVALID'],
    ['http://', 'INVALID'],
    ['https://exa mple.com', 'INVALID'],
    ['javascript:alert(1)', 'SCHEME'],
    ['ftp://files.example/a', 'SCHEME'],
    ['data:text/html,hi', 'SCHEME'],
    ['localhost', 'INVALID'],
    [`https://example.com/${'a'.repeat(3000)}`, 'TOO_LONG']
  ]
  for (const [input, reason] of refused) {
    const parsed = parseUrl(input)
    assert.equal(parsed.ok, false, input)
    if (!parsed.ok) assert.equal(parsed.reason, reason, input)
  }
})

test('building blocks: parent domains, skeletons, edit distance', () => {
  const facts = parseUrl('https://a.b.evil.example/x')
  assert.ok(facts.ok)
  assert.deepEqual(domainCandidates(facts.facts), ['a.b.evil.example', 'b.evil.example', 'evil.example'])
  assert.equal(skeleton('аlіpay.com'), 'alipay.com')
  assert.equal(skeleton('ccb0.com'), 'ccbo.com')
  assert.equal(editDistance('alipay.com', 'alipya.com'), 1, 'a swap is one edit')
  assert.equal(editDistance('icbc.com.cn', 'icbc.com.cn'), 0)
  assert.equal(editDistance('icbc.com.cn', 'abcd.com.cn'), 2)
})

test('withinOneEdit agrees with the edit distance (≤ 1) on generated pairs', async () => {
  const { editDistance, withinOneEdit } = await import('../../rules/url-facts.ts')
  const letters = 'abcm.-rn'
  let seed = 7
  const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
  const word = () => Array.from({ length: 1 + Math.floor(rand() * 6) }, () => letters[Math.floor(rand() * letters.length)]).join('')
  for (let i = 0; i < 20_000; i++) {
    const a = word()
    // Half the pairs are a small change of a, so both answers occur often.
    const b =
      rand() < 0.5
        ? word()
        : a.slice(0, Math.floor(rand() * a.length)) +
          (rand() < 0.5 ? letters[Math.floor(rand() * letters.length)] : '') +
          a.slice(Math.floor(rand() * (a.length + 1)))
    // (editDistance stops early on an empty side; domains are never empty.)
    if (b === '') continue
    assert.equal(withinOneEdit(a, b), editDistance(a, b) <= 1, `${a} / ${b}`)
  }
})
