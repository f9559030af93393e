import { Pool, errors as undiciErrors, type Dispatcher } from 'undici'
import { Type, type Static, type TSchema } from '@sinclair/typebox'
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler'
import type { Config } from '../config.ts'
import { WECHAT_ERRORS, WeChatError } from './errors.ts'

/**
 * The one client for WeChat's server APIs. Its base URL is configuration: https://api.weixin.qq.com in
 * production, the local stand-in (stand-in.ts) in tests and `npm start`. Every reply is validated before use.
 */
export interface WeChatClientOptions {
  baseUrl: string
  appId: string
  appSecret: string
  timeoutMs?: number
  /** Keep-alive connections to WeChat (bulletin fan-out sends thousands of messages a second). */
  connections?: number
  /** For tests that need a clock; defaults to Date.now. */
  now?: () => number
}

const ErrorReply = Type.Object({ errcode: Type.Number(), errmsg: Type.Optional(Type.String()) })
const SessionReply = Type.Object({
  openid: Type.String({ minLength: 1, maxLength: 128 }),
  session_key: Type.String({ minLength: 1 }),
  unionid: Type.Optional(Type.String())
})
const TokenReply = Type.Object({ access_token: Type.String({ minLength: 1 }), expires_in: Type.Integer({ minimum: 1 }) })
const PhoneReply = Type.Object({
  phone_info: Type.Object({
    phoneNumber: Type.String(),
    purePhoneNumber: Type.String({ pattern: '^[0-9]{5,20}$' }),
    countryCode: Type.String({ pattern: '^[0-9]{1,4}$' }),
    watermark: Type.Object({ appid: Type.String(), timestamp: Type.Integer() })
  })
})

// Compiled once: replies are checked on every call, thousands a second during a bulletin fan-out.
const checkers = new Map<TSchema, TypeCheck<TSchema>>()
function checker(schema: TSchema): TypeCheck<TSchema> {
  let c = checkers.get(schema)
  if (!c) {
    c = TypeCompiler.Compile(schema)
    checkers.set(schema, c)
  }
  return c
}
const isErrorReply = TypeCompiler.Compile(ErrorReply)

export type WeChatSession = Static<typeof SessionReply>
export type WeChatPhone = Static<typeof PhoneReply>['phone_info']

export interface SubscribeMessage {
  touser: string
  template_id: string
  page?: string
  data: Record<string, { value: string }>
  miniprogram_state?: 'developer' | 'trial' | 'formal'
  lang?: 'zh_CN' | 'en_US' | 'zh_HK' | 'zh_TW'
}

const JSON_HEADERS = { 'content-type': 'application/json' }

/** The call's own deadline passed. */
class CallTimeout extends Error {}

// Refresh a little before WeChat's stated expiry, so a token is never used in its last seconds.
const TOKEN_MARGIN_MS = 5 * 60_000

/** WeChat's own API host, used when WECHAT_API_BASE is not set. */
export const WECHAT_API_BASE = 'https://api.weixin.qq.com'

/** The client as the API server and `qiandai worker` both build it from configuration. */
export function wechatClientFor(config: Config): WeChatClient {
  return new WeChatClient({ baseUrl: config.wechat.apiBase ?? WECHAT_API_BASE, appId: config.wechat.appId, appSecret: config.wechat.appSecret })
}

export class WeChatClient {
  private token: { value: string; expiresAt: number } | null = null
  private tokenRequest: Promise<string> | null = null
  private readonly now: () => number
  // undici's request API over a keep-alive pool: about 4× the throughput of fetch() for small JSON calls.
  private readonly pool: Pool
  /** A path prefix of the base URL (e.g. a relay at https://relay/wechat), prepended to every API path. */
  private readonly basePath: string

  constructor(private readonly options: WeChatClientOptions) {
    this.now = options.now ?? Date.now
    const base = new URL(options.baseUrl)
    this.pool = new Pool(base.origin, { connections: options.connections ?? 128 })
    this.basePath = base.pathname.replace(/\/$/, '')
  }

  /** Closes the connections (the server and workers call this on shutdown). */
  async close(): Promise<void> {
    await this.pool.close()
  }

  /** Login: exchanges a `wx.login` code for the user's openid (and session_key, which never leaves the server). */
  async code2Session(jsCode: string): Promise<WeChatSession> {
    const q = new URLSearchParams({ appid: this.options.appId, secret: this.options.appSecret, js_code: jsCode, grant_type: 'authorization_code' })
    return this.call('GET', `/sns/jscode2session?${q}`, undefined, SessionReply)
  }

  /** The phone number behind a `getPhoneNumber` button code. */
  async getPhoneNumber(code: string): Promise<WeChatPhone> {
    const reply = await this.withAccessToken((token) =>
      this.call('POST', `/wxa/business/getuserphonenumber?access_token=${encodeURIComponent(token)}`, { code }, PhoneReply)
    )
    return reply.phone_info
  }

