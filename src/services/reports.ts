import Taro from '@tarojs/taro'
import type { ApiErrorBody } from '../../types/error'
import type { MyReport, MyReports, ReportRequest, ScreenshotReceipt } from '../../types/reports'
import { useSession } from '../stores/session'
import { ApiError, http, refreshAccessToken } from './http'

/** POST /reports */
export async function submitReport(body: ReportRequest): Promise<MyReport> {
  return (await http.post<MyReport>('/reports', body)).data
}

/** GET /me/reports */
export async function getMyReports(): Promise<MyReports> {
  return (await http.get<MyReports>('/me/reports')).data
}

/** POST /reports/screenshots — one image file (multipart "file"); Taro.uploadFile, since axios cannot send files on weapp. */
export async function uploadScreenshot(filePath: string): Promise<ScreenshotReceipt> {
  const send = (token: string | undefined) =>
    Taro.uploadFile({ url: `${API_BASE_URL}/reports/screenshots`, filePath, name: 'file', header: token ? { Authorization: `Bearer ${token}` } : {} })
  let res = await send(useSession.getState().tokens?.accessToken)
  if (res.statusCode === 401) {
    const token = await refreshAccessToken()
    if (token) res = await send(token)
  }
  let body: unknown = null
  try {
    body = JSON.parse(res.data)
  } catch {
    // An answer that is not JSON (a proxy's error page) is a failed upload like any other.
  }
  if (res.statusCode !== 200) {
    const error = (body as ApiErrorBody | null)?.error
    throw new ApiError(error?.code ?? 'UPLOAD_FAILED', error?.message ?? '截图上传没有成功，请稍后再试', res.statusCode)
  }
  return body as ScreenshotReceipt
}
