import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Coverage } from '../../../types/admin.ts'
import { ApiErrorBody } from '../../../types/error.ts'
import type { AreasRepository } from '../areas/repository.ts'
import { requireCapability } from '../admin/guard.ts'
import type { AdminService } from '../admin/service.ts'
import type { CoverageRepository } from './repository.ts'
import { coverage } from './service.ts'

export function coverageRoutes(admins: AdminService, areas: AreasRepository, counts: CoverageRepository) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const api = app.withTypeProvider<TypeBoxTypeProvider>()
    api.get('/admin/coverage', {
      schema: {
        tags: ['admin'],
        summary: 'Coverage of the 16–60 population per township and village (admin: the county; officer: their township)',
        security: [{ bearer: [] }],
        response: { 200: Coverage, 401: ApiErrorBody, 403: ApiErrorBody }
      },
      onRequest: requireCapability(admins, 'canSeeCoverage')
    }, async (request) => {
      const admin = request.admin
      return coverage(areas, counts, admin?.role === 'officer' ? admin.townshipCode : null)
    })
  }
}
