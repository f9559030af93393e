import { apiRoutes, feature } from '../lib/feature.ts'
import { createResidentsRepository, type ResidentsRepository } from './repository.ts'
import { residentRoutes } from './routes.ts'
import { ResidentService } from './service.ts'

declare module 'fastify' {
  interface FastifyInstance {
    residents: ResidentService
    residentsRepository: ResidentsRepository
  }
}

/** A resident's own account: profile, village, phone, history, erasing it. */
export default feature('residents', [], async (app) => {
  const repository = createResidentsRepository(app.database.db)
  const residents = new ResidentService(repository, app.history, app.wechat, app.cipher, app.log, app.clock, (id) => app.liveResidents.forget(id))
  app.decorate('residentsRepository', repository)
  app.decorate('residents', residents)
  await apiRoutes(app, residentRoutes(residents))
})
