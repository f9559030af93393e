import '@testing-library/jest-dom'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { respondWith, useRouter } from './mocks/taro'
import ReportPage from '../src/packages/report/pages/index/index'
import { useSession } from '../src/stores/session'
import { useCheckStore } from '../src/stores/check'
import { myReport, renderedInput } from './fixtures'

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
  // Registration brings the resident back here (the report page stays below it).
  expect(mocked.navigateTo).toHaveBeenCalledWith({ url: '/packages/account/pages/register/index?then=back' })
})

test('signed in: the report is sent with what the resident filled in, and my reports show its status', async () => {
  useSession.setState({ tokens: { accessToken: 'a', refreshToken: 'r', expiresAt: Date.now() + 600_000, residentId: '1' } })
  useRouter.mockReturnValue({ params: { value: encodeURIComponent('t.cn/A6abc'), kind: 'url' } })
  const sent: unknown[] = []
  let mine: unknown[] = []
  respondWith((_url, req) => {
    if (req.method === 'POST') {
      sent.push(JSON.parse(String(req.data)))
      const report = {
        id: '9',
        kind: 'url',
        value: 't.cn',
        input: 't.cn/A6abc',
        channel: '短信',
        lossAmount: 300,
        status: 'submitted',
        outcome: null,
        screenshots: [],
        createdAt: '2026-11-29T08:00:00.000Z',
        updatedAt: '2026-11-29T08:00:00.000Z'
      }
      mine = [report]
      return { statusCode: 200, body: report }
    }
    return { statusCode: 200, body: { items: mine } }
  })
  const { container } = render(<ReportPage />)
  expect(screen.getByText('举报这个网址')).toBeInTheDocument()
  fireEvent.change(screen.getByLabelText('对方怎么联系您的'), { target: { value: '短信' } })
  const loss = await renderedInput(container, 'input[placeholder="例如 5000"]')
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

test('opened from 我的 without a value: no form, only my reports with the centre’s outcome', async () => {
  useSession.setState({ tokens: { accessToken: 'a', refreshToken: 'r', expiresAt: Date.now() + 600_000, residentId: '1' } })
  useRouter.mockReturnValue({ params: {} })
  respondWith(() => ({
    statusCode: 200,
    body: {
      items: [
        {
          id: '3',
          kind: 'phone',
          value: '+8617000001234',
          input: '170 0000 1234',
          channel: '电话',
          lossAmount: 5000,
          status: 'confirmed',
          outcome: '已核实：已列入反诈黑名单',
          screenshots: ['s1'],
          createdAt: '2026-11-28T08:00:00.000Z',
          updatedAt: '2026-11-29T08:00:00.000Z'
        },
        {
          id: '4',
          kind: 'url',
          value: 'good.example',
          input: 'good.example/a',
          channel: '短信',
          lossAmount: null,
          status: 'rejected',
          outcome: '暂未核实到诈骗证据，这不代表对方可信：没有找到这个网址的诈骗线索',
          screenshots: [],
          createdAt: '2026-12-04T02:00:00.000Z',
          updatedAt: '2026-12-05T08:00:00.000Z'
        }
      ]
    }
  }))
  const { container } = render(<ReportPage />)
  // Headed by what it is, in both builds (the mini-program's title bar too), not 举报号码.
  await waitFor(() => expect(mocked.setNavigationBarTitle).toHaveBeenCalledWith({ title: '我的举报' }))
  expect(await screen.findByText('号码：170 0000 1234')).toBeInTheDocument()
  expect(screen.getByText('已核实是诈骗', { selector: '.tag' })).toHaveClass('tag--danger')
  expect(screen.getByText('已核实：已列入反诈黑名单')).toBeInTheDocument()
  expect(screen.getByText('2026年11月28日提交 · 电话 · 损失5000元 · 截图1张')).toBeInTheDocument()
  // Not confirmed is never worded or coloured as safe.
  expect(screen.getByText('网址：good.example/a')).toBeInTheDocument()
  expect(screen.getByText('暂未核实', { selector: '.tag' })).toHaveClass('tag--neutral')
  expect(container.querySelector('.tag--success')).toBeNull()
  expect(screen.getByText(/如果对方还让您转账/)).toBeInTheDocument()
  expect(screen.queryByText('提交举报')).not.toBeInTheDocument()
})

test('screenshots are uploaded when picked, can be removed, and their ids go with the report', async () => {
  useSession.setState({ tokens: { accessToken: 'tok', refreshToken: 'r', expiresAt: Date.now() + 600_000, residentId: '1' } })
  useRouter.mockReturnValue({ params: { value: encodeURIComponent('17000005555'), kind: 'phone' } })
  mocked.chooseImage.mockResolvedValueOnce({ tempFilePaths: ['blob:a', 'blob:b'], errMsg: 'chooseImage:ok' })
  let n = 0
  mocked.uploadFile.mockImplementation(async () => ({ statusCode: 200, data: JSON.stringify({ id: `shot-${++n}`, contentType: 'image/png', size: 10 }) }))
  const sent: unknown[] = []
  respondWith((_url, req) => {
    if (req.method === 'POST') {
      sent.push(JSON.parse(String(req.data)))
      return {
        statusCode: 200,
        body: {
          id: '1',
          kind: 'phone',
          value: '+8617000005555',
          input: '17000005555',
          channel: '电话',
          lossAmount: null,
          status: 'submitted',
          outcome: null,
          screenshots: ['shot-2'],
          createdAt: '2026-11-29T08:00:00.000Z',
          updatedAt: '2026-11-29T08:00:00.000Z'
        }
      }
    }
    return { statusCode: 200, body: { items: [] } }
  })
  render(<ReportPage />)
  fireEvent.click(screen.getByText('添加截图'))
  expect(await screen.findByLabelText('截图2')).toBeInTheDocument()
  expect(mocked.uploadFile).toHaveBeenCalledWith(expect.objectContaining({ filePath: 'blob:a', name: 'file', header: { Authorization: 'Bearer tok' } }))
  fireEvent.click(screen.getByLabelText('删除截图1'))
  await waitFor(() => expect(screen.queryByLabelText('截图2')).not.toBeInTheDocument())
  fireEvent.click(screen.getByText('提交举报'))
  expect(await screen.findByText(/已提交/)).toBeInTheDocument()
  expect(sent).toEqual([{ kind: 'phone', value: '17000005555', channel: '电话', screenshots: ['shot-2'] }])
})

test('a refused screenshot shows the server’s reason and adds nothing', async () => {
  useSession.setState({ tokens: { accessToken: 'tok', refreshToken: 'r', expiresAt: Date.now() + 600_000, residentId: '1' } })
  useRouter.mockReturnValue({ params: { value: encodeURIComponent('17000005555'), kind: 'phone' } })
  respondWith(() => ({ statusCode: 200, body: { items: [] } }))
  mocked.chooseImage.mockResolvedValueOnce({ tempFilePaths: ['blob:text'], errMsg: 'chooseImage:ok' })
  mocked.uploadFile.mockResolvedValueOnce({
    statusCode: 400,
    data: JSON.stringify({ error: { code: 'SCREENSHOT_INVALID', message: '只能上传图片（JPEG、PNG 或 WebP 截图）' } })
  })
  render(<ReportPage />)
  fireEvent.click(screen.getByText('添加截图'))
  expect(await screen.findByText('只能上传图片（JPEG、PNG 或 WebP 截图）')).toBeInTheDocument()
  expect(screen.queryByLabelText('截图1')).not.toBeInTheDocument()
})

test('in the mini-program the submit tap asks for the 举报进展 message and records the answer; the report goes either way', async () => {
  const previous = process.env.TARO_ENV
  process.env.TARO_ENV = 'weapp'
  try {
    useSession.setState({ tokens: { accessToken: 'tok', refreshToken: 'r', expiresAt: Date.now() + 600_000, residentId: '1' } })
    useRouter.mockReturnValue({ params: { value: encodeURIComponent('17000005555'), kind: 'phone' } })
    mocked.requestSubscribeMessage.mockResolvedValueOnce({ errMsg: 'requestSubscribeMessage:ok', 'tmpl-report': 'accept' })
    const calls: Array<{ url: string; body: unknown }> = []
    respondWith((url, req) => {
      calls.push({ url, body: req.data ? JSON.parse(String(req.data)) : null })
      if (url.endsWith('/push/config'))
        return {
          statusCode: 200,
          body: { templates: { bulletin: 'tmpl-bulletin', report: 'tmpl-report', warning: null }, templateIds: ['tmpl-bulletin', 'tmpl-report'] }
        }
      if (url.endsWith('/me/subscriptions')) return { statusCode: 200, body: { templates: [] } }
      if (req.method === 'POST')
        return {
          statusCode: 200,
          body: {
            id: '1',
            kind: 'phone',
            value: '+8617000005555',
            input: '17000005555',
            channel: '电话',
            lossAmount: null,
            status: 'submitted',
            outcome: null,
            screenshots: [],
            createdAt: '2026-11-29T08:00:00.000Z',
            updatedAt: '2026-11-29T08:00:00.000Z'
          }
        }
      return { statusCode: 200, body: { items: [] } }
    })
    render(<ReportPage />)
    await waitFor(() => expect(calls.some((c) => c.url.endsWith('/push/config'))).toBe(true))
    await new Promise((r) => setTimeout(r, 0))
    fireEvent.click(screen.getByText('提交举报'))
    expect(await screen.findByText(/订阅了举报进展的，还会收到微信提醒/)).toBeInTheDocument()
    expect(mocked.requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ['tmpl-report'], entityIds: [] })
    await waitFor(() => expect(calls.find((c) => c.url.endsWith('/me/subscriptions'))?.body).toEqual({ results: { 'tmpl-report': 'accept' } }))
  } finally {
    process.env.TARO_ENV = previous
  }
})

test('a whole message is reported from the check box (not the page address), and listed by its first words', async () => {
  const message = '【建设银行】95533温馨提示：您的账户存在异常，将于今日冻结，请登录 ccb-yz.top 完成验证，逾期不处理将影响使用。'
  useSession.setState({ tokens: { accessToken: 'a', refreshToken: 'r', expiresAt: Date.now() + 600_000, residentId: '1' } })
  useCheckStore.getState().setInput(message)
  useRouter.mockReturnValue({ params: { kind: 'message' } })
  const sent: unknown[] = []
  let mine: unknown[] = []
  respondWith((_url, req) => {
    if (req.method === 'POST') {
      sent.push(JSON.parse(String(req.data)))
      const report = myReport({ id: '10', kind: 'message', value: 'msg:0123456789abcdef01234567', input: message, channel: '短信' })
      mine = [report]
      return { statusCode: 200, body: report }
    }
    return { statusCode: 200, body: { items: mine } }
  })
  render(<ReportPage />)
  expect(screen.getByText('举报这条消息')).toBeInTheDocument()
  expect(screen.getByText(message)).toBeInTheDocument()
  fireEvent.click(screen.getByText('提交举报'))
  expect(await screen.findByText(/已提交/)).toBeInTheDocument()
  // 短信 is the channel a message came by, unless the resident picks another.
  expect(sent).toEqual([{ kind: 'message', value: message, channel: '短信' }])
  expect(await screen.findByText(`消息：${[...message].slice(0, 40).join('')}…`)).toBeInTheDocument()
})
