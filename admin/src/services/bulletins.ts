import type { AdminBulletin, AdminBulletinList, BulletinInput, BulletinPatch, BulletinStatus } from '../../../types/bulletins'
import { http } from './http'

export const listBulletins = (status?: BulletinStatus) => http.get<AdminBulletinList>('/admin/bulletins', { params: { status } }).then((r) => r.data.items)
export const getBulletin = (id: string) => http.get<AdminBulletin>(`/admin/bulletins/${id}`).then((r) => r.data)
export const createBulletin = (body: BulletinInput) => http.post<AdminBulletin>('/admin/bulletins', body).then((r) => r.data)
export const updateBulletin = (id: string, patch: BulletinPatch) => http.patch<AdminBulletin>(`/admin/bulletins/${id}`, patch).then((r) => r.data)
export const getAudienceSize = (id: string) => http.get<{ residents: number }>(`/admin/bulletins/${id}/audience`).then((r) => r.data.residents)
export const publishBulletin = (id: string) => http.post<AdminBulletin>(`/admin/bulletins/${id}/publish`).then((r) => r.data)
export const scheduleBulletin = (id: string, at: string) => http.post<AdminBulletin>(`/admin/bulletins/${id}/schedule`, { at }).then((r) => r.data)
export const withdrawBulletin = (id: string) => http.post<AdminBulletin>(`/admin/bulletins/${id}/withdraw`).then((r) => r.data)
