import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Me, MeExport, PhoneCodeRequest, RegisterRequest, UpdateMeRequest } from '../../../types/me.ts'
import { ApiErrorBody } from '../../../types/error.ts'
import { requireResident } from '../plugins/auth.ts'
import type { ResidentService } from './service.ts'

export function residentRoutes(service: ResidentService) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const api = app.withTypeProvider<TypeBoxTypeProvider>()
    // Everything here needs a signed-in resident, and acts on that resident only (the id comes from the token).
    api.addHook('onRequest', requireResident)
    const security = [{ bearer: [] }]
    const me = (request: { residentId: string | null }) => request.residentId as string

    api.post(
      '/auth/wechat/phone',
      {
        schema: {
          tags: ['auth'],
          summary: 'Verify the phone behind a getPhoneNumber code and bind it to me (stored encrypted)',
          security,
          body: PhoneCodeRequest,
          response: { 200: Me, 400: ApiErrorBody, 401: ApiErrorBody, 409: ApiErrorBody, 503: ApiErrorBody }
        }
      },
      async (request) => service.verifyWeChatPhone(me(request), request.body.code)
    )

    api.get(
      '/me',
      {
        schema: { tags: ['residents'], summary: 'What the app shows about me', security, response: { 200: Me, 401: ApiErrorBody } }
      },
      async (request) => service.me(me(request))
    )

    api.post(
      '/me/registration',
      {
        schema: {
          tags: ['residents'],
          summary: 'Register once (needs a verified phone): name, birth date (16+), township and village, consent, optional ID number',
          security,
          body: RegisterRequest,
          response: { 200: Me, 400: ApiErrorBody, 401: ApiErrorBody, 409: ApiErrorBody }
        }
      },
      async (request) => service.register(me(request), request.body)
    )

    api.patch(
      '/me',
      {
        schema: {
          tags: ['residents'],
          summary: 'Change my name, township or village',
          security,
          body: UpdateMeRequest,
          response: { 200: Me, 400: ApiErrorBody, 401: ApiErrorBody, 409: ApiErrorBody }
        }
      },
      async (request) => service.update(me(request), request.body)
    )

    api.get(
      '/me/export',
      {
        schema: { tags: ['residents'], summary: 'All data held about me, as JSON', security, response: { 200: MeExport, 401: ApiErrorBody } }
      },
      async (request, reply) => {
        reply.header('content-disposition', 'attachment; filename="qiandai-my-data.json"')
        reply.header('cache-control', 'no-store')
        return service.export(me(request))
      }
    )

    api.delete(
      '/me',
      {
        schema: {
          tags: ['residents'],
          summary: 'Delete my account: personal data erased, anonymous counts stay',
          security,
          response: { 204: { type: 'null' }, 401: ApiErrorBody }
        }
      },
      async (request, reply) => {
        await service.erase(me(request))
        return reply.status(204).send()
      }
    )
  }
}
