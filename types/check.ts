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

export const URL_REASON_CODES = ['BLOCKLISTED', 'DISGUISED_HOST', 'LOOKALIKE', 'IP_LITERAL', 'SHORTENER', 'INSECURE_LOGIN', 'REPORTED', 'VERIFIED'] as const
export type UrlReasonCode = (typeof URL_REASON_CODES)[number]
export const ACCOUNT_REASON_CODES = ['BLOCKLISTED', 'REPORTED', 'CHECK_DIGIT_MISMATCH'] as const
export type AccountReasonCode = (typeof ACCOUNT_REASON_CODES)[number]

const verdictSchema = Type.Union(VERDICTS.map((v) => Type.Literal(v)))

export const CheckUrlQuery = Type.Object({
  url: Type.String({ maxLength: 2048, description: 'The address as pasted; https:// is assumed when no scheme is given' })
})
export type CheckUrlQuery = Static<typeof CheckUrlQuery>

export const CheckUrlResponse = Type.Object(
  {
    kind: Type.Literal('url'),
    input: Type.String(),
    normalized: Type.String({ description: 'The parsed URL (WHATWG), host in punycode' }),
    host: Type.String({ description: 'The host as a reader sees it (IDN decoded)' }),
    domain: Type.Union([Type.String(), Type.Null()], { description: 'Registrable domain (public-suffix list); null for IP addresses' }),
    verdict: verdictSchema,
    reasons: Type.Array(Type.Object({ code: Type.Union(URL_REASON_CODES.map((c) => Type.Literal(c))), message: Type.String() })),
    advice: Type.Array(Type.String()),
    reports: Type.Integer({ minimum: 0 }),
    checkedAt: Type.String({ format: 'date-time' })
  },
  { $id: 'CheckUrlResponse' }
)
export type CheckUrlResponse = Static<typeof CheckUrlResponse>

export const CheckAccountQuery = Type.Object({
  number: Type.String({ maxLength: 100, description: 'A bank card / account number (spaces allowed), or an Alipay / WeChat id as typed' })
})
export type CheckAccountQuery = Static<typeof CheckAccountQuery>

export const CheckAccountResponse = Type.Object(
  {
    kind: Type.Literal('account'),
    input: Type.String(),
    normalized: Type.String(),
    accountType: Type.Union([Type.Literal('bank'), Type.Literal('mobile'), Type.Literal('email'), Type.Literal('wechat')]),
    verdict: verdictSchema,
    reasons: Type.Array(Type.Object({ code: Type.Union(ACCOUNT_REASON_CODES.map((c) => Type.Literal(c))), message: Type.String() })),
    advice: Type.Array(Type.String()),
    reports: Type.Integer({ minimum: 0 }),
    checkedAt: Type.String({ format: 'date-time' })
  },
  { $id: 'CheckAccountResponse' }
)
export type CheckAccountResponse = Static<typeof CheckAccountResponse>
