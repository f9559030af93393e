import { apiRoutes, feature } from '../lib/feature.ts'
import { adminRoutes } from './routes.ts'

/** Staff sign-in, passwords and accounts (the service itself is core's: every staff guard asks it). */
export default feature('admin', [], async (app) => {
  await apiRoutes(app, adminRoutes(app.admins, app.config.adminLoginRateLimitMax))
})
