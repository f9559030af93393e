import '@testing-library/jest-dom'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { respondWith } from './mocks/taro'
import { WarningCards } from '../src/components/WarningCard'
import VerifyCallerPage from '../src/packages/warnings/pages/verify/index'
import MinePage from '../src/pages/mine/index'
import { useSession } from '../src/stores/session'
import { useWarnings } from '../src/stores/warnings'
import type { ResidentWarning } from '../types/warnings'
import { inputLabelled } from './fixtures'

const mocked = Taro as unknown as Record<string, jest.Mock>
const signedIn = () => useSession.setState({ tokens: { accessToken: 'a', refreshToken: 'r', expiresAt: Date.now() + 600_000, residentId: '7' } })

const warning = (over: Partial<ResidentWarning> = {}): ResidentWarning => ({
  id: '41',
  riskType: 'call',
  riskLevel: 'high',
  title: '反诈预警：您可能正在被骗',
  happened: '您刚刚接听了一个诈骗电话（号码：+85223456789）。',
  advice: ['立即挂断，不要再接这个号码', '不要转账，不要说出验证码和银行卡密码'],
  hotline: '96110',
  receivedAt: '2026-11-30T02:00:00.000Z',
  answer: null,
  contact: null,
  ...over
})

beforeEach(() => {
  jest.clearAllMocks()
  useSession.setState({ tokens: null, me: null })
  useWarnings.setState({ items: [], family: [] })
})

test('signed out: no card and no request', async () => {
  respondWith(() => ({ statusCode: 500, body: {} }))
  render(<WarningCards />)
  await new Promise((r) => setTimeout(r, 10))
  expect(mocked.request).not.toHaveBeenCalled()
  expect(screen.queryByRole('alert')).toBeNull()
})

test('the red card: what happened, what to do, 96110, and the answer goes to the server; then who is calling and the code', async () => {
  signedIn()
  const sent: unknown[] = []
  respondWith((url, req) => {
    if (req.method === 'POST') {
      sent.push({ url, body: JSON.parse(String(req.data)) })
      return {
        statusCode: 200,
        body: {
          items: [
            warning({
              answer: 'call_me',
              contact: { kind: 'call', name: '李**', unit: '县公安局反诈中心', policeNumberTail: '234', code: '480213', since: '2026-11-30T02:05:00.000Z' }
            })
          ],
          family: []
        }
      }
    }
    return { statusCode: 200, body: { items: [warning()], family: [] } }
  })
  render(<WarningCards />)
  const card = await screen.findByRole('alert')
  expect(card).toHaveTextContent('您刚刚接听了一个诈骗电话')
  expect(card).toHaveTextContent('1. 立即挂断')
  fireEvent.click(screen.getByText('拨打反诈专线 96110'))
  expect(mocked.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '96110' })
  fireEvent.click(screen.getByText('请民警联系我'))
  await screen.findByText('核验码 480213')
  expect(sent).toEqual([{ url: expect.stringMatching(/\/me\/warnings\/41\/answer$/), body: { answer: 'call_me' } }])
  expect(screen.getByText('您已回复：请民警联系我')).toBeInTheDocument()
  expect(screen.getByText(/李\*\*（县公安局反诈中心，警号尾号 234）/)).toBeInTheDocument()
  // Answered: no longer an alert, and no answer buttons.
  expect(screen.queryByRole('alert')).toBeNull()
  expect(screen.queryByText('我知道了，没有转账')).toBeNull()
  fireEvent.click(screen.getByText('核验来电民警'))
  expect(mocked.navigateTo).toHaveBeenCalledWith({ url: '/packages/warnings/pages/verify/index' })
})

test('an answer that fails says so and keeps the card', async () => {
  signedIn()
  respondWith((_url, req) => (req.method === 'POST' ? 'network-error' : { statusCode: 200, body: { items: [warning()], family: [] } }))
  render(<WarningCards />)
  await screen.findByRole('alert')
  fireEvent.click(screen.getByText('我知道了，没有转账'))
  await waitFor(() => expect(mocked.showToast).toHaveBeenCalled())
  expect(screen.getByRole('alert')).toBeInTheDocument()
})

test('核验来电民警: needs a sign-in; says genuine or not, with what to do', async () => {
  const { unmount } = render(<VerifyCallerPage />)
  expect(screen.getByText(/核验需要先登录/)).toBeInTheDocument()
  unmount()
  signedIn()
  const asked: unknown[] = []
  let genuine = false
  let limited = false
  respondWith((_url, req) => {
    asked.push(JSON.parse(String(req.data)))
    if (limited) return { statusCode: 429, body: { error: { code: 'CALLER_CHECK_LIMIT', message: '核验次数太多，请15分钟后再试' } } }
    return {
      statusCode: 200,
      body: genuine
        ? {
            genuine: true,
            message: '核验通过：这位民警正在联系您。',
            contact: { kind: 'call', name: '李**', unit: '县公安局反诈中心', policeNumberTail: '234', code: '480213', since: '2026-11-30T02:05:00.000Z' }
          }
        : { genuine: false, message: '没有查到这位民警正在联系您。请立即挂断。', contact: null }
    }
  })
  render(<VerifyCallerPage />)
  fireEvent.click(screen.getByText('核验'))
  expect(await screen.findByText('请填写对方报出的警号和核验码')).toBeInTheDocument()
  fireEvent.input(await inputLabelled('对方的警号'), { target: { value: ' 061234 ' } })
  fireEvent.input(await inputLabelled('对方报的核验码'), { target: { value: '111111' } })
  fireEvent.click(screen.getByText('核验'))
  expect(await screen.findByText('核验不通过')).toBeInTheDocument()
  fireEvent.click(screen.getByText('拨打 110'))
  expect(mocked.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '110' })
  genuine = true
  fireEvent.click(screen.getByText('核验'))
  expect(await screen.findByText('是真民警')).toBeInTheDocument()
  expect(screen.getByText('李**，县公安局反诈中心，警号尾号 234')).toBeInTheDocument()
  expect(asked[0]).toEqual({ policeNumber: '061234', code: '111111' })
  // Past the limit the refusal shows alone: the earlier green answer is gone, not left under it.
  limited = true
  fireEvent.click(screen.getByText('核验'))
  expect(await screen.findByText(/核验次数太多/)).toBeInTheDocument()
  expect(screen.queryByText('是真民警')).toBeNull()
})

test('我需要帮助: without a verified phone it leads to registration; with one it asks, then tells the centre', async () => {
  respondWith(() => ({ statusCode: 200, body: { items: [], family: [] } }))
  const { unmount } = render(<MinePage />)
  fireEvent.click(screen.getByText('我需要帮助'))
  await waitFor(() => expect(mocked.navigateTo).toHaveBeenCalledWith({ url: '/packages/account/pages/register/index' }))
  unmount()

  signedIn()
  useSession.setState({ me: { residentId: '7', phone: '139****0031', registered: true, profile: null } as never })
  const posted: string[] = []
  respondWith((url, req) => {
    if (req.method === 'POST') posted.push(url)
    return {
      statusCode: 200,
      body: url.endsWith('/me') ? { residentId: '7', phone: '139****0031', registered: true, profile: null } : { items: [], family: [] }
    }
  })
  render(<MinePage />)
  fireEvent.click(screen.getByText('我需要帮助'))
  await waitFor(() => expect(posted.some((u) => u.endsWith('/me/help'))).toBe(true))
  expect(mocked.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '请民警联系您？' }))
})
