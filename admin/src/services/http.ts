import axios, { AxiosError } from 'axios'
import type { ApiErrorBody } from '../../../types/error'
import { useSession } from '../stores/session'

/** An API refusal with its machine code, Chinese message and (for form errors) the field. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly retryAfterSeconds?: number
  ) {
    super(message)
  }
}

/** The console's one HTTP client: the staff token on every call, errors turned into ApiError. */
export const http = axios.create({ baseURL: '/api/v1', timeout: 60_000 })

http.interceptors.request.use((config) => {
  const token = useSession.getState().session?.accessToken
  if (token) config.headers.set('Authorization', `Bearer ${token}`)
  return config
})

http.interceptors.response.use(undefined, (err: unknown) => {
  if (!(err instanceof AxiosError)) return Promise.reject(err)
  const status = err.response?.status ?? 0
  const body = err.response?.data as Partial<ApiErrorBody> | undefined
  const retryAfter = Number(err.response?.headers?.['retry-after'])
  const apiError = body?.error
    ? new ApiError(status, body.error.code, body.error.message, body.error.field, Number.isFinite(retryAfter) ? retryAfter : undefined)
    : new ApiError(
        status,
        status === 0 ? 'NETWORK' : 'HTTP_' + status,
        status === 0 ? '连不上服务器，请检查网络后重试' : `服务器出错了（${status}），请稍后再试`
      )
  // An expired or revoked token (not a failed login): back to the login page, which returns here afterwards.
  if (status === 401 && err.config?.url !== '/admin/login' && useSession.getState().session) {
    useSession.getState().signOut('登录已过期或账号已变更，请重新登录；未保存的内容已为您保留')
  }
  return Promise.reject(apiError)
})

/** The message to show for any error a call may throw. */
export function messageOf(err: unknown): string {
  return err instanceof ApiError ? err.message : '操作失败，请稍后再试'
}
