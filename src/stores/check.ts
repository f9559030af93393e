import { create } from 'zustand'
import type { CheckAccountResponse, CheckPhoneResponse, CheckUrlResponse } from '../../types/check'
import { checkAccount, checkPhone, checkUrl } from '../services/check'
import { ApiError, toApiError } from '../services/http'
import { useRecentChecks } from './recent-checks'

type Status = 'idle' | 'loading' | 'done' | 'error'
export type CheckKind = 'phone' | 'url' | 'account'
export type CheckResult = CheckPhoneResponse | CheckUrlResponse | CheckAccountResponse

const EMPTY_MESSAGE: Record<CheckKind, string> = {
  phone: '请先输入或粘贴要查询的号码',
  url: '请先输入或粘贴要查询的网址',
  account: '请先输入要查询的银行卡号、支付宝或微信账号'
}

const CHECKERS: Record<CheckKind, (input: string) => Promise<CheckResult>> = { phone: checkPhone, url: checkUrl, account: checkAccount }

interface CheckState {
  kind: CheckKind
  input: string
  status: Status
  result: CheckResult | null
  error: ApiError | null
  setKind: (kind: CheckKind) => void
  setInput: (input: string) => void
  /** Checks the current input (or the one given) and records it among the recent checks. */
  run: (input?: string, kind?: CheckKind) => Promise<void>
  reset: () => void
}

export const useCheckStore = create<CheckState>()((set, get) => ({
  kind: 'phone',
  input: '',
  status: 'idle',
  result: null,
  error: null,
  // The typed text stays when the kind changes: a resident who picked the wrong kind need not type it again.
  setKind: (kind) => set((s) => (s.kind === kind ? s : { kind, status: 'idle', result: null, error: null })),
  setInput: (input) => set({ input }),
  run: async (given, givenKind) => {
    const kind = givenKind ?? get().kind
    const input = (given ?? get().input).trim()
    if (input === '') {
      set({ status: 'error', result: null, error: new ApiError('EMPTY', EMPTY_MESSAGE[kind], null) })
      return
    }
    set({ kind, input, status: 'loading', error: null })
    try {
      const result = await CHECKERS[kind](input)
      // A newer check started while this one was in flight: drop the stale answer.
      if (get().input !== input || get().kind !== kind) return
      set({ status: 'done', result })
      useRecentChecks.getState().add({ input, kind, verdict: result.verdict, checkedAt: result.checkedAt })
    } catch (err) {
      if (get().input !== input || get().kind !== kind) return
      set({ status: 'error', result: null, error: toApiError(err) })
    }
  },
  reset: () => set({ kind: 'phone', input: '', status: 'idle', result: null, error: null })
}))
