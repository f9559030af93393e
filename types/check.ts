import { Type, type Static } from '@sinclair/typebox'

export const VERDICTS = ['safe', 'unknown', 'suspicious', 'dangerous'] as const
export type Verdict = (typeof VERDICTS)[number]

export const REASON_CODES = [
  'INTERNATIONAL',
  'SPOOFED_SERVICE',
  'FAKE_POLICE',
  'SERVICE_NUMBER_FORMAT',
  'INBOUND_ONLY',
  'VIRTUAL_OPERATOR',
  'BLOCKLISTED',
  'REPORTED',
  'VERIFIED',
  'NOT_A_VALID_NUMBER'
] as const
export type ReasonCode = (typeof REASON_CODES)[number]

/** What libphonenumber-js calls the number, plus SERVICE for domestic short service lines it does not cover. */
export const NUMBER_TYPES = [
  'MOBILE',
  'FIXED_LINE',
  'FIXED_LINE_OR_MOBILE',
  'TOLL_FREE',
  'SHARED_COST',
  'PREMIUM_RATE',
  'VOIP',
  'PERSONAL_NUMBER',
  'PAGER',
  'UAN',
  'VOICEMAIL',
  'SERVICE',
  'UNKNOWN'
] as const
export type NumberType = (typeof NUMBER_TYPES)[number]

export const CheckPhoneQuery = Type.Object({
  number: Type.String({
    maxLength: 200,
    description: 'The number as the resident typed or pasted it (spaces, dashes, full-width digits, surrounding text allowed)'
  })
})
export type CheckPhoneQuery = Static<typeof CheckPhoneQuery>

export const CheckReason = Type.Object({
  code: Type.Union(REASON_CODES.map((c) => Type.Literal(c))),
  message: Type.String({ description: 'What this means and what to do, in Simplified Chinese' })
})
export type CheckReason = Static<typeof CheckReason>

export const CheckPhoneResponse = Type.Object(
  {
    input: Type.String(),
    e164: Type.Union([Type.String(), Type.Null()], { description: 'E.164 form when the number is a valid one' }),
    country: Type.Union([Type.String(), Type.Null()], { description: 'ISO 3166-1 alpha-2 region, when known' }),
    numberType: Type.Union(NUMBER_TYPES.map((t) => Type.Literal(t))),
    verdict: Type.Union(VERDICTS.map((v) => Type.Literal(v))),
    reasons: Type.Array(CheckReason),
    advice: Type.Array(Type.String()),
    reports: Type.Integer({ minimum: 0, description: 'Distinct residents who reported this number' }),
    checkedAt: Type.String({ format: 'date-time' })
  },
  { $id: 'CheckPhoneResponse' }
)
export type CheckPhoneResponse = Static<typeof CheckPhoneResponse>
