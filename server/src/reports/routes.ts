import type {} from '@fastify/multipart'
import { uploadedImageBytes } from '../lib/upload.ts'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { MergeRequest, MyReport, MyReports, ReportRequest, ReviewQueue, ReviewRequest, ScreenshotReceipt } from '../../../types/reports.ts'
import { ApiErrorBody } from '../../../types/error.ts'
import { requireCapability } from '../admin/guard.ts'
import type { AdminService } from '../admin/service.ts'
import { requireResident } from '../plugins/auth.ts'
import type { ReportsService } from './service.ts'

const ScreenshotParams = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9_-]{22}$' }) })

export function reportRoutes(service: ReportsService, admins: AdminService, perHour: number, maxScreenshotBytes: number) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const api = app.withTypeProvider<TypeBoxTypeProvider>()
    const security = [{ bearer: [] }]
    api.post(
      '/reports',
      {
        schema: {
          tags: ['reports'],
          summary: 'Report a number, address or account (signed-in residents); a second report of the same value merges',
          security,
          body: ReportRequest,
          response: { 200: MyReport, 400: ApiErrorBody, 401: ApiErrorBody, 429: ApiErrorBody }
        },
        onRequest: requireResident,
        // Per resident, not per address: a family sharing one connection can each report.
        config: {
          rateLimit: { max: perHour, timeWindow: 3_600_000, keyGenerator: (request: FastifyRequest) => request.residentId ?? request.ip },
          validationErrorCode: 'REPORT_INVALID' as const,
          validationErrorMessage: '举报内容不完整：请选择类型并填写号码、网址或账户（说明最多1000字）'
        }
      },
      async (request) => service.submit(request.residentId as string, request.body)
    )

    api.post(
      '/reports/screenshots',
      {
        schema: {
          tags: ['reports'],
          security,
          consumes: ['multipart/form-data'],
          summary: 'Upload one screenshot for a report (multipart field "file"; JPEG, PNG or WebP by content; location and camera data removed)',
          response: { 200: ScreenshotReceipt, 400: ApiErrorBody, 401: ApiErrorBody, 413: ApiErrorBody, 429: ApiErrorBody }
        },
        onRequest: requireResident,
        config: { rateLimit: { max: perHour * 3, timeWindow: 3_600_000, keyGenerator: (request: FastifyRequest) => request.residentId ?? request.ip } }
      },
      async (request) => {
        const bytes = await uploadedImageBytes(request, maxScreenshotBytes, '截图')
        return service.uploadScreenshot(request.residentId as string, bytes)
      }
    )

    const sendImage = (reply: FastifyReply, image: { contentType: string; bytes: Buffer }) =>
      // Personal: never cached by anything in between; the type is ours (sniffed), not the uploader's.
      reply
        .header('content-type', image.contentType)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(image.bytes as unknown as never)
    api.get(
      '/me/screenshots/:id',
      {
        schema: {
          tags: ['reports'],
          summary: 'One of my report screenshots',
          security,
          params: ScreenshotParams,
          response: { 401: ApiErrorBody, 404: ApiErrorBody }
        },
        onRequest: requireResident
      },
      async (request, reply) => sendImage(reply, await service.screenshot(request.params.id, { residentId: request.residentId as string }))
    )

    api.get(
      '/me/reports',
      {
        schema: { tags: ['reports'], summary: 'My reports and what became of them', security, response: { 200: MyReports, 401: ApiErrorBody } },
        onRequest: requireResident
      },
      async (request) => ({ items: await service.mine(request.residentId as string) })
    )

    const reviewer = requireCapability(admins, 'canReview')
    api.get(
      '/admin/reports/queue',
      {
        schema: {
          tags: ['admin: reports'],
          summary: 'Open reports by value: most distinct reporters, then largest loss, first',
          security,
          response: { 200: ReviewQueue, 401: ApiErrorBody, 403: ApiErrorBody }
        },
        onRequest: reviewer
      },
      async () => ({ items: await service.queue() })
    )

    api.get(
      '/admin/reports/screenshots/:id',
      {
        schema: {
          tags: ['admin: reports'],
          summary: 'A report screenshot (reviewers)',
          security,
          params: ScreenshotParams,
          response: { 401: ApiErrorBody, 403: ApiErrorBody, 404: ApiErrorBody }
        },
        onRequest: reviewer
      },
      async (request, reply) => sendImage(reply, await service.screenshot(request.params.id, { reviewer: true }))
    )

    api.post(
      '/admin/reports/merge',
      {
        schema: {
          tags: ['admin: reports'],
          summary: 'Merge the open reports of other values into one group (decided together; every value is listed on confirm); audited',
          security,
          body: MergeRequest,
          response: { 200: Type.Object({ moved: Type.Integer() }), 400: ApiErrorBody, 401: ApiErrorBody, 403: ApiErrorBody, 404: ApiErrorBody }
        },
        onRequest: reviewer
      },
      async (request) => service.merge(request.admin?.id as string, request.body)
    )

    api.post(
      '/admin/reports/start',
      {
        schema: {
          tags: ['admin: reports'],
          summary: 'Take a value into review (its reports become "reviewing")',
          security,
          body: Type.Object({
            kind: Type.Union([Type.Literal('phone'), Type.Literal('url'), Type.Literal('account'), Type.Literal('message')]),
            value: Type.String({ maxLength: 2048 })
          }),
          response: { 204: Type.Null(), 401: ApiErrorBody, 403: ApiErrorBody }
        },
        onRequest: reviewer
      },
      async (request, reply) => {
        await service.startReview(request.body.kind, request.body.value)
        return reply.status(204).send()
      }
    )

    api.post(
      '/admin/reports/review',
      {
        schema: {
          tags: ['admin: reports'],
          summary: 'Confirm (adds to the blocklist, source "report") or reject with a reason; audited',
          security,
          body: ReviewRequest,
          response: { 200: Type.Object({ reports: Type.Integer() }), 400: ApiErrorBody, 401: ApiErrorBody, 403: ApiErrorBody, 404: ApiErrorBody }
        },
        onRequest: reviewer
      },
      async (request) => service.review(request.admin?.id as string, request.body)
    )
  }
}
