import type { AdminAccount, AdminAccountList, AuditPage, AuditQuery, CreateAccountRequest, StaffProfileRequest } from '../../../types/admin'
import { http } from './http'

export const listAccounts = () => http.get<AdminAccountList>('/admin/accounts').then((r) => r.data.items)
export const createAccount = (body: CreateAccountRequest) => http.post<AdminAccount>('/admin/accounts', body).then((r) => r.data)
export const setAccountDisabled = (id: string, disabled: boolean) => http.post<AdminAccount>(`/admin/accounts/${id}/status`, { disabled }).then((r) => r.data)
export const resetPassword = (id: string, password: string) => http.post<AdminAccount>(`/admin/accounts/${id}/password`, { password }).then((r) => r.data)
export const getAudit = (query: AuditQuery) => http.get<AuditPage>('/admin/audit', { params: query }).then((r) => r.data)
export const unlockAccount = (id: string) => http.post<AdminAccount>(`/admin/accounts/${id}/unlock`).then((r) => r.data)
export const setProfile = (id: string, body: StaffProfileRequest) => http.put<AdminAccount>(`/admin/accounts/${id}/profile`, body).then((r) => r.data)
