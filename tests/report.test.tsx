import '@testing-library/jest-dom'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { respondWith, useRouter } from './mocks/taro'
import ReportPage from '../src/packages/report/pages/index/index'
import { useSession } from '../src/stores/session'

const mocked = Taro as unknown as Record<string, jest.Mock>

beforeEach(() => {
  jest.clearAllMocks()
  useSession.setState({ tokens: null, me: null })
})

test('signed out: the page explains that reporting needs an account and offers it (and 96110)', () => {
  useRouter.mockReturnValue({ params: { value: encodeURIComponent('16500001111'), kind: 'phone' } })
  render(<ReportPage />)
  expect(screen.getByText('16500001111')).toBeInTheDocument()
  fireEvent.click(screen.getByText('登记 / 登录后举报'))
  expect(mocked.navigateTo).toHaveBeenCalledWith({ url: '/packages/account/pages/register/index' })
})

test('signed in: the report is sent with what the resident filled in, and my reports show its status', async () => {
  useSession.setState({ tokens: { accessToken: 'a', refreshToken: 'r', expiresAt: Date.now() + 600_000, residentId: '1' } })
  useRouter.mockReturnValue({ params: { value: encodeURIComponent('t.cn/A6abc'), kind: 'url' } })
  const sent: unknown[] = []
  let mine: unknown[] = []
  respondWith((_url, req) => {
    if (req.method === 'POST') {
      sent.push(JSON.parse(String(req.data)))
      const report = { id: '9', kind: 'url', value: 't.cn', input: 't.cn/A6abc', channel: '短信', lossAmount: 300, status: 'submitted', outcome: null, createdAt: '2026-11-29T08:00:00.000Z', updatedAt: '2026-11-29T08:00:00.000Z' }
      mine = [report]
      return { statusCode: 200, body: report }
    }
    return { statusCode: 200, body: { items: mine } }
  })
  const { container } = render(<ReportPage />)
  expect(screen.getByText('举报这个网址')).toBeInTheDocument()
  fireEvent.change(screen.getByLabelText('对方怎么联系您的'), { target: { value: '短信' } })
  const loss = await waitFor(() => {
    const el = container.querySelector<HTMLInputElement>('input[placeholder="例如 5000"]')
    if (!el) throw new Error('not yet')
    return el
  })
  fireEvent.input(loss, { target: { value: '12.5' } })
  fireEvent.click(screen.getByText('提交举报'))
  expect(await screen.findByText(/损失金额请填数字/)).toBeInTheDocument()
  fireEvent.input(loss, { target: { value: '300' } })
  fireEvent.click(screen.getByText('提交举报'))
  expect(await screen.findByText(/已提交/)).toBeInTheDocument()
  expect(sent).toEqual([{ kind: 'url', value: 't.cn/A6abc', channel: '短信', lossAmount: 300 }])
  expect(await screen.findByText('我的举报')).toBeInTheDocument()
  expect(screen.getByText('已提交', { selector: '.tag' })).toBeInTheDocument()
})
