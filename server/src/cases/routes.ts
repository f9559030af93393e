import { PassThrough } from 'node:stream'
import { Type } from '@sinclair/typebox'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { CaseImportRequest, CaseImportResult, CaseInput, CaseList, CaseRecord, PeriodQuery, WarningFigures } from '../../../types/cases.ts'
import { ApiErrorBody } from '../../../types/error.ts'
import { requireCapability } from '../admin/guard.ts'
import type { AdminPrincipal, AdminService } from '../admin/service.ts'
import type { CasesService } from './service.ts'

const errors = { 400: ApiErrorBody, 401: ApiErrorBody, 403: ApiErrorBody, 404: ApiErrorBody, 409: ApiErrorBody }

export function caseRoutes(service: CasesService, admins: AdminService) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const api = app.withTypeProvider<TypeBoxTypeProvider>()
    const security = [{ bearer: [] }]
    const tags = ['admin: warnings']
    const readers = requireCapability(admins, 'canSeeWarnings')
    const writers = requireCapability(admins, 'canCall')
    const me = (request: FastifyRequest) => request.admin as AdminPrincipal
    const invalid = {
      validationErrorCode: 'VALIDATION_FAILED' as const,
      validationErrorMessage: '请填写立案编号、立案日期（YYYY-MM-DD）、乡镇、诈骗类型和损失金额（整数元）'
    }

    api.get(
      '/admin/cases',
      {
        schema: {
          tags,
          summary: 'The case register (立案) for a period (officers: their township)',
          security,
          querystring: PeriodQuery,
          response: { 200: CaseList, ...errors }
        },
        onRequest: readers
      },
      async (request) => ({ items: await service.list(request.query, me(request)) })
    )

    api.post(
      '/admin/cases',
      {
        schema: {
          tags,
          summary: 'Register a case (a known case number is updated); audited',
          security,
          body: CaseInput,
          response: { 200: CaseRecord, ...errors }
        },
        onRequest: writers,
        config: invalid
      },
      async (request) => service.add(request.body, me(request))
    )

    api.post(
      '/admin/cases/import',
      {
        schema: {
          tags,
          summary: 'Import cases from CSV text (case_no,filed_on,township_code,village_code,fraud_type,loss,recovered,warning_id); bad lines named; audited',
          security,
          body: CaseImportRequest,
          response: { 200: CaseImportResult, ...errors }
        },
        onRequest: writers
      },
      async (request) => service.importCsv(request.body.csv, me(request))
    )

    api.get(
      '/admin/period-report',
      {
        schema: {
          tags,
          summary:
            "周报 / 月报: the period's 无诈 figures, per township (adding up to the total), 16–60 coverage, warnings (masked) and cases as one Excel workbook; audited",
          security,
          querystring: PeriodQuery,
          response: { 200: Type.String({ description: 'The .xlsx file, streamed' }), ...errors }
        },
        onRequest: readers
      },
      async (request, reply) => {
        // Checked and read before the first byte, so a bad request is a clear 400, not a broken download.
        const write = await service.periodReport(request.query, me(request))
        const out = new PassThrough()
        write(out).catch((err: unknown) => {
          request.log.error({ err }, 'period report failed while streaming')
          out.destroy()
        })
        await admins.audit(me(request), 'figures.export', `period:${request.query.from}..${request.query.to}`, {
          townshipCode: request.query.townshipCode ?? null
        })
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="report-${request.query.from}-${request.query.to}.xlsx"`)
          .send(out as unknown as string)
      }
    )

    api.get(
      '/admin/warning-figures',
      {
        schema: {
          tags,
          summary:
            "The 无诈 figures for a period: warnings, reach within each level's limit, time to contact, outcomes, losses, cases against a year before, 零发案",
          security,
          querystring: PeriodQuery,
          response: { 200: WarningFigures, ...errors }
        },
        onRequest: readers
      },
      async (request) => service.figures(request.query, me(request))
    )
  }
}
