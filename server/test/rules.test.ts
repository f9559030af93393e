import { test } from 'node:test'
import assert from 'node:assert/strict'
import { parsePhone } from '../src/values/phone.ts'
import { verdictFor, type ListFacts } from '../../rules/phone-rules.ts'
import type { ReasonCode, Verdict } from '../../types/check.ts'

const NO_LISTS: ListFacts = { blocked: null, verified: null, reporters: 0 }
const name = (r: string): string => r

interface Row {
  input: string
  verdict: Verdict
  codes: ReasonCode[]
  key?: string
  lists?: Partial<ListFacts>
}

// [input, expected verdict, expected reason codes (order-insensitive), optional list facts]
const TABLE: Row[] = [
  // INTERNATIONAL: "00" or "+" with a country code other than 86
  { input: '0085298765432', verdict: 'suspicious', codes: ['INTERNATIONAL'], key: '+85298765432' },
  { input: '+852 9876 5432', verdict: 'suspicious', codes: ['INTERNATIONAL'], key: '+85298765432' },
  { input: '00 1 202 555 0143', verdict: 'suspicious', codes: ['INTERNATIONAL'], key: '+12025550143' },
  { input: '+1 (202) 555-0143', verdict: 'suspicious', codes: ['INTERNATIONAL'] },
  { input: '+855 12 345 678', verdict: 'suspicious', codes: ['INTERNATIONAL'] },
  { input: '0063 917 123 4567', verdict: 'suspicious', codes: ['INTERNATIONAL'] },
  { input: '+95 9 250 123 456', verdict: 'suspicious', codes: ['INTERNATIONAL'] },
  { input: '＋８５２ ９８７６ ５４３２', verdict: 'suspicious', codes: ['INTERNATIONAL'], key: '+85298765432' },
  { input: '来电显示：00852-98765432，说是海关', verdict: 'suspicious', codes: ['INTERNATIONAL'], key: '+85298765432' },
  { input: '+44 20 7946 0958', verdict: 'suspicious', codes: ['INTERNATIONAL'] },
  { input: '+99912345', verdict: 'suspicious', codes: ['INTERNATIONAL', 'NOT_A_VALID_NUMBER'] },
  { input: '+852 123', verdict: 'suspicious', codes: ['INTERNATIONAL', 'NOT_A_VALID_NUMBER'] },
  // SPOOFED_SERVICE: domestic service lines behind +86 / 0086
  { input: '+86 95588', verdict: 'dangerous', codes: ['SPOOFED_SERVICE'], key: '+8695588' },
  { input: '008695588', verdict: 'dangerous', codes: ['SPOOFED_SERVICE'], key: '+8695588' },
  { input: '+86 96110', verdict: 'dangerous', codes: ['SPOOFED_SERVICE'] },
  { input: '+86110', verdict: 'dangerous', codes: ['SPOOFED_SERVICE'] },
  { input: '0086 12110', verdict: 'dangerous', codes: ['SPOOFED_SERVICE'] },
  { input: '+86 12345', verdict: 'dangerous', codes: ['SPOOFED_SERVICE'] },
  { input: '+86 400 123 4567', verdict: 'dangerous', codes: ['SPOOFED_SERVICE'] },
  { input: '+86 800 830 1880', verdict: 'dangerous', codes: ['SPOOFED_SERVICE'] },
  { input: '+86 10086', verdict: 'dangerous', codes: ['SPOOFED_SERVICE'] },
  { input: '+86 9555 8123 4567', verdict: 'dangerous', codes: ['SPOOFED_SERVICE'] },
  { input: '＋８６ ９５５３３', verdict: 'dangerous', codes: ['SPOOFED_SERVICE'] },
  // Spoofed even when the bare number is on the verified list
  { input: '+86 95588', verdict: 'dangerous', codes: ['SPOOFED_SERVICE'], lists: { verified: { label: '中国工商银行客服' } } },
  // FAKE_POLICE: area code + 110 and the like
  { input: '0915-110', verdict: 'dangerous', codes: ['FAKE_POLICE'], key: '+86915110' },
  { input: '010-110', verdict: 'dangerous', codes: ['FAKE_POLICE'] },
  { input: '021110', verdict: 'dangerous', codes: ['FAKE_POLICE'] },
  { input: '0915 12110', verdict: 'dangerous', codes: ['FAKE_POLICE'] },
  { input: '0755-110', verdict: 'dangerous', codes: ['FAKE_POLICE'] },
  // A city's own 96110 line dialled with its area code is a real line (the library knows it)
  { input: '0755-96110', verdict: 'unknown', codes: [] },
  { input: '+86 915 110', verdict: 'dangerous', codes: ['FAKE_POLICE'] },
  { input: '０９１５－１１０', verdict: 'dangerous', codes: ['FAKE_POLICE'] },
  // SERVICE_NUMBER_FORMAT: 95/96 numbers longer than a registered line
  { input: '95588123', verdict: 'suspicious', codes: ['SERVICE_NUMBER_FORMAT'] },
  { input: '9558812345678', verdict: 'suspicious', codes: ['SERVICE_NUMBER_FORMAT'] },
  { input: '96110 1234', verdict: 'suspicious', codes: ['SERVICE_NUMBER_FORMAT'] },
  { input: '955 881 234', verdict: 'suspicious', codes: ['SERVICE_NUMBER_FORMAT'] },
  { input: '9510588', verdict: 'unknown', codes: [] },
  { input: '95588', verdict: 'unknown', codes: [] },
  // INBOUND_ONLY: 400/800 calling out
  { input: '400-123-4567', verdict: 'suspicious', codes: ['INBOUND_ONLY'], key: '+864001234567' },
  { input: '4001234567', verdict: 'suspicious', codes: ['INBOUND_ONLY'] },
  { input: '800 830 1880', verdict: 'suspicious', codes: ['INBOUND_ONLY'] },
  { input: '400 820 8820', verdict: 'safe', codes: ['VERIFIED'], lists: { verified: { label: '某银行信用卡中心' } } },
  // VIRTUAL_OPERATOR
  { input: '17012345678', verdict: 'suspicious', codes: ['VIRTUAL_OPERATOR'], key: '+8617012345678' },
  { input: '171 2345 6789', verdict: 'suspicious', codes: ['VIRTUAL_OPERATOR'] },
  { input: '162-1234-5678', verdict: 'suspicious', codes: ['VIRTUAL_OPERATOR'] },
  { input: '16512345678', verdict: 'suspicious', codes: ['VIRTUAL_OPERATOR'] },
  { input: '167 1234 5678', verdict: 'suspicious', codes: ['VIRTUAL_OPERATOR'] },
  { input: '+86 170 1234 5678', verdict: 'suspicious', codes: ['VIRTUAL_OPERATOR'] },
  { input: '１７０１２３４５６７８', verdict: 'suspicious', codes: ['VIRTUAL_OPERATOR'] },
  // BLOCKLISTED wins, with the format reasons kept
  { input: '16500001111', verdict: 'dangerous', codes: ['BLOCKLISTED', 'VIRTUAL_OPERATOR'], lists: { blocked: { category: '刷单返利' } } },
  { input: '13800138000', verdict: 'dangerous', codes: ['BLOCKLISTED'], lists: { blocked: { category: '虚假投资理财' } } },
  { input: '+855 23 900 111', verdict: 'dangerous', codes: ['BLOCKLISTED', 'INTERNATIONAL'], lists: { blocked: { category: '冒充公检法' } } },
  { input: '95588', verdict: 'dangerous', codes: ['BLOCKLISTED'], lists: { blocked: { category: '冒充客服' }, verified: { label: '中国工商银行客服' } } },
  { input: '13800138000', verdict: 'dangerous', codes: ['BLOCKLISTED'], lists: { blocked: { category: '刷单返利' }, reporters: 4 } },
  // REPORTED: reported, not blocklisted
  { input: '13700001234', verdict: 'suspicious', codes: ['REPORTED'], lists: { reporters: 3 } },
  { input: '17012345678', verdict: 'suspicious', codes: ['VIRTUAL_OPERATOR', 'REPORTED'], lists: { reporters: 1 } },
  // VERIFIED wins over format rules
  { input: '95588', verdict: 'safe', codes: ['VERIFIED'], lists: { verified: { label: '中国工商银行客服' } } },
  { input: '96110', verdict: 'safe', codes: ['VERIFIED'], lists: { verified: { label: '反诈专线' } } },
  { input: '0915-6822110', verdict: 'safe', codes: ['VERIFIED'], key: '+869156822110', lists: { verified: { label: '县公安局' } } },
  { input: '110', verdict: 'safe', codes: ['VERIFIED'], lists: { verified: { label: '报警电话' } } },
  { input: '13700001234', verdict: 'safe', codes: ['VERIFIED'], lists: { verified: { label: '镇政府' }, reporters: 2 } },
  // Ordinary numbers: no record
  { input: '13800138000', verdict: 'unknown', codes: [], key: '+8613800138000' },
  { input: '138 0013 8000', verdict: 'unknown', codes: [], key: '+8613800138000' },
  { input: '138-0013-8000', verdict: 'unknown', codes: [] },
  { input: '  13800138000  ', verdict: 'unknown', codes: [] },
  { input: '１３８００１３８０００', verdict: 'unknown', codes: [], key: '+8613800138000' },
  { input: '号码13800138000说是快递', verdict: 'unknown', codes: [], key: '+8613800138000' },
  { input: '+86 138 0013 8000', verdict: 'unknown', codes: [], key: '+8613800138000' },
  { input: '008613800138000', verdict: 'unknown', codes: [], key: '+8613800138000' },
  // "86" without "+": the same number and key, so a listed number typed this way is still found.
  { input: '8613800138000', verdict: 'unknown', codes: [], key: '+8613800138000' },
  { input: '86 170 1234 5678', verdict: 'suspicious', codes: ['VIRTUAL_OPERATOR'], key: '+8617012345678' },
  { input: '0915-6821234', verdict: 'unknown', codes: [], key: '+869156821234' },
  { input: '(0915) 682 1234', verdict: 'unknown', codes: [] },
  { input: '010-12345678', verdict: 'unknown', codes: [], key: '+861012345678' },
  { input: '010-12345678 ext 9', verdict: 'unknown', codes: [], key: '+861012345678' },
  { input: '010-12345678转9', verdict: 'unknown', codes: [], key: '+861012345678' },
  { input: '+86 0915 1234567', verdict: 'unknown', codes: [], key: '+869151234567' },
  { input: '10086', verdict: 'unknown', codes: [] },
  // NOT_A_VALID_NUMBER: digits that form no number
  { input: '12345678', verdict: 'suspicious', codes: ['NOT_A_VALID_NUMBER'] },
  { input: '1380013800', verdict: 'suspicious', codes: ['NOT_A_VALID_NUMBER'] },
  { input: '5555', verdict: 'suspicious', codes: ['NOT_A_VALID_NUMBER'] },
  { input: '99999999999999999999', verdict: 'suspicious', codes: ['NOT_A_VALID_NUMBER'] }
]

