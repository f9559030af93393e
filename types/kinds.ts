import { Type } from '@sinclair/typebox'

// The one vocabulary for what residents check, report and the centre lists (the app imports the types only).

/** What the shared blocklist holds and a single-value check answers: a number, an address, an account. */
export const VALUE_KINDS = ['phone', 'url', 'account'] as const
export type ValueKind = (typeof VALUE_KINDS)[number]

/** What a resident can check or report: one value, or a whole pasted message. */
export const CHECK_KINDS = [...VALUE_KINDS, 'message'] as const
export type CheckKind = (typeof CHECK_KINDS)[number]

export const ValueKindSchema = Type.Union(VALUE_KINDS.map((k) => Type.Literal(k)))
export const CheckKindSchema = Type.Union(CHECK_KINDS.map((k) => Type.Literal(k)))
