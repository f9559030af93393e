import type { MyReport, MyReports, ReportRequest } from '../../types/reports'
import { http } from './http'

/** POST /reports */
export async function submitReport(body: ReportRequest): Promise<MyReport> {
  return (await http.post<MyReport>('/reports', body)).data
}

/** GET /me/reports */
export async function getMyReports(): Promise<MyReports> {
  return (await http.get<MyReports>('/me/reports')).data
}
