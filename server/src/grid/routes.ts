import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import {
  AccompanyRequest,
  AppointGridWorkerRequest,
  ConsoleSessionList,
  GridWorkbench,
  GridWorkerList,
  NewPublicitySession,
  PhotoReceipt,
  PublicityFigures,
  PublicityFiguresQuery,
  PublicitySession
} from '../../../types/grid.ts'
import { ApiErrorBody } from '../../../types/error.ts'
import { requireCapability } from '../admin/guard.ts'
import type { AdminPrincipal, AdminService } from '../admin/service.ts'
import { uploadedImageBytes } from '../lib/upload.ts'
import { requireResident } from '../plugins/auth.ts'
import type { GridService } from './service.ts'

const Id = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,18}$' }) })
const security = [{ bearer: [] }]
const errors = { 400: ApiErrorBody, 401: ApiErrorBody, 403: ApiErrorBody, 404: ApiErrorBody, 409: ApiErrorBody }

/** The grid worker's workbench (我的 → 网格员工作台). */
export function gridRoutes(service: GridService, maxPhotoBytes: number) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const api = app.withTypeProvider<TypeBoxTypeProvider>()
    api.addHook('onRequest', requireResident)
    const me = (request: FastifyRequest) => request.residentId as string

    api.get(
      '/me/grid',
      {
        schema: {
          tags: ['grid'],
          summary: "My villages' coverage (no names), the visits I am asked to accompany, my publicity sessions",
          security,
          response: { 200: GridWorkbench, ...errors }
        }
      },
      async (request) => service.workbench(me(request))
    )

    api.post(
      '/me/grid/sessions',
      {
        schema: {
          tags: ['grid'],
          summary: 'Log a publicity session (院落会, 入户宣传, 开学第一课, 反诈进校园, 其他) in one of my villages',
          security,
          body: NewPublicitySession,
          response: { 200: Type.Object({ items: Type.Array(PublicitySession) }), ...errors }
        },
        config: { rateLimit: { max: 60, timeWindow: 3_600_000, keyGenerator: (request: FastifyRequest) => request.residentId ?? request.ip } }
      },
      async (request) => ({ items: await service.addSession(me(request), request.body) })
    )

    api.post(
      '/me/grid/photos',
      {
        schema: {
          tags: ['grid'],
          consumes: ['multipart/form-data'],
          security,
          summary: 'Upload one photo of a session (multipart field "file"; JPEG, PNG or WebP by content; location and camera data removed)',
          response: { 200: PhotoReceipt, ...errors, 413: ApiErrorBody, 429: ApiErrorBody }
        },
        config: { rateLimit: { max: 60, timeWindow: 3_600_000, keyGenerator: (request: FastifyRequest) => request.residentId ?? request.ip } }
      },
      async (request) => {
        // Who may upload is settled before the file is read.
        await service.mine(me(request))
        const bytes = await uploadedImageBytes(request, maxPhotoBytes, '照片')
        return service.uploadPhoto(me(request), bytes)
      }
    )
  }
}

/** The console: grid workers (appoint and revoke: admin, audited), publicity figures, 请网格员陪同 on a visit. */
export function adminGridRoutes(service: GridService, admins: AdminService) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const api = app.withTypeProvider<TypeBoxTypeProvider>()
    const board = requireCapability(admins, 'canSeeWarnings')
    const chief = requireCapability(admins, 'canManageGridWorkers')
    const station = requireCapability(admins, 'canVisit')
    const me = (request: FastifyRequest) => request.admin as AdminPrincipal

    api.get(
      '/admin/grid-workers',
      {
        schema: {
          tags: ['admin: grid'],
          summary: 'Grid workers and their villages (officers: their township)',
          security,
          response: { 200: GridWorkerList, ...errors }
        },
        onRequest: board
      },
      async (request) => ({ items: await service.list(me(request)) })
    )

    api.post(
      '/admin/grid-workers',
      {
        schema: {
          tags: ['admin: grid'],
          summary: 'Appoint a registered resident (by phone) grid worker for villages; audited',
          security,
          body: AppointGridWorkerRequest,
          response: { 200: GridWorkerList, ...errors }
        },
        onRequest: chief
      },
      async (request) => ({ items: await service.appoint(request.body, me(request)) })
    )

    api.post(
      '/admin/grid-workers/:id/revoke',
      {
        schema: { tags: ['admin: grid'], summary: 'Revoke one appointment; audited', security, params: Id, response: { 204: Type.Null(), ...errors } },
        onRequest: chief
      },
      async (request, reply) => {
        await service.revoke(request.params.id, me(request))
        return reply.status(204).send()
      }
    )

    api.get(
      '/admin/publicity-figures',
      {
        schema: {
          tags: ['admin: grid'],
          summary: 'Publicity sessions and people reached, by kind and by township and month (officers: their township)',
          security,
          querystring: PublicityFiguresQuery,
          response: { 200: PublicityFigures, ...errors }
        },
        onRequest: board
      },
      async (request) => service.figures(request.query, me(request))
    )

    api.get(
      '/admin/publicity-sessions',
      {
        schema: {
          tags: ['admin: grid'],
          summary: 'Publicity sessions held in a period, newest first (up to 200), with their photos (officers: their township)',
          security,
          querystring: PublicityFiguresQuery,
          response: { 200: ConsoleSessionList, ...errors }
        },
        onRequest: board
      },
      async (request) => ({ items: await service.consoleSessions(request.query, me(request)) })
    )

    api.get(
      '/admin/publicity-photos/:id',
      {
        schema: {
          tags: ['admin: grid'],
          summary: 'A session photo (metadata already removed)',
          security,
          params: Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9_-]{16,40}$' }) }),
          response: { 401: ApiErrorBody, 403: ApiErrorBody, 404: ApiErrorBody }
        },
        onRequest: board
      },
      async (request, reply) => {
        const photo = await service.photo(request.params.id, me(request))
        // Not cached by anything in between; the type is ours (sniffed), not the uploader's.
        return reply
          .header('content-type', photo.contentType)
          .header('cache-control', 'private, no-store')
          .header('x-content-type-options', 'nosniff')
          .send(photo.bytes as unknown as never)
      }
    )

    api.post(
      '/admin/visit-tasks/:id/accompany',
      {
        schema: {
          tags: ['admin: warnings'],
          summary: 'Ask a grid worker of the village to accompany the visit (they see the village and the note, never the evidence)',
          security,
          params: Id,
          body: AccompanyRequest,
          response: { 204: Type.Null(), ...errors }
        },
        onRequest: station
      },
      async (request, reply) => {
        await service.accompany(request.params.id, request.body, me(request))
        return reply.status(204).send()
      }
    )
  }
}
