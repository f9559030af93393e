import { appendFile, mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { FastifyBaseLogger } from 'fastify'
import type { Config } from '../config.ts'
import { maskPhone } from '../residents/mask.ts'

/** Delivers login codes and notices by SMS. Implementations must never log the phone number in clear. */
export interface SmsSender {
  readonly name: string
  send(phone: string, code: string, validMinutes: number): Promise<void>
  /** A notice from a registered template (e.g. `fraud_warning`, the level-1 warning); the text holds no link. */
  sendNotice(phone: string, template: string, text: string): Promise<void>
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
  constructor(private readonly endpoint: string, private readonly token: string, private readonly timeoutMs = 5_000) {}

  send(phone: string, code: string, validMinutes: number): Promise<void> {
    return this.post({ to: `+86${phone}`, template: 'login_code', params: { code, minutes: validMinutes } })
  }

  sendNotice(phone: string, template: string, text: string): Promise<void> {
    return this.post({ to: `+86${phone}`, template, params: { text } })
  }

  private async post(body: unknown): Promise<void> {
    let res: Response
    try {
      res = await fetch(this.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs)
      })
    } catch (err) {
      throw new SmsSendError(`SMS gateway unreachable: ${(err as Error).name}`)
    }
    // Drain the body so the connection is reused; its content is the vendor's business.
    await res.arrayBuffer().catch(() => undefined)
    if (!res.ok) throw new SmsSendError(`SMS gateway answered HTTP ${res.status}`)
  }
}

/**
 * Development only (refused when NODE_ENV=production, see config.ts): logs the code with the phone masked and
 * appends it to `<DATA_DIR>/dev-sms-outbox.jsonl`, where a developer or the E2E test reads it.
 */
export class DevSmsSender implements SmsSender {
  readonly name = 'dev'
  constructor(private readonly dataDir: string, private readonly log: FastifyBaseLogger) {}

  async send(phone: string, code: string, validMinutes: number): Promise<void> {
    const to = maskPhone(phone)
    this.log.warn({ to, code }, `[dev SMS] login code for ${to}: ${code} (valid ${validMinutes} min)`)
    await mkdir(this.dataDir, { recursive: true })
    await appendFile(path.join(this.dataDir, 'dev-sms-outbox.jsonl'), `${JSON.stringify({ to, code, at: new Date().toISOString() })}\n`)
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
