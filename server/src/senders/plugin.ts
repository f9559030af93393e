import { apiRoutes, feature } from '../lib/feature.ts'
import { officialSenderRoutes } from './routes.ts'
import { OfficialSendersService } from './service.ts'

/** The registry of official senders (banks, operators, government) the link and message checks compare against. */
export default feature('senders', ['lists'], async (app) => {
  const service = new OfficialSendersService(app.lists.repository, () => app.lists.requestRefresh('official_senders'))
  await apiRoutes(app, officialSenderRoutes(service, app.admins))
})
