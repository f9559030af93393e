import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { OfficialSender, OfficialSenderInput, OfficialSenderList } from '../../../types/senders.ts'
import { ApiErrorBody } from '../../../types/error.ts'
import { requireCapability } from '../admin/guard.ts'
import type { AdminService } from '../admin/service.ts'
import type { OfficialSendersService } from './service.ts'

const IdParams = Type.Object({ id: Type.String({ pattern: '^[a-z0-9-]{2,40}$', description: 'Short ASCII id: icbc, county-police' }) })

/** The registry of official senders for the message check (官方发送方): read and edited by the list managers. */
export function officialSenderRoutes(service: OfficialSendersService, admins: AdminService) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const api = app.withTypeProvider<TypeBoxTypeProvider>()
    const security = [{ bearer: [] }]
    const tags = ['admin: senders']
    const guard = requireCapability(admins, 'canReview')
    const errors = { 400: ApiErrorBody, 401: ApiErrorBody, 403: ApiErrorBody, 404: ApiErrorBody }
    api.get(
      '/admin/senders',
      {
        schema: {
          tags,
          summary: 'Every official sender: names, official domains, service numbers, domain tokens',
          security,
          response: { 200: OfficialSenderList, ...errors }
        },
        onRequest: guard
      },
      async () => ({ items: await service.list() })
    )
    api.put(
      '/admin/senders/:id',
      {
        schema: {
          tags,
          summary: 'Add or edit one sender; audited; every check uses it within seconds',
          security,
          params: IdParams,
          body: OfficialSenderInput,
          response: { 200: OfficialSender, ...errors }
        },
        onRequest: guard,
        config: {
          validationErrorCode: 'SENDER_INVALID' as const,
          validationErrorMessage: '发送方信息不完整或格式不对：名称、类别、至少一个别名；网址如 ccb.com，电话只填数字'
        }
      },
      async (request) => service.put(request.admin?.id as string, request.params.id, request.body)
    )
    api.delete(
      '/admin/senders/:id',
      {
        schema: {
          tags,
          summary: 'Remove one sender; audited',
          security,
          params: IdParams,
          response: { 200: Type.Object({ deleted: Type.Literal(true) }), ...errors }
        },
        onRequest: guard,
        config: { validationErrorCode: 'SENDER_INVALID' as const, validationErrorMessage: '发送方编号只能是小写字母、数字和横线' }
      },
      async (request) => {
        await service.remove(request.admin?.id as string, request.params.id)
        return { deleted: true as const }
      }
    )
  }
}
