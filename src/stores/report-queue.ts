import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import type { ReportRequest } from '../../types/reports'
import { ApiError, toApiError } from '../services/http'
import { submitReport } from '../services/reports'
import { taroStorage } from './storage'

/** A report written without a network, kept on the phone until it is sent. */
export interface QueuedReport {
  id: string
  request: ReportRequest
  savedAt: number
}

// Worth trying again later: no network, the server down or busy, or the login to be renewed.
const LATER = new Set(['NETWORK', 'SERVER', 'RATE_LIMITED', 'UNAUTHORIZED', 'HTTP'])

interface ReportQueueState {
  items: QueuedReport[]
  /** The last report the server refused for good (its message), shown on the report page. */
  refused: string | null
  enqueue: (request: ReportRequest, now?: number) => QueuedReport
  /** Sends what waits, oldest first, one at a time; stops at the first that must wait again. Never throws. */
  flush: () => Promise<number>
}

let flushing: Promise<number> | null = null

/**
 * Reports written offline. Each is sent once: removed from the phone when the server has it, and the server keeps one
 * report per resident and value (a resend after a lost answer updates that report, it does not add one).
 */
export const useReportQueue = create<ReportQueueState>()(
  persist(
    (set, get) => ({
      items: [],
      refused: null,
      enqueue: (request, now = Date.now()) => {
        const item: QueuedReport = { id: `${now.toString(36)}-${get().items.length}`, request, savedAt: now }
        set((s) => ({ items: [...s.items, item] }))
        return item
      },
      flush: async () => {
        if (flushing) return flushing
        const run = async (): Promise<number> => {
          let handled = 0
          for (const item of [...get().items]) {
            try {
              await submitReport(item.request)
            } catch (err) {
              const e = err instanceof ApiError ? err : toApiError(err)
              if (LATER.has(e.code)) break
              set({ refused: `举报“${item.request.value.slice(0, 20)}”没有被接受：${e.message}` })
            }
            set((s) => ({ items: s.items.filter((x) => x.id !== item.id) }))
            handled++
          }
          return handled
        }
        // Cleared in a later turn: an empty queue finishes at once, and must not leave its promise behind.
        flushing = run().finally(() => {
          flushing = null
        })
        return flushing
      }
    }),
    { name: 'qiandai-report-queue', storage: taroStorage, partialize: (s) => ({ items: s.items }) }
  )
)
