import { apiRoutes, feature } from '../lib/feature.ts'
import { MessageCheckService } from '../check/message-check.ts'
import { createAppealsRepository } from './appeals-repository.ts'
import { appealRoutes } from './appeals-routes.ts'
import { AppealsService } from './appeals-service.ts'
import { createReportsRepository } from './repository.ts'
import { reportRoutes } from './routes.ts'
import { ReportsService } from './service.ts'

/** Residents' reports and their review into the blocklist; appeals against entries. */
export default feature('reports', ['lists', 'warnings'], async (app) => {
  const reports = new ReportsService(
    createReportsRepository(app.database.db),
    app.lists.repository,
    app.clock,
    () => app.wakeSenders(),
    (ids) => app.warnings.intake.fromConfirmedReports(ids).catch((err: unknown) => app.log.error({ err }, 'opening warnings for confirmed reports failed')),
    // Its own instance: finding a reported message's parts is not a resident's check (not counted).
    new MessageCheckService(app.lists)
  )
  const { reportRateLimitPerHour, reportScreenshotMaxBytes } = app.config
  await apiRoutes(
    app,
    reportRoutes(reports, app.admins, reportRateLimitPerHour, reportScreenshotMaxBytes),
    appealRoutes(new AppealsService(createAppealsRepository(app.database.db), app.cipher), app.admins)
  )
})
