import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import type { TipDetail } from '../../types/learn'
import { taroStorage } from './storage'

/** Tips opened once stay readable offline, up to this many bytes of JSON (oldest read dropped first). */
export const TIP_CACHE_LIMIT_BYTES = 200 * 1024

interface CachedTip {
  tip: TipDetail
  readAt: number
  bytes: number
}

interface TipCacheState {
  entries: Record<string, CachedTip>
  save: (tip: TipDetail) => void
  get: (id: string) => TipDetail | null
  /** Cached tips for a list when offline, newest read first. */
  list: (filter: { type?: string; q?: string }) => TipDetail[]
  clear: () => void
}

export const useTipCache = create<TipCacheState>()(
  persist(
    (set, get) => ({
      entries: {},
      save: (tip) =>
        set((s) => {
          const bytes = JSON.stringify(tip).length * 2
          const entries = { ...s.entries, [tip.id]: { tip, readAt: Date.now(), bytes } }
          let total = Object.values(entries).reduce((n, e) => n + e.bytes, 0)
          for (const [id, e] of Object.entries(entries).sort((a, b) => a[1].readAt - b[1].readAt)) {
            if (total <= TIP_CACHE_LIMIT_BYTES) break
            if (id === tip.id) continue
            total -= e.bytes
            delete entries[id]
          }
          return { entries }
        }),
      get: (id) => get().entries[id]?.tip ?? null,
      list: ({ type, q }) =>
        Object.values(get().entries)
          .sort((a, b) => b.readAt - a.readAt)
          .map((e) => e.tip)
          .filter((t) => (!type || t.fraudTypes.some((f) => f.code === type)) && (!q || JSON.stringify(t).includes(q.trim()))),
      clear: () => set({ entries: {} })
    }),
    { name: 'qiandai.tip-cache', storage: taroStorage, version: 1 }
  )
)
