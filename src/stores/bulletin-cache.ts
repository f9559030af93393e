import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import type { BulletinDetail, BulletinListItem } from '../../types/bulletins'
import { createReadingCache } from './reading-cache'
import { taroStorage } from './storage'

/** Bulletins opened once stay readable offline, up to this many bytes of JSON (oldest read dropped first). */
export const BULLETIN_CACHE_LIMIT_BYTES = 300 * 1024

/** The bulletins opened, kept on the phone (public warnings: no personal data). */
export const useBulletinDetails = createReadingCache<BulletinDetail>('qiandai.bulletin-details', BULLETIN_CACHE_LIMIT_BYTES)

/** The 预警 list as last received (its first page), for the tab without a network. */
export const useBulletinList = create<{ items: BulletinListItem[]; save: (items: BulletinListItem[]) => void }>()(
  persist((set) => ({ items: [], save: (items) => set({ items: items.slice(0, 30) }) }), {
    name: 'qiandai.bulletin-list',
    storage: taroStorage,
    version: 1,
    partialize: (s) => ({ items: s.items })
  })
)
