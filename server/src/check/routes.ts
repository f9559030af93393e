import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { CheckPhoneQuery, CheckPhoneResponse } from '../../../types/check.ts'
import { ApiErrorBody } from '../../../types/error.ts'
import type { Config } from '../config.ts'
import type { PhoneCheckService } from './service.ts'

export function checkRoutes(service: PhoneCheckService, limits: Config['checkRateLimit']) {
  return async function routes(app: FastifyInstance): Promise<void> {
    app.withTypeProvider<TypeBoxTypeProvider>().get(
      '/check/phone',
      {
        schema: {
          tags: ['check'],
          summary: 'Self-check a phone number: verdict, reasons and advice',
          description: 'Works without login; with a resident access token the check is kept in the resident\'s history.',
          querystring: CheckPhoneQuery,
          response: { 200: CheckPhoneResponse, 400: ApiErrorBody, 429: ApiErrorBody }
        },
        config: {
          rateLimit: { max: limits.max, timeWindow: limits.windowMs },
          validationErrorCode: 'INVALID_NUMBER',
          validationErrorMessage: '请输入要查询的电话号码（最多200个字符）'
        }
      },
      async (request) => service.check(request.query.number, request.residentId)
    )
  }
}