const INVALID: Array<[string, 'NO_DIGITS' | 'TOO_LONG' | 'TOO_SHORT']> = [
  ['', 'NO_DIGITS'],
  ['   ', 'NO_DIGITS'],
  ['没有号码', 'NO_DIGITS'],
  ['+', 'NO_DIGITS'],
  ['abc', 'NO_DIGITS'],
  ['12', 'TOO_SHORT'],
  ['00', 'TOO_SHORT'],
  // "00"/"+" with a calling code alone (or too few digits to be one) holds no number (issue 12).
  ['000', 'TOO_SHORT'],
  ['0086', 'TOO_SHORT'],
  ['+852', 'TOO_SHORT'],
  ['123456789012345678901', 'TOO_LONG'],
  ['1234 5678 9012 3456 7890 1', 'TOO_LONG']
]

test(`rule table: ${TABLE.length} numbers`, async (t) => {
  assert.ok(TABLE.length >= 60)
  for (const row of TABLE) {
    await t.test(`${row.input} → ${row.verdict}`, () => {
      const parsed = parsePhone(row.input)
      assert.ok(parsed.ok, `${row.input} should parse`)
      const lists = { ...NO_LISTS, ...row.lists }
      const result = verdictFor(parsed.facts, lists, name)
      assert.equal(result.verdict, row.verdict)
      assert.deepEqual(result.reasons.map((r) => r.code).sort(), [...row.codes].sort())
      if (row.key) assert.equal(parsed.facts.key, row.key)
      if (result.verdict !== 'unknown') assert.ok(result.reasons.length > 0, 'a verdict other than unknown needs a reason')
      for (const r of result.reasons) assert.match(r.message, /[\u4e00-\u9fff]/, 'messages are in Chinese')
      assert.ok(result.advice.length > 0)
    })
  }
})

