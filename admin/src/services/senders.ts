import type { OfficialSender, OfficialSenderInput, OfficialSenderList } from '../../../types/senders'
import { http } from './http'

export const listSenders = () => http.get<OfficialSenderList>('/admin/senders').then((r) => r.data.items)
export const putSender = (id: string, body: OfficialSenderInput) =>
  http.put<OfficialSender>(`/admin/senders/${encodeURIComponent(id)}`, body).then((r) => r.data)
export const deleteSender = (id: string) => http.delete(`/admin/senders/${encodeURIComponent(id)}`).then(() => undefined)
