import { sql, type Kysely } from 'kysely'
import type { DB, ReportStatus } from '../db/schema.ts'
import type { CheckKind } from '../../../types/kinds.ts'

type Kind = CheckKind
export const MAX_SCREENSHOTS = 3

/** A report's screenshot ids that are not this resident's, already used elsewhere, or one too many. */
export class ScreenshotsRefused extends Error {}

export function createReportsRepository(db: Kysely<DB>) {
  /** Distinct residents whose report of this value is not rejected: what the check shows as REPORTED. */
  const retally = async (executor: Kysely<DB>, kind: Kind, value: string) => {
    // Messages have no tally (what the checks show as REPORTED is per number, address or account).
    if (kind === 'message') return
    await sql`
      INSERT INTO report_tallies (kind, value, reporters)
      SELECT ${kind}, ${value}, count(DISTINCT resident_id)::int FROM reports WHERE kind = ${kind} AND value = ${value} AND status <> 'rejected'
      ON CONFLICT (kind, value) DO UPDATE SET reporters = EXCLUDED.reporters, updated_at = now()`.execute(executor)
  }
  return {
    /** One report per resident and value: a second one merges into the first (newer details win). */
    async submit(r: {
      residentId: string
      kind: Kind
      value: string
      input: string
      channel: string | null
      occurredAt: Date | null
      lossAmount: number | null
      description: string | null
      screenshots: readonly string[]
      parts?: unknown
    }) {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('reports')
          .values({
            resident_id: r.residentId,
            kind: r.kind,
            value: r.value,
            group_value: r.value,
            input: r.input,
            channel: r.channel,
            occurred_at: r.occurredAt,
            loss_amount: r.lossAmount,
            description: r.description,
            parts: r.parts === undefined ? null : JSON.stringify(r.parts)
          })
          .onConflict((oc) =>
            oc.columns(['resident_id', 'kind', 'value']).doUpdateSet((eb) => ({
              input: eb.ref('excluded.input'),
              channel: sql`coalesce(excluded.channel, reports.channel)`,
              occurred_at: sql`coalesce(excluded.occurred_at, reports.occurred_at)`,
              loss_amount: sql`greatest(coalesce(excluded.loss_amount, 0), coalesce(reports.loss_amount, 0))`,
              description: sql`coalesce(excluded.description, reports.description)`,
              updated_at: new Date()
            }))
          )
          .returningAll()
          .executeTakeFirstOrThrow()
        if (r.screenshots.length > 0) {
          // Only the resident's own uploads, not yet part of another report; at most MAX_SCREENSHOTS per report.
          const attached = await trx
            .updateTable('report_screenshots')
            .set({ report_id: row.id })
            .where('id', 'in', [...r.screenshots])
            .where('resident_id', '=', r.residentId)
            .where((eb) => eb.or([eb('report_id', 'is', null), eb('report_id', '=', row.id)]))
            .executeTakeFirst()
          if (Number(attached.numUpdatedRows) !== new Set(r.screenshots).size) throw new ScreenshotsRefused('unknown screenshot')
          const total = await trx
            .selectFrom('report_screenshots')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('report_id', '=', row.id)
            .executeTakeFirstOrThrow()
          if (Number(total.n) > MAX_SCREENSHOTS) throw new ScreenshotsRefused('too many screenshots')
        }
        await retally(trx, r.kind, r.value)
        return row
      })
    },

    /** Stores an upload not yet part of a report; this resident's unused uploads older than a day are dropped. */
    async addScreenshot(s: { id: string; residentId: string; contentType: string; bytes: Buffer }, now: Date): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx
          .deleteFrom('report_screenshots')
          .where('resident_id', '=', s.residentId)
          .where('report_id', 'is', null)
          .where('created_at', '<', new Date(now.getTime() - 86_400_000))
          .execute()
        await trx
          .insertInto('report_screenshots')
          .values({ id: s.id, resident_id: s.residentId, content_type: s.contentType, bytes: s.bytes, size: s.bytes.length })
          .execute()
      })
    },

    async screenshot(id: string) {
      return db.selectFrom('report_screenshots').select(['id', 'resident_id', 'report_id', 'content_type', 'bytes']).where('id', '=', id).executeTakeFirst()
    },

    /** Screenshot ids per report, in upload order. */
    async screenshotIds(reportIds: readonly string[]): Promise<Map<string, string[]>> {
      const map = new Map<string, string[]>()
      if (reportIds.length === 0) return map
      const rows = await db
        .selectFrom('report_screenshots')
        .select(['id', 'report_id'])
        .where('report_id', 'in', [...reportIds])
        .orderBy('created_at')
        .execute()
      for (const r of rows) map.set(String(r.report_id), [...(map.get(String(r.report_id)) ?? []), r.id])
      return map
    },

    async mine(residentId: string) {
      return db.selectFrom('reports').selectAll().where('resident_id', '=', residentId).orderBy('updated_at', 'desc').execute()
    },

    /** Open reports grouped by their group value: most distinct reporters first, then the largest loss. */
    async queue(limit: number) {
      const groups = await sql<{ kind: Kind; value: string; reporters: number; total_loss: number; latest: Date; reviewing: boolean }>`
        SELECT kind, group_value AS value, count(DISTINCT resident_id)::int AS reporters, coalesce(sum(loss_amount), 0)::int AS total_loss,
               max(updated_at) AS latest, bool_or(status = 'reviewing') AS reviewing
        FROM reports WHERE status IN ('submitted', 'reviewing')
        GROUP BY kind, group_value ORDER BY reporters DESC, total_loss DESC, latest DESC LIMIT ${limit}`.execute(db)
      if (groups.rows.length === 0) return []
      const reports = await db
        .selectFrom('reports')
        .selectAll()
        .where('status', 'in', ['submitted', 'reviewing'])
        .where((eb) => eb.or(groups.rows.map((g) => eb.and([eb('kind', '=', g.kind), eb('group_value', '=', g.value)]))))
        .orderBy('created_at')
        .execute()
      return groups.rows.map((g) => ({ ...g, reports: reports.filter((r) => r.kind === g.kind && r.group_value === g.value) }))
    },

    /**
     * Sets the status of every open report in a group; returns the reports as they were (each with the value it
     * named, so a confirmation lists every value of the group).
     */
    async decide(kind: Kind, group: string, status: ReportStatus, outcome: string | null, adminId: string, action: string) {
      return db.transaction().execute(async (trx) => {
        const before = await trx
          .selectFrom('reports')
          .select(['id', 'value', 'status', 'outcome'])
          .where('kind', '=', kind)
          .where('group_value', '=', group)
          .where('status', 'in', ['submitted', 'reviewing'])
          .forUpdate()
          .execute()
        if (before.length === 0) return before
        await trx
          .updateTable('reports')
          .set({ status, outcome, updated_at: new Date() })
          .where(
            'id',
            'in',
            before.map((b) => b.id)
          )
          .execute()
        // The reporters hear of a final decision (a subscribe message when they hold a credit): a row in the outbox
        // (outbox-kind.ts), written in the decision's transaction.
        if (status === 'confirmed' || status === 'rejected') {
          await trx
            .insertInto('report_notifications')
            .columns(['report_id', 'resident_id', 'decision'])
            .expression((eb) =>
              eb
                .selectFrom('reports')
                .select(['id', 'resident_id', eb.val(status).as('decision')])
                .where(
                  'id',
                  'in',
                  before.map((b) => b.id)
                )
            )
            .onConflict((oc) => oc.columns(['report_id', 'decision']).doNothing())
            .execute()
        }
        for (const value of new Set(before.map((b) => b.value))) await retally(trx, kind, value)
        await trx
          .insertInto('audit_log')
          .values({
            admin_id: adminId,
            action,
            target: `${kind}:${group}`,
            before: JSON.stringify(before.map((b) => ({ id: String(b.id), value: b.value, status: b.status, outcome: b.outcome }))),
            after: JSON.stringify({ status, outcome, reports: before.map((b) => String(b.id)) })
          })
          .execute()
        return before
      })
    },

    /** Moves the open reports of other groups into `into`'s group (the same scam under several values); audited. */
    async merge(kind: Kind, into: string, groups: readonly string[], adminId: string): Promise<number> {
      return db.transaction().execute(async (trx) => {
        const open = (g: readonly string[]) =>
          trx
            .selectFrom('reports')
            .select(['id', 'value', 'group_value'])
            .where('kind', '=', kind)
            .where('group_value', 'in', [...g])
            .where('status', 'in', ['submitted', 'reviewing'])
            .forUpdate()
            .execute()
        if ((await open([into])).length === 0) return -1
        const moved = await open(groups.filter((g) => g !== into))
        if (moved.length === 0) return 0
        await trx
          .updateTable('reports')
          .set({ group_value: into, updated_at: new Date() })
          .where(
            'id',
            'in',
            moved.map((m) => m.id)
          )
          .execute()
        await trx
          .insertInto('audit_log')
          .values({
            admin_id: adminId,
            action: 'report.merge',
            target: `${kind}:${into}`,
            before: JSON.stringify(moved.map((m) => ({ id: String(m.id), value: m.value, group: m.group_value }))),
            after: JSON.stringify({ group: into, reports: moved.map((m) => String(m.id)) })
          })
          .execute()
        return moved.length
      })
    },

    async markReviewing(kind: Kind, group: string): Promise<void> {
      await db
        .updateTable('reports')
        .set({ status: 'reviewing', updated_at: new Date() })
        .where('kind', '=', kind)
        .where('group_value', '=', group)
        .where('status', '=', 'submitted')
        .execute()
    },

    async auditLog(limit: number) {
      return db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit).execute()
    }
  }
}
export type ReportsRepository = ReturnType<typeof createReportsRepository>

/** Claimed reporter notices with the report and the reporter's WeChat account (read in the outbox's claim transaction). */
export async function noticesToSend(trx: Kysely<DB>, ids: string[]) {
  return (
    await sql<{ id: string; resident_id: string; decision: string; input: string; outcome: string | null; updated_at: Date; openid: string | null }>`
      SELECT n.id::text, n.resident_id::text, n.decision, p.input, p.outcome, p.updated_at, r.openid
      FROM unnest(${ids}::bigint[]) AS x (id) JOIN report_notifications n ON n.id = x.id JOIN reports p ON p.id = n.report_id
      LEFT JOIN residents r ON r.id = n.resident_id AND r.deleted_at IS NULL`.execute(trx)
  ).rows
}
