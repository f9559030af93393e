import type { MyReport, MyReports, ReportRequest, ScreenshotReceipt } from '../../types/reports'
import { http } from './http'
import { uploadImage } from './upload'

/** POST /reports */
export async function submitReport(body: ReportRequest): Promise<MyReport> {
  return (await http.post<MyReport>('/reports', body)).data
}

/** GET /me/reports */
export async function getMyReports(): Promise<MyReports> {
  return (await http.get<MyReports>('/me/reports')).data
}

/** POST /reports/screenshots — one image file */
export async function uploadScreenshot(filePath: string): Promise<ScreenshotReceipt> {
  return uploadImage<ScreenshotReceipt>('/reports/screenshots', filePath, '截图上传没有成功，请稍后再试')
}
