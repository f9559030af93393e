import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Me, PhoneCodeRequest } from '../../../types/me.ts'
import { ApiErrorBody } from '../../../types/error.ts'
import { requireResident } from '../plugins/auth.ts'
import type { ResidentService } from './service.ts'

export function residentRoutes(service: ResidentService) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const api = app.withTypeProvider<TypeBoxTypeProvider>()
    // Everything here needs a signed-in resident.
    api.addHook('preHandler', requireResident)

    api.post('/auth/wechat/phone', {
      schema: {
        tags: ['auth'],
        summary: 'Verify the phone behind a getPhoneNumber code and bind it to me (stored encrypted)',
        security: [{ bearer: [] }],
        body: PhoneCodeRequest,
        response: { 200: Me, 400: ApiErrorBody, 401: ApiErrorBody, 409: ApiErrorBody, 503: ApiErrorBody }
      }
    }, async (request) => service.verifyWeChatPhone(request.residentId as string, request.body.code))

    api.get('/me', {
      schema: { tags: ['residents'], summary: 'What the app shows about me', security: [{ bearer: [] }], response: { 200: Me, 401: ApiErrorBody } }
    }, async (request) => service.me(request.residentId as string))
  }
}
