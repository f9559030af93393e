import type {
  CallAttemptRequest,
  ManualWarningRequest,
  PlaceWarningRequest,
  RevealedPerson,
  TaskCard,
  TaskHolderList,
  TaskList,
  VisitOutcomeRequest,
  WarningDetail,
  WarningList,
  WarningListQuery
} from '../../../types/warnings'
import type { WarningOutcome } from '../../../types/warning-wording'
import { http } from './http'

export const listWarnings = (query: WarningListQuery) => http.get<WarningList>('/admin/warnings', { params: query }).then((r) => r.data)
export const getWarning = (id: string) => http.get<WarningDetail>(`/admin/warnings/${id}`).then((r) => r.data)
export const addWarning = (body: ManualWarningRequest) => http.post<WarningDetail>('/admin/warnings', body).then((r) => r.data)
export const closeWarning = (id: string, outcome: WarningOutcome) => http.post<WarningDetail>(`/admin/warnings/${id}/close`, { outcome }).then((r) => r.data)

type Kind = 'call' | 'visit'
const base = (kind: Kind) => (kind === 'call' ? '/admin/call-tasks' : '/admin/visit-tasks')
export const taskQueue = (kind: Kind) => http.get<TaskList>(base(kind)).then((r) => r.data.items)
export const claimNextTask = (kind: Kind) => http.post<TaskCard>(`${base(kind)}/claim`).then((r) => r.data)
export const claimTask = (kind: Kind, id: string) => http.post<TaskCard>(`${base(kind)}/${id}/claim`).then((r) => r.data)
export const releaseTask = (kind: Kind, id: string) => http.post<TaskCard>(`${base(kind)}/${id}/release`).then((r) => r.data)
export const recordCall = (id: string, body: CallAttemptRequest) => http.post<TaskCard>(`/admin/call-tasks/${id}/attempts`, body).then((r) => r.data)
export const recordVisit = (id: string, body: VisitOutcomeRequest) => http.post<TaskCard>(`/admin/visit-tasks/${id}/outcome`, body).then((r) => r.data)
export const placeWarning = (id: string, body: PlaceWarningRequest) => http.post<WarningDetail>(`/admin/warnings/${id}/place`, body).then((r) => r.data)
export const taskHolders = (kind: Kind, id: string) => http.get<TaskHolderList>(`${base(kind)}/${id}/holders`).then((r) => r.data.items)
export const reassignTask = (kind: Kind, id: string, adminId: string) => http.post<TaskCard>(`${base(kind)}/${id}/reassign`, { adminId }).then((r) => r.data)
export const revealPerson = (id: string, reason: string) => http.post<RevealedPerson>(`/admin/warnings/${id}/reveal`, { reason }).then((r) => r.data)
