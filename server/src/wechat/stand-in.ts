import { randomBytes, createHash } from 'node:crypto'
import Fastify, { type FastifyInstance } from 'fastify'
import { WECHAT_ERRORS } from './errors.ts'

/**
 * A local stand-in for WeChat's server APIs (api.weixin.qq.com cannot be reached from here): jscode2session,
 * stable_token, getuserphonenumber and subscribe/send with the documented request fields, reply fields and
 * error codes. Tests and `npm start` point the real WeChatClient at it. Control endpoints under
 * `/__standin/` mint codes, grant subscription credits, inject failures and list delivered messages.
 */
export interface StandInOptions {
  appId: string
  appSecret: string
  /** Subscribe-message template ids the "mini-program" owns. */
  templateIds?: string[]
  /** How long an injected 'timeout' keeps the caller waiting before answering -1 (busy). */
  slowAnswerMs?: number
}

type Api = 'jscode2session' | 'stable_token' | 'getuserphonenumber' | 'subscribe_send'
/** An injected failure: a WeChat errcode, an HTTP 500 without JSON, a reply of the wrong shape, or no answer in time. */
type Failure = number | 'http500' | 'garbage' | 'timeout'

export interface DeliveredMessage {
  seq: number
  touser: string
  template_id: string
  page: string | undefined
  data: Record<string, { value: string }>
  at: string
}

// Value limits of subscribe-message keyword types (WeChat docs); a longer value is errcode 47003.
const VALUE_RULES: Array<[RegExp, (v: string) => boolean]> = [
  [/^thing\d+$/, (v) => [...v].length <= 20],
  [/^phrase\d+$/, (v) => [...v].length <= 5 && /^[\u4e00-\u9fff]+$/.test(v)],
  [/^(number|character_string)\d+$/, (v) => v.length <= 32],
  [/^time\d+$/, (v) => /^\d{4}[-年]\d{1,2}[-月]\d{1,2}/.test(v) || /^\d{1,2}:\d{2}/.test(v)],
  [/^date\d+$/, (v) => /^\d{4}[-年]\d{1,2}[-月]\d{1,2}/.test(v)],
  [/^phone_number\d+$/, (v) => /^[\d+\-\s]{3,20}$/.test(v)]
]

