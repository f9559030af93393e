import { Type, type Static } from '@sinclair/typebox'
import { ADMIN_ROLES } from './admin-roles'

export { ADMIN_ROLES, STAFF_CAPABILITIES, roleCan, type AdminRole, type Capability } from './admin-roles'

export const AdminLoginRequest = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 200 })
})
export type AdminLoginRequest = Static<typeof AdminLoginRequest>

export const AdminSession = Type.Object(
  {
    accessToken: Type.String({ description: 'JWT (HS256, audience "admin")' }),
    expiresIn: Type.Integer(),
    username: Type.String(),
    role: Type.Union(ADMIN_ROLES.map((r) => Type.Literal(r))),
    townshipCode: Type.Union([Type.String(), Type.Null()], { description: 'Set for officers: the one township they see' }),
    policeNumber: Type.Union([Type.String(), Type.Null()], { description: '警号, needed to claim warning calls and visits' }),
    mustChangePassword: Type.Boolean({
      description:
        'An admin set this password (new account or reset): every other admin call answers 403 PASSWORD_CHANGE_REQUIRED until POST /admin/me/password'
    })
  },
  { $id: 'AdminSession' }
)
export type AdminSession = Static<typeof AdminSession>

const CoverageFigures = {
  code: Type.String(),
  name: Type.String(),
  registered16to60: Type.Integer({ description: 'Registered residents aged 16–60 on asOf' }),
  population16to60: Type.Integer(),
  ratio: Type.Number({ description: 'registered16to60 / population16to60, 0 when the population is 0' }),
  proxyRegistered16to60: Type.Integer({ description: 'Of registered16to60, those registered for them by family or a grid worker (代登记)' })
}

export const Coverage = Type.Object(
  {
    asOf: Type.String({ description: 'The day ages are computed for (Asia/Shanghai), YYYY-MM-DD' }),
    townships: Type.Array(Type.Object({ ...CoverageFigures, villages: Type.Array(Type.Object(CoverageFigures)) })),
    totals: Type.Object({
      registered16to60: Type.Integer(),
      proxyRegistered16to60: Type.Integer(),
      population16to60: Type.Integer(),
      ratio: Type.Number(),
      registeredAllAges: Type.Integer({ description: 'Registered residents of any age (16+) in the areas shown' })
    })
  },
  { $id: 'Coverage' }
)
export type Coverage = Static<typeof Coverage>

const Role = Type.Union(ADMIN_ROLES.map((r) => Type.Literal(r)))

/** A staff account as the console's 账号 page shows it (admin only). */
export const AdminAccount = Type.Object(
  {
    id: Type.String(),
    username: Type.String(),
    role: Role,
    townshipCode: Type.Union([Type.String(), Type.Null()]),
    disabled: Type.Boolean(),
    createdAt: Type.String({ format: 'date-time' }),
    lastLoginAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    lockedUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
      description: 'Sign-ins paused until then after too many failures in a row (an admin may unlock)'
    }),
    displayName: Type.Union([Type.String(), Type.Null()], { description: 'The name a resident checks a caller against (核验民警)' }),
    policeNumber: Type.Union([Type.String(), Type.Null()], { description: '警号' }),
    unit: Type.Union([Type.String(), Type.Null()], { description: 'e.g. 县公安局反诈中心, 城关派出所' })
  },
  { $id: 'AdminAccount' }
)
export type AdminAccount = Static<typeof AdminAccount>

export const AdminAccountList = Type.Object({ items: Type.Array(AdminAccount) }, { $id: 'AdminAccountList' })
export type AdminAccountList = Static<typeof AdminAccountList>

const StaffProfileFields = {
  displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 20, description: 'Real name, as a resident is told it' })),
  policeNumber: Type.Optional(
    Type.String({ minLength: 3, maxLength: 12, pattern: '^[0-9A-Za-z]+$', description: '警号 (needed to claim warning calls and visits)' })
  ),
  unit: Type.Optional(Type.String({ minLength: 1, maxLength: 40 }))
}

/** Name, police number and unit: what a resident checks a warning caller against. */
export const StaffProfileRequest = Type.Object(StaffProfileFields, { additionalProperties: false })
export type StaffProfileRequest = Static<typeof StaffProfileRequest>

export const CreateAccountRequest = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64, description: '3–32 characters of a–z, 0–9, "_", "." or "-"' }),
    password: Type.String({ minLength: 1, maxLength: 200, description: 'At least 10 characters' }),
    role: Role,
    townshipCode: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()], { description: 'Officers only: the township they work in' })),
    ...StaffProfileFields
  },
  { additionalProperties: false }
)
export type CreateAccountRequest = Static<typeof CreateAccountRequest>

export const AccountStatusRequest = Type.Object({ disabled: Type.Boolean() }, { additionalProperties: false })
export type AccountStatusRequest = Static<typeof AccountStatusRequest>

export const ResetPasswordRequest = Type.Object(
  { password: Type.String({ minLength: 1, maxLength: 200, description: 'The new password, at least 10 characters' }) },
  { additionalProperties: false }
)
export type ResetPasswordRequest = Static<typeof ResetPasswordRequest>

/** The signed-in account changes its own password (修改密码). */
export const ChangeOwnPasswordRequest = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
    newPassword: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'At least 10 characters, not a repetition, keyboard run, common password or the username'
    })
  },
  { additionalProperties: false }
)
export type ChangeOwnPasswordRequest = Static<typeof ChangeOwnPasswordRequest>

/** One row of the audit log (admin only). */
export const AuditEntry = Type.Object({
  id: Type.String(),
  at: Type.String({ format: 'date-time' }),
  adminId: Type.Union([Type.String(), Type.Null()]),
  adminUsername: Type.Union([Type.String(), Type.Null()]),
  action: Type.String({ description: 'e.g. blocklist.put, report.confirm, account.disable' }),
  target: Type.String({ description: 'What it acted on, e.g. phone:+8617012345678 or admin:editor1' }),
  before: Type.Unknown(),
  after: Type.Unknown()
})
export type AuditEntry = Static<typeof AuditEntry>

export const AuditPage = Type.Object(
  {
    items: Type.Array(AuditEntry),
    next: Type.Union([Type.String(), Type.Null()], { description: 'Pass as `before` for the next (older) page' })
  },
  { $id: 'AuditPage' }
)
export type AuditPage = Static<typeof AuditPage>

export const AuditQuery = Type.Object(
  {
    admin: Type.Optional(Type.String({ maxLength: 64, description: 'Username' })),
    action: Type.Optional(Type.String({ maxLength: 64, description: 'An action, or its prefix ending in "." (e.g. "blocklist.")' })),
    target: Type.Optional(Type.String({ maxLength: 200, description: 'Part of the target' })),
    from: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'First China day' })),
    to: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Last China day' })),
    before: Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 }))
  },
  { additionalProperties: false }
)
export type AuditQuery = Static<typeof AuditQuery>
