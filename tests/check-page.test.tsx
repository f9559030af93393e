import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { respondWith, useDidShow } from './mocks/taro'
import CheckPage from '../src/pages/check/index'
import { useCheckStore } from '../src/stores/check'
import { useRecentChecks } from '../src/stores/recent-checks'
import { checkField, checkResult } from './fixtures'
import type { CheckPhoneResponse } from '../types/check'

const mocked = Taro as unknown as Record<string, jest.Mock>

async function typeNumber(container: HTMLElement, value: string): Promise<void> {
  fireEvent.input(await checkField(container), { target: { value } })
}

function answer(body: CheckPhoneResponse): void {
  respondWith(() => ({ statusCode: 200, body }))
}

beforeEach(() => {
  jest.clearAllMocks()
  // The page also announces urgent bulletins on show; that has its own tests (bulletins.test.tsx).
  useDidShow.mockImplementation(() => {})
  useCheckStore.getState().reset()
  useRecentChecks.getState().clear()
})

describe('check page', () => {
  test('checks the typed number and shows the verdict with its reason and advice', async () => {
    answer(checkResult('suspicious'))
    const { container } = render(<CheckPage />)
    await typeNumber(container, '00852 9876 5432')
    fireEvent.click(screen.getByText('查一查'))
    expect(await screen.findByText('可疑', { selector: '.verdict-card__label' })).toBeInTheDocument()
    expect(screen.getByText(/境外来电/)).toBeInTheDocument()
    expect(screen.getByText(/立即挂断/)).toBeInTheDocument()
    const url = (mocked.request.mock.calls[0][0] as { url: string }).url
    expect(url).toBe('/api/v1/check/phone?number=00852+9876+5432')
  })

  test.each([
    ['dangerous', '高危', '✕'],
    ['suspicious', '可疑', '!'],
    ['unknown', '暂无风险记录', '?'],
    ['safe', '已核实', '✓']
  ] as const)('a %s result is labelled %s with its own icon, not colour alone', async (verdict, label, icon) => {
    answer(checkResult(verdict))
    const { container } = render(<CheckPage />)
    await act(() => useCheckStore.getState().run('0085298765432'))
    const card = await waitFor(() => {
      const el = container.querySelector(`.verdict-card--${verdict}`)
      if (!el) throw new Error('no card')
      return el
    })
    expect(card).toHaveTextContent(label)
    expect(card.querySelector('.verdict-card__icon')).toHaveTextContent(icon)
  })

  test('the hotline button calls 96110 and the report link opens the report page with the number', async () => {
    answer(checkResult('dangerous', { input: '16500001111' }))
    render(<CheckPage />)
    await act(() => useCheckStore.getState().run('16500001111'))
    fireEvent.click(await screen.findByText('拨打 96110 反诈专线'))
    expect(mocked.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '96110' })
    fireEvent.click(screen.getByText('举报这个号码'))
    expect(mocked.navigateTo).toHaveBeenCalledWith({ url: '/packages/report/pages/index/index?value=16500001111&kind=phone' })
  })

  test('a 400 from the server shows its Chinese message, without a retry', async () => {
    respondWith(() => ({ statusCode: 400, body: { error: { code: 'INVALID_NUMBER', message: '没有找到电话号码，请输入或粘贴来电号码' } } }))
    render(<CheckPage />)
    await act(() => useCheckStore.getState().run('abc'))
    expect(await screen.findByRole('alert')).toHaveTextContent('没有找到电话号码')
    expect(screen.queryByText('重试')).toBeNull()
  })

  test('rate limiting and being offline show plain messages with a retry that works', async () => {
    respondWith(() => ({ statusCode: 429, body: { error: { code: 'RATE_LIMITED', message: '查询太频繁了，请稍等一分钟再试' } } }))
    render(<CheckPage />)
    await act(() => useCheckStore.getState().run('13800138000'))
    expect(await screen.findByRole('alert')).toHaveTextContent('查询太频繁')

    // No network: the answer from the rules on the phone opens at once (packages/offline), and 重试 stays here.
    respondWith(() => 'network-error')
    await act(() => useCheckStore.getState().run('13800138000'))
    expect(await screen.findByRole('alert')).toHaveTextContent('没有网络，连不上县反诈中心')
    expect(mocked.navigateTo).toHaveBeenCalledWith({ url: '/packages/offline/pages/check/index' })

    answer(checkResult('unknown', { input: '13800138000' }))
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByText('暂无风险记录', { selector: '.verdict-card__label' })).toBeInTheDocument()
    expect(screen.queryByRole('alert')).toBeNull()
  })

  test('an empty box asks for something to check instead of calling the server', async () => {
    render(<CheckPage />)
    fireEvent.click(screen.getByText('查一查'))
    expect(await screen.findByRole('alert')).toHaveTextContent('请先粘贴收到的短信、聊天，或输入号码、网址')
    expect(mocked.request).not.toHaveBeenCalled()
  })

  const clipboard = (readText?: () => Promise<string>) =>
    Object.defineProperty(globalThis.navigator, 'clipboard', { value: readText ? { readText: jest.fn(readText) } : undefined, configurable: true })

  test("paste reads the phone's clipboard (the browser's, inside the tap) and checks it in one tap", async () => {
    clipboard(async () => ' +86 95588 ')
    answer(checkResult('dangerous', { input: '+86 95588' }))
    render(<CheckPage />)
    fireEvent.click(screen.getByText('粘贴一查'))
    expect(await screen.findByText('高危', { selector: '.verdict-card__label' })).toBeInTheDocument()
    expect((mocked.request.mock.calls[0][0] as { url: string }).url).toContain('number=%2B86+95588')
    expect(mocked.getClipboardData).not.toHaveBeenCalled()
  })

  test('a clipboard the browser refuses, lacks or that is empty: a plain toast, not a crash', async () => {
    clipboard(async () => {
      throw new Error('NotAllowedError')
    })
    const { unmount } = render(<CheckPage />)
    fireEvent.click(screen.getByText('粘贴一查'))
    await waitFor(() => expect(mocked.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: expect.stringContaining('浏览器没有允许') })))
    clipboard(undefined)
    fireEvent.click(screen.getByText('粘贴一查'))
    await waitFor(() => expect(mocked.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: expect.stringContaining('不能直接读取剪贴板') })))
    clipboard(async () => '  ')
    fireEvent.click(screen.getByText('粘贴一查'))
    await waitFor(() => expect(mocked.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '剪贴板里没有内容' })))
    expect(mocked.request).not.toHaveBeenCalled()
    unmount()
  })

  test('controls are buttons and radios with names, pressed with Enter or Space', async () => {
    answer(checkResult('unknown', { input: '00852 9876 5432' }))
    render(<CheckPage />)
    const example = screen.getByLabelText('试一试：00852 9876 5432')
    expect(example).toHaveAttribute('role', 'button')
    expect(example).toHaveAttribute('tabindex', '0')
    fireEvent.keyDown(example, { key: 'Enter' })
    await waitFor(() => expect(mocked.request).toHaveBeenCalledTimes(1))
    expect(screen.getByText('查一查').closest('[role="button"]')).not.toBeNull()
    // The kind switch: one radio in the Tab order (全部, what the page opens on), arrows move the choice; the typed text stays.
    const any = screen.getByText('全部')
    expect(any).toHaveAttribute('role', 'radio')
    expect(any).toHaveAttribute('tabindex', '0')
    expect(screen.getByText('号码')).toHaveAttribute('tabindex', '-1')
    fireEvent.keyDown(any, { key: 'ArrowRight' })
    expect(screen.getByText('号码')).toHaveAttribute('aria-checked', 'true')
    expect(useCheckStore.getState().input).toBe('00852 9876 5432')
  })

  test('recent checks are listed with their verdict, stored on the device, and can be cleared', async () => {
    answer(checkResult('dangerous', { input: '16500001111' }))
    render(<CheckPage />)
    await act(() => useCheckStore.getState().run('16500001111'))
    const item = await waitFor(() => {
      const el = document.querySelector('.recent__item')
      if (!el) throw new Error('no recent item')
      return el
    })
    expect(item).toHaveTextContent('16500001111')
    expect(item).toHaveTextContent('高危')
    expect(mocked.setStorageSync).toHaveBeenCalledWith('qiandai.recent-checks', expect.stringContaining('16500001111'))
    // 清空 asks first: 不清空 keeps them.
    mocked.showModal.mockResolvedValueOnce({ confirm: false, cancel: true })
    fireEvent.click(screen.getByText('清空'))
    await waitFor(() => expect(mocked.showModal).toHaveBeenCalledTimes(1))
    expect(document.querySelector('.recent__item')).not.toBeNull()
    fireEvent.click(screen.getByText('清空'))
    expect(await screen.findByText(/还没有查过/)).toBeInTheDocument()
  })
})

