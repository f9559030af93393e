import { apiRoutes, feature } from '../lib/feature.ts'
import { createAuditRepository } from './repository.ts'
import { auditRoutes } from './routes.ts'

/** The audit log of staff actions. */
export default feature('audit', [], async (app) => {
  await apiRoutes(app, auditRoutes(createAuditRepository(app.database.db), app.admins))
})
