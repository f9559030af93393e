import type { FastifyInstance, FastifyReply } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { CheckPhoneQuery, CheckPhoneResponse } from '../../../types/check.ts'
import { ApiErrorBody } from '../../../types/error.ts'
import type { Config } from '../config.ts'
import type { PhoneAnswer, PhoneCheckService } from './service.ts'
import { checkResponseBody } from './serialize.ts'

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
      (request, reply) => {
        const now = new Date()
        const send = (answer: PhoneAnswer): void => {
          // Pre-serialized (see serialize.ts); Fastify sends a Buffer as it is.
          void (reply as FastifyReply).type('application/json; charset=utf-8').send(checkResponseBody(answer.body, now))
        }
        // Anonymous checks (nearly all) answer synchronously; only a signed-in resident's check awaits the history write.
        if (request.residentId === null) {
          send(service.answer(request.query.number, now.getTime()))
          return
        }
        return service.check(request.query.number, request.residentId, now).then(send)
      }
    )

    app.withTypeProvider<TypeBoxTypeProvider>().get(
      '/check/phone/sample',
      {
        schema: {
          tags: ['check'],
          summary: 'A fixed example answer (no lookup): the response shape, for client developers',
          description: 'Same parameters, validation, limits and response shape as /check/phone, but always answers with ' +
            'the example of a "00852" call and consults no list. The lookup benchmark uses it as its like-for-like baseline.',
          querystring: CheckPhoneQuery,
          response: { 200: CheckPhoneResponse, 400: ApiErrorBody, 429: ApiErrorBody }
        },
        config: {
          rateLimit: { max: limits.max, timeWindow: limits.windowMs },
          validationErrorCode: 'INVALID_NUMBER',
          validationErrorMessage: '请输入要查询的电话号码（最多200个字符）'
        }
      },
      (_request, reply) => {
        void (reply as FastifyReply).type('application/json; charset=utf-8').send(checkResponseBody(service.sample.body, new Date()))
      }
    )
  }
}
