import { apiRoutes, feature } from '../lib/feature.ts'
import { createFeedKeys } from './feed-keys-repository.ts'
import { adminWarningRoutes, residentWarningRoutes, warningFeedRoutes } from './routes.ts'
import type { WarningService } from './service.ts'
import { warningServiceFor } from './wiring.ts'

declare module 'fastify' {
  interface FastifyInstance {
    warnings: WarningService
  }
}

/** The three-level warning chain: the city's feed, the county's calls, the station's visits, the resident's red card. */
export default feature('warnings', [], async (app) => {
  const warnings = warningServiceFor(app.database, app.config, app.clock, () => app.workers?.wake())
  app.decorate('warnings', warnings)
  await apiRoutes(app, warningFeedRoutes(warnings, createFeedKeys(app.database.db)), residentWarningRoutes(warnings), adminWarningRoutes(warnings, app.admins))
})
