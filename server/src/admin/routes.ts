import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { AdminLoginRequest, AdminSession } from '../../../types/admin.ts'
import { ApiErrorBody } from '../../../types/error.ts'
import type { AdminService } from './service.ts'

export function adminRoutes(service: AdminService, loginRateLimitMax: number) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const api = app.withTypeProvider<TypeBoxTypeProvider>()
    api.post('/admin/login', {
      schema: {
        tags: ['admin'],
        summary: 'Admin login (accounts are created with `npx qiandai admin create`); returns a 2-hour token',
        body: AdminLoginRequest,
        response: { 200: AdminSession, 400: ApiErrorBody, 401: ApiErrorBody, 429: ApiErrorBody }
      },
      // Password guessing is slow by design (scrypt) and limited per client on top.
      config: { rateLimit: { max: loginRateLimitMax, timeWindow: 60_000 } }
    }, async (request) => service.login(request.body.username, request.body.password))
  }
}
