import '@testing-library/jest-dom'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { respondWith, useRouter } from './mocks/taro'
import BulletinsPage from '../src/pages/bulletins/index'
import BulletinDetailPage from '../src/packages/bulletins/pages/detail/index'
import { formatLoss } from '../src/components/ContentBlock'
import { useBulletins } from '../src/stores/bulletins'
import { useBulletinDetails, useBulletinList } from '../src/stores/bulletin-cache'
import { useSession } from '../src/stores/session'
import type { BulletinDetail, BulletinListItem, BulletinPage } from '../types/bulletins'

const mocked = Taro as unknown as Record<string, jest.Mock>
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString()

function item(id: number, over: Partial<BulletinListItem> = {}): BulletinListItem {
  return {
    id: String(id),
    year: 2026,
    issueNo: id,
    title: `第${id}期标题`,
    summary: `摘要${id}`,
    periodStart: '2026-11-20',
    periodEnd: '2026-11-26',
    tags: ['刷单返利'],
    severity: 'routine',
    publishedAt: daysAgo(3),
    unread: false,
    ...over
  }
}

const DETAIL: BulletinDetail = {
  ...item(37),
  title: '警惕刷单返利',
  summaryShort: '刷单就是诈骗',
  hotline: '96110',
  audience: null,
  severity: 'urgent',
  body: [
    { type: 'paragraph', text: '<script>window.hacked = true</script>本周共接报警情12起。' },
    { type: 'case', title: '城关镇李女士被骗', fraudType: '刷单返利', channel: 'QQ群', lossAmount: 38000, story: '先返小钱，再骗大钱。' },
    { type: 'table', caption: '本周警情', columns: ['类型', '起数'], rows: [['刷单返利', '4']] },
    { type: 'tips', items: ['凡是刷单都是诈骗'] },
    { type: 'image', url: '/media/a.png', alt: '诈骗聊天截图示意' }
  ]
}

let calls: string[]
function serve(routes: Record<string, () => { statusCode: number; body: unknown }>): void {
  calls = []
  respondWith((url) => {
    const path = url.replace('/api/v1', '')
    calls.push(path)
    const route = Object.entries(routes).find(([prefix]) => path === prefix || path.startsWith(`${prefix}?`))
    return route ? route[1]() : { statusCode: 404, body: { error: { code: 'NOT_FOUND', message: '没有找到' } } }
  })
}

beforeEach(() => {
  jest.clearAllMocks()
  useSession.setState({ tokens: null, me: null })
  useBulletins.setState({ items: [], nextCursor: null, status: 'idle', error: null, unread: null, banner: null, dismissed: [], savedCopy: false })
  useBulletinList.setState({ items: [] })
  useBulletinDetails.setState({ entries: {} })
})

