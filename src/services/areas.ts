import type { AreaList } from '../../types/areas'
import { http } from './http'

/** GET /areas — townships with their villages, for the pickers. */
export async function getAreas(): Promise<AreaList> {
  return (await http.get<AreaList>('/areas')).data
}
