import { screen } from '@testing-library/react'
import type { WarningFigures } from '../../types/cases'
import { useSession } from '../src/stores/session'
import FiguresPage from '../src/pages/figures'
import * as cases from '../src/services/cases'
import { renderConsole, signInAs } from './render'

// antd in jsdom is slow on a busy two-core machine.
jest.setTimeout(60_000)
jest.mock('../src/services/cases')
jest.mock('../src/services/stats', () => ({ getAreas: async () => [{ code: '610923100', name: '城关镇', villages: [] }] }))
// Charts draw on a canvas jsdom does not have; their label (what a screen reader hears) is what is checked.
jest.mock('../src/components/EChart', () => ({ EChart: ({ label }: { label: string }) => <div role="img" aria-label={label} /> }))
const api = cases as jest.Mocked<typeof cases>

const FIGURES: WarningFigures = {
  from: '2026-11-01',
  to: '2026-11-30',
  warnings: 4,
  bySource: { city: 3, bank: 1 },
  byRiskType: { call: 2, transfer: 2 },
  outcomes: { dissuaded: 1, defrauded: 1, false_alarm: 1 },
  open: 1,
  reached: { level1: 0.75, level1Count: 4, level2: 0.5, level2Count: 2, level3: 1, level3Count: 1 },
  medianMinutesToContact: 12.5,
  dissuasionRate: 0.5,
  lossAvoided: 50_000,
  lossInWarnings: 3_000,
  cases: { count: 2, loss: 15_000, recovered: 2_000, lastYearCount: 4, lastYearLoss: 81_000 },
  zeroCase: { townships: 11, townshipsTotal: 12, villages: 40, villagesTotal: 41 },
  byTownship: [{ code: '610923100', name: '城关镇', warnings: 3, dissuaded: 1, defrauded: 1, cases: 2, loss: 15_000, lastYearCases: 1 }],
  byDay: [{ day: '2026-11-20', warnings: 4, dissuaded: 1 }]
}

afterEach(() => {
  useSession.getState().signOut()
  jest.resetAllMocks()
})

test('the figures read as the county reports them: rates, time to contact, losses, cases against last year, 零发案', async () => {
  api.getFigures.mockResolvedValue(FIGURES)
  signInAs('operator', { username: 'operator', policeNumber: '061234' })
  renderConsole(<FiguresPage />)
  expect(await screen.findByText('50.0%')).toBeInTheDocument()
  expect(screen.getByText('12.5 分钟')).toBeInTheDocument()
  expect(screen.getByText('75.0%')).toBeInTheDocument()
  expect(screen.getByText('50,000元')).toBeInTheDocument()
  expect(screen.getByText('2（4，-50%）')).toBeInTheDocument()
  expect(screen.getByText('11/12 · 40/41')).toBeInTheDocument()
  expect(screen.getByText('市反诈中心：3')).toBeInTheDocument()
  expect(screen.getByText('劝阻成功：1')).toBeInTheDocument()
  expect(screen.getByLabelText('各乡镇预警、劝阻成功与立案柱状图，共1个乡镇；数字见下表')).toBeInTheDocument()
  // The first day of this month to today, for the whole county.
  expect(api.getFigures).toHaveBeenCalledWith(expect.objectContaining({ from: expect.stringMatching(/^\d{4}-\d{2}-01$/) }))
})

test('上月 picks last calendar month and 导出月报 downloads the workbook for that period', async () => {
  api.getFigures.mockResolvedValue(FIGURES)
  api.periodReport.mockResolvedValue(new Blob(['xlsx']))
  const created = jest.fn(() => 'blob:report')
  Object.assign(URL, { createObjectURL: created, revokeObjectURL: jest.fn() })
  signInAs('operator', { username: 'operator', policeNumber: '061234' })
  renderConsole(<FiguresPage />)
  const { fireEvent, waitFor } = await import('@testing-library/react')
  fireEvent.click(await screen.findByText(/^上\s?月$/))
  const button = await screen.findByText('导出月报（Excel）')
  fireEvent.click(button)
  await waitFor(() =>
    expect(api.periodReport).toHaveBeenCalledWith(
      expect.objectContaining({ from: expect.stringMatching(/^\d{4}-\d{2}-01$/), to: expect.stringMatching(/^\d{4}-\d{2}-(28|29|30|31)$/) })
    )
  )
  await waitFor(() => expect(created).toHaveBeenCalled())
})
