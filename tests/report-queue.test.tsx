import '@testing-library/jest-dom'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { respondWith, useRouter } from './mocks/taro'
import ReportPage from '../src/packages/report/pages/index/index'
import { useSession } from '../src/stores/session'
import { useReportQueue } from '../src/stores/report-queue'
import { myReport } from './fixtures'

const report = (value: string) => myReport({ value: `+86${value}`, input: value })

const mocked = Taro as unknown as Record<string, jest.Mock>

beforeEach(() => {
  jest.clearAllMocks()
  useReportQueue.setState({ items: [], refused: null })
  useSession.setState({ tokens: { accessToken: 'a', refreshToken: 'r', expiresAt: Date.now() + 600_000, residentId: '1' } })
  useRouter.mockReturnValue({ params: { value: encodeURIComponent('16500001111'), kind: 'phone' } })
})

test('written without a network: kept on the phone, shown waiting, and sent once when the network returns', async () => {
  const posted: unknown[] = []
  let online = false
  respondWith((url, req) => {
    if (!online) return 'network-error'
    if (req.method === 'POST' && url.endsWith('/reports')) {
      posted.push(JSON.parse(String(req.data)))
      return { statusCode: 200, body: report('16500001111') }
    }
    return { statusCode: 200, body: { items: posted.length > 0 ? [report('16500001111')] : [] } }
  })
  render(<ReportPage />)
  fireEvent.click(screen.getByText('提交举报'))
  expect(await screen.findByText(/没有网络：举报已保存在这台手机上，联网后会自动发送，只发送一次/)).toBeInTheDocument()
  expect(screen.getByText('等待联网')).toBeInTheDocument()
  expect(useReportQueue.getState().items).toHaveLength(1)

  // Still offline: 现在发送 keeps it.
  fireEvent.click(screen.getByText('现在发送'))
  await waitFor(() => expect(mocked.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '还是没有网络，联网后会自动发送' })))
  expect(screen.getByText('等待联网')).toBeInTheDocument()
  expect(useReportQueue.getState().items).toHaveLength(1)

  // Online: sent, removed from the phone, and a second flush (another trigger at the same time) sends nothing more.
  online = true
  await act(async () => {
    await Promise.all([useReportQueue.getState().flush(), useReportQueue.getState().flush()])
  })
  expect(posted).toEqual([{ kind: 'phone', value: '16500001111', channel: '电话' }])
  expect(useReportQueue.getState().items).toHaveLength(0)
  await act(async () => {
    await useReportQueue.getState().flush()
  })
  expect(posted).toHaveLength(1)
  await waitFor(() => expect(screen.queryByText('等待联网')).toBeNull())
})

test('a report the server refuses for good leaves the queue, with its reason shown; one that must wait stays', async () => {
  useReportQueue.getState().enqueue({ kind: 'url', value: 'not a link' })
  useReportQueue.getState().enqueue({ kind: 'phone', value: '16500002222' })
  let calls = 0
  respondWith(() => {
    calls++
    return calls === 1
      ? { statusCode: 400, body: { error: { code: 'REPORT_INVALID', message: '没有认出这个网址，请检查后再提交' } } }
      : { statusCode: 429, body: { error: { code: 'RATE_LIMITED', message: '举报太频繁了' } } }
  })
  await act(async () => {
    await useReportQueue.getState().flush()
  })
  expect(useReportQueue.getState().items.map((i) => i.request.value)).toEqual(['16500002222'])
  expect(useReportQueue.getState().refused).toMatch(/没有认出这个网址/)
})