export function buildWeChatStandIn(options: StandInOptions): FastifyInstance {
  const app = Fastify({ logger: false })
  const templates = new Set(options.templateIds ?? ['tmpl-bulletin', 'tmpl-report', 'tmpl-warning'])
  const loginCodes = new Map<string, { user: string; used: boolean }>()
  const phoneCodes = new Map<string, { phone: string; countryCode: string; used: boolean }>()
  const tokens = new Map<string, { expired: boolean }>()
  const openids = new Set<string>()
  const credits = new Map<string, number>()
  const failures = new Map<Api, Failure[]>()
  // subscribe/send failures aimed at one recipient (deterministic under concurrency), keyed by openid.
  const failuresFor = new Map<string, Failure[]>()
  const calls: Record<Api, number> = { jscode2session: 0, stable_token: 0, getuserphonenumber: 0, subscribe_send: 0 }
  const delivered: DeliveredMessage[] = []

  const openidOf = (user: string) =>
    'o' +
    createHash('sha256')
      .update(options.appId + ':' + user)
      .digest('base64url')
      .slice(0, 27)
  const err = (errcode: number, errmsg: string) => ({ errcode, errmsg })

  /** Applies an injected failure, if one is queued for this API. Returns true when it answered. */
  async function injected(
    api: Api,
    reply: { code: (n: number) => unknown; send: (b: unknown) => unknown; type: (t: string) => unknown },
    touser?: unknown
  ): Promise<boolean> {
    calls[api]++
    const targeted = typeof touser === 'string' ? failuresFor.get(touser) : undefined
    const failure = targeted?.length ? targeted.shift() : failures.get(api)?.shift()
    if (failure === undefined) return false
    if (failure === 'timeout') {
      await new Promise((r) => setTimeout(r, options.slowAnswerMs ?? 3_000))
      reply.send(err(WECHAT_ERRORS.BUSY, 'system error (answered late)'))
    } else if (failure === 'http500') {
      reply.code(500)
      reply.type('text/html')
      reply.send('<html>502 Bad Gateway</html>')
    } else if (failure === 'garbage') {
      reply.send({ unexpected: true })
    } else if (typeof failure === 'number') {
      reply.send(err(failure, `injected errcode ${failure}`))
    }
    return true
  }

  function tokenError(token: unknown): { errcode: number; errmsg: string } | null {
    const t = typeof token === 'string' ? tokens.get(token) : undefined
    if (!t) return err(WECHAT_ERRORS.INVALID_CREDENTIAL, 'invalid credential, access_token is invalid or not latest')
    if (t.expired) return err(WECHAT_ERRORS.ACCESS_TOKEN_EXPIRED, 'access_token expired')
    return null
  }

  app.get('/sns/jscode2session', async (request, reply) => {
    if (await injected('jscode2session', reply)) return reply
    const q = request.query as Record<string, string | undefined>
    if (q.appid !== options.appId) return err(WECHAT_ERRORS.INVALID_APPID, 'invalid appid')
    if (q.secret !== options.appSecret) return err(WECHAT_ERRORS.INVALID_SECRET, 'invalid appsecret')
    if (q.grant_type !== 'authorization_code') return err(WECHAT_ERRORS.INVALID_ARGUMENT, 'invalid grant_type')
    const entry = q.js_code ? loginCodes.get(q.js_code) : undefined
    if (!entry) return err(WECHAT_ERRORS.INVALID_CODE, 'invalid code')
    if (entry.used) return err(WECHAT_ERRORS.CODE_USED, 'code been used')
    entry.used = true
    const openid = openidOf(entry.user)
    openids.add(openid)
    return { openid, session_key: randomBytes(16).toString('base64'), unionid: 'u' + openid.slice(1) }
  })

  app.post('/cgi-bin/stable_token', async (request, reply) => {
    if (await injected('stable_token', reply)) return reply
    const b = (request.body ?? {}) as Record<string, unknown>
    if (b.grant_type !== 'client_credential') return err(WECHAT_ERRORS.INVALID_ARGUMENT, 'invalid grant_type')
    if (b.appid !== options.appId) return err(WECHAT_ERRORS.INVALID_APPID, 'invalid appid')
    if (b.secret !== options.appSecret) return err(WECHAT_ERRORS.INVALID_SECRET, 'invalid appsecret')
    const token = randomBytes(24).toString('base64url')
    tokens.set(token, { expired: false })
    return { access_token: token, expires_in: 7200 }
  })

  app.post('/wxa/business/getuserphonenumber', async (request, reply) => {
    if (await injected('getuserphonenumber', reply)) return reply
    const invalid = tokenError((request.query as Record<string, unknown>).access_token)
    if (invalid) return invalid
    const code = ((request.body ?? {}) as Record<string, unknown>).code
    const entry = typeof code === 'string' ? phoneCodes.get(code) : undefined
    if (!entry) return err(WECHAT_ERRORS.INVALID_CODE, 'invalid code')
    if (entry.used) return err(WECHAT_ERRORS.CODE_USED, 'code been used')
    entry.used = true
    return {
      errcode: 0,
      errmsg: 'ok',
      phone_info: {
        phoneNumber: entry.countryCode === '86' ? entry.phone : `+${entry.countryCode} ${entry.phone}`,
        purePhoneNumber: entry.phone,
        countryCode: entry.countryCode,
        watermark: { appid: options.appId, timestamp: Math.floor(Date.now() / 1000) }
      }
    }
  })

  app.post('/cgi-bin/message/subscribe/send', async (request, reply) => {
    if (await injected('subscribe_send', reply, (request.body as { touser?: unknown } | undefined)?.touser)) return reply
    const invalid = tokenError((request.query as Record<string, unknown>).access_token)
    if (invalid) return invalid
    const b = (request.body ?? {}) as Record<string, unknown>
    if (typeof b.touser !== 'string' || !openids.has(b.touser)) return err(WECHAT_ERRORS.INVALID_OPENID, 'invalid openid')
    if (typeof b.template_id !== 'string' || !templates.has(b.template_id)) return err(WECHAT_ERRORS.INVALID_TEMPLATE, 'invalid template_id')
    if (b.page !== undefined && (typeof b.page !== 'string' || !/^(pages|packages)\/[\w/-]+(\?[^\s]*)?$/.test(b.page))) {
      return err(WECHAT_ERRORS.INVALID_PAGE, 'invalid page')
    }
    const data = b.data as Record<string, { value?: unknown }> | undefined
    if (!data || typeof data !== 'object' || Object.keys(data).length === 0) return err(WECHAT_ERRORS.INVALID_ARGUMENT, 'argument invalid! data is empty')
    for (const [key, item] of Object.entries(data)) {
      const value = item?.value
      const rule = VALUE_RULES.find(([pattern]) => pattern.test(key))
      if (typeof value !== 'string' || value === '' || (rule && !rule[1](value))) {
        return err(WECHAT_ERRORS.INVALID_ARGUMENT, `argument invalid! data.${key}.value invalid`)
      }
    }
    const creditKey = `${b.touser}\u0000${b.template_id}`
    const left = credits.get(creditKey) ?? 0
    if (left <= 0) return err(WECHAT_ERRORS.USER_REFUSED, 'user refuse to accept the msg')
    if (left !== Infinity) credits.set(creditKey, left - 1)
    delivered.push({
      seq: delivered.length + 1,
      touser: b.touser,
      template_id: b.template_id,
      page: b.page as string | undefined,
      data: data as Record<string, { value: string }>,
      at: new Date().toISOString()
    })
    return err(0, 'ok')
  })

  // ---- control endpoints (tests and local development only) ----
  app.post('/__standin/login-code', async (request) => {
    const { user } = request.body as { user: string }
    const code = 'lc_' + randomBytes(12).toString('hex')
    loginCodes.set(code, { user, used: false })
    return { code, openid: openidOf(user) }
  })
  app.post('/__standin/phone-code', async (request) => {
    const { phone, countryCode = '86' } = request.body as { phone: string; countryCode?: string }
    const code = 'pc_' + randomBytes(12).toString('hex')
    phoneCodes.set(code, { phone, countryCode, used: false })
    return { code }
  })
  app.post('/__standin/credits', async (request) => {
    const { openid, template_id, count } = request.body as { openid: string; template_id: string; count: number | 'long-term' }
    credits.set(`${openid}\u0000${template_id}`, count === 'long-term' ? Infinity : count)
    return { ok: true }
  })
  app.post('/__standin/fail', async (request) => {
    const { api, failure, times = 1, touser } = request.body as { api: Api; failure: Failure; times?: number; touser?: string }
    const queued = Array.from({ length: times }, () => failure)
    if (touser !== undefined) failuresFor.set(touser, [...(failuresFor.get(touser) ?? []), ...queued])
    else failures.set(api, [...(failures.get(api) ?? []), ...queued])
    return { ok: true }
  })
  // Many users at once (benchmarks, crash tests): they become known openids, each with the given credits.
  app.post('/__standin/subscribers', { bodyLimit: 64 * 1024 * 1024 }, async (request) => {
    const { users, template_id, count } = request.body as { users: string[]; template_id: string; count: number | 'long-term' }
    const openidList = users.map(openidOf)
    for (const openid of openidList) {
      openids.add(openid)
      if (count !== 0) credits.set(`${openid}\u0000${template_id}`, count === 'long-term' ? Infinity : count)
    }
    return { openids: openidList }
  })
  // Per-recipient counts of delivered messages (the whole list is large after a benchmark).
  app.get('/__standin/message-counts', async () => {
    const counts: Record<string, number> = {}
    for (const m of delivered) counts[m.touser] = (counts[m.touser] ?? 0) + 1
    return { total: delivered.length, counts }
  })
  app.post('/__standin/expire-tokens', async () => {
    for (const t of tokens.values()) t.expired = true
    return { ok: true }
  })
  app.get('/__standin/messages', async () => ({ messages: delivered }))
  app.get('/__standin/calls', async () => calls)
  return app
}
