import { test } from 'node:test'
import assert from 'node:assert/strict'
import { accountReasonCodes, luhnValid, parseAccount } from '../../rules/account-facts.ts'

/** Completes a number with the check digit that makes it pass Luhn. */
const withCheck = (first: string) => {
  for (let d = 0; d <= 9; d++) if (luhnValid(first + d)) return first + d
  throw new Error('unreachable')
}

test('account table: types, normalisation, check digits', () => {
  const good = withCheck('622202020011223344')
  const bad = good.slice(0, -1) + String((Number(good.at(-1)) + 1) % 10)
  const cases: Array<[string, string, string, boolean | null]> = [
    [good, 'bank', good, true],
    [good.replace(/(\d{4})/g, '$1 ').trim(), 'bank', good, true],
    [good.replace(/(\d{4})/g, '$1-'), 'bank', good, true],
    [bad, 'bank', bad, false],
    [withCheck('621700123456789'), 'bank', withCheck('621700123456789'), true],
    ['１２３４５６７８９０１２３', 'bank', '1234567890123', null],
    ['123456789012', 'bank', '123456789012', null],
    ['1234567890123456789012345', 'bank', '1234567890123456789012345', null],
    ['138 0013 8000', 'mobile', '13800138000', null],
    ['Scam.Payee@Example.COM', 'email', 'scam.payee@example.com', null],
    ['wxid_Fraud01', 'wechat', 'wxid_fraud01', null],
    ['lucky-money-88', 'wechat', 'lucky-money-88', null]
  ]
  for (const [input, type, normalized, luhn] of cases) {
    const r = parseAccount(input)
    assert.ok(r.ok, input)
    assert.equal(r.facts.type, type, input)
    assert.equal(r.facts.normalized, normalized, input)
    assert.equal(r.facts.luhnValid, luhn, input)
  }
  for (const input of ['', '   ', '12345', '12345678901', '1'.repeat(26), 'ab', '中文账户', 'a b c d e f', '1abcdefg', 'x'.repeat(30), '<script>']) {
    assert.equal(parseAccount(input).ok, false, input)
  }
  assert.equal(luhnValid('79927398713'), true)
  assert.equal(luhnValid('79927398710'), false)
})

test('account reasons: listed beats reported; a wrong check digit is a reason, not a refusal, unless the account is listed', () => {
  const r = parseAccount('6222020200112233440')
  assert.ok(r.ok)
  assert.deepEqual(accountReasonCodes({ ...r.facts, luhnValid: false }, { blocked: true, reporters: 5 }), ['BLOCKLISTED'])
  assert.deepEqual(accountReasonCodes({ ...r.facts, luhnValid: true }, { blocked: true, reporters: 5 }), ['BLOCKLISTED'])
  assert.deepEqual(accountReasonCodes({ ...r.facts, luhnValid: false }, { blocked: false, reporters: 2 }), ['REPORTED', 'CHECK_DIGIT_MISMATCH'])
  assert.deepEqual(accountReasonCodes({ ...r.facts, luhnValid: true }, { blocked: false, reporters: 0 }), [])
})
