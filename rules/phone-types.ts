import type { NumberType } from '../types/check'

// What a parsed number is, apart from how it is parsed (phone-facts.ts and the server's fast path both build it).

/** Everything the rules need to know about one typed or pasted number, derived once and cached. */
export interface PhoneFacts {
  /** Shown with a "+" or "00" international prefix. */
  internationalPrefix: boolean
  /** Country calling code without "+", null when the prefix leads to no known code. */
  callingCode: string | null
  /** National significant number: the digits after the calling code, without the trunk "0". */
  nationalNumber: string
  /** Entered domestically with a trunk "0" (an area code), e.g. "0915-110". */
  trunkPrefix: boolean
  /** Canonical "+<code><national>" form used as the blocklist / verified-list key. */
  key: string
  e164: string | null
  country: string | null
  numberType: NumberType
  valid: boolean
}

export type PhoneParseResult = { ok: true; facts: PhoneFacts } | { ok: false; reason: 'NO_DIGITS' | 'TOO_LONG' | 'TOO_SHORT' }

/** How the national number was written. */
export type Form = 'national' | 'trunk' | 'international'

/** A number as the fast path scans it: how it was written, its calling code, its national digits. */
export interface Shape {
  form: Form
  callingCode: string
  national: string
}

/** What every number under a uniform prefix is. */
export interface PrefixFacts {
  valid: boolean
  numberType: NumberType
  country: string | null
}
