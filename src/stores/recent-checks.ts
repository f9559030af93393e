import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import type { Verdict } from '../../types/check'
import type { ValueKind } from '../../types/kinds'
import { taroStorage } from './storage'

export interface RecentCheck {
  input: string
  /** What was checked; entries saved before the address and account checks are phones. */
  kind?: ValueKind
  verdict: Verdict
  checkedAt: string
}

const MAX_RECENT = 20

interface RecentChecksState {
  items: RecentCheck[]
  add: (item: RecentCheck) => void
  clear: () => void
}

/** The numbers this device checked, newest first; kept on the device only. */
export const useRecentChecks = create<RecentChecksState>()(
  persist(
    (set) => ({
      items: [],
      add: (item) =>
        set((s) => ({
          items: [item, ...s.items.filter((x) => x.input !== item.input || (x.kind ?? 'phone') !== (item.kind ?? 'phone'))].slice(0, MAX_RECENT)
        })),
      clear: () => set({ items: [] })
    }),
    { name: 'qiandai.recent-checks', storage: taroStorage, version: 1 }
  )
)
