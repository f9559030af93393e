import { parse as parseDomain } from 'tldts'
import type { MessagePartKind } from '../types/check'
import { luhnValid } from './account-facts'
import { matchesOf } from './es2017'
import { DOMESTIC_SHORT_LINES, POLICE_CODES } from './phone-rules'

/** One thing found in a message, with where it stands (UTF-16 offsets into the message as pasted). */
export interface FoundPart {
  kind: MessagePartKind
  text: string
  start: number
  end: number
  /** phone: digits as written (with "+"); url: the link; account: digits or id; qq/wechat: the id; amount: yuan. */
  raw: string
}

const WIDE = /[\uff01-\uff5e]/g
const IDEOGRAPHIC_SPACE = /\u3000/g
const narrow = (c: string): string => String.fromCharCode(c.charCodeAt(0) - 0xfee0)

/**
 * Folds full-width ASCII (ＡＢＣ１２３＋．：／) and the ideographic space to their ASCII twins, one character for one,
 * so every offset found in the folded text is the same offset in the message as pasted.
 */
export function foldWidth(text: string): string {
  // One replace per kind of character, not a string built character by character (a message has hundreds).
  return text.replace(WIDE, narrow).replace(IDEOGRAPHIC_SPACE, ' ')
}

// A link: optional scheme and user info, a host of dotted ASCII labels, optional port and path. Chinese characters
// are outside every class here, so a link ends where the Chinese text resumes ("网址boc-safe.cn/x和" → boc-safe.cn/x).
const LINK =
  /(?:(?:https?|hxxps?):\/\/)?(?:[a-z0-9._~%!$&'*+,;=:-]+@(?=[a-z0-9-]+\.[a-z0-9.-]+[/:?#]))?(?:[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{2,59})\.?(?::\d{2,5})?(?:[/?#][!#-;=?-~]*)?/gi
const IP_LINK = /(?:https?:\/\/)?(?:\d{1,3}\.){3}\d{1,3}(?::\d{2,5})?(?:[/?#][!#-;=?-~]*)?/gi
const EMAIL = /[a-z0-9._%+-]{1,64}@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,24}/gi
// Digits with the separators people put in numbers (spaces, dashes, brackets), optionally behind "+".
const DIGIT_RUN = /\+?\d(?:[\d \-()]*\d)?/g
const AMOUNT = /[¥￥]\s?\d[\d,]*(?:\.\d+)?|\d[\d,]*(?:\.\d+)?\s?(?:万元|元|块钱|块|万)/g
const QQ = /(?:QQ|qq|Qq|扣扣)(?:号码|号|群)?\s*[:：]?\s*([1-9]\d{4,11})/g
const WECHAT = /(?:微信号|微信|薇信|威信|V信|v信|vx|VX|Vx|wx|WX|加v|加V)\s*[:：]?\s*([a-zA-Z][-_a-zA-Z0-9]{5,19})/g
// Words before a number that make it a receiving account, not a phone or an order number.
const ACCOUNT_CONTEXT = /(账户|账号|帐户|帐号|卡号|银行卡|收款|转入|汇入|打入|转到|汇到|存入)[^，。,.!！?？\n]{0,12}$/
const TRAILING_PUNCTUATION = /[.,;:!?'")\]}>]+$/

interface Span {
  start: number
  end: number
}
const overlaps = (a: Span, taken: readonly Span[]): boolean => taken.some((t) => a.start < t.end && t.start < a.end)
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9'
const isLetter = (c: string | undefined): boolean => c !== undefined && /[a-z]/i.test(c)

// Not a closure in extractParts: tsx's keepNames would wrap it in a defineProperty call on every message.
function add(parts: FoundPart[], taken: Span[], message: string, kind: MessagePartKind, start: number, end: number, raw: string): void {
  parts.push({ kind, start, end, text: message.slice(start, end), raw })
  taken.push({ start, end })
}

/** Every link, e-mail, number, account, QQ / WeChat id and amount in a message, in the order they stand. */
export function extractParts(message: string, folded = foldWidth(message)): FoundPart[] {
  const text = folded
  const parts: FoundPart[] = []
  const taken: Span[] = []

  for (const pattern of [LINK, IP_LINK]) {
    for (const m of matchesOf(pattern, text)) {
      const start = m.index ?? 0
      let link = m[0].replace(TRAILING_PUNCTUATION, '')
      // A link glued to letters before it is part of a word, not a link ("Mr.Wang" aside, see docs).
      if (isLetter(text[start - 1]) || text[start - 1] === '@' || text[start - 1] === '.') continue
      const span = { start, end: start + link.length }
      // The local part of an e-mail address ("john.smith@qq.com") is not a link.
      if (text[span.end] === '@') continue
      if (overlaps(span, taken)) continue
      if (!validLink(link)) continue
      // "hxxp" is how warnings defang a link; it is still the link.
      link = link.replace(/^hxxp/i, 'http')
      add(parts, taken, message, 'url', span.start, span.end, link)
    }
  }
  for (const m of matchesOf(EMAIL, text)) {
    const start = m.index ?? 0
    const span = { start, end: start + m[0].length }
    if (!overlaps(span, taken)) add(parts, taken, message, 'account', span.start, span.end, m[0].toLowerCase())
  }
  for (const re of [QQ, WECHAT]) {
    for (const m of matchesOf(re, text)) {
      const id = m[1]
      const start = (m.index ?? 0) + m[0].lastIndexOf(id)
      const span = { start, end: start + id.length }
      if (overlaps(span, taken) || isDigit(text[span.end]) || isLetter(text[span.end])) continue
      add(parts, taken, message, re === QQ ? 'qq' : 'wechat', span.start, span.end, re === QQ ? id : id.toLowerCase())
    }
  }
  const amounts: Span[] = []
  for (const m of matchesOf(AMOUNT, text)) {
    const start = m.index ?? 0
    if (isDigit(text[start - 1])) continue
    const span = { start, end: start + m[0].length }
    if (overlaps(span, taken)) continue
    amounts.push(span)
    const digits = /\d[\d,]*(?:\.\d+)?/.exec(m[0])?.[0].replace(/,/g, '') ?? '0'
    add(parts, taken, message, 'amount', span.start, span.end, /万/.test(m[0]) ? String(Number(digits) * 10_000) : digits)
  }
  for (const m of matchesOf(DIGIT_RUN, text)) {
    let start = m.index ?? 0
    let run = m[0].replace(/[ \-(]+$/, '')
    // Brackets open a run only as an area code "(0915)"; a stray one before the digits is not part of them.
    if (run.startsWith('(') && !/^\(0\d{2,3}\)/.test(run)) {
      start += 1
      run = run.slice(1)
    }
    const span = { start, end: start + run.length }
    if (overlaps(span, taken) || isLetter(text[start - 1]) || isLetter(text[span.end]) || (text[span.end] === '.' && isDigit(text[span.end + 1]))) continue
    const kind = classifyRun(run, text.slice(Math.max(0, start - 16), start))
    if (kind) add(parts, taken, message, kind, span.start, span.end, run)
  }
  return parts.sort((a, b) => a.start - b.start)
}

/** A link candidate is a link when its host ends in a real top-level domain (the public-suffix list) or is an IP address. */
function validLink(link: string): boolean {
  const host = /^(?:[a-z]+:\/\/)?(?:[^@/]*@)?([^/:?#]+)/i.exec(link)?.[1]?.replace(/\.$/, '').toLowerCase()
  if (!host) return false
  const parsed = parseDomain(host, { allowPrivateDomains: false })
  if (parsed.isIp) return host.split('.').every((n) => Number(n) <= 255)
  return parsed.isIcann === true && parsed.domain !== null && parsed.domain !== parsed.publicSuffix
}

/**
 * What a run of digits is: a phone number of a shape people are called or texted from, a receiving account, or
 * neither (an order number, a date, a pick-up code — left alone).
 */
function classifyRun(run: string, before: string): 'phone' | 'account' | null {
  const digits = run.replace(/\D/g, '')
  const accountContext = ACCOUNT_CONTEXT.test(before)
  if (run.startsWith('+') || digits.startsWith('00')) return digits.length >= 5 && digits.length <= 17 ? 'phone' : null
  if (digits.length >= 16 && digits.length <= 19 && (luhnValid(digits) || accountContext)) return 'account'
  if (digits.length >= 12 && digits.length <= 25 && accountContext) return 'account'
  if (/^1[3-9]\d{9}$/.test(digits)) return 'phone'
  if (/^0\d{9,11}$/.test(digits)) return 'phone'
  // Area code + a police line: 0915-110, 029-96110.
  if (/^0\d{2,3}/.test(digits) && POLICE_CODES.some((c) => digits.endsWith(c) && digits.length - c.length <= 4 && digits.length - c.length >= 3)) return 'phone'
  if (/^[48]00\d{7}$/.test(digits)) return 'phone'
  if (/^9[56]\d{3,6}$/.test(digits) && digits.length <= 8) return 'phone'
  if (DOMESTIC_SHORT_LINES.has(digits)) return 'phone'
  if (/^1[0-2]\d{3}$/.test(digits) && /(拨打|致电|电话|热线|联系|咨询|回复|发送|短信)[^，。\n]{0,4}$/.test(before)) return 'phone'
  return null
}
