import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { AuthTokens, CaptchaChallenge, RefreshRequest, SmsLoginRequest, SmsSendRequest, SmsSendResult, WeChatLoginRequest } from '../../../types/auth.ts'
import { Type } from '@sinclair/typebox'
import { ApiErrorBody } from '../../../types/error.ts'
import type { SmsCodeService } from '../sms/service.ts'
import type { AuthService } from './service.ts'

export function authRoutes(service: AuthService, sms: SmsCodeService) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const api = app.withTypeProvider<TypeBoxTypeProvider>()
    api.post(
      '/auth/wechat',
      {
        schema: {
          tags: ['auth'],
          summary: 'Log in with the code from Taro.login(): creates the resident on first login',
          body: WeChatLoginRequest,
          response: { 200: AuthTokens, 400: ApiErrorBody, 403: ApiErrorBody, 429: ApiErrorBody, 503: ApiErrorBody }
        }
      },
      async (request) => service.loginWithWeChat(request.body.code)
    )

    api.post(
      '/auth/refresh',
      {
        schema: {
          tags: ['auth'],
          summary: 'Exchange a refresh token (single use) for new tokens; reuse revokes the whole login',
          body: RefreshRequest,
          response: { 200: AuthTokens, 400: ApiErrorBody, 401: ApiErrorBody, 429: ApiErrorBody }
        }
      },
      async (request) => service.refresh(request.body.refreshToken)
    )

    api.post(
      '/auth/logout',
      {
        schema: {
          tags: ['auth'],
          summary: '退出登录: the refresh token and every one rotated from the same sign-in stop working (the access token expires within 15 minutes)',
          body: RefreshRequest,
          response: { 204: Type.Null(), 400: ApiErrorBody, 429: ApiErrorBody }
        }
      },
      async (request, reply) => {
        // The same answer whether or not the token was live: a logout tells nothing about a token.
        await service.logout(request.body.refreshToken)
        return reply.status(204).send()
      }
    )

    api.post(
      '/auth/sms/send',
      {
        schema: {
          tags: ['auth'],
          summary:
            'H5: send a 6-digit login code to a mainland mobile (1 a minute and 10 a day per phone; per network address 20 an hour freely, then 429 CAPTCHA_REQUIRED until `captcha` answers POST /auth/captcha, 300 a day at most)',
          body: SmsSendRequest,
          response: { 200: SmsSendResult, 400: ApiErrorBody, 429: ApiErrorBody, 503: ApiErrorBody }
        }
      },
      async (request) => sms.send(request.body.phone, request.ip, 'login', request.body.captcha)
    )

    api.post(
      '/auth/captcha',
      {
        schema: {
          tags: ['auth'],
          summary: '图形验证码: a picture of 4 digits (PNG data URL) to answer in the next SMS send from a busy network address (once, within 5 minutes)',
          response: { 200: CaptchaChallenge, 429: ApiErrorBody }
        }
      },
      async () => sms.captcha()
    )

    api.post(
      '/auth/sms/login',
      {
        schema: {
          tags: ['auth'],
          summary: 'H5: log in with phone + SMS code (valid 5 minutes, 5 tries); creates the resident on first login',
          body: SmsLoginRequest,
          response: { 200: AuthTokens, 400: ApiErrorBody, 429: ApiErrorBody }
        },
        config: { validationErrorCode: 'SMS_CODE_WRONG', validationErrorMessage: '请输入短信里的6位数字验证码' }
      },
      async (request) => service.loginWithSms(request.body.phone, request.body.code)
    )
  }
}
