import axios, { AxiosError, AxiosHeaders, type AxiosAdapter, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios'
import Taro from '@tarojs/taro'
import type { ApiErrorBody } from '../../types/error'

/** An API failure the UI can show: the server's machine code and Chinese message, or our own for transport errors. */
export class ApiError extends Error {
  constructor(readonly code: string, message: string, readonly status: number | null) {
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
    Taro.request({
      url,
      method: (config.method ?? 'get').toUpperCase() as TaroMethod,
      data: config.data,
      header: headers,
      timeout: config.timeout || 15_000,
      // Text in, so axios' own transformResponse parses JSON exactly as on every other platform.
      dataType: 'text',
      responseType: 'text',
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

http.interceptors.response.use(undefined, (error: unknown) => Promise.reject(toApiError(error)))

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  if (error instanceof AxiosError) {
    const status = error.response?.status ?? null
    const body = error.response?.data as Partial<ApiErrorBody> | undefined
    if (body && typeof body === 'object' && body.error && typeof body.error.code === 'string') {
      return new ApiError(body.error.code, body.error.message, status)
    }
    if (status === null) return new ApiError('NETWORK', '网络不给力，请检查网络后重试', null)
    if (status >= 500) return new ApiError('SERVER', '服务暂时出了点问题，请稍后再试', status)
    return new ApiError('HTTP', `请求失败（${status}），请稍后再试`, status)
  }
  return new ApiError('UNKNOWN', '出了点问题，请稍后再试', null)
}
