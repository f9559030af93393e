import { apiRoutes, feature } from '../lib/feature.ts'
import { createGridRepository } from './repository.ts'
import { adminGridRoutes, gridRoutes } from './routes.ts'
import { GridService } from './service.ts'

/** Grid workers: their villages, the residents they register on paper, the centre's grid pages. */
export default feature('grid', ['areas', 'coverage'], async (app) => {
  const grid = new GridService(createGridRepository(app.database.db), app.areas, app.coverageCounts, app.cipher, app.log, app.clock)
  await apiRoutes(app, gridRoutes(grid, app.config.reportScreenshotMaxBytes), adminGridRoutes(grid, app.admins))
})
