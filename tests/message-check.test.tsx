import { fireEvent, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { respondWith, useDidShow } from './mocks/taro'

const mocked = Taro as unknown as Record<string, jest.Mock>
import CheckPage from '../src/pages/check/index'
import { useCheckStore } from '../src/stores/check'
import { useRecentChecks } from '../src/stores/recent-checks'
import { recogniseInput } from '../src/lib/input-kind'
import { messageSegments } from '../src/components/VerdictCard/MessageVerdict'
import { checkField } from './fixtures'
import type { CheckMessageResponse } from '../types/check'

const CCB = '【建设银行】95533温馨提示：您的账户存在异常，将于今日冻结，请登录 ccb-yz.top 完成验证，逾期不处理将影响使用。'
const start = CCB.indexOf('ccb-yz.top')
const ANSWER: CheckMessageResponse = {
  kind: 'message',
  verdict: 'dangerous',
  length: CCB.length,
  sender: '中国建设银行',
  parts: [
    { kind: 'phone', text: '95533', start: 6, end: 11, value: '+8695533', verdict: 'safe', reasons: [{ code: 'VERIFIED', message: '核实过的号码' }] },
    {
      kind: 'url',
      text: 'ccb-yz.top',
      start,
      end: start + 10,
      value: 'ccb-yz.top',
      verdict: 'dangerous',
      reasons: [{ code: 'NOT_THE_SENDER', message: '不是建设银行的官方网址' }]
    }
  ],
  scripts: [{ code: 'PHISHING_LINK', name: '钓鱼链接', fraudType: 'kefu', matched: ['异常', '账户'], message: '凡是陌生链接要您登录…都是诈骗。' }],
  reasons: [{ code: 'IMPERSONATION', message: '消息自称中国建设银行，但网址 ccb-yz.top 不是建设银行的官方网址（官方：ccb.com）。' }],
  advice: ['不要点消息里的链接，不要回拨消息里的号码'],
  checkedAt: '2026-12-06T08:00:00.000Z'
}

beforeEach(() => {
  jest.clearAllMocks()
  useDidShow.mockImplementation(() => {})
  useCheckStore.getState().reset()
  useRecentChecks.getState().clear()
})

test('recognising what was pasted: a message, a link, a card, a number, or what was picked', () => {
  expect(recogniseInput(CCB)).toBe('message')
  expect(recogniseInput('您好\n请点击链接')).toBe('message')
  expect(recogniseInput('请登录 ccb-yz.top 13800138000')).toBe('message')
  expect(recogniseInput('http://95588-icbc.top/login')).toBe('url')
  expect(recogniseInput('ccb-yz.top')).toBe('url')
  expect(recogniseInput('6222 0215 0300 1234 567')).toBe('account')
  expect(recogniseInput('safe-account@example.com')).toBe('account')
  expect(recogniseInput('00852 9876 5432')).toBe('phone')
  expect(recogniseInput('+86 95588')).toBe('phone')
  expect(recogniseInput('０９１５－１１０')).toBe('phone')
  // A few words around one number stay with the picked kind (the phone check reads the number out of them).
  expect(recogniseInput('号码 0915-110')).toBeNull()
  expect(recogniseInput('')).toBeNull()
})

test('segments: the message cut around its parts, every character once', () => {
  const segments = messageSegments(CCB, ANSWER.parts)
  expect(segments.map((s) => s.text).join('')).toBe(CCB)
  expect(segments.filter((s) => s.part).map((s) => s.text)).toEqual(['95533', 'ccb-yz.top'])
  // A part outside the text (the box edited since) is left out rather than misplaced.
  expect(
    messageSegments('短', ANSWER.parts)
      .map((s) => s.text)
      .join('')
  ).toBe('短')
})

test('a whole message pasted in 号码 mode is checked as a message: 高危, who it pretends to be, the link marked', async () => {
  useCheckStore.getState().setKind('phone')
  const requests: Array<{ url: string; method?: string; data?: unknown }> = []
  respondWith((url, request) => {
    if (url.startsWith('/api/v1/tips'))
      return {
        statusCode: 200,
        body: { items: [{ id: 't7', title: '陌生链接不点，陌生App不装', fraudTypes: [], excerpt: '', source: '', publishedOn: '2026-12-01' }], next: null }
      }
    requests.push({ url, method: request.method, data: request.data })
    return { statusCode: 200, body: ANSWER }
  })
  const { container } = render(<CheckPage />)
  fireEvent.input(await checkField(container), { target: { value: CCB } })
  fireEvent.click(screen.getByText('查一查'))
  const card = await screen.findByRole('region', { name: '查询结果：高危' })
  expect(requests[0].url).toMatch(/\/check\/message$/)
  expect(requests[0].method).toBe('POST')
  expect(JSON.parse(String(requests[0].data))).toEqual({ text: CCB })
  expect(within(card).getByText('冒充中国建设银行')).toBeInTheDocument()
  expect(within(card).getByText('钓鱼链接')).toBeInTheDocument()
  const marks = container.querySelectorAll('[role="mark"]')
  expect(marks).toHaveLength(1)
  // What a screen reader reads: the meaning, then the part (the sign is hidden from it).
  expect(marks[0].textContent).toBe('高危网址：⚠ccb-yz.top')
  expect(marks[0].querySelector('[aria-hidden="true"]')?.textContent).toBe('⚠')
  expect(within(card).queryByText('已核实')).toBeNull()
  // The matching 学反诈 tip (by the script's fraud type) opens directly.
  fireEvent.click(await within(card).findByText('学反诈：陌生链接不点，陌生App不装'))
  expect(mocked.navigateTo).toHaveBeenCalledWith({ url: '/packages/learn/pages/tip/index?id=t7' })
  fireEvent.click(within(card).getByText('举报这条消息'))
  expect(mocked.navigateTo).toHaveBeenCalledWith({ url: '/packages/report/pages/index/index?kind=message' })
  // Recent checks keep the parts, never the message's text.
  const recent = useRecentChecks.getState().items
  expect(recent.map((r) => r.input)).toEqual(['ccb-yz.top', '95533'])
  expect(recent.some((r) => r.input.includes('温馨提示'))).toBe(false)
})

test('the page opens on 全部: a number goes to the number check, words without a number to the message check', async () => {
  const urls: string[] = []
  respondWith((url) => {
    urls.push(url)
    return url.includes('/check/message')
      ? {
          statusCode: 200,
          body: { ...ANSWER, verdict: 'unknown', length: 4, parts: [], scripts: [], reasons: [{ code: 'NOTHING_FOUND', message: '没有发现' }], sender: null }
        }
      : { statusCode: 400, body: { error: { code: 'INVALID_NUMBER', message: '号码太短了' } } }
  })
  const { container } = render(<CheckPage />)
  expect(screen.getByText('收到可疑短信、电话、链接？粘贴一查')).toBeInTheDocument()
  expect(screen.getByText('全部')).toHaveAttribute('aria-checked', 'true')
  fireEvent.input(await checkField(container), { target: { value: '号码 0915-110' } })
  fireEvent.click(screen.getByText('查一查'))
  await screen.findByText('号码太短了')
  fireEvent.input(await checkField(container), { target: { value: '你好在吗' } })
  fireEvent.click(screen.getByText('查一查'))
  await screen.findByText('没有发现')
  expect(urls[0]).toMatch(/\/check\/phone\?number=/)
  expect(urls[1]).toMatch(/\/check\/message$/)
})
