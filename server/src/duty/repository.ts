import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import type { RiskType } from '../../../types/warning-wording.ts'

/** The duty overview's counts: one small aggregate each, scoped to a township when given. */
export function createDutyRepository(db: Kysely<DB>) {
  return {
    async counts(township: string | null, dayStart: Date, now: Date) {
      const scoped = sql`(${township}::text IS NULL OR w.township_code = ${township})`
      return (
        await sql<{
          warnings_today: number
          high_today: number
          open_calls: number
          overdue_calls: number
          open_visits: number
          overdue_visits: number
          unplaced: number
          loss_today: string | null
          stopped_today: string | null
        }>`
        SELECT
          (SELECT count(*)::int FROM warnings w WHERE w.received_at >= ${dayStart} AND ${scoped}) AS warnings_today,
          (SELECT count(*)::int FROM warnings w WHERE w.received_at >= ${dayStart} AND w.risk_level = 'high' AND ${scoped}) AS high_today,
          (SELECT count(*)::int FROM warning_tasks k JOIN warnings w ON w.id = k.warning_id WHERE k.kind = 'call' AND k.status IN ('open', 'claimed') AND ${scoped}) AS open_calls,
          (SELECT count(*)::int FROM warning_tasks k JOIN warnings w ON w.id = k.warning_id WHERE k.kind = 'call' AND k.status IN ('open', 'claimed')
             AND (k.overdue_at IS NOT NULL OR k.due_at < ${now}) AND ${scoped}) AS overdue_calls,
          (SELECT count(*)::int FROM warning_tasks k JOIN warnings w ON w.id = k.warning_id WHERE k.kind = 'visit' AND k.status IN ('open', 'claimed') AND ${scoped}) AS open_visits,
          (SELECT count(*)::int FROM warning_tasks k JOIN warnings w ON w.id = k.warning_id WHERE k.kind = 'visit' AND k.status IN ('open', 'claimed')
             AND (k.overdue_at IS NOT NULL OR k.due_at < ${now}) AND ${scoped}) AS overdue_visits,
          (SELECT count(*)::int FROM warning_tasks k JOIN warnings w ON w.id = k.warning_id WHERE k.kind = 'visit' AND k.status IN ('open', 'claimed') AND w.township_code IS NULL
             AND ${township}::text IS NULL) AS unplaced,
          (SELECT sum(a.amount)::text FROM warning_attempts a JOIN warnings w ON w.id = a.warning_id WHERE a.at >= ${dayStart} AND a.result = 'defrauded' AND ${scoped}) AS loss_today,
          (SELECT sum((w.evidence->>'amount')::bigint)::text FROM warnings w WHERE w.closed_at >= ${dayStart} AND w.outcome = 'dissuaded' AND ${scoped}) AS stopped_today
      `.execute(db)
      ).rows[0]!
    },

    async reportsWaiting(): Promise<number> {
      return (
        (await sql<{ n: number }>`SELECT count(DISTINCT (kind, value))::int AS n FROM reports WHERE status IN ('submitted', 'reviewing')`.execute(db)).rows[0]
          ?.n ?? 0
      )
    },

    /** The centre's staff who hold tasks or recorded attempts today. */
    async staffLoad(dayStart: Date) {
      return (
        await sql<{ name: string; holding: number; done_today: number }>`
        SELECT COALESCE(a.display_name, a.username) AS name,
               (SELECT count(*)::int FROM warning_tasks k WHERE k.claimed_by = a.id AND k.status = 'claimed') AS holding,
               (SELECT count(*)::int FROM warning_attempts x WHERE x.admin_id = a.id AND x.at >= ${dayStart}) AS done_today
        FROM admins a WHERE a.disabled_at IS NULL AND a.role IN ('admin', 'operator', 'officer')
          AND (EXISTS (SELECT 1 FROM warning_tasks k WHERE k.claimed_by = a.id AND k.status = 'claimed')
               OR EXISTS (SELECT 1 FROM warning_attempts x WHERE x.admin_id = a.id AND x.at >= ${dayStart}))
        ORDER BY holding DESC, done_today DESC, name`.execute(db)
      ).rows
    },

    async newestHighRisk(township: string | null) {
      return (
        await sql<{ id: string; risk_type: RiskType; phone_masked: string; received_at: Date }>`
        SELECT w.id::text, w.risk_type, w.phone_masked, w.received_at FROM warnings w
        WHERE w.status = 'open' AND w.risk_level = 'high' AND (${township}::text IS NULL OR w.township_code = ${township})
        ORDER BY w.id DESC LIMIT 5`.execute(db)
      ).rows
    }
  }
}
export type DutyRepository = ReturnType<typeof createDutyRepository>
