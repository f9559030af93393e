import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '../db/schema.ts'
import type { CallResult, RiskLevel, RiskType, TaskStatus, VisitResult, WarningOutcome, WarningSource } from '../../../types/warnings.ts'
import type { ChainEvent, ChainState, Effect, TimerKind } from './chain.ts'
import { applyEffects, type EffectWriter } from './effects.ts'

/**
 * Locking rule: every change to a warning's tasks, timers and outcome happens in a transaction that holds the
 * warning's row (FOR NO KEY UPDATE, so inserts referencing it are not blocked), taken before any task row. One
 * order everywhere means no deadlocks between operators, officers, residents and the timer workers.
 */

/** A warning as it arrives, checked and encrypted, with the effects of its arrival (chain 'received'). */
export interface ArrivingWarning {
  ref: string
  phoneEnc: string
  phoneIndex: string
  phoneMasked: string
  /** The sender's township; a registered resident's own township wins. */
  townshipHint: string | null
  riskType: RiskType
  riskLevel: RiskLevel
  /** JSON text or null. */
  evidence: string | null
  note: string | null
  receivedAt: Date
  createdBy: string | null
  /** The level its arrival puts it at (2 when a call starts at once). */
  level: number
  sendLevel1: boolean
  timers: { kind: TimerKind; at: Date }[]
  /** Set when a call task opens at once. */
  callDueAt: Date | null
}

export interface LockedWarning {
  id: string
  residentId: string | null
  townshipCode: string | null
  riskType: RiskType
  state: ChainState
  callTaskId: string | null
  visitTaskId: string | null
  callClaimedBy: string | null
  visitClaimedBy: string | null
}

export type Db = Kysely<DB> | Transaction<DB>

