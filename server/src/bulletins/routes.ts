import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import {
  AdminBulletin,
  AdminBulletinList,
  BULLETIN_STATUSES,
  BulletinDetail,
  BulletinInput,
  BulletinPage,
  BulletinPatch,
  ScheduleRequest,
  UnreadSummary
} from '../../../types/bulletins.ts'
import { ApiErrorBody } from '../../../types/error.ts'
import { requireCapability } from '../admin/guard.ts'
import type { AdminService } from '../admin/service.ts'
import { requireResident } from '../plugins/auth.ts'
import type { BulletinService } from './service.ts'

const IdParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,18}$' }) })
const errors = { 400: ApiErrorBody, 401: ApiErrorBody, 403: ApiErrorBody, 404: ApiErrorBody, 409: ApiErrorBody }
const invalid = {
  validationErrorCode: 'BULLETIN_INVALID' as const,
  validationErrorMessage: '预警内容不符合要求：请检查标题、摘要（订阅消息摘要最多20个字）、日期和正文'
}

/** The centre's bulletin desk (roles admin and editor). */
export function adminBulletinRoutes(service: BulletinService, admins: AdminService) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const api = app.withTypeProvider<TypeBoxTypeProvider>()
    api.addHook('onRequest', requireCapability(admins, 'canPublish'))
    const security = [{ bearer: [] }]
    const tags = ['admin: bulletins']

    api.get(
      '/admin/bulletins',
      {
        schema: {
          tags,
          summary: 'All bulletins, newest first, with delivery statistics',
          security,
          querystring: Type.Object({ status: Type.Optional(Type.Union(BULLETIN_STATUSES.map((s) => Type.Literal(s)))) }),
          response: { 200: AdminBulletinList, ...errors }
        }
      },
      async (request) => ({ items: await service.list(request.query.status) })
    )

    api.post(
      '/admin/bulletins',
      {
        schema: { tags, summary: 'Create a draft', security, body: BulletinInput, response: { 200: AdminBulletin, ...errors } },
        config: invalid
      },
      async (request) => service.create(request.body, request.admin?.id as string)
    )

    api.get(
      '/admin/bulletins/:id',
      {
        schema: { tags, summary: 'One bulletin with delivery statistics', security, params: IdParams, response: { 200: AdminBulletin, ...errors } }
      },
      async (request) => service.get(request.params.id)
    )

    api.patch(
      '/admin/bulletins/:id',
      {
        schema: {
          tags,
          summary: 'Edit a draft or scheduled bulletin',
          security,
          params: IdParams,
          body: BulletinPatch,
          response: { 200: AdminBulletin, ...errors }
        },
        config: invalid
      },
      async (request) => service.update(request.params.id, request.body)
    )

    api.get(
      '/admin/bulletins/:id/preview',
      {
        schema: {
          tags,
          summary: 'The bulletin as residents will see it (any status)',
          security,
          params: IdParams,
          response: { 200: BulletinDetail, ...errors }
        }
      },
      async (request) => service.preview(request.params.id)
    )

    api.get(
      '/admin/bulletins/:id/audience',
      {
        schema: {
          tags,
          summary: 'How many registered residents publishing now would address',
          security,
          params: IdParams,
          response: { 200: Type.Object({ residents: Type.Integer() }), ...errors }
        }
      },
      async (request) => service.audienceSize(request.params.id)
    )

    api.post(
      '/admin/bulletins/:id/schedule',
      {
        schema: {
          tags,
          summary: 'Publish automatically at a time',
          security,
          params: IdParams,
          body: ScheduleRequest,
          response: { 200: AdminBulletin, ...errors }
        }
      },
      async (request) => {
        const b = await service.schedule(request.params.id, new Date(request.body.at))
        await admins.audit(request.admin, 'bulletin.schedule', `bulletin:${b.id}`, { title: b.title, at: request.body.at })
        return b
      }
    )

    api.post(
      '/admin/bulletins/:id/publish',
      {
        schema: {
          tags,
          summary: 'Publish now: assigns 第N期, queues one delivery per targeted resident',
          security,
          params: IdParams,
          response: { 200: AdminBulletin, ...errors }
        }
      },
      async (request) => {
        const b = await service.publishNow(request.params.id)
        await admins.audit(request.admin, 'bulletin.publish', `bulletin:${b.id}`, { title: b.title })
        return b
      }
    )

    api.post(
      '/admin/bulletins/:id/withdraw',
      {
        schema: {
          tags,
          summary: 'Withdraw: gone from lists, deliveries stay recorded',
          security,
          params: IdParams,
          response: { 200: AdminBulletin, ...errors }
        }
      },
      async (request) => {
        const b = await service.withdraw(request.params.id)
        await admins.audit(request.admin, 'bulletin.withdraw', `bulletin:${b.id}`, { title: b.title })
        return b
      }
    )
  }
}

/** What residents (and anonymous readers: county-wide only) see. */
export function bulletinRoutes(service: BulletinService) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const api = app.withTypeProvider<TypeBoxTypeProvider>()
    const tags = ['bulletins']
    api.get(
      '/bulletins',
      {
        schema: {
          tags,
          summary: 'Published bulletins for me, newest first (10 a page)',
          querystring: Type.Object({ cursor: Type.Optional(Type.String({ maxLength: 100 })) }),
          response: { 200: BulletinPage, 400: ApiErrorBody }
        }
      },
      async (request) => service.page(request.residentId, request.query.cursor)
    )

    api.get(
      '/bulletins/unread',
      {
        schema: {
          tags,
          summary: 'How many I have not opened (last 60 days), and the newest unread urgent one',
          security: [{ bearer: [] }],
          response: { 200: UnreadSummary, 401: ApiErrorBody }
        },
        onRequest: requireResident
      },
      async (request) => service.unread(request.residentId as string)
    )

    api.get(
      '/bulletins/:id',
      {
        schema: {
          tags,
          summary: 'One bulletin; marks it read for a signed-in resident',
          params: IdParams,
          response: { 200: BulletinDetail, 400: ApiErrorBody, 404: ApiErrorBody }
        }
      },
      async (request) => service.detail(request.params.id, request.residentId)
    )
  }
}
