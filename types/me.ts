import { Type, type Static } from '@sinclair/typebox'

export const PhoneCodeRequest = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 128, description: 'The code from <Button openType="getPhoneNumber">' })
})
export type PhoneCodeRequest = Static<typeof PhoneCodeRequest>

const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' })
const AreaCode = Type.String({ pattern: '^[0-9]{6,15}$' })
const NamedArea = Type.Object({ code: Type.String(), name: Type.String() })

export const Me = Type.Object(
  {
    residentId: Type.String(),
    phone: Type.Union([Type.String(), Type.Null()], { description: 'Masked, e.g. 138****8000; null until verified' }),
    registered: Type.Boolean(),
    takenOver: Type.Optional(
      Type.Boolean({ description: "This phone's account was registered for me (代登记) and is now mine: sign in again to get its session" })
    ),
    gridWorker: Type.Optional(Type.Boolean({ description: 'Appointed grid worker (网格员) of at least one village: the app shows 网格员工作台' })),
    profile: Type.Union(
      [
        Type.Object({
          name: Type.String(),
          birthDate: IsoDate,
          township: NamedArea,
          village: NamedArea,
          idNumberMasked: Type.Union([Type.String(), Type.Null()], { description: 'e.g. 610**************3X; the full number is never returned' }),
          registeredAt: Type.String({ format: 'date-time' })
        }),
        Type.Null()
      ],
      { description: 'Null until registered' }
    )
  },
  { $id: 'Me' }
)
export type Me = Static<typeof Me>

export const RegisterRequest = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 40, description: '2–20 characters after trimming' }),
  birthDate: IsoDate,
  townshipCode: AreaCode,
  villageCode: AreaCode,
  consentVersion: Type.String({ minLength: 1, maxLength: 20, description: 'The privacy policy version shown and agreed to' }),
  idNumber: Type.Optional(Type.String({ maxLength: 30, description: 'Optional 18-character resident ID number (GB 11643)' }))
})
export type RegisterRequest = Static<typeof RegisterRequest>

export const UpdateMeRequest = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    townshipCode: Type.Optional(AreaCode),
    villageCode: Type.Optional(AreaCode)
  },
  { minProperties: 1 }
)
export type UpdateMeRequest = Static<typeof UpdateMeRequest>

export const MeExport = Type.Object(
  {
    exportedAt: Type.String({ format: 'date-time' }),
    account: Type.Object({
      residentId: Type.String(),
      createdAt: Type.String({ format: 'date-time' }),
      lastLoginAt: Type.String({ format: 'date-time' }),
      wechatLinked: Type.Boolean(),
      phoneVerifiedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()])
    }),
    profile: Me.properties.profile,
    phone: Type.Union([Type.String(), Type.Null()], { description: 'Masked like everywhere else' }),
    consent: Type.Union([Type.Object({ version: Type.String(), at: Type.String({ format: 'date-time' }) }), Type.Null()]),
    checks: Type.Array(Type.Object({ kind: Type.String(), input: Type.String(), verdict: Type.String(), checkedAt: Type.String({ format: 'date-time' }) })),
    sessions: Type.Array(Type.Object({ createdAt: Type.String({ format: 'date-time' }), expiresAt: Type.String({ format: 'date-time' }) }), {
      description: 'Signed-in devices (refresh tokens that are still valid)'
    }),
    family: Type.Optional(
      Type.Object(
        {
          registeredVia: Type.Union([Type.Literal('self'), Type.Literal('family'), Type.Literal('grid'), Type.Null()], {
            description: 'Registered by me, or for me (代登记) by family or a grid worker'
          }),
          guarding: Type.Array(Type.Object({ name: Type.String({ description: 'Masked' }), since: Type.String({ format: 'date-time' }) })),
          guardedBy: Type.Array(Type.Object({ name: Type.String({ description: 'Masked' }), since: Type.String({ format: 'date-time' }) }))
        },
        { description: '家人守护: the links I have (masked names, as the app shows them)' }
      )
    ),
    notes: Type.Array(Type.String(), { description: 'How the data is kept, in Chinese' })
  },
  { $id: 'MeExport' }
)
export type MeExport = Static<typeof MeExport>
