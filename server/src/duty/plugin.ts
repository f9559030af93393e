import { apiRoutes, feature } from '../lib/feature.ts'
import { createDutyRepository } from './repository.ts'
import { dutyRoutes } from './routes.ts'

/** The duty overview a shift opens with. */
export default feature('duty', [], async (app) => {
  await apiRoutes(app, dutyRoutes(createDutyRepository(app.database.db), app.admins, app.clock))
})
