import { getCountries, getCountryCallingCode, Metadata, parsePhoneNumberFromString, type PhoneNumber } from 'libphonenumber-js/core'
import metadata from './phone-metadata'
import type { NumberType } from '../types/check'
import type { PhoneFacts, PhoneParseResult, PrefixFacts, Shape } from './phone-types'
import { NUMBER_SEPARATORS } from './number-separators'
import { flatMap } from './es2017'

export type { PhoneFacts, PhoneParseResult } from './phone-types'

export const MAX_DIGITS = 20
/** Every country calling code the metadata knows ("1", "86", "852" …), to tell "+86" alone from a number. */
export const CALLING_CODES: ReadonlySet<string> = new Set(getCountries(metadata).map((c) => String(getCountryCallingCode(c, metadata))))

/** The digits after "+"/"00" hold no national number: empty, a calling code alone, or too few to be one. */
function onlyCallingCode(rest: string): boolean {
  for (let n = 1; n <= 3 && n <= rest.length; n++) {
    if (CALLING_CODES.has(rest.slice(0, n))) return rest.length === n
  }
  return rest.length <= 3
}
const MIN_DIGITS = 3
/**
 * The mainland numbering plan exactly as the library holds it (same metadata, same patterns), compiled once: the
 * library compiles each pattern again on every test, which is most of a parse's 40–80 µs.
 */
const MAINLAND = (() => {
  const m = new Metadata(metadata)
  m.selectNumberingPlan('CN')
  // The numbering plan's runtime methods (the ones the library's own getNumberType() calls; not in its typings).
  const plan = m.numberingPlan as unknown as {
    nationalNumberPattern(): string
    nationalPrefixForParsing(): string | undefined
    type(name: string): { pattern(): string; possibleLengths(): number[] | undefined } | undefined
  }
  const whole = (pattern: string) => new RegExp(`^(?:${pattern})$`)
  // The library's getNumberType(): the general pattern, then each type's pattern within that type's lengths.
  const types = ['FIXED_LINE', 'MOBILE', 'PREMIUM_RATE', 'TOLL_FREE', 'SHARED_COST', 'VOIP', 'PERSONAL_NUMBER', 'PAGER', 'UAN', 'VOICEMAIL'] as const
  return {
    general: whole(plan.nationalNumberPattern()),
    types: flatMap(types, (t) => {
      const type = plan.type(t)
      return type?.pattern() ? [{ pattern: whole(type.pattern()), lengths: type.possibleLengths() ?? null }] : []
    }),
    // What the library may strip from the front of a national number (the trunk "0", carrier codes 1[12]xx, 179xx).
    strippable: new RegExp(`^(?:${plan.nationalPrefixForParsing() ?? '0'})`)
  }
})()

/** Would the library call this mainland national number valid? The same test as its isValid(), without re-compiling. */
function validMainland(national: string): boolean {
  if (!MAINLAND.general.test(national)) return false
  return MAINLAND.types.some((t) => (t.lengths === null || t.lengths.includes(national.length)) && t.pattern.test(national))
}

const INVALID_MAINLAND: PrefixFacts = { valid: false, numberType: 'UNKNOWN', country: 'CN' }
// The library parses national numbers of 2–17 digits; outside that it gives up (other facts).
const MAX_NATIONAL = 17

/**
 * The facts of a mainland number (+86, or typed without a prefix) that the library would certainly find invalid
 * with exactly this national number — every national number it might read from the input is invalid — or null.
 */
export function surelyInvalidMainland({ form, callingCode, national }: Readonly<Shape>): PrefixFacts | null {
  if (callingCode !== '86' || national.length < 2 || national.length > MAX_NATIONAL - 1) return null
  switch (form) {
    case 'international':
      // "+86" then a trunk "0" or a carrier code: the library may strip it, and its national number is not ours.
      return MAINLAND.strippable.test(national) || validMainland(national) ? null : INVALID_MAINLAND
    case 'national':
      // "86…" may be read as the calling code; a carrier code may be stripped.
      return national.startsWith('86') || MAINLAND.strippable.test(national) || validMainland(national) ? null : INVALID_MAINLAND
    case 'trunk':
      // "0…": the library reads it with the "0" stripped, or (when that looks worse) with it kept.
      return validMainland(national) || validMainland('0' + national) ? null : INVALID_MAINLAND
  }
}

