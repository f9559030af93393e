import { Type, type Static } from '@sinclair/typebox'

export const AreaVillage = Type.Object({ code: Type.String(), name: Type.String() })
export const AreaTownship = Type.Object({ code: Type.String(), name: Type.String(), villages: Type.Array(AreaVillage) })
export const AreaList = Type.Object({ townships: Type.Array(AreaTownship) }, { $id: 'AreaList' })
export type AreaList = Static<typeof AreaList>
