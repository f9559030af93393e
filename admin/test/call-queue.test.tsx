import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import type { TaskCard } from '../../types/warnings'
import { useSession } from '../src/stores/session'
import CallsPage from '../src/pages/calls'
import * as warnings from '../src/services/warnings'
import * as grid from '../src/services/grid'
import VisitsPage from '../src/pages/visits'
import * as stats from '../src/services/stats'
import { renderConsole, signInAs } from './render'

// antd in jsdom is slow on a busy two-core machine.
jest.setTimeout(60_000)
jest.mock('../src/services/warnings')
jest.mock('../src/services/grid')
jest.mock('../src/services/stats')
const statsApi = stats as jest.Mocked<typeof stats>
const gridApi = grid as jest.Mocked<typeof grid>
const api = warnings as jest.Mocked<typeof warnings>

const card = (over: { phone?: string | null; status?: 'open' | 'claimed'; id?: string; township?: null } = {}): TaskCard => ({
  task: {
    id: over.id ?? '5',
    kind: 'call',
    status: over.status ?? 'claimed',
    dueAt: '2026-11-30T02:10:00.000Z',
    overdue: false,
    claimedBy: '李建军',
    claimedAt: '2026-11-30T02:01:00.000Z',
    attempts: 0,
    nextTryAt: null,
    escalatesFrom: null
  },
  warning: {
    id: '41',
    source: 'city',
    ref: 'c-1',
    phoneMasked: '139****0031',
    matched: over.township !== null,
    townshipCode: over.township === null ? null : '610923100',
    townshipName: over.township === null ? null : '城关镇',
    villageName: over.township === null ? null : '东关社区',
    riskType: 'transfer',
    riskLevel: 'high',
    level: 2,
    status: 'open',
    answer: 'call_me',
    outcome: null,
    overdue: false,
    answers: ['call_me'],
    unplacedVisit: false,
    receivedAt: '2026-11-30T02:00:00.000Z',
    closedAt: null
  },
  evidence: { kind: 'account', value: '6222020200112233445', amount: 38000 },
  person: { registered: over.township !== null, name: over.township === null ? null : '张**', age: over.township === null ? null : 68 },
  lossAmount: null,
  notes: [],
  phone: over.phone === undefined ? '13900000031' : over.phone,
  code: over.phone === null ? null : '480213',
  script: ['您好，我是县公安局反诈中心民警……', '系统显示您正在向涉诈账户转账'],
  family: [],
  accompany: null,
  gridWorkers: [],
  related: []
})

function renderPage() {
  signInAs('operator', { username: 'operator', policeNumber: '061234' })
  return renderConsole(<CallsPage />)
}

afterEach(() => {
  sessionStorage.clear()
  useSession.getState().signOut()
  jest.resetAllMocks()
})

test('the task in hand: the number to dial, the code and police number to read out, the script; a 已被骗 needs the amount', async () => {
  api.taskQueue.mockResolvedValue([card(), card({ id: '6', phone: null, status: 'open' })])
  api.recordCall.mockResolvedValue(card())
  renderPage()
  // Text and label queries: role queries walk antd's whole tree and take seconds each in jsdom.
  const dial = await screen.findByLabelText('拨打 13900000031')
  expect(dial).toHaveAttribute('href', 'tel:13900000031')
  expect(screen.getByText('核验码 480213')).toBeInTheDocument()
  expect(screen.getByText('您的警号 061234')).toBeInTheDocument()
  expect(screen.getByText('系统显示您正在向涉诈账户转账')).toBeInTheDocument()
  // The other task waits in the queue, masked, with a claim button.
  const queue = await screen.findByLabelText('电话预警队列（可左右滚动）')
  expect(within(queue).getByText('139****0031')).toBeInTheDocument()

  fireEvent.click(screen.getByLabelText('已被骗'))
  await screen.findByLabelText('被骗金额（元）')
  fireEvent.click(screen.getByText('记录结果'))
  expect(await screen.findByText('请填写被骗金额', {}, { timeout: 5_000 })).toBeInTheDocument()
  expect(api.recordCall).not.toHaveBeenCalled()
  fireEvent.change(screen.getByLabelText('被骗金额（元）'), { target: { value: '5000' } })
  fireEvent.click(screen.getByText('记录结果'))
  await waitFor(() => expect(api.recordCall).toHaveBeenCalledWith('5', { result: 'defrauded', amount: 5000 }))
})

