import { apiRoutes, feature } from '../lib/feature.ts'
import { createSearchRepository } from './repository.ts'
import { searchRoutes } from './routes.ts'

/** The console's search across residents, reports, warnings and the blocklist. */
export default feature('search', [], async (app) => {
  await apiRoutes(app, searchRoutes(createSearchRepository(app.database.db), app.cipher, app.admins))
})
