import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { sql, type Kysely } from 'kysely'
import { AdminAppeal, AppealDecision, AppealReceipt, AppealRequest } from '../../../types/reports.ts'
import { ApiErrorBody } from '../../../types/error.ts'
import { requireAdmin } from '../admin/guard.ts'
import type { AdminService } from '../admin/service.ts'
import type { DB } from '../db/schema.ts'
import type { ListsRepository } from '../lists/repository.ts'
import { AppError } from '../plugins/errors.ts'
import type { FieldCipher } from '../residents/field-cipher.ts'
import { reportKey } from './service.ts'

export function createAppealsRepository(db: Kysely<DB>) {
  return {
    async listed(kind: 'phone' | 'url' | 'account', value: string): Promise<boolean> {
      return (
        (await db
          .selectFrom('blocklist_entries')
          .select('id')
          .where('kind', '=', kind)
          .where('value', '=', value)
          .where('status', '<>', 'removed')
          .executeTakeFirst()) !== undefined
      )
    },
    async add(a: { kind: 'phone' | 'url' | 'account'; value: string; contactEnc: string; reason: string }): Promise<string> {
      return String(
        (
          await db
            .insertInto('appeals')
            .values({ kind: a.kind, value: a.value, contact_enc: a.contactEnc, reason: a.reason })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id
      )
    },
    async open() {
      return db.selectFrom('appeals').selectAll().where('status', '=', 'open').orderBy('created_at').execute()
    },
    /** Decides an open appeal and writes the audit entry, in one transaction; undefined when not open. */
    async decide(id: string, status: 'removed' | 'kept', decision: string, adminId: string) {
      return db.transaction().execute(async (trx) => {
        const before = await trx
          .selectFrom('appeals')
          .select(['id', 'kind', 'value', 'status'])
          .where('id', '=', id)
          .where('status', '=', 'open')
          .forUpdate()
          .executeTakeFirst()
        if (!before) return undefined
        await trx.updateTable('appeals').set({ status, decision, decided_by: adminId, decided_at: new Date() }).where('id', '=', id).execute()
        await sql`INSERT INTO audit_log (admin_id, action, target, before, after) VALUES (${adminId}, ${`appeal.${status === 'removed' ? 'remove' : 'keep'}`},
          ${`${before.kind}:${before.value}`}, ${JSON.stringify({ appeal: String(before.id), status: before.status })}::jsonb, ${JSON.stringify({ status, decision })}::jsonb)`.execute(
          trx
        )
        return before
      })
    }
  }
}
export type AppealsRepository = ReturnType<typeof createAppealsRepository>

/** Appeals: anyone may appeal a listed value; reviewers remove the entry or keep it, audited. */
export function appealRoutes(repository: AppealsRepository, lists: ListsRepository, cipher: FieldCipher, admins: AdminService) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const api = app.withTypeProvider<TypeBoxTypeProvider>()
    api.post(
      '/appeals',
      {
        schema: {
          tags: ['reports'],
          summary: 'Appeal a blocklist entry ("my number was blocked by mistake"); the entry is marked appealed and keeps matching until decided',
          body: AppealRequest,
          response: { 200: AppealReceipt, 400: ApiErrorBody, 404: ApiErrorBody, 429: ApiErrorBody }
        },
        config: {
          rateLimit: { max: 5, timeWindow: 3_600_000 },
          validationErrorCode: 'REPORT_INVALID' as const,
          validationErrorMessage: '请填写要申诉的号码、网址或账户，联系方式和理由'
        }
      },
      async (request) => {
        const { kind, value, contact, reason } = request.body
        const key = reportKey(kind, value)
        if (!key || !(await repository.listed(kind, key))) throw new AppError(404, 'APPEAL_NOT_LISTED', '这个号码、网址或账户不在反诈黑名单上，无需申诉')
        const id = await repository.add({ kind, value: key, contactEnc: cipher.encrypt(contact.trim()), reason: reason.trim() })
        await lists.setBlocklistStatus(kind, key, 'appealed')
        return { id, status: 'open' as const, message: '申诉已收到，县反诈中心会在5个工作日内核实并联系您' }
      }
    )

    const reviewer = requireAdmin(admins, ['admin', 'reviewer'])
    api.get(
      '/admin/appeals',
      {
        schema: {
          tags: ['admin: reports'],
          summary: 'Open appeals, oldest first (contact decrypted for reviewers)',
          security: [{ bearer: [] }],
          response: { 200: Type.Object({ items: Type.Array(AdminAppeal) }), 401: ApiErrorBody, 403: ApiErrorBody }
        },
        onRequest: reviewer
      },
      async () => ({
        items: (await repository.open()).map((a) => ({
          id: String(a.id),
          kind: a.kind,
          value: a.value,
          contact: cipher.decrypt(a.contact_enc),
          reason: a.reason,
          status: a.status,
          decision: a.decision,
          createdAt: a.created_at.toISOString()
        }))
      })
    )

    api.post(
      '/admin/appeals/:id/decide',
      {
        schema: {
          tags: ['admin: reports'],
          summary: 'Remove the entry or keep it; audited',
          security: [{ bearer: [] }],
          params: Type.Object({ id: Type.String({ pattern: '^[0-9]{1,18}$' }) }),
          body: AppealDecision,
          response: { 200: Type.Object({ status: Type.String() }), 400: ApiErrorBody, 401: ApiErrorBody, 403: ApiErrorBody, 404: ApiErrorBody }
        },
        onRequest: reviewer
      },
      async (request) => {
        const remove = request.body.decision === 'remove'
        const decided = await repository.decide(request.params.id, remove ? 'removed' : 'kept', request.body.note, request.admin?.id as string)
        if (!decided) throw new AppError(404, 'NOT_FOUND', '没有这条待处理的申诉')
        await lists.setBlocklistStatus(decided.kind, decided.value, remove ? 'removed' : 'active')
        return { status: remove ? 'removed' : 'kept' }
      }
    )
  }
}
