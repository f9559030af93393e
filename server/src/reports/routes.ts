import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { MyReport, MyReports, ReportRequest, ReviewQueue, ReviewRequest } from '../../../types/reports.ts'
import { ApiErrorBody } from '../../../types/error.ts'
import { requireAdmin } from '../admin/guard.ts'
import type { AdminService } from '../admin/service.ts'
import { requireResident } from '../plugins/auth.ts'
import type { ReportsService } from './service.ts'

export function reportRoutes(service: ReportsService, admins: AdminService, perHour: number) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const api = app.withTypeProvider<TypeBoxTypeProvider>()
    const security = [{ bearer: [] }]
    api.post('/reports', {
      schema: { tags: ['reports'], summary: 'Report a number, address or account (signed-in residents); a second report of the same value merges', security,
        body: ReportRequest, response: { 200: MyReport, 400: ApiErrorBody, 401: ApiErrorBody, 429: ApiErrorBody } },
      preHandler: requireResident,
      // Per resident, not per address: a family sharing one connection can each report.
      config: {
        rateLimit: { max: perHour, timeWindow: 3_600_000, keyGenerator: (request: FastifyRequest) => request.residentId ?? request.ip },
        validationErrorCode: 'REPORT_INVALID' as const, validationErrorMessage: '举报内容不完整：请选择类型并填写号码、网址或账户（说明最多1000字）'
      }
    }, async (request) => service.submit(request.residentId as string, request.body))

    api.get('/me/reports', {
      schema: { tags: ['reports'], summary: 'My reports and what became of them', security, response: { 200: MyReports, 401: ApiErrorBody } },
      preHandler: requireResident
    }, async (request) => ({ items: await service.mine(request.residentId as string) }))

    const reviewer = requireAdmin(admins, ['admin', 'reviewer'])
    api.get('/admin/reports/queue', {
      schema: { tags: ['admin: reports'], summary: 'Open reports by value: most distinct reporters, then largest loss, first', security, response: { 200: ReviewQueue, 401: ApiErrorBody, 403: ApiErrorBody } },
      preHandler: reviewer
    }, async () => ({ items: await service.queue() }))

    api.post('/admin/reports/start', {
      schema: { tags: ['admin: reports'], summary: 'Take a value into review (its reports become "reviewing")', security,
        body: Type.Object({ kind: Type.Union([Type.Literal('phone'), Type.Literal('url'), Type.Literal('account')]), value: Type.String({ maxLength: 2048 }) }),
        response: { 204: Type.Null(), 401: ApiErrorBody, 403: ApiErrorBody } },
      preHandler: reviewer
    }, async (request, reply) => {
      await service.startReview(request.body.kind, request.body.value)
      return reply.status(204).send()
    })

    api.post('/admin/reports/review', {
      schema: { tags: ['admin: reports'], summary: 'Confirm (adds to the blocklist, source "report") or reject with a reason; audited', security,
        body: ReviewRequest, response: { 200: Type.Object({ reports: Type.Integer() }), 400: ApiErrorBody, 401: ApiErrorBody, 403: ApiErrorBody, 404: ApiErrorBody } },
      preHandler: reviewer
    }, async (request) => service.review(request.admin?.id as string, request.body))
  }
}