test('every reason code is covered by the table', () => {
  const seen = new Set(TABLE.flatMap((r) => r.codes))
  for (const code of [
    'INTERNATIONAL',
    'SPOOFED_SERVICE',
    'FAKE_POLICE',
    'SERVICE_NUMBER_FORMAT',
    'INBOUND_ONLY',
    'VIRTUAL_OPERATOR',
    'BLOCKLISTED',
    'REPORTED',
    'VERIFIED',
    'NOT_A_VALID_NUMBER'
  ] as const) {
    assert.ok(seen.has(code), code)
  }
})

test('input that is not a phone number is rejected with the reason', () => {
  for (const [input, reason] of INVALID) {
    const parsed = parsePhone(input)
    assert.deepEqual(parsed, { ok: false, reason }, JSON.stringify(input))
  }
})

test('messages carry the specifics: country, category, reporter count, verified label', () => {
  const intl = parsePhone('+852 9876 5432')
  assert.ok(intl.ok)
  const regions = new Intl.DisplayNames(['zh-Hans'], { type: 'region' })
  const r1 = verdictFor(intl.facts, NO_LISTS, (c) => regions.of(c) ?? c)
  assert.match(r1.reasons[0].message, /香港/)
  const num = parsePhone('13800138000')
  assert.ok(num.ok)
  assert.match(verdictFor(num.facts, { ...NO_LISTS, blocked: { category: '虚假征信' } }, name).reasons[0].message, /虚假征信/)
  assert.match(verdictFor(num.facts, { ...NO_LISTS, reporters: 7 }, name).reasons[0].message, /7位居民/)
  assert.match(verdictFor(num.facts, { ...NO_LISTS, verified: { label: '城关镇政府' } }, name).reasons[0].message, /城关镇政府/)
  // A number abroad typed without "00": named for what it looks like, not as a tampered display.
  const bare = parsePhone('852 9876 5432')
  assert.ok(bare.ok)
  const r2 = verdictFor(bare.facts, NO_LISTS, (c) => regions.of(c) ?? c)
  assert.equal(r2.verdict, 'suspicious')
  assert.match(r2.reasons[0].message, /^这像是中国香港.*的号码（前面少了“00”或“\+”）/)
  assert.doesNotMatch(r2.reasons[0].message, /篡改/)
  const garbage = parsePhone('11111111111')
  assert.ok(garbage.ok)
  assert.match(verdictFor(garbage.facts, NO_LISTS, name).reasons[0].message, /来电显示可能被篡改过/)
  // The 境外 reason and the advice say the same about answering.
  const abroad = verdictFor(intl.facts, NO_LISTS, name)
  assert.match(abroad.reasons[0].message, /最好不接/)
  assert.match(abroad.advice[0], /最好不接/)
})

test('reasons are ordered most severe first', () => {
  const parsed = parsePhone('16500001111')
  assert.ok(parsed.ok)
  const r = verdictFor(parsed.facts, { ...NO_LISTS, blocked: { category: '刷单返利' } }, name)
  assert.equal(r.reasons[0].code, 'BLOCKLISTED')
})
