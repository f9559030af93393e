import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { AdminArea, AdminAreaList, AreaCreate, AreaList, AreaUpdate } from '../../../types/areas.ts'
import { ApiErrorBody } from '../../../types/error.ts'
import { requireCapability } from '../admin/guard.ts'
import type { AdminPrincipal, AdminService } from '../admin/service.ts'
import { AppError } from '../plugins/errors.ts'
import type { AreaRow, AreasRepository } from './repository.ts'
import { areaTree } from './service.ts'

const Code = Type.Object({ code: Type.String({ pattern: '^[0-9]{6,15}$' }) })
const errors = { 400: ApiErrorBody, 401: ApiErrorBody, 403: ApiErrorBody, 404: ApiErrorBody, 409: ApiErrorBody }

export function areaRoutes(repo: AreasRepository) {
  return async function routes(app: FastifyInstance): Promise<void> {
    app.get(
      '/areas',
      {
        schema: { tags: ['residents'], summary: 'Townships and their villages/communities, for the registration pickers', response: { 200: AreaList } }
      },
      async () => areaTree(repo)
    )
  }
}

/**
 * 乡镇村与人口 (admin): names and 16–60 populations — coverage's denominators — edited in the console, as the CLI's
 * `qiandai areas import` does for a whole file; every change audited with before and after.
 */
export function adminAreaRoutes(repo: AreasRepository, admins: AdminService) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const api = app.withTypeProvider<TypeBoxTypeProvider>()
    const adminOnly = requireCapability(admins, 'canManageAreas')
    const security = [{ bearer: [] }]
    const tags = ['admin: areas']
    const invalid = { validationErrorCode: 'VALIDATION_FAILED' as const, validationErrorMessage: '请填写名称（最多40个字）和16–60岁人口（整数）' }
    const view = (r: AreaRow): AdminArea => ({ code: r.code, name: r.name, parentCode: r.parentCode, population16to60: r.population16to60 })

    api.get(
      '/admin/areas',
      {
        schema: { tags, summary: 'Every township and village with its 16–60 population', security, response: { 200: AdminAreaList, ...errors } },
        onRequest: adminOnly
      },
      async () => ({ items: (await repo.all()).map(view) })
    )

    api.put(
      '/admin/areas/:code',
      {
        schema: {
          tags,
          summary: 'Rename an area or set its 16–60 population; audited',
          security,
          params: Code,
          body: AreaUpdate,
          response: { 200: AdminArea, ...errors }
        },
        onRequest: adminOnly,
        config: invalid
      },
      async (request) => {
        const before = (await repo.all()).find((a) => a.code === request.params.code)
        if (!before) throw new AppError(404, 'NOT_FOUND', '没有这个乡镇或村')
        const after = { ...before, name: request.body.name.trim(), population16to60: request.body.population16to60 }
        await repo.upsert([after])
        await admins.audit(request.admin as AdminPrincipal, 'areas.update', `area:${before.name}`, {
          previousName: before.name,
          name: after.name,
          previousPopulation16to60: before.population16to60,
          population16to60: after.population16to60
        })
        return view(after)
      }
    )

    api.post(
      '/admin/areas',
      {
        schema: {
          tags,
          summary: 'Add a township or a village (with its statistical code); audited',
          security,
          body: AreaCreate,
          response: { 200: AdminArea, ...errors }
        },
        onRequest: adminOnly,
        config: invalid
      },
      async (request) => {
        const all = await repo.all()
        const { code, parentCode } = request.body
        if (all.some((a) => a.code === code)) throw new AppError(409, 'AREA_EXISTS', `代码 ${code} 已经有了`, 'code')
        if (parentCode !== null && !all.some((a) => a.code === parentCode && a.parentCode === null))
          throw new AppError(400, 'AREA_INVALID', '所属乡镇不存在', 'parentCode')
        const row = { code, name: request.body.name.trim(), parentCode, population16to60: request.body.population16to60 }
        await repo.upsert([row])
        await admins.audit(request.admin as AdminPrincipal, 'areas.create', `area:${row.name}`, { code, parentCode, population16to60: row.population16to60 })
        return view(row)
      }
    )
  }
}