// Text extraction only (the library validates): the first run that starts with "+" or a digit and
// continues through digits and the usual separators, so "号码 0915-110，说是派出所" yields "0915-110".
const CANDIDATE = new RegExp(`\\+?\\s*\\d(?:[\\d${NUMBER_SEPARATORS}]*\\d)?`)

export function extractCandidate(raw: string): string | null {
  // NFKC folds full-width digits and "＋" to ASCII; other text stays as it is.
  const text = raw.normalize('NFKC')
  const match = CANDIDATE.exec(text)
  return match ? match[0] : null
}

/** The reference: extraction plus libphonenumber for every input. */
export function parsePhoneWithLibrary(raw: string): PhoneParseResult {
  const candidate = extractCandidate(raw)
  if (candidate === null) return { ok: false, reason: 'NO_DIGITS' }
  const digits = candidate.replace(/\D/g, '')
  if (digits.length > MAX_DIGITS) return { ok: false, reason: 'TOO_LONG' }
  if (digits.length < MIN_DIGITS) return { ok: false, reason: 'TOO_SHORT' }

  const plus = candidate.startsWith('+')
  const internationalPrefix = plus || digits.startsWith('00')
  if (internationalPrefix) {
    const rest = plus ? digits : digits.slice(2)
    if (onlyCallingCode(rest)) return { ok: false, reason: 'TOO_SHORT' }
    return { ok: true, facts: internationalFacts(rest) }
  }
  return { ok: true, facts: domesticFacts(digits) }
}

function internationalFacts(rest: string): PhoneFacts {
  const parsed = safeParse('+' + rest)
  const callingCode = parsed?.countryCallingCode ?? null
  let nationalNumber = parsed ? String(parsed.nationalNumber) : rest
  // The library keeps a stray trunk "0" on numbers it cannot validate ("+86 0915 110").
  if (callingCode === '86') nationalNumber = stripTrunk(nationalNumber)
  return describe(parsed, { internationalPrefix: true, callingCode, nationalNumber, trunkPrefix: false })
}

function domesticFacts(digits: string): PhoneFacts {
  const parsed = safeParse(digits, 'CN')
  const trunkPrefix = digits.startsWith('0')
  // A valid number typed with "86" but no "+" ("8613800138000"): the library finds the country code; the key must
  // be the number's own, or a blocklisted number typed that way would not match.
  const nationalNumber =
    parsed?.isValid() && parsed.countryCallingCode === '86' && digits.startsWith('86') && !trunkPrefix ? String(parsed.nationalNumber) : stripTrunk(digits)
  return describe(parsed, { internationalPrefix: false, callingCode: '86', nationalNumber, trunkPrefix })
}

function describe(
  parsed: PhoneNumber | undefined,
  base: Pick<PhoneFacts, 'internationalPrefix' | 'callingCode' | 'nationalNumber' | 'trunkPrefix'>
): PhoneFacts {
  const valid = parsed?.isValid() ?? false
  const libraryType = valid ? parsed?.getType() : undefined
  return {
    ...base,
    key: '+' + (base.callingCode ?? '') + base.nationalNumber,
    e164: valid && parsed ? parsed.number : null,
    country: parsed?.country ?? (base.callingCode === '86' ? 'CN' : null),
    numberType: (libraryType as NumberType | undefined) ?? 'UNKNOWN',
    valid
  }
}

function stripTrunk(national: string): string {
  return national.startsWith('0') ? national.slice(1) : national
}

function safeParse(text: string, region?: 'CN'): PhoneNumber | undefined {
  try {
    return region ? parsePhoneNumberFromString(text, region, metadata) : parsePhoneNumberFromString(text, metadata)
  } catch {
    // The library throws on a few pathological inputs instead of returning undefined; treat as "no number".
    return undefined
  }
}

/**
 * Digits typed without "00"/"+" that are no mainland number but are a valid number abroad with the prefix put back
 * ("852 9876 5432" → HK): the country they look like, else null. Asked only of numbers already found invalid.
 */
export function foreignWithoutPrefix(facts: Readonly<PhoneFacts>): string | null {
  if (facts.internationalPrefix || facts.trunkPrefix || facts.valid || facts.nationalNumber.length < 7) return null
  const parsed = safeParse('+' + facts.nationalNumber)
  return parsed?.isValid() && parsed.country && parsed.country !== 'CN' ? parsed.country : null
}
