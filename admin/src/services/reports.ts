import type { AdminAppeal, AppealDecision, MergeRequest, ReviewQueue, ReviewRequest } from '../../../types/reports'
import { http } from './http'

type Kind = ReviewRequest['kind']

export const getReviewQueue = () => http.get<ReviewQueue>('/admin/reports/queue').then((r) => r.data.items)
export const startReview = (kind: Kind, value: string) => http.post('/admin/reports/start', { kind, value }).then(() => undefined)
export const reviewReports = (body: ReviewRequest) => http.post<{ reports: number }>('/admin/reports/review', body).then((r) => r.data)
export const mergeReports = (body: MergeRequest) => http.post<{ moved: number }>('/admin/reports/merge', body).then((r) => r.data)
/** A screenshot as an object URL (it needs the staff token, so an <img src> cannot fetch it itself). */
export const screenshotUrl = (id: string) =>
  http.get<Blob>(`/admin/reports/screenshots/${id}`, { responseType: 'blob' }).then((r) => URL.createObjectURL(r.data))
export const getAppeals = () => http.get<{ items: AdminAppeal[] }>('/admin/appeals').then((r) => r.data.items)
export const decideAppeal = (id: string, body: AppealDecision) => http.post<{ status: string }>(`/admin/appeals/${id}/decide`, body).then((r) => r.data)
