import type { FastifyInstance, FastifyRequest } from 'fastify'
import { jwtVerify } from 'jose'
import { AppError } from './errors.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in resident, when a valid access token for a live (not erased) resident came with the request. */
    residentId: string | null
  }
}

/** Is this id a resident who has not erased their account? (One primary-key read.) */
export type ResidentLiveness = (id: string) => Promise<boolean>

// Resident ids are bigint: anything else in a token's subject names no one (and must not reach the database).
const RESIDENT_ID = /^[1-9][0-9]{0,17}$/
/** How long a "live" answer is reused in this process; an erase here forgets it at once (see README). */
const LIVE_CACHE_MS = 1_000
const LIVE_CACHE_MAX = 50_000

/** Recent "this resident is live" answers, so a busy signed-in resident costs one read a second, not one a request. */
export class LiveResidentCache {
  private readonly until = new Map<string, number>()

  constructor(
    private readonly lookup: ResidentLiveness,
    private readonly now: () => number = Date.now
  ) {}

  async isLive(id: string): Promise<boolean> {
    const t = this.now()
    if ((this.until.get(id) ?? 0) > t) return true
    const live = await this.lookup(id)
    if (live) {
      if (this.until.size >= LIVE_CACHE_MAX) this.until.clear()
      this.until.set(id, t + LIVE_CACHE_MS)
    } else {
      this.until.delete(id)
    }
    return live
  }

  /** Called when this process erases an account: its tokens stop working on the very next request. */
  forget(id: string): void {
    this.until.delete(id)
  }
}

/**
 * Optional resident authentication: a valid `Authorization: Bearer <access token>` whose subject is a live resident
 * sets request.residentId; a missing, invalid or orphaned one leaves it null (routes that require login answer 401).
 */
export function registerOptionalAuth(app: FastifyInstance, secret: Uint8Array, live: LiveResidentCache): void {
  app.decorateRequest('residentId', null)
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const header = request.headers.authorization
    if (!header || !header.startsWith('Bearer ')) return
    let sub: unknown
    try {
      sub = (await jwtVerify(header.slice(7), secret, { algorithms: ['HS256'], audience: 'resident' })).payload.sub
    } catch {
      // An expired or forged token is the same as none for optional auth.
      return
    }
    if (typeof sub === 'string' && RESIDENT_ID.test(sub) && (await live.isLive(sub))) request.residentId = sub
  })
}

/**
 * onRequest hook for routes that need a signed-in resident: runs after the token hook above and before the body is read
 * or validated, so a caller without a session learns nothing about the route's input (the same order as requireCapability).
 */
export async function requireResident(request: FastifyRequest): Promise<void> {
  if (request.residentId === null) throw new AppError(401, 'UNAUTHORIZED', '请先登录')
}
