import type { CheckReason, NumberType, ReasonCode, Verdict } from '../types/check'
import type { PhoneFacts } from './phone-facts'
import { foreignWithoutPrefix } from './phone-facts'
import { adviceFor, reasonMessage } from './messages'
import type { ListFacts } from './list-facts'

// Rule data. Sources: MIIT caller-ID rules, police notices (see docs/architecture.md "The phone check").
/** Short domestic lines (emergency, government hotlines, carriers) that never call from abroad or behind +86. */
export const DOMESTIC_SHORT_LINES: ReadonlySet<string> = new Set([
  '110',
  '119',
  '120',
  '122',
  '12110',
  '12345',
  '12315',
  '12321',
  '12328',
  '12333',
  '12348',
  '12358',
  '12366',
  '12368',
  '12381',
  '12306',
  '12388',
  '96110',
  '10086',
  '10010',
  '10000',
  '10099',
  '95598'
])
/** Police / anti-fraud codes whose appearance behind an area code marks a fake police call. */
export const POLICE_CODES: readonly string[] = ['110', '12110', '96110']
/** Mobile segments of the virtual operators, over-represented in police fraud statistics. */
export const VIRTUAL_OPERATOR_PREFIXES: readonly string[] = ['170', '171', '162', '165', '167']
/** 400/800 numbers: inbound-only business lines (the library types them TOLL_FREE / SHARED_COST). */
export const INBOUND_ONLY_PREFIXES: readonly string[] = ['400', '800']
/** Registered 95/96 service lines have 5–7 digits (95588, 95105xx); longer is not a registered line. */
export const SERVICE_LINE_MAX_DIGITS = 7
// Area codes: 10, 2x, or three digits starting 3–9 (without the trunk 0).
const AREA_CODE = /^(?:10|2\d|[3-9]\d\d)/

export type ServiceClass = 'short-line' | 'service-95-96' | 'inbound-only'

/** Classifies a +86 national number as a domestic service line, or null for ordinary numbers. */
export function serviceClassOf(facts: PhoneFacts): ServiceClass | null {
  if (facts.callingCode !== '86') return null
  const n = facts.nationalNumber
  if ((facts.numberType === 'TOLL_FREE' || facts.numberType === 'SHARED_COST') && INBOUND_ONLY_PREFIXES.some((p) => n.startsWith(p))) {
    return 'inbound-only'
  }
  if (facts.trunkPrefix || facts.valid) return null // an area code was dialled or the library knows it as a line
  if (DOMESTIC_SHORT_LINES.has(n)) return 'short-line'
  if (/^9[56]\d{3,}$/.test(n)) return 'service-95-96'
  return null
}

/** The number type the answer shows: a service line the library does not know is shown as one. */
export function shownNumberType(facts: PhoneFacts): NumberType {
  return facts.numberType === 'UNKNOWN' && serviceClassOf(facts) !== null ? 'SERVICE' : facts.numberType
}

export function isFakePolice(facts: PhoneFacts): boolean {
  if (facts.callingCode !== '86' || facts.valid) return false
  const n = facts.nationalNumber
  return POLICE_CODES.some((code) => {
    if (!n.endsWith(code) || n.length === code.length) return false
    return AREA_CODE.test(n.slice(0, n.length - code.length)) && n.length - code.length <= 3
  })
}

/** Format-only reasons: what the number itself says, before any list is consulted. */
export function formatReasonCodes(facts: PhoneFacts): ReasonCode[] {
  const codes: ReasonCode[] = []
  const service = serviceClassOf(facts)
  if (facts.internationalPrefix && facts.callingCode !== '86') codes.push('INTERNATIONAL')
  if (facts.internationalPrefix && service !== null) codes.push('SPOOFED_SERVICE')
  if (isFakePolice(facts)) codes.push('FAKE_POLICE')
  if (!facts.internationalPrefix && service === 'service-95-96' && facts.nationalNumber.length > SERVICE_LINE_MAX_DIGITS) {
    codes.push('SERVICE_NUMBER_FORMAT')
  }
  if (!facts.internationalPrefix && service === 'inbound-only') codes.push('INBOUND_ONLY')
  if (facts.numberType === 'MOBILE' && facts.callingCode === '86' && VIRTUAL_OPERATOR_PREFIXES.some((p) => facts.nationalNumber.startsWith(p))) {
    codes.push('VIRTUAL_OPERATOR')
  }
  if (!facts.valid && service === null && !codes.includes('FAKE_POLICE')) codes.push('NOT_A_VALID_NUMBER')
  return codes
}

