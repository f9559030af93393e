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
