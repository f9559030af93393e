import { Type, type Static } from '@sinclair/typebox'
import { MAX_MESSAGE_LENGTH } from './check-limits'
import { SCAM_SCRIPTS, type ScamScriptCode } from './scam-scripts'

export { MAX_MESSAGE_LENGTH }

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
  'NOT_A_VALID_NUMBER',
  'IN_TEXT',
  // Offline answers only (rules/offline.ts): a hit in the phone's copy of the blocklist, and an answer the rules would
  // call safe but the lists could not confirm. The server never sends them.
  'MAYBE_BLOCKLISTED',
  'UNCONFIRMED'
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

export const URL_REASON_CODES = [
  'BLOCKLISTED',
  'DISGUISED_HOST',
  'IMPERSONATION',
  'GOVERNMENT_DISGUISE',
  'LOOKALIKE',
  'IP_LITERAL',
  'SHORTENER',
  'FREE_HOSTING',
  'INSECURE_LOGIN',
  'REPORTED',
  'VERIFIED',
  'MAYBE_BLOCKLISTED',
  'UNCONFIRMED'
] as const
export type UrlReasonCode = (typeof URL_REASON_CODES)[number]
export const ACCOUNT_REASON_CODES = ['BLOCKLISTED', 'REPORTED', 'CHECK_DIGIT_MISMATCH', 'MAYBE_BLOCKLISTED'] as const
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

// ---- The whole-message check (粘贴一查) ----

export const MESSAGE_PART_KINDS = ['phone', 'url', 'account', 'qq', 'wechat', 'amount'] as const
export type MessagePartKind = (typeof MESSAGE_PART_KINDS)[number]

/** Why a part of a message is judged as it is: the single checks' codes, and NOT_THE_SENDER for a claimed sender's wrong link or number. */
export const PART_REASON_CODES = [...new Set([...REASON_CODES, ...URL_REASON_CODES, ...ACCOUNT_REASON_CODES, 'NOT_THE_SENDER', 'OFFICIAL'] as const)]
export type PartReasonCode = ReasonCode | UrlReasonCode | AccountReasonCode | 'NOT_THE_SENDER' | 'OFFICIAL'

export { SCAM_SCRIPTS, type ScamScriptCode }

export const MESSAGE_REASON_CODES = ['IMPERSONATION', 'SCRIPT', 'DANGEROUS_PART', 'SUSPICIOUS_PART', 'ASKS_FOR_MONEY_OR_CODE', 'NOTHING_FOUND'] as const
export type MessageReasonCode = (typeof MESSAGE_REASON_CODES)[number]

export const CheckMessageRequest = Type.Object(
  {
    text: Type.String({ maxLength: MAX_MESSAGE_LENGTH, description: 'The whole message as pasted (SMS or chat text)' })
  },
  { additionalProperties: false }
)
export type CheckMessageRequest = Static<typeof CheckMessageRequest>

export const MessagePart = Type.Object({
  kind: Type.Union(MESSAGE_PART_KINDS.map((k) => Type.Literal(k))),
  text: Type.String({ description: 'The part exactly as it stands in the message' }),
  start: Type.Integer({ minimum: 0, description: 'UTF-16 offset of the part in the message' }),
  end: Type.Integer({ minimum: 0, description: 'UTF-16 offset just past the part' }),
  value: Type.String({ description: 'The normalized value (list key): +86…, host, account digits, id' }),
  verdict: verdictSchema,
  reasons: Type.Array(Type.Object({ code: Type.Union(PART_REASON_CODES.map((c) => Type.Literal(c))), message: Type.String() }))
})
export type MessagePart = Static<typeof MessagePart>

export const MessageScript = Type.Object({
  code: Type.Union(SCAM_SCRIPTS.map((s) => Type.Literal(s.code))),
  name: Type.String(),
  fraudType: Type.String({ description: '学反诈 fraud-type code (GET /tips?type=…)' }),
  matched: Type.Array(Type.String(), { description: 'The words of the message that matched' }),
  message: Type.String()
})
export type MessageScript = Static<typeof MessageScript>

export const CheckMessageResponse = Type.Object(
  {
    kind: Type.Literal('message'),
    verdict: verdictSchema,
    length: Type.Integer({ minimum: 0, description: 'Characters checked (the whole message)' }),
    sender: Type.Union([Type.String(), Type.Null()], {
      description: 'Who the message claims to be from (【签名】, a brand, a service number), when recognised'
    }),
    parts: Type.Array(MessagePart),
    scripts: Type.Array(MessageScript),
    reasons: Type.Array(Type.Object({ code: Type.Union(MESSAGE_REASON_CODES.map((c) => Type.Literal(c))), message: Type.String() }), {
      description: 'What decided, most severe first'
    }),
    advice: Type.Array(Type.String()),
    checkedAt: Type.String({ format: 'date-time' })
  },
  { $id: 'CheckMessageResponse' }
)
export type CheckMessageResponse = Static<typeof CheckMessageResponse>
