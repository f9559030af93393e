import { apiRoutes, feature } from '../lib/feature.ts'
import { createLearnRepository } from './repository.ts'
import { adminLearnRoutes, learnRoutes } from './routes.ts'
import { LearnService } from './service.ts'

/** 学反诈: tips, fraud types and short videos, and the centre's content pages. */
export default feature('learn', ['media'], async (app) => {
  const learn = new LearnService(createLearnRepository(app.database.db), app.mediaRepository, app.imageHosts)
  await apiRoutes(app, adminLearnRoutes(learn, app.admins), learnRoutes(learn))
})
