import { fireEvent, screen, within } from '@testing-library/react'
import type { AdminRole } from '../../types/admin'
import { accessFor } from '../src/access'
import { ROUTES, routesFor } from '../src/routes'
import { AppLayout } from '../src/layout/AppLayout'
import { useSession } from '../src/stores/session'
import { safeNext } from '../src/pages/login'
import { renderConsole, signInAs } from './render'

// antd in jsdom is slow on a busy two-core machine.
jest.setTimeout(60_000)
// The menu's counts come from the duty overview: none here (no server in these tests).
jest.mock('../src/services/duty', () => ({ getDuty: () => new Promise(() => {}) }))
jest.mock('../src/services/stats', () => ({
  getAreas: async () => [{ code: '610923100', name: '城关镇', villages: [] }]
}))

function menuFor(role: AdminRole, townshipCode: string | null = null) {
  signInAs(role, { townshipCode })
  renderConsole(
    <AppLayout>
      <p>页面</p>
    </AppLayout>,
    '/dashboard'
  )
  // jsdom matches no media query: the phone layout, with the menu behind a button.
  fireEvent.click(screen.getByRole('button', { name: '打开菜单' }))
  return within(screen.getByRole('navigation', { name: '主菜单' }))
    .getAllByRole('link')
    .map((a) => a.textContent)
}

afterEach(() => useSession.getState().signOut())

test('each role sees the menu entries its capabilities allow, drawn from the one routes table', () => {
  expect(menuFor('admin')).toEqual([
    '工作台',
    '预警劝阻',
    '电话预警',
    '上门劝阻',
    '无诈统计',
    '案件登记',
    '网格员',
    '发布预警信息',
    '学反诈内容',
    '线索审核',
    '黑名单',
    '官方发送方',
    '申诉',
    '账号',
    '乡镇村与人口',
    '操作日志'
  ])
})
test('a reviewer has the review queue, the blacklist, the official senders and appeals, not bulletins', () => {
  expect(menuFor('reviewer')).toEqual(['工作台', '线索审核', '黑名单', '官方发送方', '申诉'])
})
test('an editor has no 账号 or 操作日志', () => {
  expect(menuFor('editor')).toEqual(['工作台', '发布预警信息', '学反诈内容'])
})
test('an operator has the warnings board and the call queue', () => {
  expect(menuFor('operator')).toEqual(['工作台', '预警劝阻', '电话预警', '无诈统计', '案件登记', '网格员'])
})
test('an officer sees the dashboard, the warnings and the visits of their township, and who they are', async () => {
  expect(menuFor('officer', '610923100')).toEqual(['工作台', '预警劝阻', '上门劝阻', '无诈统计', '案件登记', '网格员'])
  expect(await screen.findByText('officer-user（派出所民警 · 城关镇）')).toBeInTheDocument()
})

test("access: the server's role rules, mirrored; routes without a name stay out of the menu", () => {
  expect(accessFor('reviewer')).toMatchObject({ canReview: true, canPublish: false, canSeeCoverage: false, canManageAccounts: false })
  expect(accessFor('officer')).toMatchObject({ canSeeCoverage: true, canPublish: false, canReview: false })
  expect(accessFor(null).canViewDashboard).toBe(false)
  const editorRoutes = routesFor((c) => accessFor('editor')[c]).map((r) => r.path)
  expect(editorRoutes).toContain('/bulletins/new')
  expect(editorRoutes).not.toContain('/accounts')
  expect(ROUTES.filter((r) => !r.name).map((r) => r.path)).toEqual(['/warnings/:id', '/bulletins/new', '/bulletins/:id', '/search'])
})

test('after login only a path inside the console is followed', () => {
  expect(safeNext('/bulletins/new')).toBe('/bulletins/new')
  expect(safeNext('//evil.example/x')).toBe('/')
  expect(safeNext('https://evil.example/')).toBe('/')
  expect(safeNext('/login?next=/x')).toBe('/')
  expect(safeNext(null)).toBe('/')
})

test("the session lives in this tab's session storage only, and expires with the token", () => {
  useSession
    .getState()
    .signIn(
      { accessToken: 'abc', expiresIn: 7200, username: 'u', role: 'admin', townshipCode: null, policeNumber: null, mustChangePassword: false },
      Date.now()
    )
  expect(JSON.parse(sessionStorage.getItem('qiandai.admin.session') as string).accessToken).toBe('abc')
  expect(localStorage.length).toBe(0)
  useSession.getState().signOut('登录已过期')
  expect(sessionStorage.getItem('qiandai.admin.session')).toBeNull()
  expect(useSession.getState().notice).toBe('登录已过期')
})

test('a password an admin set: the page waits behind a dialog that cannot be dismissed until the staff member chooses their own', () => {
  signInAs('editor', { mustChangePassword: true })
  renderConsole(
    <AppLayout>
      <p>页面</p>
    </AppLayout>,
    '/dashboard'
  )
  expect(screen.getByText('请先设置您自己的密码')).toBeInTheDocument()
  expect(screen.queryByText('页面')).toBeNull()
  fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Escape' })
  expect(screen.getByText('请先设置您自己的密码')).toBeInTheDocument()
  expect(screen.queryByRole('button', { name: /取\s?消/ })).toBeNull()
})
