import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { DashboardStats, StatsQuery } from '../../../types/stats.ts'
import { ApiErrorBody } from '../../../types/error.ts'
import { requireCapability } from '../admin/guard.ts'
import type { AdminService } from '../admin/service.ts'
import type { StatsService } from './service.ts'

export function statsRoutes(service: StatsService, admins: AdminService) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const api = app.withTypeProvider<TypeBoxTypeProvider>()
    api.get(
      '/admin/stats',
      {
        schema: {
          tags: ['admin'],
          summary: 'Dashboard figures for a period of China days (every staff role; an officer gets their township only)',
          security: [{ bearer: [] }],
          querystring: StatsQuery,
          response: { 200: DashboardStats, 400: ApiErrorBody, 401: ApiErrorBody, 403: ApiErrorBody }
        },
        config: { validationErrorCode: 'VALIDATION_FAILED', validationErrorMessage: '请选择统计时段（开始和结束日期，YYYY-MM-DD）' },
        onRequest: requireCapability(admins, 'canViewDashboard')
      },
      async (request) => {
        const admin = request.admin
        return service.dashboard(request.query.from, request.query.to, admin?.role === 'officer' ? admin.townshipCode : null)
      }
    )
  }
}
