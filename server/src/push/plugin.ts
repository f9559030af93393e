import { apiRoutes, feature } from '../lib/feature.ts'
import { createSubscriptionRepository } from './subscription-repository.ts'
import { SubscriptionService, subscriptionRoutes } from './subscriptions.ts'

/** The resident's subscriptions to WeChat's message templates (what the outbox may send them). */
export default feature('push', [], async (app) => {
  const { templates, longTermTemplateIds } = app.config.wechat
  const subscriptions = new SubscriptionService(
    createSubscriptionRepository(app.database.db),
    { templates, longTermTemplateIds: new Set(longTermTemplateIds) },
    app.clock
  )
  await apiRoutes(app, subscriptionRoutes(subscriptions))
})
