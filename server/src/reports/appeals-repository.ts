import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import { setBlocklistStatusIn, type ListKind } from '../lists/repository.ts'

export function createAppealsRepository(db: Kysely<DB>) {
  return {
    /** Stores the appeal and marks the entry appealed, together; undefined when the value is not (or no longer) listed. */
    async submit(a: { kind: ListKind; value: string; contactEnc: string; reason: string }): Promise<string | undefined> {
      return db.transaction().execute(async (trx) => {
        if (!(await setBlocklistStatusIn(trx, a.kind, a.value, 'appealed'))) return undefined
        const row = await trx
          .insertInto('appeals')
          .values({ kind: a.kind, value: a.value, contact_enc: a.contactEnc, reason: a.reason })
          .returning('id')
          .executeTakeFirstOrThrow()
        return String(row.id)
      })
    },

    async open() {
      return db.selectFrom('appeals').selectAll().where('status', '=', 'open').orderBy('created_at').execute()
    },

    /**
     * Decides an open appeal: its status, the entry's (removed, or active again) and the audit entry, in one
     * transaction; undefined when not open.
     */
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
        await setBlocklistStatusIn(trx, before.kind, before.value, status === 'removed' ? 'removed' : 'active')
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
