import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { AdminAppeal, AppealDecision, AppealReceipt, AppealRequest } from '../../../types/reports.ts'
import { ApiErrorBody } from '../../../types/error.ts'
import { requireCapability } from '../admin/guard.ts'
import type { AdminService } from '../admin/service.ts'
import type { AppealsService } from './appeals-service.ts'

/** Appeals: anyone may appeal a listed value; reviewers remove the entry or keep it, audited. */
export function appealRoutes(appeals: AppealsService, admins: AdminService) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const api = app.withTypeProvider<TypeBoxTypeProvider>()
    api.post(
      '/appeals',
      {
        schema: {
          tags: ['reports'],
          summary: 'Appeal a blocklist entry ("my number was blocked by mistake"); the entry is marked appealed and keeps matching until decided',
          body: AppealRequest,
          response: { 200: AppealReceipt, 400: ApiErrorBody, 404: ApiErrorBody, 429: ApiErrorBody }
        },
        config: {
          rateLimit: { max: 5, timeWindow: 3_600_000 },
          validationErrorCode: 'REPORT_INVALID' as const,
          validationErrorMessage: '请填写要申诉的号码、网址或账户，联系方式和理由'
        }
      },
      async (request) => appeals.submit(request.body)
    )

    const reviewer = requireCapability(admins, 'canReview')
    api.get(
      '/admin/appeals',
      {
        schema: {
          tags: ['admin: reports'],
          summary: 'Open appeals, oldest first (contact decrypted for reviewers)',
          security: [{ bearer: [] }],
          response: { 200: Type.Object({ items: Type.Array(AdminAppeal) }), 401: ApiErrorBody, 403: ApiErrorBody }
        },
        onRequest: reviewer
      },
      async () => ({ items: await appeals.open() })
    )

    api.post(
      '/admin/appeals/:id/decide',
      {
        schema: {
          tags: ['admin: reports'],
          summary: 'Remove the entry or keep it; audited',
          security: [{ bearer: [] }],
          params: Type.Object({ id: Type.String({ pattern: '^[0-9]{1,18}$' }) }),
          body: AppealDecision,
          response: { 200: Type.Object({ status: Type.String() }), 400: ApiErrorBody, 401: ApiErrorBody, 403: ApiErrorBody, 404: ApiErrorBody }
        },
        onRequest: reviewer
      },
      async (request) => appeals.decide(request.params.id, request.body.decision, request.body.note, request.admin?.id as string)
    )
  }
}
