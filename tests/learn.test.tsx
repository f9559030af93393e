import Taro from '@tarojs/taro'
import '@testing-library/jest-dom'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { respondWith, useRouter, videoContext } from './mocks/taro'
import LearnPage from '../src/pages/learn/index'
import TipPage from '../src/packages/learn/pages/tip/index'
import VideoPage from '../src/packages/learn/pages/video/index'
import { useLearn } from '../src/stores/learn'
import { useSession } from '../src/stores/session'
import { TIP_CACHE_LIMIT_BYTES, useTipCache } from '../src/stores/tip-cache'
import type { TipDetail, TipListItem, Video } from '../types/learn'
import { useLoad } from './mocks/taro'
import { renderedInput } from './fixtures'

const tip = (id: number, over: Partial<TipDetail> = {}): TipDetail => ({
  id: String(id),
  title: `提醒${id}`,
  fraudTypes: [{ code: 'touzi', name: '虚假投资理财' }],
  excerpt: `摘要${id}`,
  source: '宁陕县反诈中心',
  publishedOn: '2026-11-29',
  learned: false,
  body: [{ type: 'paragraph', text: `正文${id}` }],
  ...over
})
const item = (t: TipDetail): TipListItem => {
  const { body: _body, ...rest } = t
  return rest
}
const VIDEO: Video = {
  id: '5',
  title: '公检法不会电话办案',
  fraudType: { code: 'gongjianfa', name: '冒充公检法' },
  durationSeconds: 15,
  coverUrl: '/media/c.jpg',
  videoUrl: '/media/v.mp4',
  captionsUrl: null,
  summary: '公检法不会通过电话办案。',
  viewCount: 3,
  progressSeconds: 7
}

let calls: string[]
function serve(handler: (path: string) => { statusCode: number; body: unknown } | 'network-error'): void {
  calls = []
  respondWith((url) => {
    const path = url.replace('/api/v1', '')
    calls.push(path)
    return handler(path)
  })
}

beforeEach(() => {
  jest.clearAllMocks()
  jest.useRealTimers()
  useSession.setState({ tokens: null, me: null })
  useLearn.setState({ types: [], type: null, q: '', tips: [], nextCursor: null, status: 'idle', fromCache: false, error: null, videos: [] })
  useTipCache.getState().clear()
  // Run the page's load handler like Taro does.
  useLoad.mockImplementation((fn: () => void) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { useEffect } = require('react') as typeof import('react')
    // eslint-disable-next-line react-hooks/exhaustive-deps
    useEffect(() => fn(), [])
  })
})

describe('学反诈 tab', () => {
  test('chips, videos row and tips; typing searches once, after a pause', async () => {
    serve((path) => {
      if (path.startsWith('/fraud-types'))
        return { statusCode: 200, body: { items: [{ code: 'touzi', name: '虚假投资理财', description: 'd', signs: ['s'] }] } }
      if (path.startsWith('/videos')) return { statusCode: 200, body: { items: [VIDEO] } }
      if (path.includes('q=')) return { statusCode: 200, body: { items: [item(tip(9, { title: '投资群里的老师不是老师' }))], nextCursor: null } }
      if (path.includes('type=touzi')) return { statusCode: 200, body: { items: [item(tip(3))], nextCursor: null } }
      return { statusCode: 200, body: { items: [item(tip(1)), item(tip(2))], nextCursor: null } }
    })
    const { container } = render(<LearnPage />)
    expect(await screen.findByText('提醒1')).toBeInTheDocument()
    expect(await screen.findByText('公检法不会电话办案')).toBeInTheDocument()
    expect(screen.getByText('0:15 · 3次观看')).toBeInTheDocument()

    fireEvent.click(await screen.findByText('虚假投资理财', { selector: '.learn-chip' }))
    expect(await screen.findByText('提醒3')).toBeInTheDocument()
    expect(calls).toContain('/tips?type=touzi')

    const input = await renderedInput(container, '.learn-search__input input')
    jest.useFakeTimers()
    for (const partial of ['投', '投资']) fireEvent.input(input, { target: { value: partial } })
    act(() => {
      jest.advanceTimersByTime(399)
    })
    expect(calls.filter((c) => c.includes('q=')).length).toBe(0)
    act(() => {
      jest.advanceTimersByTime(1)
    })
    jest.useRealTimers()
    expect(await screen.findByText('投资群里的老师不是老师')).toBeInTheDocument()
    expect(calls.filter((c) => c.includes('q=')).length).toBe(1)
    expect(calls.find((c) => c.includes('q='))).toContain(`q=${encodeURIComponent('投资')}`)
  })

  test('offline: tips read before are listed from the device, and the list says so', async () => {
    useTipCache.getState().save(tip(7, { title: '已经读过的提醒' }))
    serve(() => 'network-error')
    render(<LearnPage />)
    expect(await screen.findByText('已经读过的提醒')).toBeInTheDocument()
    expect(screen.getByText('网络不通，下面是这台手机上保存的内容')).toBeInTheDocument()
  })

  test('nothing cached and no network: an error with a retry; no results: a hint', async () => {
    serve(() => 'network-error')
    render(<LearnPage />)
    expect(await screen.findByText('网络不给力，请检查网络后重试')).toBeInTheDocument()
    serve(() => ({ statusCode: 200, body: { items: [], nextCursor: null } }))
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByText('还没有反诈知识')).toBeInTheDocument()
  })
})

