import type { AccountReasonCode } from '../types/check'
/** What residents paste as a "收款账户": a bank card/account number, or an Alipay / WeChat id. */
export type AccountType = 'bank' | 'mobile' | 'email' | 'wechat'

export interface AccountFacts {
  type: AccountType
  /** The blocklist key: digits only for numbers, lower case for ids. */
  normalized: string
  /** For 16–19 digit card numbers: does the check digit (Luhn) agree? null for everything else. */
  luhnValid: boolean | null
}

export type AccountParseResult = { ok: true; facts: AccountFacts } | { ok: false; reason: 'EMPTY' | 'INVALID' }

export function luhnValid(digits: string): boolean {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i])
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return sum % 10 === 0
}

export function parseAccount(raw: string): AccountParseResult {
  const text = raw.normalize('NFKC').trim()
  if (text === '') return { ok: false, reason: 'EMPTY' }
  if (/^[\d\s-]+$/.test(text)) {
    const digits = text.replace(/[\s-]/g, '')
    if (/^1[3-9]\d{9}$/.test(digits)) return { ok: true, facts: { type: 'mobile', normalized: digits, luhnValid: null } }
    // Mainland cards are 16–19 digits; enterprise and passbook accounts run from 12 to about 25.
    if (digits.length < 12 || digits.length > 25) return { ok: false, reason: 'INVALID' }
    const card = digits.length >= 16 && digits.length <= 19
    return { ok: true, facts: { type: 'bank', normalized: digits, luhnValid: card ? luhnValid(digits) : null } }
  }
  if (/^[^\s@]{1,64}@[^\s@]+\.[a-z]{2,}$/i.test(text) && text.length <= 100)
    return { ok: true, facts: { type: 'email', normalized: text.toLowerCase(), luhnValid: null } }
  // WeChat ids: 6–20 characters, a letter first, then letters, digits, "_" or "-".
  if (/^[a-z][a-z0-9_-]{5,19}$/i.test(text)) return { ok: true, facts: { type: 'wechat', normalized: text.toLowerCase(), luhnValid: null } }
  return { ok: false, reason: 'INVALID' }
}

export function accountReasonCodes(facts: AccountFacts, lists: { blocked: boolean; reporters: number; maybeBlocked?: boolean }): AccountReasonCode[] {
  const reasons: AccountReasonCode[] = []
  if (lists.blocked) reasons.push('BLOCKLISTED')
  else if (lists.reporters > 0) reasons.push('REPORTED')
  if (!lists.blocked && lists.maybeBlocked) reasons.push('MAYBE_BLOCKLISTED')
  // A listed account is a scam whatever its digits say: a typo hint beside it would only blur the answer.
  if (facts.luhnValid === false && !lists.blocked) reasons.push('CHECK_DIGIT_MISMATCH')
  return reasons
}
