import type { AdminSession } from '../../../types/admin'
import { http } from './http'

export const login = (username: string, password: string) => http.post<AdminSession>('/admin/login', { username, password }).then((r) => r.data)

/** POST /admin/logout — ends this account's sessions on the server (every token issued so far stops working). */
export const logout = () => http.post<void>('/admin/logout').then(() => undefined)

/** POST /admin/me/password — the signed-in account's own password; answers with a new session (the old one ends). */
export const changeOwnPassword = (currentPassword: string, newPassword: string) =>
  http.post<AdminSession>('/admin/me/password', { currentPassword, newPassword }).then((r) => r.data)

/** POST /admin/session/renew — 延长登录: a new 2-hour token while this one still works. */
export const renewSession = () => http.post<AdminSession>('/admin/session/renew').then((r) => r.data)
