import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { MemoryRouter } from 'react-router-dom'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { App } from 'antd'
import type { QueueItem } from '../../types/reports'
import { useSession } from '../src/stores/session'
import ReviewPage from '../src/pages/review'
import * as reports from '../src/services/reports'
import * as learn from '../src/services/learn'

jest.setTimeout(60_000)
jest.mock('../src/services/reports')
jest.mock('../src/services/learn')
const api = reports as jest.Mocked<typeof reports>

const TEXT = '【建设银行】您的账户异常，请登录 ccb-yz.top 验证，或致电 95533。'
const at = (s: string) => TEXT.indexOf(s)
const GROUP: QueueItem = {
  kind: 'message',
  value: 'msg:0123456789abcdef01234567',
  reporters: 2,
  totalLoss: 0,
  status: 'submitted',
  latestAt: '2026-12-07T01:00:00.000Z',
  reports: [
    {
      id: '3',
      residentId: '7',
      input: TEXT,
      channel: '短信',
      lossAmount: null,
      description: null,
      createdAt: '2026-12-07T01:00:00.000Z',
      value: 'msg:0123456789abcdef01234567',
      screenshots: [],
      parts: [
        { kind: 'url', text: 'ccb-yz.top', start: at('ccb-yz.top'), end: at('ccb-yz.top') + 10, value: 'ccb-yz.top', verdict: 'dangerous' },
        { kind: 'phone', text: '95533', start: at('95533'), end: at('95533') + 5, value: '+8695533', verdict: 'safe' }
      ]
    }
  ]
}

test('a reported message: shown with its parts marked; confirming lists the parts the reviewer keeps ticked', async () => {
  api.getReviewQueue.mockResolvedValue([GROUP])
  api.reviewReports.mockResolvedValue({ reports: 2 })
  ;(learn as jest.Mocked<typeof learn>).getFraudTypes.mockResolvedValue([{ code: 'kefu', name: '冒充客服', description: 'x', signs: ['x'] }])
  useSession
    .getState()
    .signIn({ accessToken: 't', expiresIn: 7200, username: 'reviewer', role: 'reviewer', townshipCode: null, policeNumber: null, mustChangePassword: false })
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <App>
        <MemoryRouter>
          <ReviewPage />
        </MemoryRouter>
      </App>
    </QueryClientProvider>
  )
  // Headed by its first words, not its digest.
  expect(await screen.findByRole('heading', { name: /^消息：【建设银行】您的账户异常/ })).toBeInTheDocument()
  expect(screen.queryByText(/msg:0123/)).toBeNull()
  expect(screen.getByText('ccb-yz.top（网址·高危）')).toBeInTheDocument()
  expect(screen.getByText('95533（号码·官方）')).toBeInTheDocument()
  fireEvent.click(screen.getByText('核实为诈骗消息'))
  const dialog = await screen.findByRole('dialog')
  // The flagged link is ticked, the official number is not.
  expect(within(dialog).getByLabelText('网址 ccb-yz.top（高危）')).toBeChecked()
  expect(within(dialog).getByLabelText('号码 95533（官方）')).not.toBeChecked()
  fireEvent.change(within(dialog).getByRole('combobox'), { target: { value: '冒充银行' } })
  fireEvent.click(within(dialog).getByText('确认核实'))
  await waitFor(() => expect(api.reviewReports).toHaveBeenCalledTimes(1))
  expect(api.reviewReports).toHaveBeenCalledWith({
    kind: 'message',
    value: GROUP.value,
    action: 'confirm',
    category: '冒充银行',
    parts: [{ kind: 'url', value: 'ccb-yz.top' }]
  })
})
