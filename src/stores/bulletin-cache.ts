import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import type { BulletinDetail, BulletinListItem } from '../../types/bulletins'
import { taroStorage } from './storage'

/** Bulletins opened once stay readable offline, up to this many bytes of JSON (oldest read dropped first). */
export const BULLETIN_CACHE_LIMIT_BYTES = 300 * 1024

interface CachedBulletin {
  bulletin: BulletinDetail
  readAt: number
  bytes: number
}

interface BulletinCacheState {
  /** The list as last received (its first page), for the 预警 tab without a network. */
  list: BulletinListItem[]
  details: Record<string, CachedBulletin>
  saveList: (items: BulletinListItem[]) => void
  saveDetail: (bulletin: BulletinDetail, now?: number) => void
  detail: (id: string) => BulletinDetail | null
}

/** The bulletins a resident has received, kept on the phone (public warnings: no personal data). */
export const useBulletinCache = create<BulletinCacheState>()(
  persist(
    (set, get) => ({
      list: [],
      details: {},
      saveList: (items) => set({ list: items.slice(0, 30) }),
      saveDetail: (bulletin, now = Date.now()) =>
        set((s) => {
          const bytes = JSON.stringify(bulletin).length * 2
          const details = { ...s.details, [bulletin.id]: { bulletin, readAt: now, bytes } }
          let total = Object.values(details).reduce((n, e) => n + e.bytes, 0)
          for (const [id, e] of Object.entries(details).sort((a, b) => a[1].readAt - b[1].readAt)) {
            if (total <= BULLETIN_CACHE_LIMIT_BYTES) break
            if (id === bulletin.id) continue
            total -= e.bytes
            delete details[id]
          }
          return { details }
        }),
      detail: (id) => get().details[id]?.bulletin ?? null
    }),
    { name: 'qiandai.bulletin-cache', storage: taroStorage, version: 1 }
  )
)
