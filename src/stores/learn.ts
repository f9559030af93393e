import { create } from 'zustand'
import type { FraudType, TipListItem, Video } from '../../types/learn'
import { ApiError } from '../services/http'
import { getFraudTypes, getTips, getVideos } from '../services/learn'
import { useTipCache } from './tip-cache'

interface LearnState {
  types: FraudType[]
  type: string | null
  q: string
  tips: TipListItem[]
  nextCursor: string | null
  status: 'idle' | 'loading' | 'ready' | 'error'
  /** The list shows tips saved on this device because the network failed. */
  fromCache: boolean
  loadingMore: boolean
  error: string | null
  videos: Video[]
  load: () => Promise<void>
  search: (filter: { type?: string | null; q?: string }) => Promise<void>
  loadMore: () => Promise<void>
  markLearned: (id: string, learned: boolean) => void
}

let generation = 0

export const useLearn = create<LearnState>()((set, get) => ({
  types: [],
  type: null,
  q: '',
  tips: [],
  nextCursor: null,
  status: 'idle',
  fromCache: false,
  loadingMore: false,
  error: null,
  videos: [],

  load: async () => {
    getFraudTypes()
      .then((r) => set({ types: r.items }))
      .catch(() => {})
    getVideos()
      .then((r) => set({ videos: r.items }))
      .catch(() => {})
    await get().search({})
  },

  search: async (filter) => {
    const type = filter.type === undefined ? get().type : filter.type
    const q = filter.q === undefined ? get().q : filter.q
    // Only the newest search may write its answer (typing fires several).
    const mine = ++generation
    set({ type, q, status: 'loading', error: null })
    try {
      const page = await getTips({ type: type ?? undefined, q: q.trim() || undefined })
      if (mine !== generation) return
      set({ tips: page.items, nextCursor: page.nextCursor, status: 'ready', fromCache: false })
    } catch (err) {
      if (mine !== generation) return
      const offline = err instanceof ApiError && err.code === 'NETWORK'
      const cached = offline ? useTipCache.getState().list({ type: type ?? undefined, q }) : []
      if (cached.length > 0) {
        set({ tips: cached.map(({ body: _body, ...item }) => item), nextCursor: null, status: 'ready', fromCache: true })
      } else {
        set({ status: 'error', error: err instanceof ApiError ? err.message : '加载失败，请稍后再试' })
      }
    }
  },

  loadMore: async () => {
    const { nextCursor, loadingMore, type, q } = get()
    if (!nextCursor || loadingMore) return
    set({ loadingMore: true })
    try {
      const page = await getTips({ type: type ?? undefined, q: q.trim() || undefined, cursor: nextCursor })
      set((s) => ({ tips: [...s.tips, ...page.items.filter((i) => !s.tips.some((x) => x.id === i.id))], nextCursor: page.nextCursor }))
    } catch (err) {
      set({ error: err instanceof ApiError ? err.message : '加载失败，请稍后再试' })
    } finally {
      set({ loadingMore: false })
    }
  },

  markLearned: (id, learned) => set((s) => ({ tips: s.tips.map((t) => (t.id === id ? { ...t, learned } : t)) }))
}))
