import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import {
  AdminTip,
  AdminVideo,
  FraudType,
  FraudTypeInput,
  FraudTypeList,
  LearnedRequest,
  ProgressRequest,
  TipDetail,
  TipInput,
  TipPage,
  TipPatch,
  TipsQuery,
  Video,
  VideoInput,
  VideoList,
  VideoPatch
} from '../../../types/learn.ts'
import { ApiErrorBody } from '../../../types/error.ts'
import { requireCapability } from '../admin/guard.ts'
import type { AdminService } from '../admin/service.ts'
import { requireResident } from '../plugins/auth.ts'
import type { LearnService } from './service.ts'

const IdParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,18}$' }) })
const CodeParams = Type.Object({ code: Type.String({ pattern: '^[a-z0-9-]{2,40}$' }) })
const errors = { 400: ApiErrorBody, 401: ApiErrorBody, 403: ApiErrorBody, 404: ApiErrorBody, 409: ApiErrorBody }
const invalid = { validationErrorCode: 'CONTENT_INVALID' as const, validationErrorMessage: '内容不符合要求：请检查标题、诈骗类型、正文和日期' }

/** The editors' desk for tips, videos and the fraud-type catalogue (roles admin and editor). */
export function adminLearnRoutes(service: LearnService, admins: AdminService) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const api = app.withTypeProvider<TypeBoxTypeProvider>()
    api.addHook('onRequest', requireCapability(admins, 'canEditContent'))
    const security = [{ bearer: [] }]
    const tags = ['admin: learning']

    api.put(
      '/admin/fraud-types/:code',
      {
        schema: { tags, summary: 'Add or change a fraud type', security, params: CodeParams, body: FraudTypeInput, response: { 200: FraudType, ...errors } },
        config: invalid
      },
      async (request) => service.saveFraudType(request.params.code, request.body)
    )

    api.get(
      '/admin/tips',
      { schema: { tags, summary: 'All tips, drafts included', security, response: { 200: Type.Object({ items: Type.Array(AdminTip) }), ...errors } } },
      async () => ({ items: await service.adminTips() })
    )
    api.post(
      '/admin/tips',
      { schema: { tags, summary: 'Create a tip (draft)', security, body: TipInput, response: { 200: AdminTip, ...errors } }, config: invalid },
      async (request) => service.createTip(request.body)
    )
    api.patch(
      '/admin/tips/:id',
      { schema: { tags, summary: 'Edit a tip', security, params: IdParams, body: TipPatch, response: { 200: AdminTip, ...errors } }, config: invalid },
      async (request) => service.updateTip(request.params.id, request.body)
    )
    api.post(
      '/admin/tips/:id/publish',
      { schema: { tags, summary: 'Show to residents', security, params: IdParams, response: { 200: AdminTip, ...errors } } },
      async (request) => service.setTipStatus(request.params.id, 'published')
    )
    api.post(
      '/admin/tips/:id/unpublish',
      { schema: { tags, summary: 'Hide from residents', security, params: IdParams, response: { 200: AdminTip, ...errors } } },
      async (request) => service.setTipStatus(request.params.id, 'draft')
    )

    api.get(
      '/admin/videos',
      { schema: { tags, summary: 'All videos, drafts included', security, response: { 200: Type.Object({ items: Type.Array(AdminVideo) }), ...errors } } },
      async () => ({ items: await service.adminVideos() })
    )
    api.post(
      '/admin/videos',
      {
        schema: {
          tags,
          summary: 'Create a video (draft) from an uploaded file and cover',
          security,
          body: VideoInput,
          response: { 200: AdminVideo, ...errors }
        },
        config: invalid
      },
      async (request) => service.createVideo(request.body)
    )
    api.patch(
      '/admin/videos/:id',
      { schema: { tags, summary: 'Edit a video', security, params: IdParams, body: VideoPatch, response: { 200: AdminVideo, ...errors } }, config: invalid },
      async (request) => service.updateVideo(request.params.id, request.body)
    )
    api.post(
      '/admin/videos/:id/publish',
      { schema: { tags, summary: 'Show to residents', security, params: IdParams, response: { 200: AdminVideo, ...errors } } },
      async (request) => service.setVideoStatus(request.params.id, 'published')
    )
    api.post(
      '/admin/videos/:id/unpublish',
      { schema: { tags, summary: 'Hide from residents', security, params: IdParams, response: { 200: AdminVideo, ...errors } } },
      async (request) => service.setVideoStatus(request.params.id, 'draft')
    )
  }
}

/** 学反诈 for everyone (learned marks and watch progress for signed-in residents). */
export function learnRoutes(service: LearnService) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const api = app.withTypeProvider<TypeBoxTypeProvider>()
    const tags = ['learning']
    const security = [{ bearer: [] }]
    api.get(
      '/fraud-types',
      { schema: { tags, summary: 'The fraud-type catalogue: description and warning signs', response: { 200: FraudTypeList } } },
      async () => ({ items: await service.fraudTypes() })
    )
    api.get(
      '/tips',
      {
        schema: {
          tags,
          summary: 'Published tips: filter by type, search Chinese text (substring, ranked), 10 a page',
          querystring: TipsQuery,
          response: { 200: TipPage, 400: ApiErrorBody }
        }
      },
      async (request) => service.tips(request.query, request.residentId)
    )
    api.get(
      '/tips/:id',
      { schema: { tags, summary: 'One published tip', params: IdParams, response: { 200: TipDetail, 400: ApiErrorBody, 404: ApiErrorBody } } },
      async (request) => service.tip(request.params.id, request.residentId)
    )
    api.put(
      '/me/tips/:id/learned',
      {
        schema: {
          tags,
          summary: 'Mark a tip learned (or not)',
          security,
          params: IdParams,
          body: LearnedRequest,
          response: { 200: TipDetail, 400: ApiErrorBody, 401: ApiErrorBody, 404: ApiErrorBody }
        },
        onRequest: requireResident
      },
      async (request) => service.setLearned(request.residentId as string, request.params.id, request.body.learned)
    )
    api.get('/videos', { schema: { tags, summary: 'Published videos (with my progress when signed in)', response: { 200: VideoList } } }, async (request) => ({
      items: await service.videos(request.residentId)
    }))
    api.get(
      '/videos/:id',
      { schema: { tags, summary: 'One published video (counts a view)', params: IdParams, response: { 200: Video, 400: ApiErrorBody, 404: ApiErrorBody } } },
      async (request) => service.videoDetail(request.params.id, request.residentId)
    )
    api.put(
      '/me/videos/:id/progress',
      {
        schema: {
          tags,
          summary: 'Where I stopped watching',
          security,
          params: IdParams,
          body: ProgressRequest,
          response: { 200: Video, 400: ApiErrorBody, 401: ApiErrorBody, 404: ApiErrorBody }
        },
        onRequest: requireResident
      },
      async (request) => service.saveProgress(request.residentId as string, request.params.id, request.body.positionSeconds, request.body.completed ?? false)
    )
  }
}