  /** Sends one subscribe message; resolves when WeChat accepted it. */
  async sendSubscribeMessage(message: SubscribeMessage): Promise<void> {
    await this.withAccessToken((token) => this.call('POST', `/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, message, ErrorReply))
  }

  /** The app's access token from stable_token, cached until shortly before it expires. */
  async accessToken(forceRefresh = false): Promise<string> {
    if (!forceRefresh && this.token && this.token.expiresAt > this.now()) return this.token.value
    // One request at a time: concurrent callers share it.
    this.tokenRequest ??= this.call(
      'POST',
      '/cgi-bin/stable_token',
      {
        grant_type: 'client_credential',
        appid: this.options.appId,
        secret: this.options.appSecret,
        force_refresh: forceRefresh
      },
      TokenReply
    )
      .then((r) => {
        this.token = { value: r.access_token, expiresAt: this.now() + r.expires_in * 1000 - TOKEN_MARGIN_MS }
        return r.access_token
      })
      .finally(() => {
        this.tokenRequest = null
      })
    return this.tokenRequest
  }

  /** Runs a call with the access token; on 40001/42001 refreshes the token once and retries. */
  private async withAccessToken<T>(fn: (token: string) => Promise<T>): Promise<T> {
    try {
      return await fn(await this.accessToken())
    } catch (err) {
      const expired = err instanceof WeChatError && (err.errcode === WECHAT_ERRORS.INVALID_CREDENTIAL || err.errcode === WECHAT_ERRORS.ACCESS_TOKEN_EXPIRED)
      if (!expired) throw err
      this.token = null
      return fn(await this.accessToken(true))
    }
  }

  /**
   * One HTTP exchange on the pool's dispatcher API with a plain timer for the deadline. A bulletin sends thousands of
   * these a second: request() with an AbortSignal.timeout() and a body stream cost about 80 µs of CPU a call here,
   * this about 55 µs (bench:push).
   */
  private exchange(method: 'GET' | 'POST', path: string, body: string | undefined): Promise<{ status: number; text: string }> {
    const timeoutMs = this.options.timeoutMs ?? 5_000
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = []
      let status = 0
      let settled = false
      let controller: Dispatcher.DispatchController | null = null
      const settle = (err: Error | null) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        if (err) reject(err)
        else resolve({ status, text: Buffer.concat(chunks).toString('utf8') })
      }
      // One deadline for the whole call, the wait for a free connection included (undici's own timers are coarse).
      // A call still queued when it passes is cancelled as it starts, so it never goes out after being given up.
      const timer = setTimeout(() => {
        controller?.abort(new CallTimeout())
        settle(new CallTimeout())
      }, timeoutMs)
      const handler: Dispatcher.DispatchHandler = {
        onRequestStart: (c) => {
          if (settled) c.abort(new CallTimeout())
          else controller = c
        },
        onResponseStart: (_c, statusCode) => {
          status = statusCode
        },
        onResponseData: (_c, chunk) => {
          chunks.push(chunk)
        },
        onResponseEnd: () => settle(null),
        onResponseError: (_c, err) => settle(err)
      }
      this.pool.dispatch({ path: this.basePath + path, method, headers: body === undefined ? undefined : JSON_HEADERS, body }, handler)
    })
  }

  private async call<S extends TSchema>(method: 'GET' | 'POST', path: string, body: unknown, schema: S): Promise<Static<S>> {
    let status: number
    let text: string
    try {
      ;({ status, text } = await this.exchange(method, path, body === undefined ? undefined : JSON.stringify(body)))
    } catch (err) {
      const timedOut =
        err instanceof CallTimeout ||
        err instanceof undiciErrors.RequestAbortedError ||
        err instanceof undiciErrors.HeadersTimeoutError ||
        err instanceof undiciErrors.BodyTimeoutError
      throw new WeChatError(null, timedOut ? 'WeChat did not answer in time' : 'WeChat could not be reached', timedOut ? 'timeout' : 'transport')
    }
    let reply: unknown
    try {
      reply = JSON.parse(text)
    } catch {
      throw new WeChatError(null, `WeChat answered HTTP ${status} without JSON`, status >= 500 ? 'transport' : 'invalid-reply')
    }
    // WeChat reports failures as HTTP 200 with a non-zero errcode.
    if (isErrorReply.Check(reply) && reply.errcode !== 0) {
      throw new WeChatError(reply.errcode, reply.errmsg ?? `errcode ${reply.errcode}`)
    }
    if (status < 200 || status >= 300) throw new WeChatError(null, `WeChat answered HTTP ${status}`, status >= 500 ? 'transport' : 'invalid-reply')
    if (!checker(schema).Check(reply)) throw new WeChatError(null, 'WeChat answered in an unexpected shape', 'invalid-reply')
    return reply as Static<S>
  }
}
