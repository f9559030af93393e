/** Error codes of the WeChat server APIs we call (official docs), and what each means for us. */
export const WECHAT_ERRORS = {
  BUSY: -1,
  INVALID_CREDENTIAL: 40001, // access_token invalid (or secret wrong when fetching one)
  INVALID_OPENID: 40003,
  INVALID_APPID: 40013,
  INVALID_CODE: 40029,
  INVALID_TEMPLATE: 40037,
  INVALID_SECRET: 40125,
  CODE_USED: 40163,
  HIGH_RISK_USER: 40226,
  INVALID_PAGE: 41030,
  ACCESS_TOKEN_EXPIRED: 42001,
  USER_REFUSED: 43101,
  RATE_LIMITED_SEND: 45009,
  RATE_LIMITED: 45011,
  INVALID_ARGUMENT: 47003
} as const

/** A WeChat API call that did not succeed: `errcode` from WeChat, or a transport/reply problem of ours. */
export class WeChatError extends Error {
  constructor(
    /** WeChat's errcode; null for transport failures, timeouts and malformed replies. */
    readonly errcode: number | null,
    message: string,
    readonly kind: 'api' | 'transport' | 'timeout' | 'invalid-reply' = 'api'
  ) {
    super(message)
    this.name = 'WeChatError'
  }

  /** Worth retrying later: WeChat busy, rate-limited, or the call never got a valid answer. */
  get transient(): boolean {
    return (
      this.kind !== 'api' ||
      this.errcode === WECHAT_ERRORS.BUSY ||
      this.errcode === WECHAT_ERRORS.RATE_LIMITED ||
      this.errcode === WECHAT_ERRORS.RATE_LIMITED_SEND
    )
  }
}
