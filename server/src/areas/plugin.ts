import { apiRoutes, feature } from '../lib/feature.ts'
import { createAreasRepository, type AreasRepository } from './repository.ts'
import { adminAreaRoutes, areaRoutes } from './routes.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** The county's townships and villages. */
    areas: AreasRepository
  }
}

/** Townships and villages: the pickers residents register with, and the centre's area pages. */
export default feature('areas', [], async (app) => {
  const areas = createAreasRepository(app.database.db)
  app.decorate('areas', areas)
  await apiRoutes(app, areaRoutes(areas), adminAreaRoutes(areas, app.admins))
})