describe('预警 tab', () => {
  test('lists bulletins newest first with issue number, relative date, tags and the unread dot; the badge shows the count', async () => {
    useSession.setState({ tokens: { accessToken: 'a', refreshToken: 'r', expiresAt: Date.now() + 600_000, residentId: '1' } })
    const page: BulletinPage = {
      items: [item(38, { unread: true, severity: 'urgent', title: '紧急：冒充公检法', publishedAt: daysAgo(0.1) }), item(37)],
      nextCursor: null
    }
    serve({
      '/bulletins': () => ({ statusCode: 200, body: page }),
      '/bulletins/unread': () => ({ statusCode: 200, body: { count: 1, urgent: { id: '38', title: '紧急：冒充公检法' } } })
    })
    render(<BulletinsPage />)
    expect(await screen.findByText('第37期标题')).toBeInTheDocument()
    expect(screen.getByText('第38期')).toBeInTheDocument()
    expect(screen.getByText('3天前')).toBeInTheDocument()
    expect(screen.getAllByLabelText('未读')).toHaveLength(1)
    expect(screen.getAllByText('刷单返利').length).toBe(2)
    // A break point after 至 (a zero-width space), so the dates stay whole on a narrow screen at large text.
    expect(screen.getAllByText('11月20日至\u200b11月26日')).toHaveLength(2)
    await waitFor(() => expect(mocked.setTabBarBadge).toHaveBeenCalledWith({ index: 1, text: '1' }))
    // The urgent banner, with a way to read it and a way to close it.
    expect(screen.getByText('紧急预警')).toBeInTheDocument()
    fireEvent.click(screen.getByLabelText('关闭紧急预警提示'))
    expect(screen.queryByText('紧急预警')).toBeNull()
    fireEvent.click(screen.getByText('第37期标题'))
    expect(mocked.navigateTo).toHaveBeenCalledWith({ url: '/packages/bulletins/pages/detail/index?id=37' })
  })

  test('pages on demand, and says when there is nothing more', async () => {
    serve({
      '/bulletins': () => ({
        statusCode: 200,
        body:
          calls.filter((c) => c.startsWith('/bulletins')).length > 1 ? { items: [item(1)], nextCursor: null } : { items: [item(3), item(2)], nextCursor: 'c1' }
      })
    })
    render(<BulletinsPage />)
    fireEvent.click(await screen.findByText('加载更多'))
    expect(await screen.findByText('第1期标题')).toBeInTheDocument()
    expect(calls).toContain('/bulletins?cursor=c1')
    expect(screen.getByText('没有更多了')).toBeInTheDocument()
    expect(mocked.setTabBarBadge).not.toHaveBeenCalled()
  })

  test('empty and error states, with a retry that works; H5 explains where to subscribe', async () => {
    serve({ '/bulletins': () => ({ statusCode: 503, body: { error: { code: 'INTERNAL', message: '服务暂时出了点问题，请稍后再试' } } }) })
    render(<BulletinsPage />)
    expect(await screen.findByText('服务暂时出了点问题，请稍后再试')).toBeInTheDocument()
    serve({ '/bulletins': () => ({ statusCode: 200, body: { items: [], nextCursor: null } }) })
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByText('还没有发布预警信息')).toBeInTheDocument()
    expect(screen.getByText(/在微信里打开“守好钱袋子”小程序，可以订阅预警提醒/)).toBeInTheDocument()
  })

  test('without an account, a recent urgent bulletin is still announced', async () => {
    serve({
      '/bulletins': () => ({
        statusCode: 200,
        body: { items: [item(9, { severity: 'urgent', title: '紧急：00开头来电', publishedAt: daysAgo(1) })], nextCursor: null }
      })
    })
    render(<BulletinsPage />)
    expect(await screen.findByText('紧急预警')).toBeInTheDocument()
    expect(screen.getAllByText('紧急：00开头来电').length).toBeGreaterThan(0)
  })
})

describe('bulletin detail', () => {
  test('renders every block natively; markup in text stays text; opening it refreshes the unread count', async () => {
    useSession.setState({ tokens: { accessToken: 'a', refreshToken: 'r', expiresAt: Date.now() + 600_000, residentId: '1' } })
    useRouter.mockReturnValue({ params: { id: '37' } })
    serve({ '/bulletins/37': () => ({ statusCode: 200, body: DETAIL }), '/bulletins/unread': () => ({ statusCode: 200, body: { count: 0, urgent: null } }) })
    const { container } = render(<BulletinDetailPage />)
    expect(await screen.findByText('警惕刷单返利')).toBeInTheDocument()
    expect(screen.getByText('2026年第37期')).toBeInTheDocument()
    expect(screen.getByText('<script>window.hacked = true</script>本周共接报警情12起。')).toBeInTheDocument()
    expect(container.querySelector('script')).toBeNull()
    expect((window as unknown as { hacked?: boolean }).hacked).toBeUndefined()
    expect(screen.getByText('损失：3.8万元')).toBeInTheDocument()
    expect(screen.getByText('渠道：QQ群')).toBeInTheDocument()
    expect(screen.getByRole('columnheader', { name: '起数' })).toBeInTheDocument()
    expect(screen.getByRole('cell', { name: '4' })).toBeInTheDocument()
    expect(screen.getByText('1. 凡是刷单都是诈骗')).toBeInTheDocument()
    expect(container.querySelector('[aria-label="诈骗聊天截图示意"]')).not.toBeNull()
    await waitFor(() => expect(calls).toContain('/bulletins/unread'))
    await waitFor(() => expect(mocked.removeTabBarBadge).toHaveBeenCalledWith({ index: 1 }))
    fireEvent.click(screen.getByText('拨打 96110 反诈专线'))
    expect(mocked.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '96110' })
  })

  test('a withdrawn or unknown bulletin says so in Chinese', async () => {
    useRouter.mockReturnValue({ params: { id: '99' } })
    serve({})
    render(<BulletinDetailPage />)
    expect(await screen.findByText('没有找到')).toBeInTheDocument()
    expect(screen.getByText('重试')).toBeInTheDocument()
  })

  test('loss amounts read naturally', () => {
    expect(formatLoss(38000)).toBe('3.8万元')
    expect(formatLoss(120000)).toBe('12万元')
    expect(formatLoss(9600)).toBe('9600元')
  })
})

