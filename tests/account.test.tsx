import '@testing-library/jest-dom'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import dayjs from 'dayjs'
import { respondWith, useRouter } from './mocks/taro'
import RegisterPage from '../src/packages/account/pages/register/index'
import PrivacyPage from '../src/packages/account/pages/privacy/index'
import MinePage from '../src/pages/mine/index'
import { validateProfile } from '../src/packages/account/components/ProfileForm'
import { useSession } from '../src/stores/session'
import { PRIVACY_POLICY_VERSION } from '../types/privacy'
import type { Me } from '../types/me'
import { inputLabelled, renderedInput } from './fixtures'

const mocked = Taro as unknown as Record<string, jest.Mock>

const AREAS = {
  townships: [
    {
      code: '610923100',
      name: '城关镇',
      villages: [
        { code: '610923100001', name: '东关社区' },
        { code: '610923100002', name: '西关社区' }
      ]
    },
    { code: '610923101', name: '四亩地镇', villages: [{ code: '610923101001', name: '四亩地村' }] }
  ]
}
const TOKENS = { accessToken: 'access-1', expiresIn: 900, refreshToken: 'refresh-1-xxxxxxxxxxxxxxxxxxxx', residentId: '42', newResident: true }
const ME_PHONE: Me = { residentId: '42', phone: '138****8000', registered: false, profile: null }
const ME_REGISTERED: Me = {
  ...ME_PHONE,
  registered: true,
  profile: {
    name: '张秀兰',
    birthDate: '1970-05-17',
    township: { code: '610923100', name: '城关镇' },
    village: { code: '610923100001', name: '东关社区' },
    idNumberMasked: null,
    registeredAt: '2026-11-29T02:00:00.000Z'
  }
}

type Call = { method: string; url: string; data: unknown }
let calls: Call[]

/** The birth date's 年 / 月 / 日 lists, as a resident picks them. */
function pickDate(iso: string): void {
  const [y, m, d] = iso.split('-')
  fireEvent.change(screen.getByLabelText('出生日期：年'), { target: { value: y } })
  fireEvent.change(screen.getByLabelText('出生日期：月'), { target: { value: String(Number(m)) } })
  fireEvent.change(screen.getByLabelText('出生日期：日'), { target: { value: String(Number(d)) } })
}

/** A small server: answers by method and path, records every request. */
function serve(routes: Record<string, (data: unknown) => { statusCode: number; body: unknown }>): void {
  calls = []
  respondWith((url, req) => {
    const path = url.replace('/api/v1', '').split('?')[0]
    const data = typeof req.data === 'string' ? JSON.parse(req.data) : req.data
    calls.push({ method: req.method, url: path, data })
    const route = routes[`${req.method} ${path}`]
    return route ? route(data) : { statusCode: 404, body: { error: { code: 'NOT_FOUND', message: '没有找到' } } }
  })
}

const inputs = (container: HTMLElement) => Array.from(container.querySelectorAll('input'))
/** The SMS login form's phone and code boxes, once Taro has rendered their inner inputs. */
const smsInputs = (container: HTMLElement) =>
  waitFor(() => {
    const found = inputs(container)
    if (found.length < 2) throw new Error('form not rendered')
    return found
  })

beforeEach(() => {
  jest.clearAllMocks()
  useSession.setState({ tokens: null, me: null, privacyAgreedVersion: null, fontSize: 'system' })
  useRouter.mockReturnValue({ params: {} })
})

