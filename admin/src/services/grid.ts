import type {
  AccompanyRequest,
  AppointGridWorkerRequest,
  ConsoleSessionList,
  GridWorkerList,
  PublicityFigures,
  PublicityFiguresQuery
} from '../../../types/grid'
import { http } from './http'

export const listGridWorkers = () => http.get<GridWorkerList>('/admin/grid-workers').then((r) => r.data.items)
export const appointGridWorker = (body: AppointGridWorkerRequest) => http.post<GridWorkerList>('/admin/grid-workers', body).then((r) => r.data.items)
export const revokeGridWorker = (id: string) => http.post<void>(`/admin/grid-workers/${id}/revoke`).then(() => undefined)
export const getPublicityFigures = (query: PublicityFiguresQuery) =>
  http.get<PublicityFigures>('/admin/publicity-figures', { params: query }).then((r) => r.data)
export const askToAccompany = (taskId: string, body: AccompanyRequest) => http.post<void>(`/admin/visit-tasks/${taskId}/accompany`, body).then(() => undefined)
export const listPublicitySessions = (query: PublicityFiguresQuery) =>
  http.get<ConsoleSessionList>('/admin/publicity-sessions', { params: query }).then((r) => r.data.items)
export const publicityPhotoUrl = (id: string) =>
  http.get<Blob>(`/admin/publicity-photos/${id}`, { responseType: 'blob' }).then((r) => URL.createObjectURL(r.data))
