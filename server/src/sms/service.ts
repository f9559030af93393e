import { randomInt, timingSafeEqual } from 'node:crypto'
import type { FastifyBaseLogger } from 'fastify'
import type { CaptchaAnswer, CaptchaChallenge, SmsSendResult } from '../../../types/auth.ts'
import { randomBytes } from 'node:crypto'
import { captchaPng } from './captcha-image.ts'
import { mainlandMobile } from '../values/phone.ts'
import { AppError } from '../plugins/errors.ts'
import type { FieldCipher } from '../lib/field-cipher.ts'
import type { SmsCodeRepository } from './repository.ts'
import type { SmsCodeTemplate, SmsSender } from './sender.ts'

export const SMS_CODE_MINUTES = 5
export const SMS_MAX_ATTEMPTS = 5
export const SMS_RESEND_SECONDS = 60
export const SMS_DAILY_LIMIT = 10
/**
 * Per network address the limits are far higher (a village hall's Wi-Fi or a carrier's shared address has many people
 * behind it; a grid worker registers a 院落会 from one phone): free up to this many sends an hour, then each send
 * needs a 图形验证码, and past the daily cap none.
 */
export const SMS_ADDRESS_FREE_PER_HOUR = 20
export const SMS_ADDRESS_DAILY_CAP = 300
export const CAPTCHA_SECONDS = 300
const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000

/** What a code proves: a login, or an elder's consent to being registered by a helper (代登记). Codes of one never pass for the other. */
export type SmsPurpose = 'login' | 'proxy_consent'
const PHONE_INDEX_PREFIX: Record<SmsPurpose, string> = { login: 'sms-phone', proxy_consent: 'proxy-phone' }
const TEMPLATE: Record<SmsPurpose, SmsCodeTemplate> = { login: 'login_code', proxy_consent: 'proxy_consent' }

/**
 * H5 login codes: 6 random digits, kept only as an HMAC (keyed, so a database dump cannot be brute-forced
 * offline), valid 5 minutes, burnt after 5 wrong tries; at most one send a minute and 10 a day per phone; per network
 * address, 20 an hour freely, then a 图形验证码 each, 300 a day at most. Phone and client address are stored as blind
 * indexes only.
 */
export class SmsCodeService {
  constructor(
    private readonly repository: SmsCodeRepository,
    private readonly sender: SmsSender | null,
    private readonly cipher: FieldCipher,
    private readonly log: FastifyBaseLogger,
    private readonly now: () => Date = () => new Date(),
    private readonly captchaDigits: () => string = () => String(randomInt(0, 10_000)).padStart(4, '0')
  ) {}

  /** A new 图形验证码: 4 digits in a picture, answered once within 5 minutes. */
  async captcha(): Promise<CaptchaChallenge> {
    const digits = this.captchaDigits()
    const id = randomBytes(18).toString('base64url')
    const now = this.now()
    await this.repository.insertCaptcha({ id, answerHash: this.captchaHash(id, digits), expiresAt: new Date(now.getTime() + CAPTCHA_SECONDS * 1000) }, now)
    return { id, image: `data:image/png;base64,${captchaPng(digits).toString('base64')}`, expiresIn: CAPTCHA_SECONDS }
  }

