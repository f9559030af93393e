import type { PhoneParseResult } from '../../../rules/phone-types.ts'
import { CALLING_CODES, extractCandidate, parsePhoneWithLibrary, surelyInvalidMainland } from '../../../rules/phone-facts.ts'
import { PhoneFastPath } from './phone-fast-path.ts'

// The server's way to the shared number rules (rules/phone-facts.ts): the same facts, from a prefix cache that the
// library path teaches (phone-fast-path.ts). The phone has no such cache; it parses with the library every time.

/** Shared by every caller; learns prefixes from the library path on first sight (see phone-fast-path.ts). */
export const fastPath = new PhoneFastPath({
  reference: parsePhoneWithLibrary,
  extract: extractCandidate,
  callingCodes: CALLING_CODES,
  learning: 'background',
  surelyInvalid: surelyInvalidMainland
})

/** Facts of a typed or pasted number: the fast path for common mainland shapes, the library for the rest. */
export function parsePhone(raw: string): PhoneParseResult {
  return fastPath.resolve(raw).result
}

/** The 11-digit national number of a valid mainland China mobile ("+86 138 0013 8000" → "13800138000"), else null. */
export function mainlandMobile(raw: string): string | null {
  const parsed = parsePhone(raw)
  if (!parsed.ok) return null
  const f = parsed.facts
  return f.valid && f.callingCode === '86' && f.numberType === 'MOBILE' && /^1\d{10}$/.test(f.nationalNumber) ? f.nationalNumber : null
}

/**
 * Learns the fast path's mobile prefixes (about 0.1 s of library parses a form) ahead of the first residents, in
 * slices between requests, so no resident's check waits on the learning.
 */
export async function warmFastPath(): Promise<void> {
  const slice = async (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
  for (const form of ['', '+86']) {
    let started = performance.now()
    for (let prefix = 13_000; prefix < 20_000; prefix++) {
      fastPath.teach(`${form}${prefix}000000`)
      if (performance.now() - started > 5) {
        await slice()
        started = performance.now()
      }
    }
  }
}
