import { apiRoutes, feature } from '../lib/feature.ts'
import { BlocklistAdminService } from './admin-service.ts'
import { blocklistAdminRoutes } from './routes.ts'
import { PhoneLists } from './service.ts'
import { BlocklistSnapshots } from './snapshot.ts'
import { snapshotRoutes } from './snapshot-routes.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** The blocklist, allow list and official senders in memory, kept current from the database. */
    lists: PhoneLists
  }
}

/** The shared blocklist: the in-memory lists every check reads, and the reviewers' blocklist pages. */
export default feature('lists', [], async (app) => {
  const lists = new PhoneLists(app.database, app.log)
  await lists.load()
  await lists.start()
  app.decorate('lists', lists)
  app.addHook('onClose', async () => lists.stop())
  await apiRoutes(
    app,
    blocklistAdminRoutes(new BlocklistAdminService(app.database), app.admins, app.config.blocklistImportMaxBytes),
    snapshotRoutes(new BlocklistSnapshots(lists.repository, app.clock, app.config.snapshotMaxAgeMs))
  )
})
