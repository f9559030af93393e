import type { FastifyInstance, FastifyReply } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import {
  CheckAccountQuery,
  CheckAccountResponse,
  CheckMessageRequest,
  CheckMessageResponse,
  CheckPhoneQuery,
  CheckPhoneResponse,
  CheckUrlQuery,
  CheckUrlResponse,
  MAX_MESSAGE_LENGTH
} from '../../../types/check.ts'
import { ApiErrorBody } from '../../../types/error.ts'
import type { Config } from '../config.ts'
import type { PhoneAnswer, PhoneCheckService } from './service.ts'
import { checkResponseBody, type SerializedAnswer } from './serialize.ts'
import type { OtherChecksService } from './other-checks.ts'
import type { MessageCheckService } from './message-check.ts'

export function checkRoutes(service: PhoneCheckService, limits: Config['checkRateLimit']) {
  // Both phone routes share parameters, validation, limits and response shape.
  const options = (summary: string, description: string) => ({
    schema: {
      tags: ['check'],
      summary,
      description,
      querystring: CheckPhoneQuery,
      response: { 200: CheckPhoneResponse, 400: ApiErrorBody, 429: ApiErrorBody }
    },
    config: {
      rateLimit: { max: limits.max, timeWindow: limits.windowMs },
      validationErrorCode: 'INVALID_NUMBER' as const,
      validationErrorMessage: '请输入要查询的电话号码（最多200个字符）'
    }
  })
  // Pre-serialized (see serialize.ts); Fastify sends a Buffer as it is.
  const send = (reply: FastifyReply, body: SerializedAnswer, now: Date): void => {
    void reply.type('application/json; charset=utf-8').send(checkResponseBody(body, now))
  }

  return async function routes(app: FastifyInstance): Promise<void> {
    const api = app.withTypeProvider<TypeBoxTypeProvider>()

    api.get(
      '/check/phone',
      options(
        'Self-check a phone number: verdict, reasons and advice',
        "Works without login; with a resident access token the check is kept in the resident's history."
      ),
      (request, reply) => {
        const now = new Date()
        // Anonymous checks (nearly all) answer synchronously; only a signed-in resident's check awaits the history write.
        if (request.residentId === null) {
          send(reply as FastifyReply, service.answer(request.query.number, now.getTime()).body, now)
          return
        }
        return service.check(request.query.number, request.residentId, now).then((answer: PhoneAnswer) => send(reply as FastifyReply, answer.body, now))
      }
    )

    api.get(
      '/check/phone/sample',
      options(
        'A fixed example answer (no lookup): the response shape, for client developers',
        'Same parameters, validation, limits and response shape as /check/phone, but always answers with the ' +
          'example of a "00852" call and consults no list. The lookup benchmark uses it as its like-for-like baseline.'
      ),
      (_request, reply) => send(reply as FastifyReply, service.sample.body, new Date())
    )
  }
}

/** GET /check/url and /check/account: the same limits as the phone check. */
export function otherCheckRoutes(service: OtherChecksService, limits: Config['checkRateLimit']) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const api = app.withTypeProvider<TypeBoxTypeProvider>()
    const rateLimit = { max: limits.max, timeWindow: limits.windowMs }
    api.get(
      '/check/url',
      {
        schema: {
          tags: ['check'],
          summary: 'Self-check a web address: blocklist, look-alikes, IP addresses, short links, insecure logins',
          querystring: CheckUrlQuery,
          response: { 200: CheckUrlResponse, 400: ApiErrorBody, 429: ApiErrorBody }
        },
        config: { rateLimit, validationErrorCode: 'INVALID_URL' as const, validationErrorMessage: '请输入要查询的网址（最多2048个字符）' }
      },
      async (request) => service.checkUrl(request.query.url, request.residentId)
    )
    api.get(
      '/check/account',
      {
        schema: {
          tags: ['check'],
          summary: 'Self-check a receiving account: bank card (with check digit), Alipay or WeChat id',
          querystring: CheckAccountQuery,
          response: { 200: CheckAccountResponse, 400: ApiErrorBody, 429: ApiErrorBody }
        },
        config: { rateLimit, validationErrorCode: 'INVALID_ACCOUNT' as const, validationErrorMessage: '请输入要查询的账户（最多100个字符）' }
      },
      async (request) => service.checkAccount(request.query.number, request.residentId)
    )
  }
}

/** POST /check/message: a whole pasted message (a body, not a query string: messages run to thousands of characters). */
export function messageCheckRoutes(service: MessageCheckService, limits: Config['checkRateLimit']) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const api = app.withTypeProvider<TypeBoxTypeProvider>()
    api.post(
      '/check/message',
      {
        schema: {
          tags: ['check'],
          summary: 'Check a whole pasted message: every number, link, account and id in it, the sender it claims, the scam script it follows',
          description:
            'Works without login. The message is not stored (only reporting it stores it). Its verdict is the worst of its ' +
            'parts, the claimed sender\'s rule and the scripts, and never "safe". Each part carries its UTF-16 span in the message.',
          body: CheckMessageRequest,
          response: { 200: CheckMessageResponse, 400: ApiErrorBody, 429: ApiErrorBody }
        },
        // A message's body is small; the default 1 MB limit would let one request hold far more than a message.
        bodyLimit: 64 * 1024,
        config: {
          rateLimit: { max: limits.max, timeWindow: limits.windowMs },
          validationErrorCode: 'INVALID_MESSAGE' as const,
          validationErrorMessage: `消息太长了：最多检查${MAX_MESSAGE_LENGTH}个字。请只粘贴可疑的那一条短信或那几句聊天`
        }
      },
      (request, reply) => {
        // JSON.stringify is 2–3× faster than the schema's serializer on this nested answer (measured: 14 against 34 µs);
        // the schema still documents it and the route tests check every answer against it.
        void (reply as FastifyReply).type('application/json; charset=utf-8').send(JSON.stringify(service.check(request.body.text)))
      }
    )
  }
}
