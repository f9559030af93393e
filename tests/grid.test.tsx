import '@testing-library/jest-dom'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { serveRoutes, inputLabelled, type RecordedCall } from './fixtures'
import GridWorkbenchPage from '../src/packages/grid/pages/index/index'
import MinePage from '../src/pages/mine/index'
import { useSession } from '../src/stores/session'
import type { GridWorkbench } from '../types/grid'

const mocked = Taro as unknown as Record<string, jest.Mock>
const BENCH: GridWorkbench = {
  asOf: '2026-12-01',
  villages: [
    { code: '610923100001', name: '东关社区', townshipName: '城关镇', registered16to60: 412, population16to60: 1000, ratio: 0.412, proxyRegistered: 3 }
  ],
  visits: [
    { id: '9', village: '东关社区', dueAt: '2026-12-01T08:00:00.000Z', done: false, note: '下午3点村委会门口见', requestedAt: '2026-12-01T03:00:00.000Z' }
  ],
  sessions: []
}

let calls: RecordedCall[]
const serve = (routes: Parameters<typeof serveRoutes>[0]) => void (calls = serveRoutes(routes))
const box = inputLabelled

beforeEach(() => {
  jest.clearAllMocks()
  useSession.setState({ tokens: { accessToken: 'a', refreshToken: 'r', expiresAt: Date.now() + 600_000, residentId: '7' }, me: null })
})

test('the workbench: coverage as counts, the visit to accompany with its note, and a session logged', async () => {
  serve({
    'GET /me/grid': () => ({ statusCode: 200, body: BENCH }),
    'POST /me/grid/sessions': () => ({
      statusCode: 200,
      body: {
        items: [{ id: '1', kind: 'courtyard', heldOn: '2026-11-28', village: { code: '610923100001', name: '东关社区' }, people: 35, note: null, photos: 0 }]
      }
    })
  })
  render(<GridWorkbenchPage />)
  await screen.findByText('城关镇，已登记 412 / 1000 人')
  expect(screen.getByText('41.2%')).toBeInTheDocument()
  expect(screen.getByText('代登记 3 人')).toBeInTheDocument()
  expect(screen.getByRole('list', { name: '陪同上门' })).toHaveTextContent('下午3点村委会门口见')
  fireEvent.click(screen.getByText('保存'))
  await screen.findByText('请选择活动类型、日期和村（社区）')
  fireEvent.change(screen.getByLabelText('活动类型'), { target: { value: 'courtyard' } })
  fireEvent.input(await box('参加人数'), { target: { value: '35' } })
  fireEvent.click(screen.getByText('保存'))
  await screen.findByRole('list', { name: '我的宣传记录' })
  const sent = calls.find((c) => c.method === 'POST')?.data as Record<string, unknown>
  expect(sent).toMatchObject({ kind: 'courtyard', villageCode: '610923100001', people: 35 })
  expect(sent.heldOn).toMatch(/^\d{4}-\d\d-\d\d$/)
  fireEvent.click(screen.getByText('代登记（帮没有智能手机的群众登记）'))
  expect(mocked.navigateTo).toHaveBeenCalledWith({ url: '/packages/account/pages/proxy/index?as=grid' })
})

test('a resident who is not a grid worker is told so, not shown an error to retry', async () => {
  serve({ 'GET /me/grid': () => ({ statusCode: 403, body: { error: { code: 'NOT_GRID_WORKER', message: '您还不是网格员。网格员由县反诈中心任命' } } }) })
  render(<GridWorkbenchPage />)
  await screen.findByText('您还不是网格员。网格员由县反诈中心任命')
  expect(screen.queryByText('重试')).toBeNull()
})

test('我的 shows 网格员工作台 to grid workers only', async () => {
  const me = { residentId: '7', phone: '139****0031', registered: true, profile: null }
  serve({
    'GET /me': () => ({ statusCode: 200, body: { ...me, gridWorker: true } }),
    'GET /me/warnings': () => ({ statusCode: 200, body: { items: [], family: [] } })
  })
  const { unmount } = render(<MinePage />)
  await screen.findByText('网格员工作台')
  unmount()
  useSession.setState({ me: null })
  serve({ 'GET /me': () => ({ statusCode: 200, body: me }), 'GET /me/warnings': () => ({ statusCode: 200, body: { items: [], family: [] } }) })
  render(<MinePage />)
  await waitFor(() => expect(calls.some((c) => c.url === '/me')).toBe(true))
  await new Promise((r) => setTimeout(r, 20))
  expect(screen.queryByText('网格员工作台')).toBeNull()
  expect(screen.getByText('家人守护', { selector: '*:not(h2):not([role=heading])' })).toBeInTheDocument()
})
