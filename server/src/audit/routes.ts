import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { AuditPage, AuditQuery } from '../../../types/admin.ts'
import { ApiErrorBody } from '../../../types/error.ts'
import { requireCapability } from '../admin/guard.ts'
import type { AdminService } from '../admin/service.ts'
import { periodOf } from '../stats/service.ts'
import type { AuditRepository } from './repository.ts'

export function auditRoutes(repository: AuditRepository, admins: AdminService) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const api = app.withTypeProvider<TypeBoxTypeProvider>()
    api.get(
      '/admin/audit',
      {
        schema: {
          tags: ['admin'],
          summary: 'The audit log, newest first, filtered by who, action, target and China days (admin only)',
          security: [{ bearer: [] }],
          querystring: AuditQuery,
          response: { 200: AuditPage, 400: ApiErrorBody, 401: ApiErrorBody, 403: ApiErrorBody }
        },
        config: { validationErrorCode: 'VALIDATION_FAILED', validationErrorMessage: '筛选条件不正确' },
        onRequest: requireCapability(admins, 'canReadAudit')
      },
      async (request) => {
        const { from, to } = request.query
        const period = from || to ? periodOf(from ?? '2000-01-01', to ?? '2999-12-31', { maxDays: Infinity }) : null
        return repository.page({ ...request.query, start: period?.start, end: period?.end })
      }
    )
  }
}
