/**
 * Resident identity numbers (GB 11643-1999): 6-digit region code, 8-digit birth date, 3-digit sequence and
 * a check character computed over the first 17 digits (ISO 7064 MOD 11-2).
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARS = '10X98765432'

export type IdNumberProblem = 'FORMAT' | 'REGION' | 'BIRTH_DATE' | 'CHECKSUM' | 'BIRTH_DATE_MISMATCH'

export function checkCharacter(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK_CHARS[sum % 11]
}

/** Normalizes (trim, full-width folded, upper-case x) and validates; returns the number or the problem. */
export function validateIdNumber(
  input: string,
  birthDate?: string
): { ok: true; idNumber: string; birthDate: string } | { ok: false; problem: IdNumberProblem } {
  const id = input.normalize('NFKC').trim().toUpperCase()
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, problem: 'FORMAT' }
  if (id.startsWith('000000') || id[0] === '0') return { ok: false, problem: 'REGION' }
  const born = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`
  if (!isRealDate(born) || born < '1900-01-01') return { ok: false, problem: 'BIRTH_DATE' }
  if (checkCharacter(id.slice(0, 17)) !== id[17]) return { ok: false, problem: 'CHECKSUM' }
  if (birthDate !== undefined && birthDate !== born) return { ok: false, problem: 'BIRTH_DATE_MISMATCH' }
  return { ok: true, idNumber: id, birthDate: born }
}

/** The only form ever shown again: region prefix and the last two characters. */
export function maskIdNumber(id: string): string {
  return id.slice(0, 3) + '*'.repeat(id.length - 5) + id.slice(-2)
}

export function isRealDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3])
}

/** Age in whole years on `today` (both YYYY-MM-DD); a 29 February birthday counts from 1 March in other years. */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number)
  const [ty, tm, td] = today.split('-').map(Number)
  let age = ty - by
  if (tm < bm || (tm === bm && td < bd)) age--
  return age
}

/** The same calendar day `years` earlier, 29 February falling back to the 28th in common years. */
function yearsBefore(day: string, years: number): string {
  const y = Number(day.slice(0, 4)) - years
  const candidate = `${String(y).padStart(4, '0')}${day.slice(4)}`
  return isRealDate(candidate) ? candidate : `${String(y).padStart(4, '0')}-02-28`
}

/**
 * Birth-date bounds of everyone aged `minAge`–`maxAge` on `today` with the same rule as ageOn:
 * born on or before `bornOnOrBefore` and after `bornAfter`.
 */
export function birthDateBounds(today: string, minAge: number, maxAge: number): { bornOnOrBefore: string; bornAfter: string } {
  return { bornOnOrBefore: yearsBefore(today, minAge), bornAfter: yearsBefore(today, maxAge + 1) }
}
