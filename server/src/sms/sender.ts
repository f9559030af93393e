import { appendFile, mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { FastifyBaseLogger } from 'fastify'
import { Pool } from 'undici'
import type { Config } from '../config.ts'
import { maskPhone } from '../residents/mask.ts'

/** Delivers login codes and notices by SMS. Implementations must never log the phone number in clear. */
export interface SmsSender {
  readonly name: string
  /** A one-time code: `login_code` (H5 login) or `proxy_consent` (an elder's consent to 代登记, read out to the helper). */
  send(phone: string, code: string, validMinutes: number, template?: SmsCodeTemplate): Promise<void>
  /** A notice from a registered template (e.g. `fraud_warning`, the level-1 warning); the text holds no link. */
  sendNotice(phone: string, template: string, text: string): Promise<void>
  /** Lets go of connections (the server calls it when it closes). */
  close?(): Promise<void>
}

export type SmsCodeTemplate = 'login_code' | 'proxy_consent'

/** The vendor templates' wording (registered with the SMS vendor; the dev outbox writes it out). */
export const SMS_CODE_TEXT: Record<SmsCodeTemplate, (code: string, minutes: number) => string> = {
  login_code: (code, minutes) => `【守好钱袋子】验证码${code}，${minutes}分钟内有效。请勿告诉他人。`,
  proxy_consent: (code, minutes) => `【守好钱袋子】您的家人或网格员正在为您登记反诈预警服务，验证码${code}，${minutes}分钟内有效。同意登记才把验证码告诉对方。`
}

export class SmsSendError extends Error {}

/**
 * The HTTP adapter for an SMS gateway: POST {endpoint} with a bearer token and
 * `{ "to": "+8613800138000", "template": "login_code", "params": { "code": "123456", "minutes": 5 } }`,
 * expecting 2xx. Most Chinese SMS vendors (or a small relay in front of their signed APIs) accept this shape;
 * the vendor's own signing lives in that relay, not here.
 */
export class HttpSmsSender implements SmsSender {
  readonly name = 'http'
  // undici's request API over a keep-alive pool (as the WeChat client): fetch() tops out near 3,000 calls/s here,
  // too few for a level-1 warning burst.
  private readonly pool: Pool
  private readonly path: string

  constructor(
    endpoint: string,
    private readonly token: string,
    private readonly timeoutMs = 5_000
  ) {
    const url = new URL(endpoint)
    this.pool = new Pool(url.origin, { connections: 64 })
    this.path = `${url.pathname}${url.search}`
  }

  send(phone: string, code: string, validMinutes: number, template: SmsCodeTemplate = 'login_code'): Promise<void> {
    return this.post({ to: `+86${phone}`, template, params: { code, minutes: validMinutes } })
  }

  sendNotice(phone: string, template: string, text: string): Promise<void> {
    return this.post({ to: `+86${phone}`, template, params: { text } })
  }

  async close(): Promise<void> {
    await this.pool.close()
  }

  private async post(body: unknown): Promise<void> {
    let status: number
    try {
      const res = await this.pool.request({
        path: this.path,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs)
      })
      status = res.statusCode
      // Drain the body so the connection is reused; its content is the vendor's business.
      await res.body.dump()
    } catch (err) {
      throw new SmsSendError(`SMS gateway unreachable: ${(err as Error).name}`)
    }
    if (status < 200 || status >= 300) throw new SmsSendError(`SMS gateway answered HTTP ${status}`)
  }
}

/**
 * Development only (refused when NODE_ENV=production, see config.ts): logs the code with the phone masked and
 * appends it to `<DATA_DIR>/dev-sms-outbox.jsonl`, where a developer or the E2E test reads it.
 */
export class DevSmsSender implements SmsSender {
  readonly name = 'dev'
  constructor(
    private readonly dataDir: string,
    private readonly log: FastifyBaseLogger
  ) {}

  async send(phone: string, code: string, validMinutes: number, template: SmsCodeTemplate = 'login_code'): Promise<void> {
    const to = maskPhone(phone)
    this.log.warn({ to, code, template }, `[dev SMS] ${template} for ${to}: ${code} (valid ${validMinutes} min)`)
    await mkdir(this.dataDir, { recursive: true })
    const text = SMS_CODE_TEXT[template](code, validMinutes)
    await appendFile(path.join(this.dataDir, 'dev-sms-outbox.jsonl'), `${JSON.stringify({ to, code, template, text, at: new Date().toISOString() })}\n`)
  }

  async sendNotice(phone: string, template: string, text: string): Promise<void> {
    const to = maskPhone(phone)
    this.log.info({ to, template }, `[dev SMS] ${template} to ${to}`)
    await mkdir(this.dataDir, { recursive: true })
    await appendFile(path.join(this.dataDir, 'dev-sms-outbox.jsonl'), `${JSON.stringify({ to, template, text, at: new Date().toISOString() })}\n`)
  }
}

/** The HTTP gateway when configured; the development sender only outside production; otherwise none (SMS off). */
export function smsSenderFor(config: Config, log: FastifyBaseLogger): SmsSender | null {
  if (config.sms.gatewayUrl) return new HttpSmsSender(config.sms.gatewayUrl, config.sms.gatewayToken)
  if (config.env === 'production') return null
  return new DevSmsSender(config.dataDir, log)
}