export function createWarningsRepository(db: Kysely<DB>) {
  const repo = {
    db,
    transaction<T>(work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
      return db.transaction().execute(work)
    },

    async townshipCodes(): Promise<Set<string>> {
      return new Set((await db.selectFrom('areas').select('code').where('parent_code', 'is', null).execute()).map((a) => a.code))
    },

    /**
     * Stores a batch of arriving warnings in one statement (so one round trip, atomic on its own): each is matched
     * to a registered resident through the phone's blind index (their township and village win over the sender's
     * hint; WeChat decides the level-1 channel), inserted unless its source + ref was seen before, and the effects
     * of its arrival land with it — the level-1 message, its guardians' copies, the timers, an immediate call task. Returns the new ones by ref; the others are duplicates of earlier sends.
     */
    async storeArrivals(source: WarningSource, rows: ArrivingWarning[], now: Date): Promise<Map<string, { id: string; matched: boolean }>> {
      if (rows.length === 0) return new Map()
      const col = <K extends keyof ArrivingWarning>(k: K) => rows.map((r) => r[k])
      const timers = rows.flatMap((r) => r.timers.map((t) => ({ ref: r.ref, ...t })))
      const calls = rows.flatMap((r) => (r.callDueAt ? [{ ref: r.ref, due: r.callDueAt }] : []))
      const stored = await sql<{ id: string; ref: string; matched: boolean }>`
        WITH x AS (
          SELECT x.*, r.id AS resident_id, COALESCE(r.township_code, x.township_hint) AS township_code, r.village_code, r.openid IS NOT NULL AS wechat
          FROM unnest(${col('ref')}::text[], ${col('phoneEnc')}::text[], ${col('phoneIndex')}::text[], ${col('phoneMasked')}::text[],
                      ${col('townshipHint')}::text[], ${col('riskType')}::text[], ${col('riskLevel')}::text[], ${col('evidence')}::text[],
                      ${col('note')}::text[], ${col('receivedAt')}::timestamptz[], ${col('createdBy')}::bigint[], ${col('level')}::smallint[],
                      ${col('sendLevel1')}::boolean[])
               AS x(ref, phone_enc, phone_index, phone_masked, township_hint, risk_type, risk_level, evidence, note, received_at,
                    created_by, level, send_level1)
          -- One probe of the unique phone index per line, whatever the planner thinks of the residents table's size.
          LEFT JOIN LATERAL (SELECT id, township_code, village_code, openid FROM residents
                             WHERE phone_index = x.phone_index AND deleted_at IS NULL LIMIT 1) r ON true
        ), ins AS (
          INSERT INTO warnings (source, ref, phone_enc, phone_index, phone_masked, resident_id, township_code, village_code,
                                risk_type, risk_level, evidence, note, received_at, created_at, created_by, level)
          SELECT ${source}, x.ref, x.phone_enc, x.phone_index, x.phone_masked, x.resident_id, x.township_code, x.village_code,
                 x.risk_type, x.risk_level, x.evidence::jsonb, x.note, x.received_at, ${now}::timestamptz, x.created_by, x.level
          FROM x
          ON CONFLICT (source, ref) WHERE ref IS NOT NULL DO NOTHING
          RETURNING id, ref, resident_id, township_code
        ), guardians AS (
          -- A copy for each family guardian of a matched resident, once per warning (docs/family.md).
          INSERT INTO guardian_alerts (warning_id, guardian_id, ward_id, channel, created_at, next_attempt_at)
          SELECT ins.id, l.guardian_id, l.ward_id, CASE WHEN g.openid IS NOT NULL THEN 'wechat' ELSE 'sms' END, ${now}::timestamptz, ${now}::timestamptz
          FROM ins JOIN family_links l ON l.ward_id = ins.resident_id AND l.removed_at IS NULL
          JOIN residents g ON g.id = l.guardian_id AND g.deleted_at IS NULL
        ), messages AS (
          INSERT INTO warning_messages (warning_id, channel, created_at, next_attempt_at)
          SELECT ins.id, CASE WHEN x.wechat THEN 'wechat' ELSE 'sms' END, ${now}::timestamptz, ${now}::timestamptz
          FROM ins JOIN x ON x.ref = ins.ref WHERE x.send_level1
        ), timers AS (
          INSERT INTO warning_timers (warning_id, kind, due_at)
          SELECT ins.id, t.kind, t.due_at
          FROM unnest(${timers.map((t) => t.ref)}::text[], ${timers.map((t) => t.kind)}::text[], ${timers.map((t) => t.at)}::timestamptz[]) AS t(ref, kind, due_at)
          JOIN ins ON ins.ref = t.ref
        ), calls AS (
          INSERT INTO warning_tasks (warning_id, kind, township_code, created_at, due_at, next_try_at)
          SELECT ins.id, 'call', ins.township_code, ${now}::timestamptz, c.due_at, ${now}::timestamptz
          FROM unnest(${calls.map((c) => c.ref)}::text[], ${calls.map((c) => c.due)}::timestamptz[]) AS c(ref, due_at)
          JOIN ins ON ins.ref = c.ref
        )
        SELECT id::text, ref, resident_id IS NOT NULL AS matched FROM ins`.execute(db)
      return new Map(stored.rows.map((r) => [r.ref, { id: r.id, matched: r.matched }]))
    },

    /** The ids of earlier warnings with these refs (for a re-send's per-line answer). */
    async existingIds(source: WarningSource, refs: string[]): Promise<Map<string, string>> {
      if (refs.length === 0) return new Map()
      const rows = await sql<{ id: string; ref: string }>`SELECT id::text, ref FROM warnings WHERE source = ${source} AND ref = ANY(${refs}::text[])`.execute(
        db
      )
      return new Map(rows.rows.map((r) => [r.ref, r.id]))
    },

    /** Locks a warning (see the locking rule) and reads its chain state. */
    async lock(trx: Transaction<DB>, id: string): Promise<LockedWarning | null> {
      const w = (
        await sql<{
          id: string
          source: WarningSource
          status: 'open' | 'closed'
          level: number
          risk_level: RiskLevel
          risk_type: RiskType
          answer: ChainState['answer']
          resident_id: string | null
          township_code: string | null
        }>`
        SELECT id::text, source, status, level, risk_level, risk_type, answer, resident_id::text, township_code
        FROM warnings WHERE id = ${id}::bigint FOR NO KEY UPDATE`.execute(trx)
      ).rows[0]
      if (!w) return null
      const tasks = (
        await sql<{ id: string; kind: 'call' | 'visit'; status: TaskStatus; claimed_by: string | null; attempts: number; first_unreachable: Date | null }>`
        SELECT t.id::text, t.kind, t.status, t.claimed_by::text,
               (SELECT count(*)::int FROM warning_attempts a WHERE a.task_id = t.id) AS attempts,
               (SELECT min(a.at) FROM warning_attempts a WHERE a.task_id = t.id AND a.result = 'unreachable') AS first_unreachable
        FROM warning_tasks t WHERE t.warning_id = ${id}::bigint`.execute(trx)
      ).rows
      const call = tasks.find((t) => t.kind === 'call')
      const visit = tasks.find((t) => t.kind === 'visit')
      return {
        id: w.id,
        residentId: w.resident_id,
        townshipCode: w.township_code,
        riskType: w.risk_type,
        callTaskId: call?.id ?? null,
        visitTaskId: visit?.id ?? null,
        callClaimedBy: call?.claimed_by ?? null,
        visitClaimedBy: visit?.claimed_by ?? null,
        state: {
          source: w.source,
          status: w.status,
          level: w.level,
          riskLevel: w.risk_level,
          answer: w.answer,
          call: call ? { status: call.status, attempts: call.attempts, firstUnreachableAt: call.first_unreachable } : null,
          visit: visit ? { status: visit.status, attempts: visit.attempts } : null
        }
      }
    },

    /**
     * One transition of a locked warning: its timeline event, then its effects through the chain's interpreter (the
     * tasks a transition opens and an automatic close are timeline events too). Every timeline event of the chain is
     * written here, in the repository.
     */
    async recordTransition(
      trx: Transaction<DB>,
      w: LockedWarning,
      change: { event: ChainEvent; effects: readonly Effect[]; by: { adminId?: string | null; resident?: boolean }; detail: Record<string, unknown> },
      now: Date
    ): Promise<void> {
      await repo.event(trx, w.id, change.event.type, now, change.by, change.detail)
      await applyEffects(
        change.effects,
        lockedWriter(trx, w, now, change.event.type === 'closed_by_staff', (type, detail) => repo.event(trx, w.id, type, now, {}, detail))
      )
    },

    async setAnswer(trx: Transaction<DB>, id: string, answer: NonNullable<ChainState['answer']>, now: Date): Promise<void> {
      await sql`UPDATE warnings SET answer = ${answer}, answered_at = ${now} WHERE id = ${id}::bigint`.execute(trx)
    },

    async event(
      trx: Db,
      warningId: string,
      type: string,
      now: Date,
      by: { adminId?: string | null; resident?: boolean },
      detail: Record<string, unknown> | null
    ): Promise<void> {
      await trx
        .insertInto('warning_events')
        .values({
          warning_id: warningId,
          at: now,
          type,
          admin_id: by.adminId ?? null,
          by_resident: by.resident ?? false,
          detail: detail ? JSON.stringify(detail) : null
        })
        .execute()
    },

    async attempt(
      trx: Transaction<DB>,
      a: { taskId: string; warningId: string; adminId: string; result: CallResult | VisitResult; amount: number | null; note: string | null; at: Date }
    ): Promise<void> {
      await trx
        .insertInto('warning_attempts')
        .values({
          task_id: a.taskId,
          warning_id: a.warningId,
          admin_id: a.adminId,
          result: a.result,
          amount: a.amount,
          note: a.note,
          at: a.at
        })
        .execute()
    },

    /** Due timers: locks the warning of the oldest one nobody else holds; null when none is due. */
    async lockDueTimer(trx: Transaction<DB>, now: Date): Promise<{ id: string; warningId: string; kind: TimerKind; live: boolean } | null> {
      const picked = (
        await sql<{ id: string; warning_id: string; kind: TimerKind }>`
        SELECT t.id::text, t.warning_id::text, t.kind FROM warning_timers t JOIN warnings w ON w.id = t.warning_id
        WHERE t.fired_at IS NULL AND t.cancelled_at IS NULL AND t.due_at <= ${now}
        ORDER BY t.due_at, t.id LIMIT 1
        FOR NO KEY UPDATE OF w SKIP LOCKED`.execute(trx)
      ).rows[0]
      if (!picked) return null
      // Re-read under the warning's lock: a transition that held it may have fired or cancelled this timer.
      const live = (
        await sql<{ ok: boolean }>`SELECT (fired_at IS NULL AND cancelled_at IS NULL) AS ok FROM warning_timers WHERE id = ${picked.id}::bigint`.execute(trx)
      ).rows[0]
      return { id: picked.id, warningId: picked.warning_id, kind: picked.kind, live: live?.ok === true }
    },

    async markFired(trx: Transaction<DB>, timerId: string, now: Date): Promise<void> {
      await sql`UPDATE warning_timers SET fired_at = ${now} WHERE id = ${timerId}::bigint AND fired_at IS NULL`.execute(trx)
    },

    async nextTimerDue(): Promise<Date | null> {
      const r = await sql<{ at: Date | null }>`SELECT min(due_at) AS at FROM warning_timers WHERE fired_at IS NULL AND cancelled_at IS NULL`.execute(db)
      return r.rows[0]?.at ?? null
    },

    /**
     * Claims the task `taskId`, or the oldest-due open one of `kind` in scope when taskId is null. Locks the
     * warning first (the locking rule). Null when there is none, or it was taken meanwhile.
     */
    async claim(
      kind: 'call' | 'visit',
      adminId: string,
      scope: { township: string | null },
      taskId: string | null,
      codeEnc: string,
      now: Date
    ): Promise<{ taskId: string; warningId: string } | null> {
      return db.transaction().execute(async (trx) => {
        const picked = (
          await sql<{ id: string; warning_id: string }>`
          SELECT t.id::text, t.warning_id::text FROM warning_tasks t JOIN warnings w ON w.id = t.warning_id
          WHERE t.kind = ${kind} AND t.status = 'open' AND w.status = 'open'
            AND (${taskId}::bigint IS NULL OR t.id = ${taskId}::bigint)
            AND (${taskId}::bigint IS NOT NULL OR t.next_try_at <= ${now})
            AND (${scope.township}::text IS NULL OR t.township_code = ${scope.township})
          ORDER BY t.due_at, t.id LIMIT 1
          FOR NO KEY UPDATE OF w SKIP LOCKED`.execute(trx)
        ).rows[0]
        if (!picked) return null
        const updated = await sql`UPDATE warning_tasks SET status = 'claimed', claimed_by = ${adminId}::bigint, claimed_at = ${now}, code_enc = ${codeEnc}
                                  WHERE id = ${picked.id}::bigint AND status = 'open'`.execute(trx)
        if (Number(updated.numAffectedRows ?? 0n) === 0) return null
        await repo.event(trx, picked.warning_id, 'claimed', now, { adminId }, { kind })
        return { taskId: picked.id, warningId: picked.warning_id }
      })
    },

    /**
     * Puts a claimed task back in the queue (the number and code are cleared). `holder` set: only theirs; null: the
     * centre's forced release of whoever holds it. The timeline names the former holder.
     */
    async release(taskId: string, holder: string | null, by: string, now: Date): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const task = (await sql<{ warning_id: string }>`SELECT warning_id::text FROM warning_tasks WHERE id = ${taskId}::bigint`.execute(trx)).rows[0]
        if (!task) return false
        await sql`SELECT id FROM warnings WHERE id = ${task.warning_id}::bigint FOR NO KEY UPDATE`.execute(trx)
        const r = (
          await sql<{ from_id: string; from_name: string }>`
          UPDATE warning_tasks k SET status = 'open', claimed_by = NULL, claimed_at = NULL, code_enc = NULL
          FROM admins a WHERE a.id = k.claimed_by AND k.id = ${taskId}::bigint AND k.status = 'claimed' AND (${holder}::bigint IS NULL OR k.claimed_by = ${holder}::bigint)
          RETURNING a.id::text AS from_id, COALESCE(a.display_name, a.username) AS from_name`.execute(trx)
        ).rows[0]
        if (!r) return false
        await repo.event(trx, task.warning_id, 'released', now, { adminId: by }, r.from_id === by ? null : { forced: true, from: r.from_name })
        return true
      })
    },

    /** 转派: hands a live task to `to` with a new code (the old holder's code stops verifying). */
    async reassign(taskId: string, to: string, codeEnc: string, by: string, now: Date): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const task = (await sql<{ warning_id: string }>`SELECT warning_id::text FROM warning_tasks WHERE id = ${taskId}::bigint`.execute(trx)).rows[0]
        if (!task) return false
        await sql`SELECT id FROM warnings WHERE id = ${task.warning_id}::bigint FOR NO KEY UPDATE`.execute(trx)
        const before = (
          await sql<{ from_name: string | null; kind: 'call' | 'visit' }>`
          SELECT (SELECT COALESCE(a.display_name, a.username) FROM admins a WHERE a.id = k.claimed_by) AS from_name, k.kind
          FROM warning_tasks k WHERE k.id = ${taskId}::bigint AND k.status IN ('open', 'claimed') AND k.claimed_by IS DISTINCT FROM ${to}::bigint`.execute(trx)
        ).rows[0]
        if (!before) return false
        const target = (await sql<{ name: string }>`SELECT COALESCE(display_name, username) AS name FROM admins WHERE id = ${to}::bigint`.execute(trx)).rows[0]
        await sql`UPDATE warning_tasks SET status = 'claimed', claimed_by = ${to}::bigint, claimed_at = ${now}, code_enc = ${codeEnc} WHERE id = ${taskId}::bigint`.execute(
          trx
        )
        await repo.event(trx, task.warning_id, 'reassigned', now, { adminId: by }, { kind: before.kind, from: before.from_name, to: target?.name ?? '' })
        return true
      })
    },

    /**
     * Releases claimed tasks nobody has worked for the idle time of their kind (since the claim or the last recorded
     * attempt): the holder went home. One transaction each, warnings locked first and skipped when busy.
     */
    async releaseIdle(idleMinutes: { call: number; visit: number }, now: Date, limit = 100): Promise<number> {
      const stale = (
        await sql<{ id: string; warning_id: string }>`
        SELECT k.id::text, k.warning_id::text FROM warning_tasks k
        WHERE k.status = 'claimed'
          AND ((k.kind = 'call' AND ${idleMinutes.call}::int > 0) OR (k.kind = 'visit' AND ${idleMinutes.visit}::int > 0))
          AND GREATEST(k.claimed_at, (SELECT max(a.at) FROM warning_attempts a WHERE a.task_id = k.id))
              < ${now}::timestamptz - make_interval(mins => CASE k.kind WHEN 'call' THEN ${idleMinutes.call}::int ELSE ${idleMinutes.visit}::int END)
        ORDER BY k.claimed_at LIMIT ${limit}`.execute(db)
      ).rows
      let released = 0
      for (const task of stale) {
        released += await db.transaction().execute(async (trx) => {
          const locked = (await sql`SELECT id FROM warnings WHERE id = ${task.warning_id}::bigint FOR NO KEY UPDATE SKIP LOCKED`.execute(trx)).rows.length
          if (locked === 0) return 0
          const r = (
            await sql<{ from_name: string; kind: 'call' | 'visit' }>`
            UPDATE warning_tasks k SET status = 'open', claimed_by = NULL, claimed_at = NULL, code_enc = NULL
            FROM admins a WHERE a.id = k.claimed_by AND k.id = ${task.id}::bigint AND k.status = 'claimed'
              AND GREATEST(k.claimed_at, (SELECT max(x.at) FROM warning_attempts x WHERE x.task_id = k.id))
                  < ${now}::timestamptz - make_interval(mins => CASE k.kind WHEN 'call' THEN ${idleMinutes.call}::int ELSE ${idleMinutes.visit}::int END)
            RETURNING COALESCE(a.display_name, a.username) AS from_name, k.kind`.execute(trx)
          ).rows[0]
          if (!r) return 0
          await repo.event(trx, task.warning_id, 'released', now, {}, { idle: true, from: r.from_name, minutes: idleMinutes[r.kind] })
          return 1
        })
      }
      return released
    },

    /**
     * Sets where the person at risk is (the operator asked them, or the centre assigns the station): the warning and
     * its live tasks move to that township; a visit held by an officer of another station goes back to the queue.
     */
    async place(warningId: string, townshipCode: string, villageCode: string | null, by: string, now: Date): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const before = (
          await sql<{ township_code: string | null; village_code: string | null }>`
          SELECT township_code, village_code FROM warnings WHERE id = ${warningId}::bigint FOR NO KEY UPDATE`.execute(trx)
        ).rows[0]
        if (!before) return false
        if (before.township_code === townshipCode && before.village_code === villageCode) return true
        await sql`UPDATE warnings SET township_code = ${townshipCode}, village_code = ${villageCode} WHERE id = ${warningId}::bigint`.execute(trx)
        if (before.township_code !== townshipCode) {
          await sql`UPDATE warning_tasks SET status = 'open', claimed_by = NULL, claimed_at = NULL, code_enc = NULL
                    WHERE warning_id = ${warningId}::bigint AND kind = 'visit' AND status = 'claimed'`.execute(trx)
        }
        await sql`UPDATE warning_tasks SET township_code = ${townshipCode} WHERE warning_id = ${warningId}::bigint AND status IN ('open', 'claimed')`.execute(
          trx
        )
        const names = (
          await sql<{
            code: string
            name: string
          }>`SELECT code, name FROM areas WHERE code IN (${townshipCode}, ${villageCode ?? ''}, ${before.township_code ?? ''})`.execute(trx)
        ).rows
        const name = (code: string | null) => (code ? (names.find((n) => n.code === code)?.name ?? code) : null)
        await repo.event(
          trx,
          warningId,
          'placed',
          now,
          { adminId: by },
          { township: name(townshipCode), village: name(villageCode), before: name(before.township_code) }
        )
        return true
      })
    },

    /** True when the village is in the township (or no village is given) and the township is one. */
    async areaPairExists(townshipCode: string, villageCode: string | null): Promise<boolean> {
      const rows = await db
        .selectFrom('areas')
        .select(['code', 'parent_code'])
        .where('code', 'in', villageCode ? [townshipCode, villageCode] : [townshipCode])
        .execute()
      const township = rows.find((r) => r.code === townshipCode && r.parent_code === null)
      const village = villageCode ? rows.find((r) => r.code === villageCode && r.parent_code === townshipCode) : true
      return Boolean(township && village)
    },

    async notifyWorkers(channel: string): Promise<void> {
      await sql`SELECT pg_notify(${channel}, '')`.execute(db)
    },

    async taskWarning(taskId: string): Promise<{ warningId: string; kind: 'call' | 'visit' } | null> {
      const r = await db.selectFrom('warning_tasks').select(['warning_id', 'kind']).where('id', '=', taskId).executeTakeFirst()
      return r ? { warningId: String(r.warning_id), kind: r.kind } : null
    }
  }
  return repo
}

