import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import { taroStorage } from './storage'

interface Saved<T> {
  item: T
  readAt: number
  bytes: number
}

export interface ReadingCache<T> {
  entries: Record<string, Saved<T>>
  save: (id: string, item: T, now?: number) => void
  get: (id: string) => T | null
}

/**
 * What a resident has opened, kept on the phone to be read again without a network: up to `limitBytes` of JSON, the
 * longest unread dropped first. Public content only (bulletins, videos' texts): nothing personal.
 */
export function createReadingCache<T>(name: string, limitBytes: number) {
  return create<ReadingCache<T>>()(
    persist(
      (set, get) => ({
        entries: {},
        save: (id, item, now = Date.now()) =>
          set((s) => {
            const bytes = JSON.stringify(item).length * 2
            const entries = { ...s.entries, [id]: { item, readAt: now, bytes } }
            let total = Object.values(entries).reduce((n, e) => n + e.bytes, 0)
            for (const [key, e] of Object.entries(entries).sort((a, b) => a[1].readAt - b[1].readAt)) {
              if (total <= limitBytes) break
              if (key === id) continue
              total -= e.bytes
              delete entries[key]
            }
            return { entries }
          }),
        get: (id) => get().entries[id]?.item ?? null
      }),
      { name, storage: taroStorage, version: 1 }
    )
  )
}