describe('tip and video pages', () => {
  test('a tip read once opens again offline; the cache keeps within its size cap', async () => {
    useRouter.mockReturnValue({ params: { id: '1' } })
    serve(() => ({ statusCode: 200, body: tip(1, { body: [{ type: 'paragraph', text: '<b>不是标记</b>，公检法不会电话办案。' }] }) }))
    const first = render(<TipPage />)
    expect(await screen.findByText('<b>不是标记</b>，公检法不会电话办案。')).toBeInTheDocument()
    first.unmount()
    serve(() => 'network-error')
    render(<TipPage />)
    expect(await screen.findByText('网络不通，这是这台手机上保存的内容')).toBeInTheDocument()
    expect(screen.getByText('<b>不是标记</b>，公检法不会电话办案。')).toBeInTheDocument()

    const big = 'x'.repeat(20_000)
    for (let i = 100; i < 110; i++) useTipCache.getState().save(tip(i, { body: [{ type: 'paragraph', text: big }] }))
    const entries = Object.values(useTipCache.getState().entries)
    expect(entries.reduce((n, e) => n + e.bytes, 0)).toBeLessThanOrEqual(TIP_CACHE_LIMIT_BYTES)
    expect(useTipCache.getState().get('109')).not.toBeNull()
    expect(useTipCache.getState().get('100')).toBeNull()
  })

  test('我学会了 while signed out offers registration and comes back to the tip', async () => {
    useRouter.mockReturnValue({ params: { id: '2' } })
    serve(() => ({ statusCode: 200, body: tip(2) }))
    render(<TipPage />)
    fireEvent.click(await screen.findByText('我学会了'))
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ confirmText: '去登记' })))
    await waitFor(() => expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/account/pages/register/index?then=back' }))
  })

  test('a video resumes where the resident stopped, shows its summary, and saves progress while playing', async () => {
    useSession.setState({ tokens: { accessToken: 'a', refreshToken: 'r', expiresAt: Date.now() + 600_000, residentId: '1' } })
    useRouter.mockReturnValue({ params: { id: '5' } })
    const saved: string[] = []
    respondWith((_url, req) => {
      if (req.method === 'PUT') saved.push(String(req.data))
      return { statusCode: 200, body: VIDEO }
    })
    const { container } = render(<VideoPage />)
    expect(await screen.findByText('公检法不会通过电话办案。')).toBeInTheDocument()
    expect(screen.getByText('从上次看到的 7 秒处继续')).toBeInTheDocument()
    const player = container.querySelector('taro-video-core') as HTMLElement & { initialTime?: number; src?: string }
    expect(player).not.toBeNull()
    expect(player.getAttribute('src') ?? player.src).toBe('/media/v.mp4')
    fireEvent(player, new CustomEvent('pause', { detail: {} }))
    await waitFor(() => expect(saved.length).toBe(1))
  })

  test("the player's own controls are named buttons at the page's text size, and captions show under it by default", async () => {
    useRouter.mockReturnValue({ params: { id: '5' } })
    const vtt = 'WEBVTT\n\n00:00.000 --> 00:05.000\n公检法不会通过电话办案。\n\n00:05.000 --> 00:10.000\n没有“安全账户”。\n'
    respondWith((url) =>
      url.endsWith('.vtt') ? { statusCode: 200, text: vtt } : { statusCode: 200, body: { ...VIDEO, progressSeconds: null, captionsUrl: '/media/v.vtt' } }
    )
    const { container } = render(<VideoPage />)
    const captions = await screen.findByRole('region', { name: '字幕' })
    const player = container.querySelector('taro-video-core') as HTMLElement
    fireEvent(player, new CustomEvent('timeupdate', { detail: { currentTime: 6.2 } }))
    await waitFor(() => expect(captions).toHaveTextContent('没有“安全账户”。'))
    expect(screen.getByText('0:06 / 0:15')).toBeInTheDocument()

    fireEvent.click(screen.getByRole('button', { name: '播放' }))
    expect(videoContext.play).toHaveBeenCalled()
    fireEvent(player, new CustomEvent('play', { detail: {} }))
    fireEvent.click(await screen.findByRole('button', { name: '暂停' }))
    expect(videoContext.pause).toHaveBeenCalled()
    fireEvent.click(screen.getByRole('button', { name: '后退10秒' }))
    expect(videoContext.seek).toHaveBeenLastCalledWith(0)
    fireEvent.click(screen.getByRole('button', { name: '前进10秒' }))
    expect(videoContext.seek).toHaveBeenLastCalledWith(10)
    fireEvent.click(screen.getByRole('button', { name: '全屏' }))
    expect(videoContext.requestFullScreen).toHaveBeenCalled()
    fireEvent.click(screen.getByRole('button', { name: '关闭字幕' }))
    expect(screen.queryByRole('region', { name: '字幕' })).toBeNull()
    expect(screen.getByRole('button', { name: '打开字幕' })).toBeInTheDocument()
  })

  test('a video watched once keeps its words offline: title, summary and captions, said to be the saved copy', async () => {
    useRouter.mockReturnValue({ params: { id: '6' } })
    const vtt = 'WEBVTT\n\n00:00.000 --> 00:05.000\n公检法不会通过电话办案。\n\n00:05.000 --> 00:10.000\n没有“安全账户”。\n'
    respondWith((url) =>
      url.endsWith('.vtt')
        ? { statusCode: 200, text: vtt }
        : { statusCode: 200, body: { ...VIDEO, id: '6', progressSeconds: null, captionsUrl: '/media/v6.vtt' } }
    )
    const first = render(<VideoPage />)
    await screen.findByRole('region', { name: '字幕' })
    first.unmount()

    respondWith(() => 'network-error')
    render(<VideoPage />)
    expect(await screen.findByText('网络不通：视频要联网才能播放，这是这台手机上保存的文字。')).toBeInTheDocument()
    expect(screen.getByText('公检法不会电话办案')).toBeInTheDocument()
    expect(screen.getByText('没有“安全账户”。')).toBeInTheDocument()
    expect(screen.getByText('重试')).toBeInTheDocument()
  })
})
