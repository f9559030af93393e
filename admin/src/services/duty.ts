import type { DutyOverview } from '../../../types/duty'
import { http } from './http'

export const getDuty = () => http.get<DutyOverview>('/admin/duty').then((r) => r.data)
