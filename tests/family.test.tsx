import dayjs from 'dayjs'
import '@testing-library/jest-dom'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { useRouter } from './mocks/taro'
import { serveRoutes, inputLabelled, type RecordedCall } from './fixtures'
import { WarningCards } from '../src/components/WarningCard'
import FamilyPage from '../src/packages/family/pages/index/index'
import ProxyRegistrationPage from '../src/packages/account/pages/proxy/index'
import { useSession } from '../src/stores/session'
import { useWarnings } from '../src/stores/warnings'
import type { Family, FamilyAlert } from '../types/family'
import type { Me } from '../types/me'

const mocked = Taro as unknown as Record<string, jest.Mock>
const ME: Me = {
  residentId: '7',
  phone: '139****0031',
  registered: true,
  profile: {
    name: '王建国',
    birthDate: '1980-01-01',
    township: { code: '610923100', name: '城关镇' },
    village: { code: '610923100001', name: '东关社区' },
    idNumberMasked: null,
    registeredAt: '2026-11-29T02:00:00.000Z'
  }
}
const signedIn = () => useSession.setState({ tokens: { accessToken: 'a', refreshToken: 'r', expiresAt: Date.now() + 600_000, residentId: '7' }, me: ME })
const AREAS = { townships: [{ code: '610923100', name: '城关镇', villages: [{ code: '610923100001', name: '东关社区' }] }] }

const alert = (over: Partial<FamilyAlert> = {}): FamilyAlert => ({
  id: '5',
  wardName: '张**',
  relation: 'parent',
  riskType: 'call',
  title: '家人守护提醒',
  happened: '您的家人张**（父母）刚刚接到涉诈电话。',
  advice: ['马上给家人打电话或当面提醒：不要转账，不要说出验证码'],
  hotline: '96110',
  receivedAt: '2026-12-01T02:00:00.000Z',
  answer: null,
  answeredAt: null,
  wardPhone: '13900000031',
  ...over
})
const FAMILY: Family = {
  guarding: [{ linkId: '11', name: '张**', relation: 'parent', since: '2026-11-30T02:00:00.000Z', proxyRegistered: true }],
  guardedBy: [],
  invites: [],
  limit: 8,
  used: 1
}

let calls: RecordedCall[]
const serve = (routes: Parameters<typeof serveRoutes>[0]) => void (calls = serveRoutes(routes))

const box = inputLabelled

beforeEach(() => {
  jest.clearAllMocks()
  useRouter.mockReturnValue({ params: {} })
  useSession.setState({ tokens: null, me: null })
  useWarnings.setState({ items: [], family: [] })
})

test("a guardian's copy: a red card on the tab, and 已联系家人，没有转账 goes to the server", async () => {
  signedIn()
  serve({
    'GET /me/warnings': () => ({ statusCode: 200, body: { items: [], family: [alert()] } }),
    'POST /me/family/alerts/5/answer': () => ({
      statusCode: 200,
      body: { items: [], family: [alert({ answer: 'contacted_safe', answeredAt: '2026-12-01T02:03:00.000Z' })] }
    })
  })
  render(<WarningCards />)
  const card = await screen.findByRole('alert')
  expect(card).toHaveTextContent('您的家人张**（父母）刚刚接到涉诈电话')
  // One tap to reach them.
  fireEvent.click(screen.getByRole('button', { name: '给张**打电话' }))
  expect(mocked.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '13900000031' })
  fireEvent.click(screen.getByText('已联系家人，没有转账'))
  await screen.findByText('您已回复：已联系家人，没有转账')
  expect(calls.filter((c) => c.method === 'POST')).toEqual([{ method: 'POST', url: '/me/family/alerts/5/answer', data: { answer: 'contacted_safe' } }])
  expect(screen.queryByRole('alert')).toBeNull()
})

