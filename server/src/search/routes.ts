import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { SearchQuery, SearchResult } from '../../../types/search.ts'
import { ApiErrorBody } from '../../../types/error.ts'
import { requireCapability } from '../admin/guard.ts'
import type { AdminPrincipal, AdminService } from '../admin/service.ts'
import { AppError } from '../plugins/errors.ts'
import { mainlandMobile } from '../values/phone.ts'
import type { FieldCipher } from '../lib/field-cipher.ts'
import { maskName, maskPhone } from '../residents/mask.ts'
import type { SearchRepository } from './repository.ts'

/**
 * GET /admin/search: the header's one search box. A number (or its last 4 digits) across warnings, residents, reports
 * and the blocklist, each part only for roles that may see it (officers: their township); numbers masked in every
 * answer, and every search for a full number recorded in the audit log.
 */
export function searchRoutes(repository: SearchRepository, cipher: FieldCipher, admins: AdminService) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const api = app.withTypeProvider<TypeBoxTypeProvider>()
    api.get(
      '/admin/search',
      {
        schema: {
          tags: ['admin'],
          summary: 'One phone number (or its last 4 digits) across warnings, residents, reports and the blocklist, scoped by role; masked; audited',
          security: [{ bearer: [] }],
          querystring: SearchQuery,
          response: { 200: SearchResult, 400: ApiErrorBody, 401: ApiErrorBody, 403: ApiErrorBody }
        },
        config: { validationErrorCode: 'VALIDATION_FAILED', validationErrorMessage: '请输入手机号，或它的后4位' },
        onRequest: requireCapability(admins, 'canViewDashboard')
      },
      async (request) => {
        const admin = request.admin as AdminPrincipal
        const typed = request.query.q.normalize('NFKC').replace(/[\s\-()]/g, '')
        const full = mainlandMobile(typed)
        if (!full && !/^\d{4}$/.test(typed)) throw new AppError(400, 'VALIDATION_FAILED', '请输入完整的手机号，或它的后4位', 'q')
        const last4 = (full ?? typed).slice(-4)
        const index = full ? cipher.blindIndex(full) : null
        const e164 = full ? `+86${full}` : null
        const township = admin.role === 'officer' ? admin.townshipCode : null
        const board = admin.role === 'admin' || admin.role === 'operator' || admin.role === 'officer'
        const review = admin.role === 'admin' || admin.role === 'reviewer'
        const [warnings, residents, reports, blocklist] = await Promise.all([
          board ? repository.warnings(index, last4, township) : null,
          board && index ? repository.residents(index, township) : null,
          review ? repository.reports(e164, last4) : null,
          review ? repository.blocklist(e164, last4) : null
        ])
        const query = full ? maskPhone(full) : `尾号 ${last4}`
        // Looking a person up by their number is recorded, like a reveal: who, when, which number (masked).
        if (full) await admins.audit(admin, 'search.phone', `phone:${maskPhone(full)}`, null)
        const masked = (e: string) => (e.startsWith('+86') ? maskPhone(e.slice(3)) : e)
        return {
          query,
          warnings:
            warnings?.map((w) => ({
              id: w.id,
              phoneMasked: w.phone_masked,
              riskType: w.risk_type,
              status: w.status,
              receivedAt: w.received_at.toISOString(),
              townshipName: w.township_name
            })) ?? null,
          residents: residents
            ? residents.map((r) => ({
                name: maskName(r.name_enc ? cipher.decrypt(r.name_enc) : null),
                phoneMasked: maskPhone(full as string),
                townshipName: r.township_name,
                villageName: r.village_name,
                registeredAt: r.registered_at ? r.registered_at.toISOString() : null
              }))
            : board
              ? []
              : null,
          reports: reports?.map((r) => ({ value: masked(r.value), status: r.status, count: r.count, lastAt: r.last_at.toISOString() })) ?? null,
          blocklist: blocklist?.map((b) => ({ id: b.id, value: masked(b.value), category: b.category, status: b.status })) ?? null
        }
      }
    )
  }
}
