import { create } from 'zustand'
import type { CheckPhoneResponse } from '../../types/check'
import { checkPhone } from '../services/check'
import { ApiError, toApiError } from '../services/http'
import { useRecentChecks } from './recent-checks'

type Status = 'idle' | 'loading' | 'done' | 'error'

interface CheckState {
  input: string
  status: Status
  result: CheckPhoneResponse | null
  error: ApiError | null
  setInput: (input: string) => void
  /** Checks the current input (or the one given) and records it among the recent checks. */
  run: (input?: string) => Promise<void>
  reset: () => void
}

export const useCheckStore = create<CheckState>()((set, get) => ({
  input: '',
  status: 'idle',
  result: null,
  error: null,
  setInput: (input) => set({ input }),
  run: async (given) => {
    const input = (given ?? get().input).trim()
    if (input === '') {
      set({ status: 'error', result: null, error: new ApiError('EMPTY', '请先输入或粘贴要查询的号码', null) })
      return
    }
    set({ input, status: 'loading', error: null })
    try {
      const result = await checkPhone(input)
      // A newer check started while this one was in flight: drop the stale answer.
      if (get().input !== input) return
      set({ status: 'done', result })
      useRecentChecks.getState().add({ input, verdict: result.verdict, checkedAt: result.checkedAt })
    } catch (err) {
      if (get().input !== input) return
      set({ status: 'error', result: null, error: toApiError(err) })
    }
  },
  reset: () => set({ input: '', status: 'idle', result: null, error: null })
}))
