import type { FastifyInstance, FastifyRequest } from 'fastify'
import { STAFF_CAPABILITIES, type AdminRole, type Capability } from '../../../types/admin.ts'
import { AppError } from '../plugins/errors.ts'
import type { AdminPrincipal, AdminService } from './service.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by requireCapability on staff routes. */
    admin: AdminPrincipal | null
  }
}

export function registerAdminRequest(app: FastifyInstance): void {
  app.decorateRequest('admin', null)
}

/** onRequest hook (before the body is read or validated): a staff token (401 otherwise) whose role holds `capability` (403 otherwise). */
export function requireCapability(service: AdminService, capability: Capability, options: { whilePasswordChangePending?: boolean } = {}) {
  return requireRoles(service, STAFF_CAPABILITIES[capability], options)
}

function requireRoles(service: AdminService, roles: readonly AdminRole[], options: { whilePasswordChangePending?: boolean } = {}) {
  return async function adminGuard(request: FastifyRequest): Promise<void> {
    const header = request.headers.authorization
    const admin = header?.startsWith('Bearer ') ? await service.authenticate(header.slice(7)) : null
    if (!admin) throw new AppError(401, 'UNAUTHORIZED', '请先以管理员身份登录')
    // A password an admin typed is known to two people: nothing is done under it but replacing it.
    if (admin.mustChangePassword && !options.whilePasswordChangePending)
      throw new AppError(403, 'PASSWORD_CHANGE_REQUIRED', '首次登录（或密码被管理员重设）后，请先修改密码')
    if (!roles.includes(admin.role)) throw new AppError(403, 'FORBIDDEN', '您的账号没有这项操作的权限')
    request.admin = admin
  }
}
