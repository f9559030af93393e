import { apiRoutes, feature } from '../lib/feature.ts'
import { createFamilyRepository } from './repository.ts'
import { familyRoutes } from './routes.ts'
import { FamilyService } from './service.ts'

/** Family guardians: linking, consent by SMS, the copies of warnings they receive. */
export default feature('family', ['residents'], async (app) => {
  const family = new FamilyService(createFamilyRepository(app.database.db), app.residents, app.smsCodes, app.cipher, app.log, app.clock)
  await apiRoutes(app, familyRoutes(family))
})