test('领取下一个 asks the server for the oldest-due task; a refusal is shown in Chinese', async () => {
  api.taskQueue.mockResolvedValue([])
  const { ApiError } = jest.requireActual('../src/services/http') as typeof import('../src/services/http')
  api.claimNextTask.mockRejectedValue(new ApiError(404, 'QUEUE_EMPTY', '现在没有待拨打的电话任务'))
  renderPage()
  expect(await screen.findByText('没有待拨打的电话')).toBeInTheDocument()
  fireEvent.click(screen.getByText('领取下一个'))
  expect(await screen.findByText('现在没有待拨打的电话任务')).toBeInTheDocument()
  expect(api.claimNextTask).toHaveBeenCalledWith('call')
})

test("家人守护 and 网格员 on a task: the family's numbers to call second; a visit asks a village grid worker to come along", async () => {
  const visit: TaskCard = {
    ...card(),
    task: { ...card().task, kind: 'visit' },
    family: [{ name: '王*', relation: '子女', phone: '13900000099', answeredAt: '2026-11-30T02:03:00.000Z' }],
    gridWorkers: [{ residentId: '77', name: '陈网格' }]
  }
  api.taskQueue.mockResolvedValue([visit])
  gridApi.askToAccompany.mockResolvedValue(undefined)
  signInAs('officer', { username: 'officer', townshipCode: '610923100', policeNumber: '062345' })
  renderConsole(<VisitsPage />)
  const family = await screen.findByLabelText('拨打家人 王* 13900000099')
  expect(family).toHaveAttribute('href', 'tel:13900000099')
  expect(screen.getByText(/已回复：已联系家人，没有转账/)).toBeInTheDocument()
  fireEvent.mouseDown(screen.getByLabelText('陪同的网格员'))
  fireEvent.click(await screen.findByText('陈网格'))
  fireEvent.change(screen.getByLabelText('给网格员的留言'), { target: { value: '下午3点村委会门口见' } })
  fireEvent.click(screen.getByText('请TA陪同'))
  await waitFor(() => expect(gridApi.askToAccompany).toHaveBeenCalledWith('5', { residentId: '77', note: '下午3点村委会门口见' }))
})

const AREAS = [
  {
    code: '610923100',
    name: '城关镇',
    villages: [
      { code: '610923100001', name: '东关社区' },
      { code: '610923100002', name: '西关社区' }
    ]
  },
  { code: '610923101', name: '石泉镇', villages: [{ code: '610923101001', name: '新街村' }] }
]

test('a caller with no township on the card is asked for it, and it is saved before 转派出所上门', async () => {
  api.taskQueue.mockResolvedValue([card({ township: null })])
  statsApi.getAreas.mockResolvedValue(AREAS)
  api.placeWarning.mockResolvedValue({} as never)
  renderPage()
  expect(await screen.findByText(/当事人所在乡镇未知/)).toBeInTheDocument()
  expect(screen.getByText(/请先填写上面的所在地/)).toBeInTheDocument()
  fireEvent.mouseDown(screen.getByLabelText('所在乡镇'))
  fireEvent.click(await screen.findByText('石泉镇'))
  fireEvent.mouseDown(screen.getByLabelText('所在村（社区）'))
  fireEvent.click(await screen.findByText('新街村'))
  fireEvent.click(screen.getByText('保存所在地'))
  await waitFor(() => expect(api.placeWarning).toHaveBeenCalledWith('41', { townshipCode: '610923101', villageCode: '610923101001' }))
})

test('a task a colleague holds can be handed on (转派) or forced back to the queue by the centre', async () => {
  const held: TaskCard = { ...card({ id: '9', phone: null }), task: { ...card().task, id: '9', claimedBy: '周海燕' } }
  api.taskQueue.mockResolvedValue([held])
  api.releaseTask.mockResolvedValue(held)
  api.reassignTask.mockResolvedValue(held)
  api.taskHolders.mockResolvedValue([{ id: '3', name: '李建军', role: 'operator', unit: '县公安局反诈中心', holding: 0 }])
  renderPage()
  expect(await screen.findByText('周海燕 处理中')).toBeInTheDocument()
  fireEvent.click(screen.getByLabelText('强制退回电话任务 139****0031'))
  fireEvent.click(await screen.findByText(/^退\s?回$/))
  await waitFor(() => expect(api.releaseTask).toHaveBeenCalledWith('call', '9'))

  fireEvent.click(screen.getByLabelText('转派电话任务 139****0031'))
  fireEvent.mouseDown(await screen.findByLabelText('转派给'))
  fireEvent.click(await screen.findByText('李建军（县公安局反诈中心，手上 0 个任务）'))
  const dialog = document.querySelector('.ant-modal') as HTMLElement
  fireEvent.click(within(dialog).getByText(/^转\s?派$/, { selector: 'button span' }))
  await waitFor(() => expect(api.reassignTask).toHaveBeenCalledWith('call', '9', '3'))
})