test('two open cards are told apart by a screen reader: each card and each answer button names its time', async () => {
  signedIn()
  const warning = (id: string, receivedAt: string) => ({
    id,
    title: '反诈预警',
    happened: '您刚刚接到一个涉嫌诈骗的电话。',
    advice: ['不要转账'],
    hotline: '96110',
    riskType: 'call',
    riskLevel: 'high',
    receivedAt,
    answer: null,
    answeredAt: null,
    contact: null
  })
  serve({
    'GET /me/warnings': () => ({
      statusCode: 200,
      body: { items: [warning('1', '2026-12-06T06:05:00.000Z'), warning('2', '2026-12-06T08:30:00.000Z')], family: [] }
    })
  })
  render(<WarningCards />)
  const cards = await screen.findAllByRole('alert')
  const names = cards.map((c) => c.getAttribute('aria-label'))
  expect(new Set(names).size).toBe(2)
  // The answers differ per card (the hotline button does the same thing on both, so it may share its name).
  const answerNames = screen
    .getAllByRole('button')
    .map((b) => b.getAttribute('aria-label') ?? '')
    .filter((n) => n.includes('的预警'))
  expect(answerNames).toHaveLength(6)
  expect(new Set(answerNames).size).toBe(6)
  expect(answerNames.some((n) => n.includes(`${dayjs('2026-12-06T06:05:00.000Z').format('M月D日 HH:mm')}收到`))).toBe(true)
})

test('the family page: who I guard (代登记 marked), a new invitation code, and ending a link after asking', async () => {
  signedIn()
  serve({
    'GET /me/family': () => ({ statusCode: 200, body: FAMILY }),
    'POST /me/family/invites': () => ({
      statusCode: 200,
      body: {
        id: '3',
        code: 'ABCD EFGH',
        role: 'ward',
        relation: 'child',
        expiresAt: '2026-12-02T02:00:00.000Z',
        shareText: '王**请您在“守好钱袋子”里守护TA… ABCD EFGH'
      }
    }),
    'DELETE /me/family/links/11': () => ({ statusCode: 200, body: { ...FAMILY, guarding: [], used: 0 } })
  })
  render(<FamilyPage />)
  await screen.findByText('张**')
  expect(screen.getByText('代登记')).toBeInTheDocument()
  expect(screen.getByText(/已有 1 个守护关系，最多 8 个/)).toBeInTheDocument()
  fireEvent.click(screen.getByRole('radio', { name: '请TA守护我' }))
  fireEvent.change(screen.getByLabelText('对方是我的'), { target: { value: 'child' } })
  fireEvent.click(screen.getByText('生成邀请码'))
  await screen.findByText('ABCD EFGH')
  expect(calls.find((c) => c.method === 'POST')?.data).toEqual({ role: 'ward', relation: 'child' })
  fireEvent.click(screen.getByText('复制邀请信息'))
  expect(mocked.setClipboardData).toHaveBeenCalledWith({ data: expect.stringContaining('ABCD EFGH') })
  fireEvent.click(screen.getByRole('button', { name: '解除与张**的守护关系' }))
  await waitFor(() => expect(calls.some((c) => c.method === 'DELETE' && c.url === '/me/family/links/11')).toBe(true))
  expect(mocked.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '解除守护关系？' }))
  await screen.findByText(/还没有。TA接到涉诈电话时/)
})

test('accepting a code from a share card: who sent it first, then 接受', async () => {
  signedIn()
  useRouter.mockReturnValue({ params: { code: 'ABCDEFGH' } })
  serve({
    'GET /me/family': () => ({ statusCode: 200, body: { ...FAMILY, guarding: [], used: 0 } }),
    'POST /me/family/invites/preview': () => ({
      statusCode: 200,
      body: { inviterName: '王**', inviterRole: 'guardian', relation: 'child', expiresAt: '2026-12-02T02:00:00.000Z' }
    }),
    'POST /me/family/accept': () => ({
      statusCode: 200,
      body: {
        ...FAMILY,
        guarding: [],
        guardedBy: [{ linkId: '12', name: '王**', relation: 'child', since: '2026-12-01T02:00:00.000Z', proxyRegistered: false }],
        used: 1
      }
    })
  })
  render(<FamilyPage />)
  await screen.findByText('查看邀请')
  expect(await box('邀请码')).toHaveValue('ABCDEFGH')
  fireEvent.click(screen.getByText('查看邀请'))
  await screen.findByText('王**（您的子女）想守护您：您接到涉诈电话时，TA会收到提醒。')
  fireEvent.click(screen.getByText('接受'))
  await waitFor(() => expect(calls.some((c) => c.url === '/me/family/accept')).toBe(true))
  expect(calls.find((c) => c.url === '/me/family/accept')?.data).toEqual({ code: 'ABCDEFGH' })
  await waitFor(() => expect(screen.getByRole('list', { name: '守护我的家人' })).toHaveTextContent('王**'))
})