test('the value checked is shown readably: a number not recognised without full-width characters, a card number in fours', async () => {
  const { container, unmount } = render(<CheckPage />)
  answer(checkResult('suspicious', { input: '＋８６　９５５８８', e164: null, country: null, numberType: 'UNKNOWN' }))
  await typeNumber(container, '＋８６　９５５８８')
  fireEvent.click(screen.getByText('查一查'))
  expect(await screen.findByText('+86 95588', { selector: '.verdict-card__number' })).toBeInTheDocument()
  unmount()
  respondWith(() => ({
    statusCode: 200,
    body: {
      kind: 'account',
      input: '6222020200112233440',
      normalized: '6222020200112233440',
      accountType: 'bank',
      verdict: 'dangerous',
      reasons: [{ code: 'BLOCKLISTED', message: '这个收款账户已被列入反诈黑名单（刷单返利）。' }],
      advice: ['不要转账'],
      reports: 0,
      checkedAt: '2026-11-29T08:00:00.000Z'
    }
  }))
  const again = render(<CheckPage />)
  fireEvent.click(screen.getByText('账户'))
  await typeNumber(again.container, '6222020200112233440')
  fireEvent.click(screen.getByText('查一查'))
  expect(await screen.findByText('6222 0202 0011 2233 440', { selector: '.verdict-card__number' })).toBeInTheDocument()
})

