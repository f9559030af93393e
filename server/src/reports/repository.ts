import { sql, type Kysely } from 'kysely'
import type { DB, ReportStatus } from '../db/schema.ts'

type Kind = 'phone' | 'url' | 'account'

export function createReportsRepository(db: Kysely<DB>) {
  /** Distinct residents whose report of this value is not rejected: what the check shows as REPORTED. */
  const retally = async (executor: Kysely<DB>, kind: Kind, value: string) => {
    await sql`
      INSERT INTO report_tallies (kind, value, reporters)
      SELECT ${kind}, ${value}, count(DISTINCT resident_id)::int FROM reports WHERE kind = ${kind} AND value = ${value} AND status <> 'rejected'
      ON CONFLICT (kind, value) DO UPDATE SET reporters = EXCLUDED.reporters, updated_at = now()`.execute(executor)
  }
  return {
    /** One report per resident and value: a second one merges into the first (newer details win). */
    async submit(r: { residentId: string; kind: Kind; value: string; input: string; channel: string | null; occurredAt: Date | null; lossAmount: number | null; description: string | null }) {
      return db.transaction().execute(async (trx) => {
        const row = await trx.insertInto('reports').values({
          resident_id: r.residentId, kind: r.kind, value: r.value, input: r.input, channel: r.channel, occurred_at: r.occurredAt, loss_amount: r.lossAmount, description: r.description
        }).onConflict((oc) => oc.columns(['resident_id', 'kind', 'value']).doUpdateSet((eb) => ({
          input: eb.ref('excluded.input'),
          channel: sql`coalesce(excluded.channel, reports.channel)`,
          occurred_at: sql`coalesce(excluded.occurred_at, reports.occurred_at)`,
          loss_amount: sql`greatest(coalesce(excluded.loss_amount, 0), coalesce(reports.loss_amount, 0))`,
          description: sql`coalesce(excluded.description, reports.description)`,
          updated_at: new Date()
        }))).returningAll().executeTakeFirstOrThrow()
        await retally(trx, r.kind, r.value)
        return row
      })
    },

    async mine(residentId: string) {
      return db.selectFrom('reports').selectAll().where('resident_id', '=', residentId).orderBy('updated_at', 'desc').execute()
    },

    /** Open reports grouped by value: most distinct reporters first, then the largest loss. */
    async queue(limit: number) {
      const groups = await sql<{ kind: Kind; value: string; reporters: number; total_loss: number; latest: Date; reviewing: boolean }>`
        SELECT kind, value, count(DISTINCT resident_id)::int AS reporters, coalesce(sum(loss_amount), 0)::int AS total_loss,
               max(updated_at) AS latest, bool_or(status = 'reviewing') AS reviewing
        FROM reports WHERE status IN ('submitted', 'reviewing')
        GROUP BY kind, value ORDER BY reporters DESC, total_loss DESC, latest DESC LIMIT ${limit}`.execute(db)
      if (groups.rows.length === 0) return []
      const reports = await db.selectFrom('reports').selectAll().where('status', 'in', ['submitted', 'reviewing'])
        .where((eb) => eb.or(groups.rows.map((g) => eb.and([eb('kind', '=', g.kind), eb('value', '=', g.value)])))).orderBy('created_at').execute()
      return groups.rows.map((g) => ({ ...g, reports: reports.filter((r) => r.kind === g.kind && r.value === g.value) }))
    },

    /** Sets the status of every open report of a value; returns the reports as they were. */
    async decide(kind: Kind, value: string, status: ReportStatus, outcome: string | null, adminId: string, action: string) {
      return db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('reports').select(['id', 'status', 'outcome']).where('kind', '=', kind).where('value', '=', value)
          .where('status', 'in', ['submitted', 'reviewing']).forUpdate().execute()
        if (before.length === 0) return before
        await trx.updateTable('reports').set({ status, outcome, updated_at: new Date() }).where('id', 'in', before.map((b) => b.id)).execute()
        await retally(trx, kind, value)
        await trx.insertInto('audit_log').values({
          admin_id: adminId, action, target: `${kind}:${value}`,
          before: JSON.stringify(before.map((b) => ({ id: String(b.id), status: b.status, outcome: b.outcome }))),
          after: JSON.stringify({ status, outcome, reports: before.map((b) => String(b.id)) })
        }).execute()
        return before
      })
    },

    async markReviewing(kind: Kind, value: string): Promise<void> {
      await db.updateTable('reports').set({ status: 'reviewing', updated_at: new Date() }).where('kind', '=', kind).where('value', '=', value).where('status', '=', 'submitted').execute()
    },

    async auditLog(limit: number) {
      return db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit).execute()
    }
  }
}
export type ReportsRepository = ReturnType<typeof createReportsRepository>
