import { apiRoutes, feature } from '../lib/feature.ts'
import { adminBulletinRoutes, bulletinRoutes } from './routes.ts'
import { ScheduledPublisher } from './scheduler.ts'
import type { BulletinService } from './service.ts'
import { bulletinServiceFor } from './wiring.ts'

declare module 'fastify' {
  interface FastifyInstance {
    bulletins: BulletinService
  }
}

/** Weekly bulletins (预警信息): writing, scheduling, publishing to their residents, reading them. */
export default feature('bulletins', ['areas', 'residents'], async (app) => {
  const bulletins = bulletinServiceFor(app.database, {
    areas: app.areas,
    residents: app.residentsRepository,
    // Only this process's workers: a publish NOTIFYs every other process itself.
    onPublished: () => app.workers?.wake(),
    clock: app.clock,
    imageHosts: app.imageHosts
  })
  app.decorate('bulletins', bulletins)
  // Scheduled bulletins go out from every API process, whether or not it sends (PUSH_WORKER=off included).
  const scheduler = new ScheduledPublisher(bulletins, app.log, app.clock)
  bulletins.onScheduleChange(() => scheduler.wake())
  app.addHook('onReady', async () => scheduler.start())
  app.addHook('onClose', async () => scheduler.stop())
  await apiRoutes(app, adminBulletinRoutes(bulletins, app.admins), bulletinRoutes(bulletins))
})
