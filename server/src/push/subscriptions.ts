import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { PushConfig, SubscribeReport, SubscriptionState, TEMPLATE_PURPOSE_NAMES, TEMPLATE_PURPOSES, type TemplatePurpose } from '../../../types/bulletins.ts'
import { configuredTemplateIds } from '../config.ts'
import { ApiErrorBody } from '../../../types/error.ts'
import { AppError } from '../plugins/errors.ts'
import { requireResident } from '../plugins/auth.ts'
import type { SubscriptionRepository } from './subscription-repository.ts'

export interface TemplateSettings {
  /** The template of each purpose the app asks for (null: not configured). */
  templates: Record<TemplatePurpose, string | null>
  longTermTemplateIds: ReadonlySet<string>
}

export class SubscriptionService {
  constructor(
    private readonly repository: SubscriptionRepository,
    private readonly templates: TemplateSettings,
    private readonly now: () => Date = () => new Date()
  ) {}

  config(): PushConfig {
    return { templates: this.templates.templates, templateIds: configuredTemplateIds(this.templates.templates) }
  }

  /** Records what requestSubscribeMessage answered: one credit per accept (or a standing permission). */
  async report(residentId: string, results: Record<string, string>): Promise<SubscriptionState> {
    if (!(await this.repository.hasWeChat(residentId))) {
      throw new AppError(409, 'SUBSCRIBE_NEEDS_WECHAT', '订阅提醒需要在微信里打开“守好钱袋子”小程序')
    }
    for (const templateId of configuredTemplateIds(this.templates.templates)) {
      const result = results[templateId]
      if (result === 'accept' || result === 'reject' || result === 'ban' || result === 'filter') {
        await this.repository.apply(residentId, templateId, result, this.templates.longTermTemplateIds.has(templateId), this.now())
      }
    }
    return this.state(residentId)
  }

  async state(residentId: string): Promise<SubscriptionState> {
    const rows = new Map((await this.repository.forResident(residentId)).map((r) => [r.template_id, r]))
    return {
      templates: TEMPLATE_PURPOSES.flatMap((purpose) => {
        const templateId = this.templates.templates[purpose]
        return templateId
          ? [
              {
                templateId,
                purpose: TEMPLATE_PURPOSE_NAMES[purpose],
                credits: rows.get(templateId)?.credits ?? 0,
                longTerm: rows.get(templateId)?.long_term ?? false
              }
            ]
          : []
      })
    }
  }
}

export function subscriptionRoutes(service: SubscriptionService) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const api = app.withTypeProvider<TypeBoxTypeProvider>()
    const tags = ['push']
    api.get(
      '/push/config',
      {
        schema: { tags, summary: 'Template ids the app asks residents to subscribe to', response: { 200: PushConfig } }
      },
      async () => service.config()
    )

    api.post(
      '/me/subscriptions',
      {
        schema: {
          tags,
          summary: 'Report what Taro.requestSubscribeMessage answered (accept = one send credit)',
          security: [{ bearer: [] }],
          body: SubscribeReport,
          response: { 200: SubscriptionState, 400: ApiErrorBody, 401: ApiErrorBody, 409: ApiErrorBody }
        },
        onRequest: requireResident
      },
      async (request) => service.report(request.residentId as string, request.body.results)
    )

    api.get(
      '/me/subscriptions',
      {
        schema: { tags, summary: 'My send credits per template', security: [{ bearer: [] }], response: { 200: SubscriptionState, 401: ApiErrorBody } },
        onRequest: requireResident
      },
      async (request) => service.state(request.residentId as string)
    )
  }
}