describe('registration', () => {
  test('nothing is asked before the privacy policy is agreed: the page sends the resident to it first', async () => {
    serve({})
    render(<RegisterPage />)
    await waitFor(() => expect(mocked.redirectTo).toHaveBeenCalledWith({ url: '/packages/account/pages/privacy/index?next=register' }))
    expect(document.querySelector('input')).toBeNull()
    expect(calls).toEqual([])
  })

  test('agreeing on the privacy page records the version and continues to registration', async () => {
    useRouter.mockReturnValue({ params: { next: 'register' } })
    render(<PrivacyPage />)
    expect(screen.getByText('守好钱袋子隐私政策')).toBeInTheDocument()
    fireEvent.click(screen.getByText('同意并继续'))
    expect(useSession.getState().privacyAgreedVersion).toBe(PRIVACY_POLICY_VERSION)
    expect(mocked.redirectTo).toHaveBeenCalledWith({ url: '/packages/account/pages/register/index' })
  })

  test('sent from a report (then=back): the privacy page keeps the way back, and signing in as a registered resident returns there', async () => {
    useRouter.mockReturnValue({ params: { then: 'back' } })
    serve({})
    const { unmount } = render(<RegisterPage />)
    await waitFor(() => expect(mocked.redirectTo).toHaveBeenCalledWith({ url: '/packages/account/pages/privacy/index?next=register&then=back' }))
    unmount()
    useRouter.mockReturnValue({ params: { next: 'register', then: 'back' } })
    const privacy = render(<PrivacyPage />)
    fireEvent.click(screen.getByText('同意并继续'))
    expect(mocked.redirectTo).toHaveBeenLastCalledWith({ url: '/packages/account/pages/register/index?then=back' })
    privacy.unmount()

    // An existing resident signs in by SMS: no form, straight back to the report (the page below this one).
    useRouter.mockReturnValue({ params: { then: 'back' } })
    mocked.getCurrentPages.mockReturnValue([{}, {}])
    serve({
      'POST /auth/sms/send': () => ({ statusCode: 200, body: { expiresIn: 300, resendAfter: 60 } }),
      'POST /auth/sms/login': () => ({ statusCode: 200, body: { ...TOKENS, newResident: false } }),
      'GET /me': () => ({ statusCode: 200, body: ME_REGISTERED })
    })
    const { container } = render(<RegisterPage />)
    const [phone, code] = await smsInputs(container)
    fireEvent.input(phone, { target: { value: '13800138000' } })
    fireEvent.click(screen.getByText('获取验证码'))
    await screen.findByText(/秒后重发/)
    fireEvent.input(code, { target: { value: '123456' } })
    fireEvent.click(screen.getByText('登录'))
    await waitFor(() => expect(mocked.navigateBack).toHaveBeenCalledTimes(1))
    expect(mocked.switchTab).not.toHaveBeenCalled()
    mocked.getCurrentPages.mockReturnValue([{}])
  })

  test('H5: phone + SMS code, then the profile form with inline errors from the form and from the server', async () => {
    useSession.setState({ privacyAgreedVersion: PRIVACY_POLICY_VERSION })
    let me: Me = ME_PHONE
    serve({
      'POST /auth/sms/send': () => ({ statusCode: 200, body: { expiresIn: 300, resendAfter: 60 } }),
      'POST /auth/sms/login': (d) =>
        (d as { code: string }).code === '123456'
          ? { statusCode: 200, body: TOKENS }
          : { statusCode: 400, body: { error: { code: 'SMS_CODE_WRONG', message: '验证码不正确，还可以再试4次', field: 'code' } } },
      'GET /me': () => ({ statusCode: 200, body: me }),
      'GET /areas': () => ({ statusCode: 200, body: AREAS }),
      'POST /me/registration': (d) => {
        if ((d as { idNumber?: string }).idNumber)
          return { statusCode: 400, body: { error: { code: 'ID_NUMBER_INVALID', message: '身份证号校验不通过，请逐位核对', field: 'idNumber' } } }
        me = ME_REGISTERED
        return { statusCode: 200, body: me }
      }
    })
    const { container } = render(<RegisterPage />)
    const [phone, code] = await smsInputs(container)

    fireEvent.input(phone, { target: { value: '1380013' } })
    fireEvent.click(screen.getByText('获取验证码'))
    expect(await screen.findByText('请输入11位手机号')).toBeInTheDocument()
    expect(calls).toEqual([])

    fireEvent.input(phone, { target: { value: '13800138000' } })
    fireEvent.click(screen.getByText('获取验证码'))
    expect(await screen.findByText(/秒后重发/)).toBeInTheDocument()
    expect(calls[0]).toEqual({ method: 'POST', url: '/auth/sms/send', data: { phone: '13800138000' } })

    fireEvent.input(code, { target: { value: '000000' } })
    fireEvent.click(screen.getByText('登录'))
    expect(await screen.findByText('验证码不正确，还可以再试4次')).toBeInTheDocument()
    fireEvent.input(code, { target: { value: '123456' } })
    fireEvent.click(screen.getByText('登录'))

    expect(await screen.findByText('第二步：填写登记信息')).toBeInTheDocument()
    expect(useSession.getState().tokens?.accessToken).toBe('access-1')
    expect(screen.getByText(/138\*\*\*\*8000（已验证）/)).toBeInTheDocument()
    await screen.findByLabelText('所在乡镇')
    // The year list starts at the youngest who may register (16), not at this year: fewer years to pass for everyone.
    const years = screen.getByLabelText('出生日期：年') as HTMLSelectElement
    expect(years.options[1]?.text).toBe(`${new Date().getFullYear() - 16}年`)

    // Form-side checks first: nothing is sent while fields are missing or the resident is under 16.
    fireEvent.click(screen.getByText('提交登记'))
    expect(await screen.findByText('姓名应为2到20个字')).toBeInTheDocument()
    expect(screen.getByText('请选择出生日期')).toBeInTheDocument()
    expect(screen.getByText('请选择乡镇', { selector: '[role=alert]' })).toBeInTheDocument()
    const form = container.querySelector('.profile-form') as HTMLElement
    // Taro's inputs render their inner <input> asynchronously: wait for each by its placeholder.
    const inputByPlaceholder = (placeholder: string) => renderedInput(form, `input[placeholder="${placeholder}"]`)
    fireEvent.input(await inputByPlaceholder('请输入真实姓名'), { target: { value: '张秀兰' } })
    // One day short of 16: the year is in the list (the list ends 16 years back to the day), the date is not allowed.
    // (On 31 December that day falls in a year the list no longer has, and the date-side check is met the next day.)
    const almost16 = dayjs().subtract(16, 'year').add(1, 'day')
    const yearListed = almost16.year() === dayjs().subtract(16, 'year').year()
    pickDate((yearListed ? almost16 : dayjs().subtract(16, 'year')).format('YYYY-MM-DD'))
    fireEvent.change(screen.getByLabelText('所在乡镇'), { target: { value: '610923100' } })
    // The village list follows the township.
    expect(Array.from((screen.getByLabelText('所在村（社区）') as HTMLSelectElement).options).map((o) => o.text)).toEqual([
      '请选择村（社区）',
      '东关社区',
      '西关社区'
    ])
    fireEvent.change(screen.getByLabelText('所在村（社区）'), { target: { value: '610923100002' } })
    fireEvent.click(screen.getByText('提交登记'))
    if (yearListed) {
      expect(await screen.findByText(/未满16周岁/)).toBeInTheDocument()
      expect(calls.filter((c) => c.url === '/me/registration')).toHaveLength(0)
    }

    // The server's refusal lands under the field it names.
    pickDate('1970-05-17')
    const idInput = await inputByPlaceholder('可不填')
    fireEvent.input(idInput, { target: { value: '61092319700517123X' } })
    fireEvent.click(screen.getByText('提交登记'))
    expect(await screen.findByText('身份证号校验不通过，请逐位核对')).toBeInTheDocument()

    fireEvent.input(idInput, { target: { value: '' } })
    fireEvent.click(screen.getByText('提交登记'))
    await waitFor(() => expect(mocked.switchTab).toHaveBeenCalledWith({ url: '/pages/mine/index' }))
    const sent = calls.filter((c) => c.url === '/me/registration').at(-1)
    expect(sent?.data).toEqual({
      name: '张秀兰',
      birthDate: '1970-05-17',
      townshipCode: '610923100',
      villageCode: '610923100002',
      consentVersion: PRIVACY_POLICY_VERSION
    })
    expect(useSession.getState().me?.registered).toBe(true)
  })

  test('a busy network asks for a 图形验证码: the picture is shown, a wrong answer brings a new one, the right one sends the code', async () => {
    useSession.setState({ privacyAgreedVersion: PRIVACY_POLICY_VERSION })
    let pictures = 0
    serve({
      'POST /auth/sms/send': (d) => {
        const captcha = (d as { captcha?: { id: string; answer: string } }).captcha
        if (!captcha)
          return { statusCode: 429, body: { error: { code: 'CAPTCHA_REQUIRED', message: '这个网络获取验证码的人较多，请先输入图形验证码', field: 'captcha' } } }
        if (captcha.answer !== '4827' || captcha.id !== `pic-${pictures}-0123456789abcdef`)
          return { statusCode: 400, body: { error: { code: 'CAPTCHA_WRONG', message: '图形验证码不对或已过期，请看新的一张再输入', field: 'captcha' } } }
        return { statusCode: 200, body: { expiresIn: 300, resendAfter: 60 } }
      },
      'POST /auth/captcha': () => ({
        statusCode: 200,
        body: { id: `pic-${++pictures}-0123456789abcdef`, image: 'data:image/png;base64,iVBORw0KGgo=', expiresIn: 300 }
      })
    })
    const { container } = render(<RegisterPage />)
    const [phone] = await smsInputs(container)
    fireEvent.input(phone, { target: { value: '13800138000' } })
    fireEvent.click(screen.getByText('获取验证码'))
    expect(await screen.findByText('这个网络获取验证码的人较多，请先输入图形验证码')).toBeInTheDocument()
    const answer = await inputLabelled('图形验证码')
    expect(screen.getByAltText('图形验证码图片：4位数字')).toBeInTheDocument()
    fireEvent.input(answer, { target: { value: '1111' } })
    fireEvent.click(screen.getByText('获取验证码'))
    expect(await screen.findByText('图形验证码不对或已过期，请看新的一张再输入')).toBeInTheDocument()
    await waitFor(() => expect(pictures).toBe(2))
    fireEvent.input(await inputLabelled('图形验证码'), { target: { value: '4827' } })
    fireEvent.click(screen.getByText('获取验证码'))
    expect(await screen.findByText(/秒后重发/)).toBeInTheDocument()
    expect(calls.filter((c) => c.url === '/auth/sms/send').map((c) => c.data)).toEqual([
      { phone: '13800138000' },
      { phone: '13800138000', captcha: { id: 'pic-1-0123456789abcdef', answer: '1111' } },
      { phone: '13800138000', captcha: { id: 'pic-2-0123456789abcdef', answer: '4827' } }
    ])
    expect(screen.queryByLabelText('图形验证码')).toBeNull()
  })

  test('form checks in one place', () => {
    const today = dayjs('2026-11-29')
    const ok = { name: '张秀兰', birthDate: '2010-11-29', townshipCode: 't', villageCode: 'v', idNumber: '' }
    expect(validateProfile(ok, 'register', today)).toEqual({})
    expect(validateProfile({ ...ok, birthDate: '2010-11-30' }, 'register', today).birthDate).toMatch(/未满16周岁/)
    expect(validateProfile({ ...ok, idNumber: '12345' }, 'register', today).idNumber).toMatch(/18位/)
    expect(validateProfile({ ...ok, name: '张' }, 'edit', today).name).toBeDefined()
    expect(validateProfile({ ...ok, birthDate: '' }, 'edit', today)).toEqual({})
  })
})

