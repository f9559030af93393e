import { Type, type Static } from '@sinclair/typebox'

export const AreaVillage = Type.Object({ code: Type.String(), name: Type.String() })
export const AreaTownship = Type.Object({ code: Type.String(), name: Type.String(), villages: Type.Array(AreaVillage) })
export const AreaList = Type.Object({ townships: Type.Array(AreaTownship) }, { $id: 'AreaList' })
export type AreaList = Static<typeof AreaList>

/** The console's 乡镇村与人口 (admin): every area with its 16–60 population, the denominator of coverage. */
export const AdminArea = Type.Object({
  code: Type.String(),
  name: Type.String(),
  parentCode: Type.Union([Type.String(), Type.Null()]),
  population16to60: Type.Integer({ minimum: 0 })
})
export type AdminArea = Static<typeof AdminArea>
export const AdminAreaList = Type.Object({ items: Type.Array(AdminArea) }, { $id: 'AdminAreaList' })
export type AdminAreaList = Static<typeof AdminAreaList>

export const AreaUpdate = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 40 }),
    population16to60: Type.Integer({ minimum: 0, maximum: 10_000_000 })
  },
  { additionalProperties: false }
)
export type AreaUpdate = Static<typeof AreaUpdate>

export const AreaCreate = Type.Object(
  {
    code: Type.String({ pattern: '^[0-9]{6,15}$', description: 'The statistical code (统计用区划代码)' }),
    name: Type.String({ minLength: 1, maxLength: 40 }),
    parentCode: Type.Union([Type.String({ pattern: '^[0-9]{6,15}$' }), Type.Null()], { description: 'The township of a village; null for a township' }),
    population16to60: Type.Integer({ minimum: 0, maximum: 10_000_000 })
  },
  { additionalProperties: false }
)
export type AreaCreate = Static<typeof AreaCreate>
