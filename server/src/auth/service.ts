import { randomUUID } from 'node:crypto'
import type { FastifyBaseLogger } from 'fastify'
import type { AuthTokens } from '../../../types/auth.ts'
import { AppError } from '../plugins/errors.ts'
import type { WeChatClient } from '../wechat/client.ts'
import { WECHAT_ERRORS, WeChatError } from '../wechat/errors.ts'
import type { FieldCipher } from '../lib/field-cipher.ts'
import type { SmsCodeService } from '../sms/service.ts'
import type { AuthRepository } from './repository.ts'
import { ACCESS_TOKEN_SECONDS, REFRESH_TOKEN_DAYS, hashToken, newRefreshToken, signAccessToken } from './tokens.ts'

/** Login with WeChat and token refresh. session_key from WeChat is never stored or returned. */
export class AuthService {
  constructor(
    private readonly repository: AuthRepository,
    private readonly wechat: WeChatClient,
    private readonly secret: Uint8Array,
    private readonly log: FastifyBaseLogger,
    private readonly sms: SmsCodeService,
    private readonly cipher: FieldCipher
  ) {}

  /** H5 login: a correct SMS code proves the phone; the resident holding it is found or created with it bound. */
  async loginWithSms(phoneInput: string, code: string): Promise<AuthTokens> {
    const phone = await this.sms.verify(phoneInput, code)
    const resident = await this.repository.residentForPhone({ index: this.cipher.blindIndex(phone), enc: this.cipher.encrypt(phone) })
    return this.issue(resident.id, randomUUID(), resident.created)
  }

  async loginWithWeChat(code: string): Promise<AuthTokens> {
    let openid: string
    try {
      openid = (await this.wechat.code2Session(code)).openid
    } catch (err) {
      throw this.loginError(err)
    }
    const resident = await this.repository.residentForOpenid(openid)
    return this.issue(resident.id, randomUUID(), resident.created)
  }

  async refresh(refreshToken: string, now = new Date()): Promise<AuthTokens> {
    const next = newRefreshToken()
    const expiresAt = new Date(now.getTime() + REFRESH_TOKEN_DAYS * 86_400_000)
    const result = await this.repository.rotateRefreshToken(hashToken(refreshToken), { hash: hashToken(next), expiresAt }, now)
    if (result.outcome === 'reused') {
      this.log.warn('refresh token reused: token family revoked')
      throw new AppError(401, 'REFRESH_TOKEN_REUSED', '登录状态异常，为了您的安全请重新登录')
    }
    if (result.outcome === 'invalid') throw new AppError(401, 'REFRESH_TOKEN_INVALID', '登录已过期，请重新登录')
    return {
      accessToken: await signAccessToken(this.secret, result.residentId, now),
      expiresIn: ACCESS_TOKEN_SECONDS,
      refreshToken: next,
      residentId: result.residentId,
      newResident: false
    }
  }

  /** 退出登录: the sign-in this refresh token belongs to ends (its whole rotation family). */
  async logout(refreshToken: string, now = new Date()): Promise<void> {
    await this.repository.revokeFamilyOf(hashToken(refreshToken), now)
  }

  private async issue(residentId: string, family: string, newResident: boolean): Promise<AuthTokens> {
    const refreshToken = newRefreshToken()
    await this.repository.insertRefreshToken({
      residentId,
      family,
      hash: hashToken(refreshToken),
      expiresAt: new Date(Date.now() + REFRESH_TOKEN_DAYS * 86_400_000)
    })
    return { accessToken: await signAccessToken(this.secret, residentId), expiresIn: ACCESS_TOKEN_SECONDS, refreshToken, residentId, newResident }
  }

  /** What the resident is told when WeChat refuses or fails the login. */
  private loginError(err: unknown): AppError {
    if (err instanceof WeChatError) {
      if (err.errcode === WECHAT_ERRORS.INVALID_CODE || err.errcode === WECHAT_ERRORS.CODE_USED) {
        return new AppError(400, 'LOGIN_CODE_INVALID', '登录已失效，请关闭小程序后重新打开再试')
      }
      if (err.errcode === WECHAT_ERRORS.HIGH_RISK_USER) {
        return new AppError(403, 'WECHAT_RISKY_ACCOUNT', '微信提示您的账号存在风险，暂时无法登录。查号码不需要登录，可以直接使用')
      }
      this.log.warn({ errcode: err.errcode, kind: err.kind }, 'WeChat login failed')
      return new AppError(503, 'WECHAT_BUSY', '微信服务繁忙，请稍后再试')
    }
    throw err
  }
}
