import { sql, type Kysely, type Selectable } from 'kysely'
import type { DB, WarningTable, WarningTaskTable } from '../db/schema.ts'
import type { FamilyRelation } from '../../../types/family-wording.ts'
import type { ResidentAnswer, RiskLevel, RiskType, TaskStatus, WarningListQuery } from '../../../types/warnings.ts'
import type { CheckKind } from '../../../types/kinds.ts'

/** Read models of the warning chain: the console's board, queues and timelines, and the resident's cards. */

type Warning = Selectable<WarningTable>
type Task = Selectable<WarningTaskTable>

/**
 * A warning as the board reads it: its own columns, typed by schema.ts (which schema-check.ts holds against the migrated
 * tables), and what the query computes.
 */
export interface WarningRow extends Pick<
  Warning,
  | 'id'
  | 'source'
  | 'ref'
  | 'phone_masked'
  | 'resident_id'
  | 'township_code'
  | 'village_code'
  | 'risk_type'
  | 'risk_level'
  | 'evidence'
  | 'note'
  | 'level'
  | 'status'
  | 'answer'
  | 'outcome'
  | 'loss_amount'
  | 'received_at'
  | 'closed_at'
> {
  township_name: string | null
  village_name: string | null
  overdue: boolean
  /** Open, with a live visit task and no township: no station sees it. */
  unplaced_visit: boolean
  answers: ResidentAnswer[]
}

/** Who is contacting a resident about a warning now (a claimed task) and their public fields. */
export interface ContactRow {
  warning_id: string
  kind: 'call' | 'visit'
  claimed_at: Date
  code_enc: string | null
  display_name: string | null
  police_number: string | null
  unit: string | null
}

/** A call or visit task with who holds it and its attempts, as the queues read it. */
export interface TaskRow extends Pick<
  Task,
  | 'id'
  | 'warning_id'
  | 'kind'
  | 'status'
  | 'due_at'
  | 'next_try_at'
  | 'overdue_at'
  | 'claimed_by'
  | 'claimed_at'
  | 'code_enc'
  | 'accompany_resident_id'
  | 'accompany_note'
  | 'accompany_requested_at'
> {
  claimed_by_name: string | null
  attempts: number
  accompany_name_enc: string | null
  first_unreachable_at: Date | null
}

const WARNING_COLUMNS = sql`w.id::text, w.source, w.ref, w.phone_masked, w.resident_id::text, w.township_code, w.village_code, t.name AS township_name,
  v.name AS village_name, w.risk_type, w.risk_level, w.evidence, w.note, w.level, w.status, w.answer, w.outcome, w.loss_amount::text,
  EXISTS (SELECT 1 FROM warning_tasks k WHERE k.warning_id = w.id AND k.overdue_at IS NOT NULL AND k.status IN ('open', 'claimed')) AS overdue,
  ARRAY(SELECT e.detail->>'answer' FROM warning_events e WHERE e.warning_id = w.id AND e.type = 'answered' ORDER BY e.id) AS answers,
  (w.township_code IS NULL AND EXISTS (SELECT 1 FROM warning_tasks k WHERE k.warning_id = w.id AND k.kind = 'visit' AND k.status IN ('open', 'claimed'))) AS unplaced_visit,
  w.received_at, w.closed_at`
const WARNING_FROM = sql`warnings w LEFT JOIN areas t ON t.code = w.township_code LEFT JOIN areas v ON v.code = w.village_code`
const TASK_COLUMNS = sql`k.id::text, k.warning_id::text, k.kind, k.status, k.due_at, k.next_try_at, k.overdue_at, k.claimed_by::text,
  COALESCE(a.display_name, a.username) AS claimed_by_name, k.claimed_at, k.code_enc,
  (SELECT count(*)::int FROM warning_attempts x WHERE x.task_id = k.id) AS attempts,
  k.accompany_resident_id::text, (SELECT g.name_enc FROM residents g WHERE g.id = k.accompany_resident_id) AS accompany_name_enc,
  k.accompany_note, k.accompany_requested_at,
  (SELECT min(x.at) FROM warning_attempts x WHERE x.task_id = k.id AND x.result = 'unreachable') AS first_unreachable_at`

