import { randomInt, timingSafeEqual } from 'node:crypto'
import type { FastifyBaseLogger } from 'fastify'
import type { SmsSendResult } from '../../../types/auth.ts'
import { mainlandMobile } from '../check/phone-facts.ts'
import { AppError } from '../plugins/errors.ts'
import type { FieldCipher } from '../residents/field-cipher.ts'
import type { SmsCodeRepository } from './repository.ts'
import type { SmsCodeTemplate, SmsSender } from './sender.ts'

export const SMS_CODE_MINUTES = 5
export const SMS_MAX_ATTEMPTS = 5
export const SMS_RESEND_SECONDS = 60
export const SMS_DAILY_LIMIT = 10
const DAY_MS = 86_400_000

/** What a code proves: a login, or an elder's consent to being registered by a helper (代登记). Codes of one never pass for the other. */
export type SmsPurpose = 'login' | 'proxy_consent'
const PHONE_INDEX_PREFIX: Record<SmsPurpose, string> = { login: 'sms-phone', proxy_consent: 'proxy-phone' }
const TEMPLATE: Record<SmsPurpose, SmsCodeTemplate> = { login: 'login_code', proxy_consent: 'proxy_consent' }

/**
 * H5 login codes: 6 random digits, kept only as an HMAC (keyed, so a database dump cannot be brute-forced
 * offline), valid 5 minutes, burnt after 5 wrong tries; at most one send a minute and 10 a day per phone and
 * per client. Phone and client address are stored as blind indexes only.
 */
export class SmsCodeService {
  constructor(
    private readonly repository: SmsCodeRepository,
    private readonly sender: SmsSender | null,
    private readonly cipher: FieldCipher,
    private readonly log: FastifyBaseLogger,
    private readonly now: () => Date = () => new Date()
  ) {}

  async send(phoneInput: string, clientAddress: string, purpose: SmsPurpose = 'login'): Promise<SmsSendResult> {
    const phone = this.phone(phoneInput)
    if (!this.sender) {
      throw new AppError(503, 'SMS_UNAVAILABLE', purpose === 'login' ? '短信登录暂未开通，请在微信里打开“守好钱袋子”小程序登记' : '短信服务暂未开通，暂时无法代登记')
    }
    const sender = this.sender
    const phoneIndex = this.cipher.blindIndex(`${PHONE_INDEX_PREFIX[purpose]}:${phone}`)
    const clientIndex = this.cipher.blindIndex(`sms-client:${clientAddress}`)
    const now = this.now()
    return this.repository.withSendLock(phoneIndex, clientIndex, async (trx) => {
      const day = await this.repository.sendsSince(trx, phoneIndex, clientIndex, new Date(now.getTime() - DAY_MS))
      if (day.phone >= SMS_DAILY_LIMIT || day.client >= SMS_DAILY_LIMIT) {
        // The earliest a send in the window leaves it; the answer may come again if another one still counts.
        const retryAfter = day.oldest ? Math.max(1, Math.ceil((day.oldest.getTime() + DAY_MS - now.getTime()) / 1000)) : DAY_MS / 1000
        throw new AppError(429, 'SMS_DAILY_LIMIT', '今天获取验证码的次数已用完，请明天再试', undefined, retryAfter)
      }
      const minute = await this.repository.sendsSince(trx, phoneIndex, clientIndex, new Date(now.getTime() - SMS_RESEND_SECONDS * 1000))
      if (minute.phone > 0 || minute.client > 0) {
        const wait = minute.latest ? Math.max(1, Math.ceil((minute.latest.getTime() + SMS_RESEND_SECONDS * 1000 - now.getTime()) / 1000)) : SMS_RESEND_SECONDS
        throw new AppError(429, 'SMS_TOO_FREQUENT', `验证码发送太频繁，请${wait}秒后再试`, undefined, wait)
      }
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
      try {
        await sender.send(phone, code, SMS_CODE_MINUTES, TEMPLATE[purpose])
      } catch (err) {
        this.log.warn({ sender: sender.name, reason: (err as Error).message }, 'SMS send failed')
        throw new AppError(503, 'SMS_UNAVAILABLE', '短信发送失败，请稍后再试')
      }
      await this.repository.purgeBefore(trx, new Date(now.getTime() - 2 * DAY_MS))
      await this.repository.insert(trx, {
        phoneIndex, clientIndex, codeHash: this.codeHash(phoneIndex, code), createdAt: now, expiresAt: new Date(now.getTime() + SMS_CODE_MINUTES * 60_000)
      })
      return { expiresIn: SMS_CODE_MINUTES * 60, resendAfter: SMS_RESEND_SECONDS }
    })
  }

  /** Spends a correct code and returns the verified 11-digit phone; every other outcome is a 400 the resident can act on. */
  async verify(phoneInput: string, code: string, purpose: SmsPurpose = 'login'): Promise<string> {
    const phone = this.phone(phoneInput)
    const phoneIndex = this.cipher.blindIndex(`${PHONE_INDEX_PREFIX[purpose]}:${phone}`)
    const expected = Buffer.from(this.codeHash(phoneIndex, code))
    const result = await this.repository.attempt(phoneIndex, this.now(), (row) => {
      const stored = Buffer.from(row.codeHash)
      return stored.length === expected.length && timingSafeEqual(stored, expected)
    }, SMS_MAX_ATTEMPTS)
    if (result.outcome === 'none') throw new AppError(400, 'SMS_CODE_INVALID', '验证码已失效，请重新获取', 'code')
    if (result.outcome === 'wrong') {
      throw result.attemptsLeft > 0
        ? new AppError(400, 'SMS_CODE_WRONG', `验证码不正确，还可以再试${result.attemptsLeft}次`, 'code')
        : new AppError(400, 'SMS_CODE_INVALID', '验证码错误次数太多，已失效，请重新获取', 'code')
    }
    return phone
  }

  private phone(input: string): string {
    const phone = mainlandMobile(input)
    if (!phone) throw new AppError(400, 'PHONE_NOT_SUPPORTED', '请输入11位中国大陆手机号', 'phone')
    return phone
  }

  private codeHash(phoneIndex: string, code: string): string {
    return this.cipher.blindIndex(`sms-code:${phoneIndex}:${code}`)
  }
}
