import type { AdminSession } from '../../../types/admin'
import { http } from './http'

export const login = (username: string, password: string) =>
  http.post<AdminSession>('/admin/login', { username, password }).then((r) => r.data)
