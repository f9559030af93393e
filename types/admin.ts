import { Type, type Static } from '@sinclair/typebox'

export const ADMIN_ROLES = ['admin', 'editor', 'reviewer', 'officer'] as const
export type AdminRole = (typeof ADMIN_ROLES)[number]

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
    townshipCode: Type.Union([Type.String(), Type.Null()], { description: 'Set for officers: the one township they see' })
  },
  { $id: 'AdminSession' }
)
export type AdminSession = Static<typeof AdminSession>

const CoverageFigures = {
  code: Type.String(),
  name: Type.String(),
  registered16to60: Type.Integer({ description: 'Registered residents aged 16–60 on asOf' }),
  population16to60: Type.Integer(),
  ratio: Type.Number({ description: 'registered16to60 / population16to60, 0 when the population is 0' })
}

export const Coverage = Type.Object(
  {
    asOf: Type.String({ description: 'The day ages are computed for (Asia/Shanghai), YYYY-MM-DD' }),
    townships: Type.Array(Type.Object({ ...CoverageFigures, villages: Type.Array(Type.Object(CoverageFigures)) })),
    totals: Type.Object({
      registered16to60: Type.Integer(),
      population16to60: Type.Integer(),
      ratio: Type.Number(),
      registeredAllAges: Type.Integer({ description: 'Registered residents of any age (16+) in the areas shown' })
    })
  },
  { $id: 'Coverage' }
)
export type Coverage = Static<typeof Coverage>
