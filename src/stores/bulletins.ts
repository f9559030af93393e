import Taro from '@tarojs/taro'
import { create } from 'zustand'
import type { BulletinListItem, UnreadSummary } from '../../types/bulletins'
import { ApiError } from '../services/http'
import { getBulletins, getUnread } from '../services/bulletins'
import { useSession } from './session'
import { useBulletinList } from './bulletin-cache'

/** Index of the 预警 tab in the tab bar (app.config.ts), for its badge. */
export const BULLETINS_TAB_INDEX = 1
// As the server's URGENT_BANNER_MS: an urgent bulletin is a banner while it is three days fresh.
const URGENT_BANNER_DAYS = 3

interface BulletinsState {
  items: BulletinListItem[]
  nextCursor: string | null
  status: 'idle' | 'loading' | 'ready' | 'error'
  /** The list shown is the copy kept on the phone (the network failed). */
  savedCopy: boolean
  loadingMore: boolean
  error: string | null
  unread: UnreadSummary | null
  /** The urgent bulletin to show as a banner (unread for residents, recent for everyone else), until dismissed. */
  banner: { id: string; title: string } | null
  dismissed: string[]
  refresh: () => Promise<void>
  loadMore: () => Promise<void>
  loadUnread: () => Promise<void>
  markRead: (id: string) => void
  dismissBanner: () => void
}

function showBadge(count: number): void {
  // The tab bar may not exist on the page that calls (or in tests): a failed badge call is not an error.
  try {
    const call =
      count > 0
        ? Taro.setTabBarBadge({ index: BULLETINS_TAB_INDEX, text: count > 99 ? '99+' : String(count) })
        : Taro.removeTabBarBadge({ index: BULLETINS_TAB_INDEX })
    void Promise.resolve(call).catch(() => {})
  } catch {
    // no tab bar here
  }
}

const message = (err: unknown) => (err instanceof ApiError ? err.message : '加载失败，请稍后再试')

export const useBulletins = create<BulletinsState>()((set, get) => ({
  items: [],
  nextCursor: null,
  status: 'idle',
  savedCopy: false,
  loadingMore: false,
  error: null,
  unread: null,
  banner: null,
  dismissed: [],

  refresh: async () => {
    set((s) => ({ status: s.items.length > 0 ? s.status : 'loading', error: null }))
    try {
      const page = await getBulletins()
      set({ items: page.items, nextCursor: page.nextCursor, status: 'ready', savedCopy: false })
      useBulletinList.getState().save(page.items)
      if (!useSession.getState().tokens) {
        // Without an account there is no unread count: announce a recent urgent bulletin instead.
        const cutoff = Date.now() - URGENT_BANNER_DAYS * 86_400_000
        const urgent = page.items.find((i) => i.severity === 'urgent' && i.publishedAt && Date.parse(i.publishedAt) >= cutoff)
        set((s) => ({ banner: urgent && !s.dismissed.includes(urgent.id) ? { id: urgent.id, title: urgent.title } : null }))
      }
    } catch (err) {
      // Without a network, the bulletins received before stay readable (said so on the page).
      const saved = useBulletinList.getState().items
      if (err instanceof ApiError && err.code === 'NETWORK' && get().items.length === 0 && saved.length > 0)
        set({ items: saved, nextCursor: null, status: 'ready', savedCopy: true, error: message(err) })
      else set({ status: get().items.length > 0 ? 'ready' : 'error', error: message(err) })
    }
  },

  loadMore: async () => {
    const { nextCursor, loadingMore } = get()
    if (!nextCursor || loadingMore) return
    set({ loadingMore: true })
    try {
      const page = await getBulletins(nextCursor)
      set((s) => ({ items: [...s.items, ...page.items.filter((i) => !s.items.some((x) => x.id === i.id))], nextCursor: page.nextCursor }))
    } catch (err) {
      set({ error: message(err) })
    } finally {
      set({ loadingMore: false })
    }
  },

  loadUnread: async () => {
    if (!useSession.getState().tokens) return
    try {
      const unread = await getUnread()
      set((s) => ({ unread, banner: unread.urgent && !s.dismissed.includes(unread.urgent.id) ? unread.urgent : null }))
      showBadge(unread.count)
    } catch {
      // The badge is a hint; without it the list still works.
    }
  },

  markRead: (id) => {
    set((s) => ({ items: s.items.map((i) => (i.id === id ? { ...i, unread: false } : i)), banner: s.banner?.id === id ? null : s.banner }))
    // The server counted the read when the detail was fetched: take its count (and badge) from there.
    void get().loadUnread()
  },

  dismissBanner: () => set((s) => ({ dismissed: s.banner ? [...s.dismissed, s.banner.id] : s.dismissed, banner: null }))
}))