/** Effects on one warning under its row lock, one statement each. */
function lockedWriter(
  trx: Transaction<DB>,
  w: LockedWarning,
  now: Date,
  closedByStaff: boolean,
  event: (type: string, detail: Record<string, unknown> | null) => Promise<void>
): EffectWriter<Promise<void>> {
  return {
    sendLevel1() {
      return Promise.reject(new Error('level-1 messages go out on arrival only (storeArrivals)'))
    },
    async setTimer(kind, at) {
      await sql`INSERT INTO warning_timers (warning_id, kind, due_at) VALUES (${w.id}::bigint, ${kind}, ${at})
                ON CONFLICT (warning_id, kind) DO UPDATE SET due_at = EXCLUDED.due_at, fired_at = NULL, cancelled_at = NULL`.execute(trx)
    },
    cancelTimer: (kind) => cancelTimer(trx, w.id, kind, now),
    async openCall(dueAt) {
      await sql`INSERT INTO warning_tasks (warning_id, kind, township_code, created_at, due_at, next_try_at)
                VALUES (${w.id}::bigint, 'call', ${w.townshipCode}, ${now}, ${dueAt}, ${now})`.execute(trx)
      await sql`UPDATE warnings SET level = GREATEST(level, 2) WHERE id = ${w.id}::bigint`.execute(trx)
      await event('call_task', null)
    },
    async hurryCall(dueAt) {
      await sql`UPDATE warning_tasks SET due_at = LEAST(due_at, ${dueAt}), next_try_at = LEAST(next_try_at, ${now})
                WHERE warning_id = ${w.id}::bigint AND kind = 'call'`.execute(trx)
      await sql`UPDATE warning_timers SET due_at = LEAST(due_at, ${dueAt})
                WHERE warning_id = ${w.id}::bigint AND kind = 'call_overdue' AND fired_at IS NULL AND cancelled_at IS NULL`.execute(trx)
    },
    async retryCall(at) {
      await sql`UPDATE warning_tasks SET status = 'open', claimed_by = NULL, claimed_at = NULL, code_enc = NULL, next_try_at = ${at}
                WHERE warning_id = ${w.id}::bigint AND kind = 'call'`.execute(trx)
    },
    async finishTask(kind) {
      await sql`UPDATE warning_tasks SET status = 'done', done_at = ${now}
                WHERE warning_id = ${w.id}::bigint AND kind = ${kind} AND status IN ('open', 'claimed')`.execute(trx)
    },
    async openVisit(dueAt) {
      await sql`INSERT INTO warning_tasks (warning_id, kind, township_code, created_at, due_at, next_try_at)
                VALUES (${w.id}::bigint, 'visit', ${w.townshipCode}, ${now}, ${dueAt}, ${now})`.execute(trx)
      await sql`UPDATE warnings SET level = 3 WHERE id = ${w.id}::bigint`.execute(trx)
      await event('visit_task', null)
    },
    async flagOverdue(kind) {
      await sql`UPDATE warning_tasks SET overdue_at = ${now} WHERE warning_id = ${w.id}::bigint AND kind = ${kind} AND overdue_at IS NULL`.execute(trx)
    },
    async recordLoss(amount) {
      await sql`UPDATE warnings SET loss_amount = GREATEST(COALESCE(loss_amount, 0), ${amount}) WHERE id = ${w.id}::bigint`.execute(trx)
    },
    async contacted() {
      await sql`UPDATE warnings SET first_contact_at = COALESCE(first_contact_at, ${now}) WHERE id = ${w.id}::bigint`.execute(trx)
    },
    async close(outcome) {
      await sql`UPDATE warnings SET status = 'closed', outcome = ${outcome}, closed_at = ${now} WHERE id = ${w.id}::bigint`.execute(trx)
      // Staff closing it is already the transition's own event, with the outcome.
      if (!closedByStaff) await event('closed', { outcome })
    }
  }
}

async function cancelTimer(trx: Transaction<DB>, warningId: string, kind: TimerKind, now: Date): Promise<void> {
  await sql`UPDATE warning_timers SET cancelled_at = ${now} WHERE warning_id = ${warningId}::bigint AND kind = ${kind} AND fired_at IS NULL AND cancelled_at IS NULL`.execute(
    trx
  )
}

export type WarningsRepository = ReturnType<typeof createWarningsRepository>
export type { WarningOutcome }
