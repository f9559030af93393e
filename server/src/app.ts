import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify'
import rateLimit from '@fastify/rate-limit'
import type { DestinationStream } from 'pino'
import type { Config } from './config.ts'
import type { Database } from './db/database.ts'
import { loggerOptions } from './logging.ts'
import { frameworkErrors } from './plugins/errors.ts'
import { core } from './core.ts'
import { registerH5 } from './plugins/h5.ts'
import { registerAdminConsole } from './plugins/admin.ts'
import { apiRoutes, inDependencyOrder } from './lib/feature.ts'
import * as features from './features.ts'

export interface BuildOptions {
  /** Use an already open database (tests share one per file); otherwise one is opened from config. */
  database?: Database
  /** Serve the H5 build at "/" (off in most tests). */
  serveH5?: boolean
  /** The clock for SMS code expiry and limits and for registration ages (tests move time forward). */
  clock?: () => Date
  /** The digits of each 图形验证码 (tests answer a known picture; random otherwise). */
  captchaDigits?: () => string
  /** Where logs go instead of standard output (tests read them). */
  logStream?: DestinationStream
  /** Told of every route as it is added (the authorization matrix test builds its route table from this). */
  onRoute?: (route: RouteOptions) => void
}

/**
 * Builds the whole API (and optionally the H5 app and the console) without listening; tests call it and use inject().
 * What every feature stands on is `core`; each feature folder is a plugin listed once in features.ts.
 */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config.logLevel, options.logStream),
    disableRequestLogging: true,
    trustProxy: config.trustProxy,
    frameworkErrors,
    // 'core' opens and migrates the database (the embedded store starts a process first): on a busy two-core machine
    // that outlasts Fastify's 10 s default, and a slow start is not a failed one.
    pluginTimeout: 120_000
  })
  if (options.onRoute) app.addHook('onRoute', options.onRoute)
  await app.register(core, { config, database: options.database, clock: options.clock, captchaDigits: options.captchaDigits })
  if (options.serveH5) {
    await registerAdminConsole(app, config.adminDir)
    await registerH5(app, config.h5Dir)
  }
  // Every route added from here on (the whole API, not the static apps or the docs) is limited per client; routes with
  // their own `config.rateLimit` (the checks) are stricter.
  await app.register(rateLimit, { global: true, max: config.apiRateLimit.max, timeWindow: config.apiRateLimit.windowMs })
  await apiRoutes(app, async (api) => {
    api.get('/health', { schema: { tags: ['ops'], summary: 'Liveness: answers without touching the lists' } }, async () => ({ status: 'ok' }))
  })
  for (const plugin of inDependencyOrder(Object.values(features))) await app.register(plugin)
  return app
}
