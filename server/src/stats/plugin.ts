import { apiRoutes, feature } from '../lib/feature.ts'
import { createStatsRepository } from './repository.ts'
import { statsRoutes } from './routes.ts'
import { StatsService } from './service.ts'

/** How often this process's check counts reach the database (the dashboard also flushes before reading). */
const CHECK_COUNT_FLUSH_MS = 10_000

/** The dashboard's figures, and the check counts every process keeps in memory until they are flushed. */
export default feature('stats', [], async (app) => {
  const stats = new StatsService(createStatsRepository(app.database.db), app.checkCounter, app.log)
  const flush = setInterval(() => void stats.flushChecks(), CHECK_COUNT_FLUSH_MS)
  flush.unref()
  app.addHook('onClose', async () => {
    clearInterval(flush)
    await stats.flushChecks()
  })
  await apiRoutes(app, statsRoutes(stats, app.admins))
})
