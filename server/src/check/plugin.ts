import { apiRoutes, feature } from '../lib/feature.ts'
import { MessageCheckService } from './message-check.ts'
import { OtherChecksService } from './other-checks.ts'
import { checkRoutes, messageCheckRoutes, otherCheckRoutes } from './routes.ts'
import { PhoneCheckService } from './service.ts'

/** The resident's checks: a number, a link, an account, a whole message. */
export default feature('check', ['lists'], async (app) => {
  const { lists, history, checkCounter } = app
  const limits = app.config.checkRateLimit
  await apiRoutes(
    app,
    checkRoutes(new PhoneCheckService(lists, history, app.log, checkCounter), limits),
    otherCheckRoutes(new OtherChecksService(lists.repository, history, checkCounter, () => lists.senders), limits),
    messageCheckRoutes(new MessageCheckService(lists, checkCounter), limits)
  )
})