describe('checking an address or an account', () => {
  test('the kind switch sends the input to the right check and the same card shows the answer', async () => {
    const seen: string[] = []
    respondWith((url) => {
      seen.push(url)
      if (url.startsWith('/api/v1/check/url')) {
        return {
          statusCode: 200,
          body: {
            kind: 'url',
            input: 'icbc.com.cn@evil.example',
            normalized: 'https://icbc.com.cn@evil.example/',
            host: 'evil.example',
            domain: 'evil.example',
            verdict: 'dangerous',
            reasons: [{ code: 'LOOKALIKE', message: '这个网址冒充正规网站。' }],
            advice: ['不要打开'],
            reports: 0,
            checkedAt: '2026-11-29T08:00:00.000Z'
          }
        }
      }
      return { statusCode: 400, body: { error: { code: 'INVALID_ACCOUNT', message: '没有认出这个账户' } } }
    })
    const { container } = render(<CheckPage />)
    fireEvent.click(screen.getByText('网址'))
    expect(screen.getByText('网址')).toHaveAttribute('aria-checked', 'true')
    expect(screen.getByText('链接能不能点？一查便知')).toBeInTheDocument()
    await typeNumber(container, 'icbc.com.cn@evil.example')
    fireEvent.click(screen.getByText('查一查'))
    expect(await screen.findByText('这个网址冒充正规网站。')).toBeInTheDocument()
    // The card speaks of a site, not a call.
    expect(screen.getByText('极可能是诈骗网站')).toBeInTheDocument()
    expect(document.querySelector('.verdict-card')?.textContent).not.toMatch(/电话|挂断/)
    expect(screen.getByText('evil.example')).toBeInTheDocument()
    expect(screen.getByText('举报这个网址')).toBeInTheDocument()
    expect(seen[0]).toBe('/api/v1/check/url?url=icbc.com.cn%40evil.example')

    fireEvent.click(screen.getByText('账户'))
    await typeNumber(container, '12345')
    fireEvent.click(screen.getByText('查一查'))
    expect(await screen.findByText('没有认出这个账户')).toBeInTheDocument()
    expect(seen[1]).toBe('/api/v1/check/account?number=12345')
    // Recent checks remember what kind each entry was.
    expect(useRecentChecks.getState().items[0]).toMatchObject({ input: 'icbc.com.cn@evil.example', kind: 'url', verdict: 'dangerous' })
  })
})
