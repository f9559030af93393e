import { Type, type Static } from '@sinclair/typebox'

export const WeChatLoginRequest = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 128, description: 'The code from Taro.login() (valid 5 minutes, once)' })
})
export type WeChatLoginRequest = Static<typeof WeChatLoginRequest>

export const RefreshRequest = Type.Object({
  refreshToken: Type.String({ minLength: 20, maxLength: 200 })
})
export type RefreshRequest = Static<typeof RefreshRequest>

export const AuthTokens = Type.Object(
  {
    accessToken: Type.String({ description: 'JWT (HS256, audience "resident"), short-lived' }),
    expiresIn: Type.Integer({ description: 'Seconds until the access token expires' }),
    refreshToken: Type.String({ description: 'Opaque, single use: each refresh returns a new one' }),
    residentId: Type.String(),
    newResident: Type.Boolean({ description: 'True on the first login of this WeChat user' })
  },
  { $id: 'AuthTokens' }
)
export type AuthTokens = Static<typeof AuthTokens>

const MainlandMobile = Type.String({ minLength: 1, maxLength: 30, description: 'Mainland China mobile number, e.g. 13800138000' })

export const CaptchaAnswer = Type.Object({
  id: Type.String({ minLength: 16, maxLength: 64, description: 'The challenge from POST /auth/captcha' }),
  answer: Type.String({ minLength: 1, maxLength: 12, description: 'The digits in its picture, as typed' })
})
export type CaptchaAnswer = Static<typeof CaptchaAnswer>

export const SmsSendRequest = Type.Object({
  phone: MainlandMobile,
  captcha: Type.Optional(CaptchaAnswer)
})
export type SmsSendRequest = Static<typeof SmsSendRequest>

export const SmsSendResult = Type.Object(
  {
    expiresIn: Type.Integer({ description: 'Seconds the code stays valid' }),
    resendAfter: Type.Integer({ description: 'Seconds until another code may be requested' })
  },
  { $id: 'SmsSendResult' }
)
export type SmsSendResult = Static<typeof SmsSendResult>

export const CaptchaChallenge = Type.Object(
  {
    id: Type.String(),
    image: Type.String({ description: 'data:image/png;base64,… — 4 digits to type' }),
    expiresIn: Type.Integer({ description: 'Seconds it can be answered in' })
  },
  { $id: 'CaptchaChallenge' }
)
export type CaptchaChallenge = Static<typeof CaptchaChallenge>

export const SmsLoginRequest = Type.Object({
  phone: MainlandMobile,
  code: Type.String({ pattern: '^[0-9]{6}$', description: 'The 6-digit code from the SMS' })
})
export type SmsLoginRequest = Static<typeof SmsLoginRequest>
