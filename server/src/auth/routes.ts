import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { AuthTokens, RefreshRequest, WeChatLoginRequest } from '../../../types/auth.ts'
import { ApiErrorBody } from '../../../types/error.ts'
import type { AuthService } from './service.ts'

export function authRoutes(service: AuthService) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const api = app.withTypeProvider<TypeBoxTypeProvider>()
    api.post('/auth/wechat', {
      schema: {
        tags: ['auth'],
        summary: 'Log in with the code from Taro.login(): creates the resident on first login',
        body: WeChatLoginRequest,
        response: { 200: AuthTokens, 400: ApiErrorBody, 403: ApiErrorBody, 429: ApiErrorBody, 503: ApiErrorBody }
      }
    }, async (request) => service.loginWithWeChat(request.body.code))

    api.post('/auth/refresh', {
      schema: {
        tags: ['auth'],
        summary: 'Exchange a refresh token (single use) for new tokens; reuse revokes the whole login',
        body: RefreshRequest,
        response: { 200: AuthTokens, 400: ApiErrorBody, 401: ApiErrorBody, 429: ApiErrorBody }
      }
    }, async (request) => service.refresh(request.body.refreshToken))
  }
}
