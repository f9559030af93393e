import type { FastifyInstance } from 'fastify'
import { AreaList } from '../../../types/areas.ts'
import type { AreasRepository } from './repository.ts'
import { areaTree } from './service.ts'

export function areaRoutes(repo: AreasRepository) {
  return async function routes(app: FastifyInstance): Promise<void> {
    app.get('/areas', {
      schema: { tags: ['residents'], summary: 'Townships and their villages/communities, for the registration pickers', response: { 200: AreaList } }
    }, async () => areaTree(repo))
  }
}
