import Taro from '@tarojs/taro'
import type { ApiErrorBody } from '../../types/error'
import { useSession } from '../stores/session'
import { ApiError, refreshAccessToken } from './http'

/**
 * One image file (multipart "file") to an API endpoint; Taro.uploadFile, since axios cannot send files on weapp.
 * A stale token is refreshed once, like the axios instance does.
 */
export async function uploadImage<T>(endpoint: string, filePath: string, failure: string): Promise<T> {
  const send = (token: string | undefined) =>
    Taro.uploadFile({ url: `${API_BASE_URL}${endpoint}`, filePath, name: 'file', header: token ? { Authorization: `Bearer ${token}` } : {} })
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
    throw new ApiError(error?.code ?? 'UPLOAD_FAILED', error?.message ?? failure, res.statusCode)
  }
  return body as T
}
