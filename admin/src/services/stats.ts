import type { Coverage } from '../../../types/admin'
import type { AreaList } from '../../../types/areas'
import type { DashboardStats } from '../../../types/stats'
import { http } from './http'

export const getStats = (from: string, to: string) => http.get<DashboardStats>('/admin/stats', { params: { from, to } }).then((r) => r.data)
export const getCoverage = () => http.get<Coverage>('/admin/coverage').then((r) => r.data)
export const getAreas = () => http.get<AreaList>('/areas').then((r) => r.data.townships)
