import { Type, type Static } from '@sinclair/typebox'

/** Machine codes every error response may carry; the Chinese message travels beside it. */
export const ERROR_CODES = [
  'INVALID_NUMBER',
  'VALIDATION_FAILED',
  'BAD_REQUEST',
  'RATE_LIMITED',
  'UNAUTHORIZED',
  'LOGIN_CODE_INVALID',
  'WECHAT_RISKY_ACCOUNT',
  'WECHAT_BUSY',
  'REFRESH_TOKEN_INVALID',
  'REFRESH_TOKEN_REUSED',
  'PHONE_CODE_INVALID',
  'PHONE_NOT_SUPPORTED',
  'PHONE_IN_USE',
  'NOT_FOUND',
  'INTERNAL'
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export const ApiErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Machine-readable error code, e.g. INVALID_NUMBER' }),
      message: Type.String({ description: 'Explanation in Simplified Chinese, fit to show a resident' })
    })
  },
  { $id: 'ApiErrorBody' }
)
export type ApiErrorBody = Static<typeof ApiErrorBody>
