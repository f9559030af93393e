import { fireEvent, render, screen, within } from '@testing-library/react'
import { MemoryRouter } from 'react-router-dom'
import { App } from 'antd'
import type { DutyOverview } from '../../types/duty'
import { DutyAlerts } from '../src/layout/DutyAlerts'
import { AppLayout } from '../src/layout/AppLayout'
import { useSession } from '../src/stores/session'
import * as duty from '../src/services/duty'
import { renderConsole, signInAs } from './render'

jest.setTimeout(60_000)
jest.mock('../src/services/duty')
jest.mock('../src/services/stats', () => ({ getAreas: async () => [] }))
const api = duty as jest.Mocked<typeof duty>

const DUTY: DutyOverview = {
  day: '2026-12-07',
  warningsToday: 3,
  highRiskToday: 1,
  openCalls: 4,
  overdueCalls: 1,
  openVisits: 2,
  overdueVisits: 0,
  unplacedVisits: 1,
  lossToday: 0,
  stoppedToday: 0,
  reportsWaiting: 5,
  staff: [],
  newestHighRisk: [{ id: '10', riskType: 'transfer', phoneMasked: '139****0010', receivedAt: '2026-12-07T01:00:00.000Z' }]
}

afterEach(() => useSession.getState().signOut())

test('a new high-risk warning is announced, not just refreshed; those already on screen when the page opened are not', () => {
  const frame = (d: DutyOverview) => (
    <App>
      <MemoryRouter>
        <DutyAlerts duty={d} />
      </MemoryRouter>
    </App>
  )
  const { rerender } = render(frame(DUTY))
  expect(screen.queryByText('新的高风险预警')).toBeNull()
  rerender(
    frame({
      ...DUTY,
      newestHighRisk: [{ id: '11', riskType: 'call', phoneMasked: '139****0011', receivedAt: '2026-12-07T01:05:00.000Z' }, ...DUTY.newestHighRisk]
    })
  )
  expect(screen.getByText('新的高风险预警')).toBeInTheDocument()
  expect(screen.getByText(/139\*\*\*\*0011/)).toBeInTheDocument()
  expect(screen.queryByText(/139\*\*\*\*0010/)).toBeNull()
  expect(screen.getByText('立即查看')).toBeInTheDocument()
})

test("the menu shows what waits behind each entry, beside the link so its name stays the page's name", async () => {
  api.getDuty.mockResolvedValue(DUTY)
  signInAs('admin', { username: 'admin', policeNumber: '060001' })
  renderConsole(
    <AppLayout>
      <p>页面</p>
    </AppLayout>,
    '/dashboard'
  )
  fireEvent.click(screen.getByRole('button', { name: '打开菜单' }))
  const nav = screen.getByRole('navigation', { name: '主菜单' })
  expect(await within(nav).findByLabelText('4 个电话任务，1 个超时')).toBeInTheDocument()
  expect(within(nav).getByLabelText('5 条线索待审核')).toBeInTheDocument()
  expect(within(nav).getByLabelText('1 个上门任务待指派派出所')).toBeInTheDocument()
  expect(within(nav).getByRole('link', { name: '电话预警' })).toBeInTheDocument()
})