describe('subscribe (mini-program build)', () => {
  const previous = process.env.TARO_ENV
  beforeEach(() => {
    process.env.TARO_ENV = 'weapp'
  })
  afterEach(() => {
    process.env.TARO_ENV = previous
  })

  test('the tap asks WeChat for the bulletin template and reports each answer to the server', async () => {
    useSession.setState({ tokens: { accessToken: 'a', refreshToken: 'r', expiresAt: Date.now() + 600_000, residentId: '1' } })
    const reports: unknown[] = []
    respondWith((url, req) => {
      if (url.endsWith('/push/config'))
        return {
          statusCode: 200,
          body: { templates: { bulletin: 'tmpl-bulletin', report: 'tmpl-report', warning: null }, templateIds: ['tmpl-bulletin', 'tmpl-report'] }
        }
      if (url.endsWith('/me/subscriptions')) {
        reports.push(JSON.parse(String(req.data)))
        return { statusCode: 200, body: { templates: [{ templateId: 'tmpl-bulletin', purpose: '预警信息', credits: 1, longTerm: false }] } }
      }
      if (url.endsWith('/bulletins/unread')) return { statusCode: 200, body: { count: 0, urgent: null } }
      return { statusCode: 200, body: { items: [], nextCursor: null } }
    })
    mocked.requestSubscribeMessage.mockResolvedValueOnce({ errMsg: 'requestSubscribeMessage:ok', 'tmpl-bulletin': 'accept' })
    render(<BulletinsPage />)
    const button = await screen.findByText('订阅预警提醒')
    await waitFor(() => expect(button.closest('taro-button-core')).not.toHaveAttribute('disabled'))
    fireEvent.click(button)
    // Called synchronously in the tap (WeChat refuses the dialog otherwise), with the bulletin template only.
    expect(mocked.requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ['tmpl-bulletin'], entityIds: [] })
    await waitFor(() => expect(reports).toEqual([{ results: { 'tmpl-bulletin': 'accept' } }]))
    await waitFor(() => expect(mocked.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已订阅，可收到1次提醒' })))
  })

  test('without an account the button leads to registration first', async () => {
    respondWith((url) =>
      url.endsWith('/push/config')
        ? { statusCode: 200, body: { templates: { bulletin: 'tmpl-bulletin', report: null, warning: null }, templateIds: ['tmpl-bulletin'] } }
        : { statusCode: 200, body: { items: [], nextCursor: null } }
    )
    render(<BulletinsPage />)
    const button = await screen.findByText('订阅预警提醒')
    await waitFor(() => expect(button.closest('taro-button-core')).not.toHaveAttribute('disabled'))
    fireEvent.click(button)
    expect(mocked.requestSubscribeMessage).not.toHaveBeenCalled()
    expect(mocked.navigateTo).toHaveBeenCalledWith({ url: '/packages/account/pages/register/index' })
  })
})

describe('without a network', () => {
  test('the 预警 tab shows the bulletins received before, said to be the copy on the phone, with 重试', async () => {
    serve({ '/bulletins': () => ({ statusCode: 200, body: { items: [item(41), item(40)], nextCursor: null } satisfies BulletinPage }) })
    const { unmount } = render(<BulletinsPage />)
    expect(await screen.findByText('第41期标题')).toBeInTheDocument()
    unmount()

    // The app starts again with no network.
    useBulletins.setState({ items: [], status: 'idle', savedCopy: false })
    respondWith(() => 'network-error')
    render(<BulletinsPage />)
    expect(await screen.findByText('网络不通，这是这台手机上保存的预警。')).toBeInTheDocument()
    expect(screen.getByText('第41期标题')).toBeInTheDocument()
    serve({ '/bulletins': () => ({ statusCode: 200, body: { items: [item(42)], nextCursor: null } satisfies BulletinPage }) })
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByText('第42期标题')).toBeInTheDocument()
    expect(screen.queryByText('网络不通，这是这台手机上保存的预警。')).toBeNull()
  })

  test('a bulletin opened once opens again offline, marked as the saved copy; one never opened says the network failed', async () => {
    useRouter.mockReturnValue({ params: { id: '37' } })
    serve({ '/bulletins/37': () => ({ statusCode: 200, body: DETAIL }) })
    const { unmount } = render(<BulletinDetailPage />)
    expect(await screen.findByText('警惕刷单返利')).toBeInTheDocument()
    unmount()

    respondWith(() => 'network-error')
    const second = render(<BulletinDetailPage />)
    expect(await screen.findByText('网络不通，这是这台手机上保存的内容。')).toBeInTheDocument()
    expect(screen.getByText('警惕刷单返利')).toBeInTheDocument()
    second.unmount()

    useRouter.mockReturnValue({ params: { id: '38' } })
    render(<BulletinDetailPage />)
    expect(await screen.findByText('网络不给力，请检查网络后重试')).toBeInTheDocument()
    expect(screen.getByText('重试')).toBeInTheDocument()
  })
})