  async send(phoneInput: string, clientAddress: string, purpose: SmsPurpose = 'login', captcha?: CaptchaAnswer): Promise<SmsSendResult> {
    const phone = this.phone(phoneInput)
    if (!this.sender) {
      throw new AppError(
        503,
        'SMS_UNAVAILABLE',
        purpose === 'login' ? '短信登录暂未开通，请在微信里打开“守好钱袋子”小程序登记' : '短信服务暂未开通，暂时无法代登记'
      )
    }
    const sender = this.sender
    const phoneIndex = this.cipher.blindIndex(`${PHONE_INDEX_PREFIX[purpose]}:${phone}`)
    const clientIndex = this.cipher.blindIndex(`sms-client:${clientAddress}`)
    const now = this.now()
    // A challenge answered is spent before anything else, whatever follows.
    const passed = captcha
      ? await this.repository.spendCaptcha(
          captcha.id,
          now,
          (hash) => hash === this.captchaHash(captcha.id, captcha.answer.normalize('NFKC').replace(/\s/g, ''))
        )
      : false
    return this.repository.withSendLock(phoneIndex, clientIndex, async (trx) => {
      const day = await this.repository.sendsSince(trx, phoneIndex, clientIndex, new Date(now.getTime() - DAY_MS))
      // The earliest a send in the window leaves it; the answer may come again if another one still counts.
      const dayRetry = day.oldest ? Math.max(1, Math.ceil((day.oldest.getTime() + DAY_MS - now.getTime()) / 1000)) : DAY_MS / 1000
      if (day.phone >= SMS_DAILY_LIMIT) throw new AppError(429, 'SMS_DAILY_LIMIT', '这个手机号今天获取验证码的次数已用完，请明天再试', undefined, dayRetry)
      if (day.client >= SMS_ADDRESS_DAILY_CAP) {
        throw new AppError(429, 'SMS_ADDRESS_LIMIT', '这个网络今天获取验证码的次数太多了，请换用手机流量再试，或明天再试', undefined, dayRetry)
      }
      const minute = await this.repository.sendsSince(trx, phoneIndex, clientIndex, new Date(now.getTime() - SMS_RESEND_SECONDS * 1000))
      if (minute.phone > 0) {
        const wait = minute.latest ? Math.max(1, Math.ceil((minute.latest.getTime() + SMS_RESEND_SECONDS * 1000 - now.getTime()) / 1000)) : SMS_RESEND_SECONDS
        throw new AppError(429, 'SMS_TOO_FREQUENT', `验证码发送太频繁，请${wait}秒后再试`, undefined, wait)
      }
      const hour = await this.repository.sendsSince(trx, phoneIndex, clientIndex, new Date(now.getTime() - HOUR_MS))
      if (hour.client >= SMS_ADDRESS_FREE_PER_HOUR) {
        if (!captcha) throw new AppError(429, 'CAPTCHA_REQUIRED', '这个网络获取验证码的人较多，请先输入图形验证码', 'captcha')
        if (!passed) throw new AppError(400, 'CAPTCHA_WRONG', '图形验证码不对或已过期，请看新的一张再输入', 'captcha')
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
        phoneIndex,
        clientIndex,
        codeHash: this.codeHash(phoneIndex, code),
        createdAt: now,
        expiresAt: new Date(now.getTime() + SMS_CODE_MINUTES * 60_000)
      })
      return { expiresIn: SMS_CODE_MINUTES * 60, resendAfter: SMS_RESEND_SECONDS }
    })
  }

  /** Spends a correct code and returns the verified 11-digit phone; every other outcome is a 400 the resident can act on. */
  async verify(phoneInput: string, code: string, purpose: SmsPurpose = 'login'): Promise<string> {
    const phone = this.phone(phoneInput)
    const phoneIndex = this.cipher.blindIndex(`${PHONE_INDEX_PREFIX[purpose]}:${phone}`)
    const expected = Buffer.from(this.codeHash(phoneIndex, code))
    const result = await this.repository.attempt(
      phoneIndex,
      this.now(),
      (row) => {
        const stored = Buffer.from(row.codeHash)
        return stored.length === expected.length && timingSafeEqual(stored, expected)
      },
      SMS_MAX_ATTEMPTS
    )
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

  private captchaHash(id: string, answer: string): string {
    return this.cipher.blindIndex(`sms-captcha:${id}:${answer}`)
  }

  private codeHash(phoneIndex: string, code: string): string {
    return this.cipher.blindIndex(`sms-code:${phoneIndex}:${code}`)
  }
}
