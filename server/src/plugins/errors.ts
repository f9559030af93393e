import type { FastifyError, FastifyInstance } from 'fastify'
import type { ErrorCode } from '../../../types/error.ts'

/** An error meant for the client: status, machine code and a Chinese message. */
export class AppError extends Error {
  /** `retryAfter`: seconds, sent as Retry-After (every 429 carries one, docs/api.md). */
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly retryAfter?: number
  ) {
    super(message)
  }
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Error code to use when this route's request fails schema validation. */
    validationErrorCode?: ErrorCode
    validationErrorMessage?: string
  }
}

/**
 * Fastify answers a URL it cannot decode (`/media/%ED%A0%80`) before any hook or error handler runs: this gives that
 * answer the public shape too (passed to Fastify() as `frameworkErrors`).
 */
export function frameworkErrors(error: FastifyError, _request: unknown, reply: { code(n: number): { send(body: unknown): void } }): void {
  const badUrl = error.code === 'FST_ERR_BAD_URL'
  reply.code(badUrl ? 400 : (error.statusCode ?? 400)).send({ error: { code: 'BAD_REQUEST', message: badUrl ? '网址中有无法识别的字符' : '请求格式不正确' } })
}

// Connection-level failures: refused, reset, timed out, or PostgreSQL shutting down / starting up (SQLSTATE 57P01–03,
// class 08). A query error (a bug or bad data) is not among them and stays a 500.
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006'
])
const UNREACHABLE_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|terminating connection)/

export function storeUnreachable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown }
  return (typeof e.code === 'string' && UNREACHABLE_CODES.has(e.code)) || (typeof e.message === 'string' && UNREACHABLE_MESSAGES.test(e.message))
}

/** The one place that turns any thrown error into the public `{ error: { code, message } }` shape. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    if (err instanceof AppError) {
      if (err.retryAfter !== undefined) void reply.header('retry-after', String(err.retryAfter))
      else if (err.statusCode === 429 && reply.getHeader('retry-after') === undefined) void reply.header('retry-after', '60')
      return reply.status(err.statusCode).send({ error: { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) } })
    }
    if ((err as FastifyError).validation) {
      const config = request.routeOptions.config
      return reply.status(400).send({
        error: {
          code: config.validationErrorCode ?? 'VALIDATION_FAILED',
          message: config.validationErrorMessage ?? '请求内容不符合要求，请检查后重试'
        }
      })
    }
    const status = err.statusCode ?? 500
    if (status === 429) {
      // The rate limiter has set Retry-After (seconds): the staff login says exactly how long to wait.
      const wait = Number(reply.getHeader('retry-after'))
      const message = request.routeOptions.url === '/api/v1/admin/login' && wait > 0 ? `登录尝试太多次，请${wait}秒后再试` : '查询太频繁了，请稍等一分钟再试'
      return reply.status(429).send({ error: { code: 'RATE_LIMITED', message } })
    }
    if (status >= 400 && status < 500) {
      return reply.status(status).send({ error: { code: 'BAD_REQUEST', message: '请求格式不正确' } })
    }
    if (storeUnreachable(err)) {
      // The database is restarting or gone: say so at once (the pool reconnects by itself), not a 500.
      request.log.warn({ code: (err as { code?: string }).code, msg: err.message }, 'database unreachable')
      return reply
        .status(503)
        .header('retry-after', '5')
        .send({ error: { code: 'STORE_UNAVAILABLE', message: '服务正在恢复，请稍等几秒再试' } })
    }
    request.log.error({ err }, 'unhandled error')
    return reply.status(500).send({ error: { code: 'INTERNAL', message: '服务暂时出了点问题，请稍后再试' } })
  })

  app.setNotFoundHandler((_request, reply) => {
    return reply.status(404).send({ error: { code: 'NOT_FOUND', message: '没有找到这个页面或接口' } })
  })
}
