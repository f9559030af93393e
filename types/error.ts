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
  'INTERNAL',
  'SMS_TOO_FREQUENT',
  'SMS_DAILY_LIMIT',
  'SMS_CODE_INVALID',
  'SMS_CODE_WRONG',
  'SMS_UNAVAILABLE',
  'PHONE_REQUIRED',
  'ALREADY_REGISTERED',
  'NOT_REGISTERED',
  'NAME_INVALID',
  'BIRTH_DATE_INVALID',
  'AGE_UNDER_16',
  'AREA_INVALID',
  'ID_NUMBER_INVALID',
  'ID_NUMBER_IN_USE',
  'CONSENT_REQUIRED',
  'FORBIDDEN',
  'ADMIN_LOGIN_FAILED',
  'BULLETIN_INVALID',
  'BULLETIN_STATE',
  'SUBSCRIBE_NEEDS_WECHAT',
  'CONTENT_INVALID',
  'MEDIA_TOO_LARGE',
  'MEDIA_TYPE_REFUSED',
  'RANGE_NOT_SATISFIABLE',
  'INVALID_URL',
  'INVALID_ACCOUNT',
  'REPORT_INVALID',
  'APPEAL_NOT_LISTED',
  'BLOCKLIST_ENTRY_INVALID',
  'IMPORT_FORMAT',
  'IMPORT_TOO_LARGE',
  'IMPORT_INTERRUPTED',
  'SCREENSHOT_INVALID',
  'REPORT_MERGE_INVALID',
  'ACCOUNT_EXISTS',
  'ACCOUNT_STATE',
  'NAME_TAKEN',
  'INVALID_TEXT',
  'STORE_UNAVAILABLE',
  'WARNING_INVALID',
  'WARNING_DUPLICATE',
  'WARNING_CLOSED',
  'TASK_TAKEN',
  'QUEUE_EMPTY',
  'CALLER_CHECK_LIMIT',
  'FEED_KEY_INVALID',
  'FEED_TOO_LARGE',
  'PROFILE_REQUIRED'
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export const ApiErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Machine-readable error code, e.g. INVALID_NUMBER' }),
      message: Type.String({ description: 'Explanation in Simplified Chinese, fit to show a resident' }),
      field: Type.Optional(Type.String({ description: 'The request field the error is about, for inline form errors' }))
    })
  },
  { $id: 'ApiErrorBody' }
)
export type ApiErrorBody = Static<typeof ApiErrorBody>
