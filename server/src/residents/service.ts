import type { FastifyBaseLogger } from 'fastify'
import type { Me } from '../../../types/me.ts'
import { parsePhone } from '../check/phone-facts.ts'
import { AppError } from '../plugins/errors.ts'
import type { WeChatClient } from '../wechat/client.ts'
import { WECHAT_ERRORS, WeChatError } from '../wechat/errors.ts'
import type { FieldCipher } from './field-cipher.ts'
import type { ResidentsRepository } from './repository.ts'

/** 13800138000 → 138****8000: enough for a resident to recognise their number. */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****'
}

export class ResidentService {
  constructor(
    private readonly repository: ResidentsRepository,
    private readonly wechat: WeChatClient,
    private readonly cipher: FieldCipher,
    private readonly log: FastifyBaseLogger
  ) {}

  /** Verifies the phone behind a getPhoneNumber code with WeChat and binds it to the resident, encrypted. */
  async verifyWeChatPhone(residentId: string, code: string): Promise<Me> {
    let phone
    try {
      phone = await this.wechat.getPhoneNumber(code)
    } catch (err) {
      if (err instanceof WeChatError && (err.errcode === WECHAT_ERRORS.INVALID_CODE || err.errcode === WECHAT_ERRORS.CODE_USED)) {
        throw new AppError(400, 'PHONE_CODE_INVALID', '获取手机号失败，请再点一次“微信手机号快捷登记”')
      }
      if (err instanceof WeChatError) {
        this.log.warn({ errcode: err.errcode, kind: err.kind }, 'WeChat phone lookup failed')
        throw new AppError(503, 'WECHAT_BUSY', '微信服务繁忙，请稍后再试')
      }
      throw err
    }
    const parsed = parsePhone(phone.purePhoneNumber)
    if (phone.countryCode !== '86' || !parsed.ok || !parsed.facts.valid || parsed.facts.numberType !== 'MOBILE') {
      throw new AppError(400, 'PHONE_NOT_SUPPORTED', '目前只支持中国大陆手机号登记')
    }
    const pure = phone.purePhoneNumber
    const result = await this.repository.setPhone(residentId, { enc: this.cipher.encrypt(pure), index: this.cipher.blindIndex(pure) })
    if (result === 'in-use') throw new AppError(409, 'PHONE_IN_USE', '这个手机号已被其他微信账号登记。如有疑问请联系县反诈中心')
    return this.me(residentId)
  }

  async me(residentId: string): Promise<Me> {
    const row = await this.repository.find(residentId)
    if (!row) throw new AppError(401, 'UNAUTHORIZED', '请先登录')
    return { residentId, phone: row.phone_enc ? maskPhone(this.cipher.decrypt(row.phone_enc)) : null, registered: false }
  }
}
