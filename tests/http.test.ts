import { respondWith } from './mocks/taro'
import { ApiError, http } from '../src/services/http'
import { setSessionExpiredHandler } from '../src/services/session-events'
import { useSession } from '../src/stores/session'

describe('the HTTP client over Taro.request', () => {
  test('parses JSON bodies and passes query parameters', async () => {
    respondWith((url) => ({ statusCode: 200, body: { echoed: url } }))
    const res = await http.get<{ echoed: string }>('/check/phone', { params: { number: '＋８５２ 1' } })
    expect(res.data.echoed).toBe('/api/v1/check/phone?number=%EF%BC%8B%EF%BC%98%EF%BC%95%EF%BC%92+1')
  })

  test('turns the server error shape into an ApiError with its code and message', async () => {
    respondWith(() => ({ statusCode: 400, body: { error: { code: 'INVALID_NUMBER', message: '号码太长了' } } }))
    await expect(http.get('/check/phone')).rejects.toEqual(new ApiError('INVALID_NUMBER', '号码太长了', 400))
    await expect(http.get('/check/phone')).rejects.toMatchObject({ code: 'INVALID_NUMBER', status: 400 })
  })

  test('transport failures and bare 5xx get Chinese messages of our own', async () => {
    respondWith(() => 'network-error')
    await expect(http.get('/x')).rejects.toMatchObject({ code: 'NETWORK', message: '网络不给力，请检查网络后重试' })
    respondWith(() => ({ statusCode: 502, body: '<html>bad gateway</html>' }))
    await expect(http.get('/x')).rejects.toMatchObject({ code: 'SERVER', status: 502 })
  })
})

describe('silent token refresh', () => {
  const tokens = (n: number) => ({
    accessToken: `access-${n}`,
    expiresIn: 900,
    refreshToken: `refresh-${n}-xxxxxxxxxxxxxxxxxxxx`,
    residentId: '7',
    newResident: false
  })
  let expired: jest.Mock

  beforeEach(() => {
    jest.clearAllMocks()
    useSession.getState().signOut()
    expired = jest.fn()
    setSessionExpiredHandler(expired)
  })

  test('a 401 is answered by one refresh and the request is retried with the new token', async () => {
    useSession.getState().signIn(tokens(1))
    const seen: string[] = []
    respondWith((url, req) => {
      seen.push(`${req.method} ${url} ${req.header?.Authorization ?? '-'}`)
      if (url.endsWith('/auth/refresh')) return { statusCode: 200, body: tokens(2) }
      return req.header?.Authorization === 'Bearer access-2'
        ? { statusCode: 200, body: { ok: true } }
        : { statusCode: 401, body: { error: { code: 'UNAUTHORIZED', message: '请先登录' } } }
    })
    // Two requests failing at once share one refresh (a second exchange would revoke the login).
    const [a, b] = await Promise.all([http.get('/me'), http.get('/me/export')])
    expect(a.data).toEqual({ ok: true })
    expect(b.data).toEqual({ ok: true })
    expect(seen.filter((s) => s.includes('/auth/refresh'))).toHaveLength(1)
    expect(seen.find((s) => s.includes('/auth/refresh'))).toMatch(/ -$/)
    expect(useSession.getState().tokens?.refreshToken).toBe(tokens(2).refreshToken)
    expect(expired).not.toHaveBeenCalled()
  })

  test('an access token about to expire is refreshed before the request goes out', async () => {
    useSession.getState().signIn({ ...tokens(1), expiresIn: 10 })
    const seen: string[] = []
    respondWith((url, req) => {
      seen.push(`${url} ${req.header?.Authorization ?? '-'}`)
      return url.endsWith('/auth/refresh') ? { statusCode: 200, body: tokens(3) } : { statusCode: 200, body: {} }
    })
    await http.get('/me')
    expect(seen).toEqual(['/api/v1/auth/refresh -', '/api/v1/me Bearer access-3'])
  })

  test('a refused refresh ends the login and hands over to the app (login page), not a blank page', async () => {
    useSession.getState().signIn(tokens(1))
    respondWith((url) =>
      url.endsWith('/auth/refresh')
        ? { statusCode: 401, body: { error: { code: 'REFRESH_TOKEN_REUSED', message: '登录状态异常' } } }
        : { statusCode: 401, body: { error: { code: 'UNAUTHORIZED', message: '请先登录' } } }
    )
    await expect(http.get('/me')).rejects.toMatchObject({ code: 'UNAUTHORIZED', status: 401 })
    expect(useSession.getState().tokens).toBeNull()
    expect(expired).toHaveBeenCalledTimes(1)
  })

  test('a network failure during refresh keeps the login for the next try', async () => {
    useSession.getState().signIn(tokens(1))
    respondWith((url) =>
      url.endsWith('/auth/refresh') ? 'network-error' : { statusCode: 401, body: { error: { code: 'UNAUTHORIZED', message: '请先登录' } } }
    )
    await expect(http.get('/me')).rejects.toMatchObject({ status: 401 })
    expect(useSession.getState().tokens?.accessToken).toBe('access-1')
    expect(expired).not.toHaveBeenCalled()
  })

  test('requests without a login never try to refresh', async () => {
    const seen: string[] = []
    respondWith((url) => {
      seen.push(url)
      return { statusCode: 401, body: { error: { code: 'UNAUTHORIZED', message: '请先登录' } } }
    })
    await expect(http.get('/me')).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
    expect(seen).toEqual(['/api/v1/me'])
    expect(expired).not.toHaveBeenCalled()
  })
})