describe('我的', () => {
  test('signed out: registration is offered, never forced', () => {
    serve({})
    render(<MinePage />)
    fireEvent.click(screen.getByText('登记 / 登录'))
    expect(mocked.navigateTo).toHaveBeenCalledWith({ url: '/packages/account/pages/register/index' })
  })

  test('registered: profile with the masked phone; delete asks first, then erases and signs out', async () => {
    useSession.setState({ tokens: { accessToken: 'a', refreshToken: 'r', expiresAt: Date.now() + 600_000, residentId: '42' }, me: ME_REGISTERED })
    serve({ 'GET /me': () => ({ statusCode: 200, body: ME_REGISTERED }), 'DELETE /me': () => ({ statusCode: 204, body: '' }) })
    render(<MinePage />)
    expect(screen.getByText('张秀兰')).toBeInTheDocument()
    expect(screen.getByText('138****8000')).toBeInTheDocument()
    expect(screen.getByText('城关镇 东关社区')).toBeInTheDocument()

    mocked.showModal.mockResolvedValueOnce({ confirm: false, cancel: true })
    fireEvent.click(screen.getByText('注销账号'))
    await waitFor(() => expect(mocked.showModal).toHaveBeenCalledTimes(1))
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false)

    fireEvent.click(screen.getByText('注销账号'))
    await waitFor(() => expect(useSession.getState().tokens).toBeNull())
    expect(calls.filter((c) => c.method === 'DELETE')).toEqual([{ method: 'DELETE', url: '/me', data: undefined }])
    expect(await screen.findByText('登记 / 登录')).toBeInTheDocument()
  })

  test('退出登录 tells the server to end the sign-in (its refresh token), and signs out here even when that fails', async () => {
    useSession.setState({
      tokens: { accessToken: 'a', refreshToken: 'refresh-to-end-xxxxxxxxxxxxxx', expiresAt: Date.now() + 600_000, residentId: '42' },
      me: ME_REGISTERED
    })
    serve({ 'GET /me': () => ({ statusCode: 200, body: ME_REGISTERED }), 'POST /auth/logout': () => ({ statusCode: 204, body: '' }) })
    render(<MinePage />)
    fireEvent.click(screen.getByText('退出登录'))
    await waitFor(() => expect(calls.some((c) => c.url === '/auth/logout')).toBe(true))
    expect(calls.find((c) => c.url === '/auth/logout')).toEqual({
      method: 'POST',
      url: '/auth/logout',
      data: { refreshToken: 'refresh-to-end-xxxxxxxxxxxxxx' }
    })
    expect(useSession.getState().tokens).toBeNull()

    // Offline: the server cannot be told, the phone still forgets the sign-in.
    serve({
      'GET /me': () => ({ statusCode: 200, body: ME_REGISTERED }),
      'POST /auth/logout': () => ({ statusCode: 503, body: { error: { code: 'STORE_UNAVAILABLE', message: '稍后再试' } } })
    })
    act(() =>
      useSession.setState({
        tokens: { accessToken: 'a', refreshToken: 'refresh-offline-xxxxxxxxxxxxx', expiresAt: Date.now() + 600_000, residentId: '42' },
        me: ME_REGISTERED
      })
    )
    fireEvent.click((await screen.findAllByText('退出登录'))[0])
    await waitFor(() => expect(useSession.getState().tokens).toBeNull())
  })

  test('font size: 大字 scales the page and is remembered', () => {
    serve({})
    render(<MinePage />)
    fireEvent.click(screen.getByText('大字'))
    expect(useSession.getState().fontSize).toBe('large')
    expect(document.documentElement.style.fontSize).toBe('125%')
    expect(screen.getByText('大字')).toHaveAttribute('aria-checked', 'true')
    fireEvent.click(screen.getByText('跟随系统'))
    expect(document.documentElement.style.fontSize).toBe('')
  })
})
