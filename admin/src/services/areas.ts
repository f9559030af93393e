import type { AdminArea, AdminAreaList, AreaCreate, AreaUpdate } from '../../../types/areas'
import { http } from './http'

export const listAdminAreas = () => http.get<AdminAreaList>('/admin/areas').then((r) => r.data.items)
export const updateArea = (code: string, body: AreaUpdate) => http.put<AdminArea>(`/admin/areas/${code}`, body).then((r) => r.data)
export const createArea = (body: AreaCreate) => http.post<AdminArea>('/admin/areas', body).then((r) => r.data)
