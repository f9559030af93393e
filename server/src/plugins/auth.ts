import type { FastifyInstance, FastifyRequest } from 'fastify'
import { jwtVerify } from 'jose'
import { AppError } from './errors.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in resident, when a valid access token came with the request. */
    residentId: string | null
  }
}

/**
 * Optional resident authentication: a valid `Authorization: Bearer <access token>` sets request.residentId;
 * a missing or invalid one leaves it null (routes that require login check it and answer 401).
 */
export function registerOptionalAuth(app: FastifyInstance, secret: Uint8Array): void {
  app.decorateRequest('residentId', null)
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const header = request.headers.authorization
    if (!header || !header.startsWith('Bearer ')) return
    try {
      const { payload } = await jwtVerify(header.slice(7), secret, { algorithms: ['HS256'], audience: 'resident' })
      if (typeof payload.sub === 'string' && payload.sub.length > 0) request.residentId = payload.sub
    } catch {
      // An expired or forged token is the same as none for optional auth.
    }
  })
}

/** preHandler for routes that need a signed-in resident. */
export async function requireResident(request: FastifyRequest): Promise<void> {
  if (request.residentId === null) throw new AppError(401, 'UNAUTHORIZED', '请先登录')
}