export function createBoardRepository(db: Kysely<DB>) {
  return {
    /** `phoneIndex`: the blind index of a full number searched for (its own warnings and its wards'). */
    async list(q: WarningListQuery, township: string | null, phoneIndex: string | null = null): Promise<WarningRow[]> {
      const limit = q.limit ?? 50
      const conditions = [sql`true`]
      if (q.status) conditions.push(sql`w.status = ${q.status}`)
      if (q.level) conditions.push(sql`w.level = ${q.level}`)
      if (q.source) conditions.push(sql`w.source = ${q.source}`)
      if (q.riskType) conditions.push(sql`w.risk_type = ${q.riskType}`)
      const area = township ?? q.townshipCode
      if (area) conditions.push(sql`w.township_code = ${area}`)
      if (q.overdue !== undefined) {
        conditions.push(
          sql`${q.overdue ? sql`` : sql`NOT`} EXISTS (SELECT 1 FROM warning_tasks k WHERE k.warning_id = w.id AND k.overdue_at IS NOT NULL AND k.status IN ('open', 'claimed'))`
        )
      }
      if (phoneIndex) {
        // The person's own number, or a guardian ringing about a family member they are linked to.
        conditions.push(sql`(w.phone_index = ${phoneIndex} OR w.resident_id IN (
          SELECT l.ward_id FROM family_links l JOIN residents g ON g.id = l.guardian_id
          WHERE g.phone_index = ${phoneIndex} AND g.deleted_at IS NULL AND l.removed_at IS NULL))`)
      } else if (q.phone) {
        // Last digits: the masked number keeps the last four.
        conditions.push(sql`right(w.phone_masked, 4) = ${q.phone.slice(-4)}`)
      }
      const sort = q.sort ?? 'newest'
      if (q.before && sort === 'newest') conditions.push(sql`w.id < ${q.before}::bigint`)
      const order =
        sort === 'amount'
          ? sql`COALESCE(w.loss_amount, (w.evidence->>'amount')::bigint, 0) DESC, w.id DESC`
          : sort === 'risk'
            ? sql`(w.risk_level = 'high') DESC, w.level DESC, w.received_at, w.id`
            : sql`w.id DESC`
      const rows = await sql<WarningRow>`SELECT ${WARNING_COLUMNS} FROM ${WARNING_FROM}
        WHERE ${sql.join(conditions, sql` AND `)} ORDER BY ${order} LIMIT ${limit}`.execute(db)
      return rows.rows
    },

    async warning(id: string): Promise<WarningRow | null> {
      return (await sql<WarningRow>`SELECT ${WARNING_COLUMNS} FROM ${WARNING_FROM} WHERE w.id = ${id}::bigint`.execute(db)).rows[0] ?? null
    },

    async warnings(ids: string[]): Promise<Map<string, WarningRow>> {
      if (ids.length === 0) return new Map()
      const rows = await sql<WarningRow>`SELECT ${WARNING_COLUMNS} FROM ${WARNING_FROM} WHERE w.id = ANY(${ids}::bigint[])`.execute(db)
      return new Map(rows.rows.map((r) => [r.id, r]))
    },

    /** Open warnings whose visit no station can see (no township), oldest first. */
    async unplacedVisits(limit = 50): Promise<WarningRow[]> {
      return (
        await sql<WarningRow>`SELECT ${WARNING_COLUMNS} FROM ${WARNING_FROM}
        WHERE w.status = 'open' AND w.township_code IS NULL
          AND EXISTS (SELECT 1 FROM warning_tasks k WHERE k.warning_id = w.id AND k.kind = 'visit' AND k.status IN ('open', 'claimed'))
        ORDER BY w.id LIMIT ${limit}`.execute(db)
      ).rows
    },

    /**
     * Staff a task may be handed to: active, with a police number (residents verify them by it); calls — the centre
     * (admin, operator); visits — the township's officers and the admins. With how many live tasks each holds now.
     */
    async staffWhoMayHold(kind: 'call' | 'visit', township: string | null) {
      return (
        await sql<{ id: string; name: string; role: 'admin' | 'operator' | 'officer'; unit: string | null; holding: number }>`
        SELECT a.id::text, COALESCE(a.display_name, a.username) AS name, a.role, a.unit,
               (SELECT count(*)::int FROM warning_tasks k WHERE k.claimed_by = a.id AND k.status = 'claimed') AS holding
        FROM admins a
        WHERE a.disabled_at IS NULL AND a.police_number IS NOT NULL
          AND (a.role = 'admin' OR ${kind} = 'call' AND a.role = 'operator' OR ${kind} = 'visit' AND a.role = 'officer' AND a.township_code = ${township})
        ORDER BY a.role <> 'admin', name`.execute(db)
      ).rows
    },

    /** The registered people these warnings are about: name (encrypted) and birth date. */
    async peopleOf(warningIds: string[]) {
      if (warningIds.length === 0) return new Map<string, { name_enc: string | null; birth_date: string | null }>()
      const rows = (
        await sql<{ warning_id: string; name_enc: string | null; birth_date: string | null }>`
        SELECT w.id::text AS warning_id, r.name_enc, r.birth_date::text FROM warnings w JOIN residents r ON r.id = w.resident_id AND r.deleted_at IS NULL
        WHERE w.id = ANY(${warningIds}::bigint[])`.execute(db)
      ).rows
      return new Map(rows.map((r) => [r.warning_id, r]))
    },

    /** Every recorded call and visit attempt of these warnings, oldest first, with who recorded it. */
    async attemptsOf(warningIds: string[]) {
      if (warningIds.length === 0) return []
      return (
        await sql<{ warning_id: string; at: Date; kind: 'call' | 'visit'; result: string; amount: string | null; note: string | null; actor: string }>`
        SELECT a.warning_id::text, a.at, k.kind, a.result, a.amount::text, a.note, COALESCE(s.display_name, s.username) AS actor
        FROM warning_attempts a JOIN warning_tasks k ON k.id = a.task_id JOIN admins s ON s.id = a.admin_id
        WHERE a.warning_id = ANY(${warningIds}::bigint[]) ORDER BY a.at, a.id`.execute(db)
      ).rows
    },

    /** Who added a warning by hand (its note is theirs), by warning. */
    async creatorsOf(warningIds: string[]) {
      if (warningIds.length === 0) return new Map<string, { created_at: Date; actor: string | null }>()
      const rows = (
        await sql<{ id: string; created_at: Date; actor: string | null }>`
        SELECT w.id::text, w.created_at, COALESCE(a.display_name, a.username) AS actor FROM warnings w LEFT JOIN admins a ON a.id = w.created_by
        WHERE w.id = ANY(${warningIds}::bigint[])`.execute(db)
      ).rows
      return new Map(rows.map((r) => [r.id, r]))
    },

    /** Everything the county holds on the person (for an audited reveal). */
    async personInFull(warningId: string) {
      return (
        (
          await sql<{
            phone_enc: string
            name_enc: string | null
            birth_date: string | null
            id_number_enc: string | null
            township_name: string | null
            village_name: string | null
          }>`
        SELECT w.phone_enc, r.name_enc, r.birth_date::text, r.id_number_enc, t.name AS township_name, v.name AS village_name
        FROM warnings w LEFT JOIN residents r ON r.id = w.resident_id AND r.deleted_at IS NULL
        LEFT JOIN areas t ON t.code = w.township_code LEFT JOIN areas v ON v.code = w.village_code
        WHERE w.id = ${warningId}::bigint`.execute(db)
        ).rows[0] ?? null
      )
    },

    async audit(adminId: string, action: string, target: string, after: Record<string, unknown>): Promise<void> {
      await db
        .insertInto('audit_log')
        .values({ admin_id: adminId, action, target, before: null, after: JSON.stringify(after) })
        .execute()
    },

    async phoneEnc(warningId: string): Promise<string | null> {
      return (await db.selectFrom('warnings').select('phone_enc').where('id', '=', warningId).executeTakeFirst())?.phone_enc ?? null
    },

    async tasksOf(warningId: string): Promise<TaskRow[]> {
      return (
        await sql<TaskRow>`SELECT ${TASK_COLUMNS} FROM warning_tasks k LEFT JOIN admins a ON a.id = k.claimed_by
        WHERE k.warning_id = ${warningId}::bigint ORDER BY k.id`.execute(db)
      ).rows
    },

    async task(taskId: string): Promise<TaskRow | null> {
      return (
        (await sql<TaskRow>`SELECT ${TASK_COLUMNS} FROM warning_tasks k LEFT JOIN admins a ON a.id = k.claimed_by WHERE k.id = ${taskId}::bigint`.execute(db))
          .rows[0] ?? null
      )
    },

    /**
     * A queue: live tasks of `kind`, those held by `adminId` first, then oldest-due first. `township` limits an
     * officer to their own; tasks waiting for a retry show after the due ones.
     */
    async queue(kind: 'call' | 'visit', adminId: string, township: string | null, now: Date, limit = 100): Promise<TaskRow[]> {
      return (
        await sql<TaskRow>`SELECT ${TASK_COLUMNS} FROM warning_tasks k LEFT JOIN admins a ON a.id = k.claimed_by
        WHERE k.kind = ${kind} AND k.status IN ('open', 'claimed') AND (${township}::text IS NULL OR k.township_code = ${township})
        ORDER BY (k.claimed_by = ${adminId}::bigint) DESC NULLS LAST, (k.township_code IS NULL) DESC, (k.next_try_at > ${now}), k.due_at, k.id
        LIMIT ${limit}`.execute(db)
      ).rows
    },

    /** Other live tasks of `kind` for the same phones as these warnings (one person, several warnings). */
    async relatedTasks(kind: 'call' | 'visit', warningIds: string[]) {
      if (warningIds.length === 0) return []
      return (
        await sql<{ of_warning: string; task_id: string; warning_id: string; risk_type: RiskType; status: TaskStatus; township_code: string | null }>`
        SELECT w.id::text AS of_warning, k.id::text AS task_id, o.id::text AS warning_id, o.risk_type, k.status, k.township_code
        FROM warnings w JOIN warnings o ON o.phone_index = w.phone_index AND o.id <> w.id AND o.status = 'open'
        JOIN warning_tasks k ON k.warning_id = o.id AND k.kind = ${kind} AND k.status IN ('open', 'claimed')
        WHERE w.id = ANY(${warningIds}::bigint[]) ORDER BY k.due_at, k.id`.execute(db)
      ).rows
    },

    async timeline(warningId: string) {
      // The arrival, the level-1 messages and a call opened on arrival are on the timeline from their own rows, not
      // as events: a 10,000-line feed call and its messages write 23,000 fewer rows.
      return (
        await sql<{ at: Date; type: string; by_resident: boolean; actor: string | null; detail: Record<string, unknown> | null }>`
        SELECT at, type, by_resident, actor, detail FROM (
          SELECT w.created_at AS at, 'received' AS type, w.source = 'resident' AS by_resident, COALESCE(a.display_name, a.username) AS actor,
                 jsonb_build_object('source', w.source) AS detail, 0 AS part, 0::bigint AS id
          FROM warnings w LEFT JOIN admins a ON a.id = w.created_by WHERE w.id = ${warningId}::bigint
          UNION ALL
          SELECT m.finished_at, CASE WHEN m.status = 'sent' THEN 'level1_sent' ELSE 'level1_failed' END, false, NULL,
                 jsonb_build_object('channel', m.channel, 'reason', m.reason), 1, m.id
          FROM warning_messages m
          -- One row per message: a WeChat message that fell back to SMS became that SMS (its reason says why).
          WHERE m.warning_id = ${warningId}::bigint AND m.finished_at IS NOT NULL
          UNION ALL
          SELECT e.at, e.type, e.by_resident, COALESCE(a.display_name, a.username), e.detail, 2, e.id
          FROM warning_events e LEFT JOIN admins a ON a.id = e.admin_id WHERE e.warning_id = ${warningId}::bigint
          UNION ALL
          -- A call task opened on arrival (high risk) is on the timeline from its own row, right after the arrival;
          -- tasks opened later have the event of the transition that opened them.
          SELECT k.created_at, k.kind || '_task', false, NULL, NULL, 0, 1
          FROM warning_tasks k WHERE k.warning_id = ${warningId}::bigint
            AND NOT EXISTS (SELECT 1 FROM warning_events e WHERE e.warning_id = k.warning_id AND e.type = k.kind || '_task')
        ) t ORDER BY at, part, id`.execute(db)
      ).rows
    },

    /** A resident's open warnings: matched to them, or sent to the phone they have since verified. */
    async openFor(residentId: string) {
      return (
        await sql<{ id: string; risk_type: RiskType; risk_level: RiskLevel; evidence: unknown; answer: ResidentAnswer | null; received_at: Date }>`
        SELECT w.id::text, w.risk_type, w.risk_level, w.evidence, w.answer, w.received_at
        FROM warnings w
        WHERE w.status = 'open' AND (w.resident_id = ${residentId}::bigint
          OR w.phone_index = (SELECT r.phone_index FROM residents r WHERE r.id = ${residentId}::bigint AND r.deleted_at IS NULL))
        ORDER BY w.id DESC LIMIT 10`.execute(db)
      ).rows
    },

    /** Whoever is contacting the resident about these warnings now (claimed tasks) with their public fields. */
    async contactsFor(warningIds: string[]) {
      if (warningIds.length === 0) return []
      return (
        await sql<ContactRow>`
        SELECT k.warning_id::text, k.kind, k.claimed_at, k.code_enc, a.display_name, a.police_number, a.unit
        FROM warning_tasks k JOIN admins a ON a.id = k.claimed_by
        WHERE k.warning_id = ANY(${warningIds}::bigint[]) AND k.status = 'claimed'`.execute(db)
      ).rows
    },

    async callerChecksSince(residentId: string, since: Date): Promise<number> {
      const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM caller_checks WHERE resident_id = ${residentId}::bigint AND at >= ${since}`.execute(db)
      return r.rows[0]?.n ?? 0
    },

    async recordCallerCheck(residentId: string, genuine: boolean, at: Date): Promise<void> {
      await db.insertInto('caller_checks').values({ resident_id: residentId, genuine, at }).execute()
    },

    /** Confirmed reports with a loss whose reporter has a verified phone: each opens a warning. */
    async reportsWithLoss(ids: string[]) {
      if (ids.length === 0) return []
      return (
        await sql<{
          id: string
          kind: CheckKind
          value: string
          loss_amount: number
          occurred_at: Date | null
          phone_enc: string
          township_code: string | null
          input: string
        }>`
        SELECT p.id::text, p.kind, p.value, p.input, p.loss_amount, p.occurred_at, r.phone_enc, r.township_code
        FROM reports p JOIN residents r ON r.id = p.resident_id
        WHERE p.id = ANY(${ids}::bigint[]) AND p.status = 'confirmed' AND p.loss_amount > 0
          AND r.phone_enc IS NOT NULL AND r.deleted_at IS NULL`.execute(db)
      ).rows
    },

    /** The guardian's copies of warnings still open, newest first. */
    async openAlerts(guardianId: string) {
      return (
        await sql<{
          id: string
          warning_id: string
          ward_name_enc: string | null
          ward_phone_enc: string | null
          relation: FamilyRelation | null
          risk_type: RiskType
          received_at: Date
          answer: 'contacted_safe' | null
          answered_at: Date | null
        }>`
        SELECT a.id::text, a.warning_id::text, r.name_enc AS ward_name_enc, r.phone_enc AS ward_phone_enc, l.relation, w.risk_type, w.received_at, a.answer, a.answered_at
        FROM guardian_alerts a
        JOIN warnings w ON w.id = a.warning_id AND w.status = 'open'
        JOIN residents r ON r.id = a.ward_id AND r.deleted_at IS NULL
        -- Only while the link stands: removing a link ends the copies too.
        JOIN family_links l ON l.guardian_id = a.guardian_id AND l.ward_id = a.ward_id AND l.removed_at IS NULL
        WHERE a.guardian_id = ${guardianId}::bigint
        ORDER BY a.id DESC LIMIT 10`.execute(db)
      ).rows
    },

    /** Records the guardian's answer once; returns the warning's id, or null when it is not theirs (or no longer open). */
    async answerAlert(alertId: string, guardianId: string, now: Date): Promise<{ warningId: string; first: boolean; relation: FamilyRelation | null } | null> {
      const row = (
        await sql<{ warning_id: string; answered_at: Date | null; relation: FamilyRelation | null }>`
        SELECT a.warning_id::text, a.answered_at, l.relation FROM guardian_alerts a
        JOIN warnings w ON w.id = a.warning_id AND w.status = 'open'
        JOIN family_links l ON l.guardian_id = a.guardian_id AND l.ward_id = a.ward_id AND l.removed_at IS NULL
        WHERE a.id = ${alertId}::bigint AND a.guardian_id = ${guardianId}::bigint`.execute(db)
      ).rows[0]
      if (!row) return null
      if (row.answered_at) return { warningId: row.warning_id, first: false, relation: row.relation }
      const r =
        await sql`UPDATE guardian_alerts SET answer = 'contacted_safe', answered_at = ${now} WHERE id = ${alertId}::bigint AND answered_at IS NULL`.execute(db)
      return { warningId: row.warning_id, first: Number(r.numAffectedRows ?? 0n) > 0, relation: row.relation }
    },

    /** The guarded person's family for the county's call task: who to call second, and whether they already did. */
    async guardiansOf(warningIds: string[]) {
      if (warningIds.length === 0) return []
      return (
        await sql<{
          warning_id: string
          name_enc: string | null
          phone_enc: string | null
          relation: FamilyRelation | null
          answer: 'contacted_safe' | null
          answered_at: Date | null
        }>`
        SELECT w.id::text AS warning_id, g.name_enc, g.phone_enc, l.relation, a.answer, a.answered_at
        FROM warnings w
        JOIN family_links l ON l.ward_id = w.resident_id AND l.removed_at IS NULL
        JOIN residents g ON g.id = l.guardian_id AND g.deleted_at IS NULL
        LEFT JOIN guardian_alerts a ON a.warning_id = w.id AND a.guardian_id = l.guardian_id
        WHERE w.id = ANY(${warningIds}::bigint[])
        ORDER BY w.id, l.id`.execute(db)
      ).rows
    },

    /** The grid workers of these villages (who a station may ask to accompany a visit). */
    async gridWorkersOf(villageCodes: string[]) {
      if (villageCodes.length === 0) return []
      return (
        await sql<{ village_code: string; resident_id: string; name_enc: string | null }>`
        SELECT g.village_code, g.resident_id::text, r.name_enc FROM grid_workers g JOIN residents r ON r.id = g.resident_id AND r.deleted_at IS NULL
        WHERE g.village_code = ANY(${villageCodes}::text[]) AND g.revoked_at IS NULL ORDER BY g.id`.execute(db)
      ).rows
    },

    async residentPhone(residentId: string): Promise<{
      phone_enc: string | null
      phone_index: string | null
      township_code: string | null
      village_code: string | null
      openid: string | null
    } | null> {
      return (
        (await db
          .selectFrom('residents')
          .select(['phone_enc', 'phone_index', 'township_code', 'village_code', 'openid'])
          .where('id', '=', residentId)
          .where('deleted_at', 'is', null)
          .executeTakeFirst()) ?? null
      )
    }
  }
}
export type BoardRepository = ReturnType<typeof createBoardRepository>
