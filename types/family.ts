import { Type, type SchemaOptions, type Static } from '@sinclair/typebox'
import { CaptchaAnswer } from './auth'
import { RISK_TYPES } from './warning-wording'
// Plain values live in family-wording: import them from there (the app does, without pulling in TypeBox).
import { FAMILY_RELATIONS, FAMILY_ROLES } from './family-wording'

/**
 * Family guardians (家人守护) and 代登记: a resident guards a family member (gets a copy of their warnings, is the
 * county's second number to call), and may register an elder without a smartphone. See docs/family.md.
 */

const literals = <T extends string>(values: readonly T[], options: SchemaOptions = {}) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    options
  )
const DateTime = Type.String({ format: 'date-time' })

export const FamilyInviteRequest = Type.Object(
  {
    role: literals(FAMILY_ROLES, { description: 'The side the inviter takes: guardian (I will guard them) or ward (guard me)' }),
    relation: Type.Optional(literals(FAMILY_RELATIONS, { description: 'What the other person is to the inviter' }))
  },
  { additionalProperties: false }
)
export type FamilyInviteRequest = Static<typeof FamilyInviteRequest>

export const FamilyInvite = Type.Object(
  {
    id: Type.String(),
    code: Type.String({ description: 'Shown once: 8 characters the other person types in (or opens from the share card)' }),
    role: literals(FAMILY_ROLES),
    relation: Type.Union([literals(FAMILY_RELATIONS), Type.Null()]),
    expiresAt: DateTime,
    shareText: Type.String({ description: 'What to send the family member' })
  },
  { $id: 'FamilyInvite' }
)
export type FamilyInvite = Static<typeof FamilyInvite>

export const FamilyCodeRequest = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 20, description: 'The invitation code (spaces, dashes and case do not matter)' })
  },
  { additionalProperties: false }
)
export type FamilyCodeRequest = Static<typeof FamilyCodeRequest>

export const FamilyInvitePreview = Type.Object(
  {
    inviterName: Type.String({ description: 'Masked: 王**' }),
    inviterRole: literals(FAMILY_ROLES),
    /** What the inviter is to the one accepting, when the inviter said. */
    relation: Type.Union([literals(FAMILY_RELATIONS), Type.Null()]),
    expiresAt: DateTime
  },
  { $id: 'FamilyInvitePreview' }
)
export type FamilyInvitePreview = Static<typeof FamilyInvitePreview>

/** A family member as the other side sees them: the masked name, nothing else personal. */
export const FamilyMember = Type.Object({
  linkId: Type.String(),
  name: Type.String({ description: 'Masked: 王**' }),
  relation: Type.Union([literals(FAMILY_RELATIONS), Type.Null()], { description: 'What this person is to me' }),
  since: DateTime,
  proxyRegistered: Type.Boolean({ description: 'I registered them (代登记) and they have not taken the account over yet' })
})
export type FamilyMember = Static<typeof FamilyMember>

export const PendingInvite = Type.Object({
  id: Type.String(),
  role: literals(FAMILY_ROLES),
  relation: Type.Union([literals(FAMILY_RELATIONS), Type.Null()]),
  expiresAt: DateTime
})
export type PendingInvite = Static<typeof PendingInvite>

export const Family = Type.Object(
  {
    /** People I guard. */
    guarding: Type.Array(FamilyMember),
    /** People who guard me. */
    guardedBy: Type.Array(FamilyMember),
    invites: Type.Array(PendingInvite),
    limit: Type.Integer(),
    used: Type.Integer()
  },
  { $id: 'Family' }
)
export type Family = Static<typeof Family>

/** A copy of a family member's warning, as their guardian sees it (red card): nothing but what to do. */
export const FamilyAlert = Type.Object({
  id: Type.String(),
  wardName: Type.String({ description: 'Masked: 王**' }),
  wardPhone: Type.Union([Type.String(), Type.Null()], { description: "The family member's own number, for 给TA打电话 (the link is their consent)" }),
  relation: Type.Union([literals(FAMILY_RELATIONS), Type.Null()]),
  riskType: literals(RISK_TYPES),
  title: Type.String(),
  happened: Type.String(),
  advice: Type.Array(Type.String()),
  hotline: Type.String(),
  receivedAt: DateTime,
  answer: Type.Union([Type.Literal('contacted_safe'), Type.Null()]),
  answeredAt: Type.Union([DateTime, Type.Null()])
})
export type FamilyAlert = Static<typeof FamilyAlert>

export const FamilyAlertAnswer = Type.Object(
  { answer: Type.Literal('contacted_safe', { description: '已联系家人，没有转账' }) },
  { additionalProperties: false }
)
export type FamilyAlertAnswer = Static<typeof FamilyAlertAnswer>

/** 代登记 step 1: the consent code goes to the elder's own phone. */
export const ProxyCodeRequest = Type.Object(
  {
    phone: Type.String({ minLength: 1, maxLength: 40, description: "The elder's 11-digit mainland mobile" }),
    captcha: Type.Optional(CaptchaAnswer)
  },
  { additionalProperties: false }
)
export type ProxyCodeRequest = Static<typeof ProxyCodeRequest>

const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' })
const AreaCode = Type.String({ pattern: '^[0-9]{6,15}$' })

/** 代登记 step 2: the code the elder read out, and their registration. */
export const ProxyRegistrationRequest = Type.Object(
  {
    phone: Type.String({ minLength: 1, maxLength: 40 }),
    code: Type.String({ minLength: 1, maxLength: 10, description: 'The consent code the elder read out' }),
    name: Type.String({ minLength: 1, maxLength: 40 }),
    birthDate: IsoDate,
    townshipCode: AreaCode,
    villageCode: AreaCode,
    consentVersion: Type.String({ minLength: 1, maxLength: 20, description: 'The privacy policy version read to the elder' }),
    as: literals(['family', 'grid'] as const, { description: "family: I become their guardian; grid: as their village's grid worker (no link)" }),
    relation: Type.Optional(literals(FAMILY_RELATIONS, { description: 'What the elder is to me (family only)' }))
  },
  { additionalProperties: false }
)
export type ProxyRegistrationRequest = Static<typeof ProxyRegistrationRequest>

export const ProxyRegistrationResult = Type.Object(
  {
    residentId: Type.String(),
    name: Type.String({ description: 'Masked' }),
    phone: Type.String({ description: 'Masked' }),
    linkId: Type.Union([Type.String(), Type.Null()])
  },
  { $id: 'ProxyRegistrationResult' }
)
export type ProxyRegistrationResult = Static<typeof ProxyRegistrationResult>
