import { create } from 'zustand'
import type { ValueKind } from '../../types/kinds'
import type { CheckAccountResponse, CheckMessageResponse, CheckPhoneResponse, CheckUrlResponse, Verdict } from '../../types/check'
import { checkAccount, checkMessage, checkPhone, checkUrl } from '../services/check'
import { getTips } from '../services/learn'
import { recogniseInput } from '../lib/input-kind'
import { ApiError, toApiError } from '../services/http'
import { useRecentChecks, type RecentCheck } from './recent-checks'

type RecentKind = NonNullable<RecentCheck['kind']>

/** 'offline': the server could not be reached; the page answers from the rules on the phone (packages/offline). */
type Status = 'idle' | 'loading' | 'done' | 'error' | 'offline'
/** What the box is set to: anything (recognised on the way), or one of the three shortcuts. */
export type CheckKind = 'any' | ValueKind
export type CheckResult = CheckPhoneResponse | CheckUrlResponse | CheckAccountResponse | CheckMessageResponse
export type Checked = Exclude<CheckKind, 'any'> | 'message'

const EMPTY_MESSAGE: Record<CheckKind, string> = {
  any: '请先粘贴收到的短信、聊天，或输入号码、网址',
  phone: '请先输入或粘贴要查询的号码',
  url: '请先输入或粘贴要查询的网址',
  account: '请先输入要查询的银行卡号、支付宝或微信账号'
}

const CHECKERS: Record<Checked, (input: string) => Promise<CheckResult>> = { phone: checkPhone, url: checkUrl, account: checkAccount, message: checkMessage }

/**
 * What is actually checked: a whole message always as a message, and an input that is plainly another kind (a link in
 * 号码 mode, a card number) as that kind; otherwise what the resident picked.
 */
export function checkedKind(picked: CheckKind, input: string): Checked {
  const recognised = recogniseInput(input)
  if (recognised === 'message') return 'message'
  // Anything: what it was recognised as; words with a number in them are a number ("号码 0915-110"), other words a message.
  if (picked === 'any') return recognised ?? (/\d{3}/.test(input) ? 'phone' : 'message')
  // 网址 and 账户 are kept as picked ("icbc.com.cn@evil.example" is a link there, not an e-mail address).
  return picked === 'phone' && recognised !== null ? recognised : picked
}

const RANK: Record<Verdict, number> = { safe: 0, unknown: 1, suspicious: 2, dangerous: 3 }

interface CheckState {
  kind: CheckKind
  input: string
  status: Status
  result: CheckResult | null
  error: ApiError | null
  /** The 学反诈 tip for the scam a message follows, once found (a message answer only). */
  tip: { id: string; title: string } | null
  setKind: (kind: CheckKind) => void
  setInput: (input: string) => void
  /** Checks the current input (or the one given) and records it among the recent checks. */
  run: (input?: string, kind?: CheckKind) => Promise<void>
  reset: () => void
}

export const useCheckStore = create<CheckState>()((set, get) => ({
  kind: 'any',
  input: '',
  status: 'idle',
  result: null,
  error: null,
  tip: null,
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
    set({ kind, input, status: 'loading', error: null, tip: null })
    try {
      const result = await CHECKERS[checkedKind(kind, input)](input)
      // A newer check started while this one was in flight: drop the stale answer.
      if (get().input !== input || get().kind !== kind) return
      set({ status: 'done', result })
      const recent = useRecentChecks.getState()
      if ('kind' in result && result.kind === 'message') {
        // A message's text stays off the device: only its numbers, links and accounts are remembered, worst last added.
        const parts = result.parts
          .filter((p) => p.kind === 'phone' || p.kind === 'url' || p.kind === 'account')
          .sort((a, b) => RANK[a.verdict] - RANK[b.verdict])
          .slice(-3)
        for (const p of parts) recent.add({ input: p.text.trim(), kind: p.kind as RecentKind, verdict: p.verdict, checkedAt: result.checkedAt })
        // The matching tip is a help, not part of the answer: looked up after it, and left out if that fails.
        const script = result.scripts[0]
        if (script) {
          getTips({ type: script.fraudType })
            .then((page) => {
              const first = page.items[0]
              if (first && get().result === result) set({ tip: { id: first.id, title: first.title } })
            })
            .catch(() => {})
        }
      } else {
        recent.add({ input, kind: 'kind' in result ? (result.kind as RecentKind) : 'phone', verdict: result.verdict, checkedAt: result.checkedAt })
      }
    } catch (err) {
      if (get().input !== input || get().kind !== kind) return
      const error = toApiError(err)
      set({ status: error.code === 'NETWORK' ? 'offline' : 'error', result: null, error })
    }
  },
  reset: () => set({ kind: 'any', input: '', status: 'idle', result: null, error: null, tip: null })
}))
