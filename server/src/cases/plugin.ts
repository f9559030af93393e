import { apiRoutes, feature } from '../lib/feature.ts'
import { coverage } from '../coverage/service.ts'
import { createFiguresRepository, createPeriodWarningsRepository } from './figures-repository.ts'
import { createCasesRepository } from './repository.ts'
import { caseRoutes } from './routes.ts'
import { CasesService } from './service.ts'

/** Fraud cases, and the weekly and monthly figures reported upward. */
export default feature('cases', ['areas', 'coverage'], async (app) => {
  const { db } = app.database
  const cases = new CasesService(createCasesRepository(db), createFiguresRepository(db), app.clock, {
    warnings: createPeriodWarningsRepository(db),
    coverage: (township) => coverage(app.areas, app.coverageCounts, township, app.clock())
  })
  await apiRoutes(app, caseRoutes(cases, app.admins))
})