export type { ListFacts } from './list-facts'

export const SEVERITY: Record<ReasonCode, Verdict> = {
  BLOCKLISTED: 'dangerous',
  SPOOFED_SERVICE: 'dangerous',
  FAKE_POLICE: 'dangerous',
  INTERNATIONAL: 'suspicious',
  SERVICE_NUMBER_FORMAT: 'suspicious',
  INBOUND_ONLY: 'suspicious',
  VIRTUAL_OPERATOR: 'suspicious',
  REPORTED: 'suspicious',
  NOT_A_VALID_NUMBER: 'suspicious',
  VERIFIED: 'safe',
  IN_TEXT: 'unknown',
  MAYBE_BLOCKLISTED: 'suspicious',
  UNCONFIRMED: 'unknown'
}
const RANK: Record<Verdict, number> = { unknown: 0, safe: 1, suspicious: 2, dangerous: 3 }

export interface PhoneVerdict {
  verdict: Verdict
  reasons: CheckReason[]
  advice: string[]
}

/** The verdict and its reason codes, most severe first: the whole judgement, before any text is written. */
export function judge(facts: PhoneFacts, lists: ListFacts, inText = false): { verdict: Verdict; codes: ReasonCode[] } {
  const format = formatReasonCodes(facts)
  let codes: ReasonCode[]
  if (lists.verified && !format.includes('SPOOFED_SERVICE') && !lists.blocked) {
    // The county's verified list outranks format rules, but never a spoofed display or a blocklist entry; and a
    // verified number inside other text ("【建设银行】95533…请登录 ccb-yz.top") says nothing about that text.
    codes = [inText ? 'IN_TEXT' : 'VERIFIED']
  } else {
    codes = format
    if (lists.blocked) codes.unshift('BLOCKLISTED')
    else if (lists.reporters > 0) codes.push('REPORTED')
    if (!lists.blocked && lists.maybeBlocked) codes.push('MAYBE_BLOCKLISTED')
  }
  const verdict = codes.reduce<Verdict>((worst, code) => (RANK[SEVERITY[code]] > RANK[worst] ? SEVERITY[code] : worst), 'unknown')
  // Most severe first, so the card leads with what matters.
  codes.sort((a, b) => RANK[SEVERITY[b]] - RANK[SEVERITY[a]])
  return { verdict, codes }
}

/**
 * Everything the explanation's text depends on besides the codes (see messages.ts): two answers with equal
 * codes and equal context words are worded identically, so their serialized explanation can be shared.
 */
export function explanationKey(codes: readonly ReasonCode[], facts: PhoneFacts, lists: ListFacts): string {
  const country = codes.includes('INTERNATIONAL') ? (facts.country ?? '') : codes.includes('NOT_A_VALID_NUMBER') ? (foreignWithoutPrefix(facts) ?? '') : ''
  return `${codes.join(',')}|${lists.reporters}|${country}|${lists.blocked?.category ?? ''}|${codes.includes('VERIFIED') || codes.includes('IN_TEXT') ? (lists.verified?.label ?? '') : ''}`
}

export function explain(
  verdict: Verdict,
  codes: readonly ReasonCode[],
  facts: PhoneFacts,
  lists: ListFacts,
  countryName: (region: string) => string
): PhoneVerdict {
  const context = { facts, lists, countryName }
  return { verdict, reasons: codes.map((code) => ({ code, message: reasonMessage(code, context) })), advice: adviceFor(verdict, 'phone') }
}

export function verdictFor(facts: PhoneFacts, lists: ListFacts, countryName: (region: string) => string): PhoneVerdict {
  const { verdict, codes } = judge(facts, lists)
  return explain(verdict, codes, facts, lists, countryName)
}