test('a mistyped code is refused before asking the server', async () => {
  signedIn()
  serve({ 'GET /me/family': () => ({ statusCode: 200, body: FAMILY }) })
  render(<FamilyPage />)
  await screen.findByText('查看邀请')
  fireEvent.input(await box('邀请码'), { target: { value: 'ABC' } })
  fireEvent.click(screen.getByText('查看邀请'))
  await screen.findByText('邀请码是8位字母和数字')
  expect(calls.some((c) => c.url === '/me/family/invites/preview')).toBe(false)
})

test("代登记: the code goes to the elder's phone, the code they read out registers them; a wrong code shows at the code box", async () => {
  signedIn()
  let attempts = 0
  serve({
    'GET /areas': () => ({ statusCode: 200, body: AREAS }),
    'POST /me/family/proxy/code': () => ({ statusCode: 200, body: { expiresIn: 300, resendAfter: 60 } }),
    'POST /me/family/proxy': () =>
      ++attempts === 1
        ? { statusCode: 400, body: { error: { code: 'SMS_CODE_WRONG', message: '验证码不正确，还可以再试4次', field: 'code' } } }
        : { statusCode: 200, body: { residentId: '90', name: '张**', phone: '139****0002', linkId: '13' } }
  })
  const { container } = render(<ProxyRegistrationPage />)
  await screen.findByLabelText('姓名')
  fireEvent.input(await box('老人的手机号'), { target: { value: '13900000002' } })
  fireEvent.click(screen.getByText('发送验证码'))
  await screen.findByText('验证码已发到老人的手机，5分钟内有效')
  expect(calls.find((c) => c.url === '/me/family/proxy/code')?.data).toEqual({ phone: '13900000002' })
  fireEvent.input(await box('老人读给您的验证码'), { target: { value: '123456' } })
  fireEvent.change(screen.getByLabelText('TA是我的'), { target: { value: 'parent' } })
  fireEvent.input(await box('姓名'), { target: { value: '张秀兰' } })
  fireEvent.change(screen.getByLabelText('出生日期：年'), { target: { value: '1950' } })
  fireEvent.change(screen.getByLabelText('出生日期：月'), { target: { value: '3' } })
  fireEvent.change(screen.getByLabelText('出生日期：日'), { target: { value: '2' } })
  fireEvent.change(screen.getByLabelText('所在乡镇'), { target: { value: '610923100' } })
  fireEvent.change(screen.getByLabelText('所在村（社区）'), { target: { value: '610923100001' } })
  expect(container.textContent).toContain('请老人把验证码读给您听')
  fireEvent.click(screen.getByText('提交登记'))
  await waitFor(() => expect(screen.getAllByText('验证码不正确，还可以再试4次').length).toBeGreaterThan(0))
  fireEvent.click(screen.getByText('提交登记'))
  await screen.findByText('登记好了')
  const sent = calls.filter((c) => c.url === '/me/family/proxy').at(-1)?.data
  expect(sent).toEqual({
    phone: '13900000002',
    code: '123456',
    name: '张秀兰',
    birthDate: '1950-03-02',
    townshipCode: '610923100',
    villageCode: '610923100001',
    consentVersion: expect.any(String),
    as: 'family',
    relation: 'parent'
  })
  expect(screen.getByText(/已为 张\*\*（139\*\*\*\*0002）登记/)).toBeInTheDocument()
})

test('in the mini-program a guardian turns on WeChat reminders: the warning template is asked for in the tap and reported', async () => {
  const previous = process.env.TARO_ENV
  process.env.TARO_ENV = 'weapp'
  try {
    signedIn()
    mocked.requestSubscribeMessage.mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', 'tmpl-warning': 'accept' })
    serve({
      'GET /me/family': () => ({ statusCode: 200, body: FAMILY }),
      'GET /push/config': () => ({
        statusCode: 200,
        body: {
          templates: { bulletin: 'tmpl-bulletin', report: 'tmpl-report', warning: 'tmpl-warning' },
          templateIds: ['tmpl-bulletin', 'tmpl-report', 'tmpl-warning']
        }
      }),
      'POST /me/subscriptions': () => ({ statusCode: 200, body: { templates: [] } })
    })
    render(<FamilyPage />)
    const button = await screen.findByText('开启微信提醒')
    await waitFor(() => expect(button.closest('taro-button-core')).not.toHaveAttribute('disabled'))
    fireEvent.click(button)
    expect(mocked.requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ['tmpl-warning'], entityIds: [] })
    await waitFor(() => expect(calls.find((c) => c.url === '/me/subscriptions')?.data).toEqual({ results: { 'tmpl-warning': 'accept' } }))
  } finally {
    process.env.TARO_ENV = previous
  }
})
