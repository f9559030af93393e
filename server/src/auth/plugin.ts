import { apiRoutes, feature } from '../lib/feature.ts'
import { createAuthRepository } from './repository.ts'
import { authRoutes } from './routes.ts'
import { AuthService } from './service.ts'

/** Resident sign-in: WeChat login and phone binding in the mini-program, SMS codes in H5, token refresh. */
export default feature('auth', [], async (app) => {
  const auth = new AuthService(createAuthRepository(app.database.db), app.wechat, app.config.jwtSecret, app.log, app.smsCodes, app.cipher)
  await apiRoutes(app, authRoutes(auth, app.smsCodes))
})
