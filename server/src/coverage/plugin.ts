import { apiRoutes, feature } from '../lib/feature.ts'
import { createCoverageRepository, type CoverageRepository } from './repository.ts'
import { coverageRoutes } from './routes.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** Registered residents aged 16–60 by village (the grid and the periodic figures read it too). */
    coverageCounts: CoverageRepository
  }
}

/** Registration coverage of the residents aged 16–60, by township and village. */
export default feature('coverage', ['areas'], async (app) => {
  const counts = createCoverageRepository(app.database.db)
  app.decorate('coverageCounts', counts)
  await apiRoutes(app, coverageRoutes(app.admins, app.areas, counts))
})
