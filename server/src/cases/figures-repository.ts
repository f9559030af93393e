import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { DB } from '../db/schema.ts'
import type { WarningFigures } from '../../../types/cases.ts'

/**
 * The 无诈 figures over warnings and cases for a period of China days, optionally one township. One read per figure,
 * each a plain aggregate the county can check by hand against the board and the register.
 */
export function createFiguresRepository(db: Kysely<DB>) {
  return {
    async figures(from: string, to: string, township: string | null, now: Date): Promise<WarningFigures> {
      const inPeriod = sql`(w.received_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${from}::date AND ${to}::date AND (${township}::text IS NULL OR w.township_code = ${township})`
      const counts = async (column: RawBuilder<unknown>) =>
        Object.fromEntries(
          (
            await sql<{ k: string | null; n: number }>`
        SELECT ${column} AS k, count(*)::int AS n FROM warnings w WHERE ${inPeriod} GROUP BY 1`.execute(db)
          ).rows
            .filter((r) => r.k !== null)
            .map((r) => [r.k as string, r.n])
        )
      const bySource = await counts(sql`w.source`)
      const byRiskType = await counts(sql`w.risk_type`)
      const outcomes = await counts(sql`w.outcome`)
      const totals = (
        await sql<{ warnings: number; open: number; median: number | null; avoided: string | null; lost: string | null }>`
        SELECT count(*)::int AS warnings, count(*) FILTER (WHERE w.status = 'open')::int AS open,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM w.first_contact_at - w.received_at) / 60) AS median,
               sum(CASE WHEN w.outcome = 'dissuaded' THEN (w.evidence->>'amount')::bigint END)::text AS avoided,
               -- Every loss recorded, including warnings still open (已被骗 on the call, the visit still to come).
               sum(w.loss_amount)::text AS lost
        FROM warnings w WHERE ${inPeriod}`.execute(db)
      ).rows[0]!
      const level1 = (
        await sql<{ n: number; ok: number }>`
        SELECT count(*)::int AS n,
               count(*) FILTER (WHERE w.answered_at IS NOT NULL OR EXISTS (SELECT 1 FROM warning_messages m WHERE m.warning_id = w.id AND m.status = 'sent'))::int AS ok
        FROM warnings w WHERE ${inPeriod} AND w.source <> 'resident'`.execute(db)
      ).rows[0]!
      // A task counts once its limit has passed or it has a recorded attempt; it is in time when the first counted
      // attempt (a visit: one that met the resident) came before the limit.
      const tasks = (
        await sql<{ kind: 'call' | 'visit'; n: number; ok: number }>`
        SELECT k.kind, count(*)::int AS n, count(*) FILTER (WHERE first.at <= k.due_at)::int AS ok
        FROM warning_tasks k JOIN warnings w ON w.id = k.warning_id
        LEFT JOIN LATERAL (SELECT min(a.at) AS at FROM warning_attempts a WHERE a.task_id = k.id AND (k.kind = 'call' OR a.result <> 'not_met')) first ON true
        WHERE ${inPeriod} AND (k.due_at <= ${now} OR first.at IS NOT NULL)
        GROUP BY k.kind`.execute(db)
      ).rows
      const share = (ok: number, n: number) => (n === 0 ? null : ok / n)
      const call = tasks.find((t) => t.kind === 'call') ?? { n: 0, ok: 0 }
      const visit = tasks.find((t) => t.kind === 'visit') ?? { n: 0, ok: 0 }

      const casePeriod = (shift: string) => sql`c.filed_on BETWEEN (${from}::date - ${shift}::interval)::date AND (${to}::date - ${shift}::interval)::date
        AND (${township}::text IS NULL OR c.township_code = ${township})`
      const caseTotals = (
        await sql<{ n: number; loss: string; recovered: string; n_last: number; loss_last: string }>`
        SELECT (SELECT count(*)::int FROM cases c WHERE ${casePeriod('0 days')}) AS n,
               (SELECT COALESCE(sum(c.loss_amount), 0)::text FROM cases c WHERE ${casePeriod('0 days')}) AS loss,
               (SELECT COALESCE(sum(c.recovered_amount), 0)::text FROM cases c WHERE ${casePeriod('0 days')}) AS recovered,
               (SELECT count(*)::int FROM cases c WHERE ${casePeriod('1 year')}) AS n_last,
               (SELECT COALESCE(sum(c.loss_amount), 0)::text FROM cases c WHERE ${casePeriod('1 year')}) AS loss_last`.execute(db)
      ).rows[0]!
      const zero = (
        await sql<{ t: number; t_all: number; v: number; v_all: number }>`
        SELECT count(*) FILTER (WHERE a.parent_code IS NULL AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.township_code = a.code AND ${casePeriod('0 days')}))::int AS t,
               count(*) FILTER (WHERE a.parent_code IS NULL)::int AS t_all,
               count(*) FILTER (WHERE a.parent_code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.village_code = a.code AND ${casePeriod('0 days')}))::int AS v,
               count(*) FILTER (WHERE a.parent_code IS NOT NULL)::int AS v_all
        FROM areas a WHERE ${township}::text IS NULL OR a.code = ${township} OR a.parent_code = ${township}`.execute(db)
      ).rows[0]!
      const byTownship = (
        await sql<{ code: string; name: string; warnings: number; dissuaded: number; defrauded: number; cases: number; loss: string; last: number }>`
        SELECT t.code, t.name,
               (SELECT count(*)::int FROM warnings w WHERE w.township_code = t.code AND (w.received_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${from}::date AND ${to}::date) AS warnings,
               (SELECT count(*)::int FROM warnings w WHERE w.township_code = t.code AND w.outcome = 'dissuaded' AND (w.received_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${from}::date AND ${to}::date) AS dissuaded,
               (SELECT count(*)::int FROM warnings w WHERE w.township_code = t.code AND w.outcome = 'defrauded' AND (w.received_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${from}::date AND ${to}::date) AS defrauded,
               (SELECT count(*)::int FROM cases c WHERE c.township_code = t.code AND c.filed_on BETWEEN ${from}::date AND ${to}::date) AS cases,
               (SELECT COALESCE(sum(c.loss_amount), 0)::text FROM cases c WHERE c.township_code = t.code AND c.filed_on BETWEEN ${from}::date AND ${to}::date) AS loss,
               (SELECT count(*)::int FROM cases c WHERE c.township_code = t.code AND c.filed_on BETWEEN (${from}::date - interval '1 year')::date AND (${to}::date - interval '1 year')::date) AS last
        FROM areas t WHERE t.parent_code IS NULL AND (${township}::text IS NULL OR t.code = ${township}) ORDER BY t.code`.execute(db)
      ).rows
      // Warnings nobody could place (an unregistered number without a township) get a row of their own, so the rows
      // add up to the county's total.
      const unplaced =
        township !== null
          ? null
          : (
              await sql<{ warnings: number; dissuaded: number; defrauded: number }>`
        SELECT count(*)::int AS warnings, count(*) FILTER (WHERE w.outcome = 'dissuaded')::int AS dissuaded, count(*) FILTER (WHERE w.outcome = 'defrauded')::int AS defrauded
        FROM warnings w WHERE ${inPeriod} AND w.township_code IS NULL`.execute(db)
            ).rows[0]!
      const byDay = (
        await sql<{ day: string; warnings: number; dissuaded: number }>`
        SELECT (w.received_at AT TIME ZONE 'Asia/Shanghai')::date::text AS day, count(*)::int AS warnings, count(*) FILTER (WHERE w.outcome = 'dissuaded')::int AS dissuaded
        FROM warnings w WHERE ${inPeriod} GROUP BY 1 ORDER BY 1`.execute(db)
      ).rows
      const dissuaded = outcomes.dissuaded ?? 0
      const defrauded = outcomes.defrauded ?? 0
      return {
        from,
        to,
        warnings: totals.warnings,
        bySource,
        byRiskType,
        outcomes,
        open: totals.open,
        reached: {
          level1: share(level1.ok, level1.n),
          level1Count: level1.n,
          level2: share(call.ok, call.n),
          level2Count: call.n,
          level3: share(visit.ok, visit.n),
          level3Count: visit.n
        },
        medianMinutesToContact: totals.median === null ? null : Math.round(Number(totals.median) * 10) / 10,
        dissuasionRate: share(dissuaded, dissuaded + defrauded),
        lossAvoided: Number(totals.avoided ?? 0),
        lossInWarnings: Number(totals.lost ?? 0),
        cases: {
          count: caseTotals.n,
          loss: Number(caseTotals.loss),
          recovered: Number(caseTotals.recovered),
          lastYearCount: caseTotals.n_last,
          lastYearLoss: Number(caseTotals.loss_last)
        },
        zeroCase: { townships: zero.t, townshipsTotal: zero.t_all, villages: zero.v, villagesTotal: zero.v_all },
        byTownship: [
          ...byTownship.map((t) => ({
            code: t.code,
            name: t.name,
            warnings: t.warnings,
            dissuaded: t.dissuaded,
            defrauded: t.defrauded,
            cases: t.cases,
            loss: Number(t.loss),
            lastYearCases: t.last
          })),
          ...(unplaced && unplaced.warnings > 0 ? [{ code: null, name: '乡镇未知', ...unplaced, cases: 0, loss: 0, lastYearCases: 0 }] : [])
        ],
        byDay
      }
    }
  }
}
/** The warnings of a period for the report's sheet: masked numbers only. */
export function createPeriodWarningsRepository(db: Kysely<DB>) {
  return {
    async warnings(from: string, to: string, township: string | null) {
      return (
        await sql<{
          id: string
          received_at: Date
          source: string
          phone_masked: string
          township_name: string | null
          village_name: string | null
          risk_type: string
          risk_level: string
          level: number
          status: string
          outcome: string | null
          loss_amount: string | null
          amount: string | null
        }>`
        SELECT w.id::text, w.received_at, w.source, w.phone_masked, t.name AS township_name, v.name AS village_name, w.risk_type, w.risk_level, w.level,
               w.status, w.outcome, w.loss_amount::text, w.evidence->>'amount' AS amount
        FROM warnings w LEFT JOIN areas t ON t.code = w.township_code LEFT JOIN areas v ON v.code = w.village_code
        WHERE (w.received_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${from}::date AND ${to}::date AND (${township}::text IS NULL OR w.township_code = ${township})
        ORDER BY w.received_at, w.id LIMIT 100000`.execute(db)
      ).rows
    }
  }
}

export type FiguresRepository = ReturnType<typeof createFiguresRepository>
