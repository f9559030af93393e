// Plain constants (no schema library) so the app can import them as values without pulling TypeBox in.

/** The privacy policy version a resident consents to; the server accepts registrations for this version only. */
export const PRIVACY_POLICY_VERSION = '2026-12-01'

/** Registration is open from 16; coverage counts the 16–60 cohort. */
export const MIN_REGISTRATION_AGE = 16
export const COVERAGE_MAX_AGE = 60
