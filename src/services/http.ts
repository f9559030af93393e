import axios, { AxiosError, AxiosHeaders, type AxiosAdapter, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios'
import Taro from '@tarojs/taro'
import type { ApiErrorBody } from '../../types/error'
import type { AuthTokens } from '../../types/auth'
import { useSession } from '../stores/session'
import { notifySessionExpired } from './session-events'

/** An API failure the UI can show: the server's machine code and Chinese message, or our own for transport errors. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number | null,
    readonly field?: string
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

type TaroMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS'

/**
 * axios adapter over Taro.request (wx.request in the mini-program, fetch/XHR in H5): weapp has no
 * XMLHttpRequest, and one adapter keeps both platforms on the same code path.
 */
export const taroAdapter: AxiosAdapter = (config: InternalAxiosRequestConfig) =>
  new Promise<AxiosResponse>((resolve, reject) => {
    const url = axios.getUri(config)
    const headers = AxiosHeaders.from(config.headers as AxiosHeaders).toJSON() as Record<string, string>
    // Bytes (the blocklist's offline copy) come as an ArrayBuffer; everything else as text for axios to parse.
    const binary = config.responseType === 'arraybuffer'
    Taro.request({
      url,
      method: (config.method ?? 'get').toUpperCase() as TaroMethod,
      data: config.data,
      header: headers,
      timeout: config.timeout || 15_000,
      // Text in, so axios' own transformResponse parses JSON exactly as on every other platform.
      dataType: binary ? 'other' : 'text',
      responseType: binary ? 'arraybuffer' : 'text',
      success(res) {
        const response: AxiosResponse = {
          data: res.data,
          status: res.statusCode,
          statusText: String(res.statusCode),
          headers: res.header ?? {},
          config,
          request: null
        }
        const validate = config.validateStatus
        if (!validate || validate(res.statusCode)) resolve(response)
        else reject(new AxiosError(`HTTP ${res.statusCode}`, AxiosError.ERR_BAD_RESPONSE, config, null, response))
      },
      fail(err) {
        reject(new AxiosError(err.errMsg || 'network error', AxiosError.ERR_NETWORK, config))
      }
    })
  })

/** The app's one HTTP client. */
export const http = axios.create({
  baseURL: API_BASE_URL,
  timeout: 15_000,
  adapter: taroAdapter,
  headers: { Accept: 'application/json' }
})

// Requests that must go out without the resident's token (and never trigger a refresh themselves).
const ANONYMOUS = /\/auth\/(wechat|refresh|logout|sms\/send|sms\/login)$/

interface RetriableConfig extends InternalAxiosRequestConfig {
  _retried?: boolean
}

let refreshing: Promise<string | null> | null = null

/**
 * Exchanges the refresh token once for all concurrent callers (a second exchange of the same token would look
 * like theft and revoke the login). Resolves to the new access token, or null when the login is over.
 */
export function refreshAccessToken(): Promise<string | null> {
  if (refreshing) return refreshing
  const tokens = useSession.getState().tokens
  if (!tokens) return Promise.resolve(null)
  refreshing = http
    .post<AuthTokens>('/auth/refresh', { refreshToken: tokens.refreshToken })
    .then((res) => {
      useSession.getState().signIn(res.data)
      return res.data.accessToken
    })
    .catch((err: unknown) => {
      const apiError = toApiError(err)
      // Only a refusal ends the login; a network failure keeps it for the next try.
      if (apiError.status === 401) {
        useSession.getState().signOut()
        notifySessionExpired()
      }
      return null
    })
    .finally(() => {
      refreshing = null
    })
  return refreshing
}

http.interceptors.request.use(async (config) => {
  if (ANONYMOUS.test(config.url ?? '')) return config
  let tokens = useSession.getState().tokens
  // Refresh shortly before expiry instead of collecting a 401 first.
  if (tokens && Date.now() >= tokens.expiresAt) {
    await refreshAccessToken()
    tokens = useSession.getState().tokens
  }
  if (tokens) config.headers.set('Authorization', `Bearer ${tokens.accessToken}`)
  return config
})

http.interceptors.response.use(undefined, async (error: unknown) => {
  const config = error instanceof AxiosError ? (error.config as RetriableConfig | undefined) : undefined
  const unauthorized = error instanceof AxiosError && error.response?.status === 401
  if (unauthorized && config?.headers?.Authorization && !ANONYMOUS.test(config.url ?? '')) {
    if (!config._retried) {
      config._retried = true
      // null: refresh refused (already handed over to the app) or the network failed (login kept).
      const accessToken = await refreshAccessToken()
      if (accessToken) {
        config.headers.set('Authorization', `Bearer ${accessToken}`)
        return http.request(config)
      }
    } else {
      // Refused even with a fresh token (account deleted elsewhere): the login is over.
      useSession.getState().signOut()
      notifySessionExpired()
    }
  }
  return Promise.reject(toApiError(error))
})

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  if (error instanceof AxiosError) {
    const status = error.response?.status ?? null
    const body = error.response?.data as Partial<ApiErrorBody> | undefined
    if (body && typeof body === 'object' && body.error && typeof body.error.code === 'string') {
      return new ApiError(body.error.code, body.error.message, status, body.error.field)
    }
    if (status === null) return new ApiError('NETWORK', '网络不给力，请检查网络后重试', null)
    if (status >= 500) return new ApiError('SERVER', '服务暂时出了点问题，请稍后再试', status)
    return new ApiError('HTTP', `请求失败（${status}），请稍后再试`, status)
  }
  return new ApiError('UNKNOWN', '出了点问题，请稍后再试', null)
}
