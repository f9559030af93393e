import type { Me, MeExport, RegisterRequest, UpdateMeRequest } from '../../types/me'
import { http } from './http'

/** GET /me */
export async function getMe(): Promise<Me> {
  return (await http.get<Me>('/me')).data
}

/** POST /me/registration */
export async function register(body: RegisterRequest): Promise<Me> {
  return (await http.post<Me>('/me/registration', body)).data
}

/** PATCH /me */
export async function updateMe(body: UpdateMeRequest): Promise<Me> {
  return (await http.patch<Me>('/me', body)).data
}

/** GET /me/export */
export async function exportMe(): Promise<MeExport> {
  return (await http.get<MeExport>('/me/export')).data
}

/** DELETE /me */
export async function deleteMe(): Promise<void> {
  await http.delete('/me')
}
