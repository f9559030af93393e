import { WECHAT_ERRORS, WeChatError } from '../wechat/errors.ts'

/** What one subscribe/send attempt means for its delivery (docs/api.md, the outcomes table). */
export type SendOutcome =
  | { kind: 'sent' }
  /** The resident refused or has no credit left at WeChat: our credit is dropped, the bulletin stays in the app. */
  | { kind: 'in_app'; reason: string; dropCredit: true }
  /** Permanent: retrying cannot help; the credit is given back (WeChat did not use it). */
  | { kind: 'failed'; reason: string }
  /** Temporary: try again later (credit given back until then). */
  | { kind: 'retry'; reason: string }
  /** WeChat may or may not have sent it: never resent, so a resident gets at most one message. */
  | { kind: 'unknown'; reason: string }

const PERMANENT = new Set<number>([WECHAT_ERRORS.INVALID_OPENID, WECHAT_ERRORS.INVALID_ARGUMENT, WECHAT_ERRORS.INVALID_PAGE, WECHAT_ERRORS.INVALID_TEMPLATE])
const TEMPORARY = new Set<number>([WECHAT_ERRORS.BUSY, WECHAT_ERRORS.RATE_LIMITED_SEND, WECHAT_ERRORS.RATE_LIMITED])

export function outcomeOf(error: unknown): SendOutcome {
  if (error === null) return { kind: 'sent' }
  if (!(error instanceof WeChatError)) return { kind: 'unknown', reason: 'internal' }
  if (error.kind === 'api' && error.errcode !== null) {
    const reason = `errcode ${error.errcode}`
    if (error.errcode === WECHAT_ERRORS.USER_REFUSED) return { kind: 'in_app', reason: 'refused (43101)', dropCredit: true }
    if (PERMANENT.has(error.errcode)) return { kind: 'failed', reason }
    if (TEMPORARY.has(error.errcode)) return { kind: 'retry', reason }
    // Token trouble survived the client's own refresh, or a code we do not know: try again later.
    return { kind: 'retry', reason }
  }
  // HTTP 5xx and connection failures: WeChat did not take the message.
  if (error.kind === 'transport') return { kind: 'retry', reason: 'transport' }
  // No answer in time, or an answer we cannot read: it may have been sent. subscribe/send is not idempotent.
  return { kind: 'unknown', reason: error.kind }
}

/** Exponential backoff with full jitter: attempt 1 waits up to `baseMs`, then doubling, capped at `maxMs`. */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1))
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}