test('a result and note typed on a held task survive the session ending: signed in again, the form comes back filled in', async () => {
  api.taskQueue.mockResolvedValue([card()])
  const first = renderPage()
  fireEvent.click(await screen.findByLabelText('已被骗'))
  fireEvent.change(await screen.findByLabelText('被骗金额（元）'), { target: { value: '12000' } })
  fireEvent.change(screen.getByLabelText('情况说明（选填）'), { target: { value: '已通过手机银行转出两笔' } })
  // The session ends: the page goes (the login page replaces it), then the operator is back on the queue.
  first.unmount()
  renderPage()
  expect(await screen.findByText('已恢复您上次未保存的结果和说明')).toBeInTheDocument()
  expect(screen.getByLabelText('被骗金额（元）')).toHaveValue('12000')
  expect(screen.getByLabelText('情况说明（选填）')).toHaveValue('已通过手机银行转出两笔')
  // Recorded: the kept copy goes with it.
  api.recordCall.mockResolvedValue(card())
  fireEvent.click(screen.getByText('记录结果'))
  await waitFor(() => expect(api.recordCall).toHaveBeenCalledWith('5', { result: 'defrauded', amount: 12000, note: '已通过手机银行转出两笔' }))
  await waitFor(() => expect(sessionStorage.getItem('qiandai.admin.draft.task.5')).toBeNull())
})

test("the visit card shows the person, every answer, the loss and the operator's note; 查看完整信息 asks why before it shows anything", async () => {
  const visit: TaskCard = {
    ...card(),
    task: { ...card().task, kind: 'visit' },
    warning: { ...card().warning, answers: ['safe', 'transferred'], answer: 'transferred' },
    lossAmount: 12000,
    notes: [{ at: '2026-11-30T02:05:00.000Z', actor: '李建军', text: '电话：已被骗，被骗 12,000 元。已通过手机银行转出两笔' }]
  }
  api.taskQueue.mockResolvedValue([visit])
  api.revealPerson.mockResolvedValue({
    phone: '13900000031',
    name: '张秀兰',
    birthDate: '1958-05-01',
    idNumber: null,
    townshipName: '城关镇',
    villageName: '东关社区'
  })
  signInAs('officer', { username: 'officer', townshipCode: '610923100', policeNumber: '062345' })
  renderConsole(<VisitsPage />)
  expect(await screen.findByText('当事人：张**，68岁（已登记居民）')).toBeInTheDocument()
  expect(screen.getByText('居民回复：我知道了，没有转账 → 我已经转账了')).toBeInTheDocument()
  expect(screen.getByText(/已记录被骗金额：/)).toBeInTheDocument()
  expect(screen.getByText('电话：已被骗，被骗 12,000 元。已通过手机银行转出两笔')).toBeInTheDocument()

  fireEvent.click(screen.getByLabelText('查看完整信息：139****0031'))
  const dialog = await waitFor(() => document.querySelector('.ant-modal') as HTMLElement)
  const look = within(dialog)
    .getByText(/^查\s?看$/, { selector: 'button span' })
    .closest('button') as HTMLButtonElement
  expect(look).toBeDisabled()
  fireEvent.change(within(dialog).getByLabelText('查看原因'), { target: { value: '上门前核对身份' } })
  fireEvent.click(look)
  expect(await within(dialog).findByText('张秀兰')).toBeInTheDocument()
  expect(api.revealPerson).toHaveBeenCalledWith('41', '上门前核对身份')
})

test("one person's two call tasks stay together in the queue; after 无法接通 the card says when the retry counts", async () => {
  const other = { ...card({ id: '7', phone: null, status: 'open' }), warning: { ...card().warning, id: '43', phoneMasked: '139****0077' } }
  const help = {
    ...card({ id: '8', phone: null, status: 'open' }),
    warning: { ...card().warning, id: '42', riskType: 'help' as const },
    related: [{ taskId: '6', warningId: '41', riskType: 'transfer' as const, status: 'open' as const }]
  }
  const transfer = {
    ...card({ id: '6', phone: null, status: 'open' }),
    related: [{ taskId: '8', warningId: '42', riskType: 'help' as const, status: 'open' as const }]
  }
  const held = { ...card(), task: { ...card().task, attempts: 1, escalatesFrom: '2026-11-30T02:31:00.000Z' } }
  api.taskQueue.mockResolvedValue([held, help, other, transfer])
  renderPage()
  const queue = await screen.findByLabelText('电话预警队列（可左右滚动）')
  const rows = within(queue)
    .getAllByRole('row')
    .slice(1)
    .map((r) => r.textContent ?? '')
  expect(rows.map((r) => (r.includes('0077') ? 'other' : r.includes('同一人共 2 个任务') ? 'same' : '?'))).toEqual(['same', 'same', 'other'])
  expect(screen.getByText(/10:31 之后再拨仍无法接通，会自动转派出所/)).toBeInTheDocument()
})
