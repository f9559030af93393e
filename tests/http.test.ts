import { respondWith } from './mocks/taro'
import { ApiError, http } from '../src/services/http'

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
