import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import { OUTBOX_CHANNEL, type Channel, type OutboxKind, type OutboxTable, type PickedRow, type Plan } from './kind.ts'

/** A row marked `sending` under this worker's name, with what to send. */
export interface ClaimedSend {
  id: string
  /** Including this one. */
  attempts: number
  plan: Extract<Plan, { send: string }>
}

/** What a send came to, as recorded on its row. */
export interface RecordedOutcome {
  id: string
  status: 'sent' | 'in_app' | 'failed' | 'pending' | 'unknown'
  reason: string | null
  /** The row becomes an SMS (status pending): the kind's fallback for a WeChat message WeChat would not take. */
  channel: Channel
  /** For retries: when to try again. */
  nextAttemptAt: Date | null
  /** The credit this send spent goes back (WeChat did not use it). */
  refund: string | null
  /** The resident refused at WeChat: their credits for the kind's template are dropped. */
  dropCredit: string | null
}

const bigints = (list: string[]) => sql`${list}::bigint[]`

/**
 * Within this transaction only, the queue is read in index order and joined row by row over primary keys. A queue
 * grows by thousands of rows a minute, faster than its statistics: left to itself the planner took a chunk's 500 due
 * rows by a bitmap scan and sort of every pending row, and read their details by hashing the whole queue and the
 * warnings table (50–100 ms a chunk instead of 1–2 ms; bench:warnings' level 1 took 17–20 s instead of 9–12 s).
 */
async function byIndex(trx: Kysely<DB>): Promise<void> {
  await sql`SELECT set_config('enable_bitmapscan', 'off', true), set_config('enable_sort', 'off', true),
                   set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true)`.execute(trx)
}

export function createOutboxRepository(db: Kysely<DB>) {
  return {
    /**
     * Claims up to `kind.batchSize` due rows (FOR UPDATE SKIP LOCKED: concurrent workers never take the same row) and,
     * in the same transaction, spends one credit for each WeChat message that will be sent. Rows with nothing to send
     * are finished here; WeChat messages without an account or a credit take the kind's fallback. Returns what to
     * send: these rows are now `sending` under this worker's name, recorded before any call goes out.
     */
    async claim(kind: OutboxKind, workerId: string, now: Date): Promise<ClaimedSend[]> {
      return (await this.claimChunk(kind, workerId, now)).sends
    },

    /** claim(), also saying how many rows the chunk took (finished, turned into SMS or sent): 0 means nothing was due. */
    async claimChunk(kind: OutboxKind, workerId: string, now: Date): Promise<{ sends: ClaimedSend[]; picked: number }> {
      return db.transaction().execute(async (trx) => {
        await byIndex(trx)
        const picked = (
          await sql<PickedRow>`
            SELECT t.id::text, t.channel, t.attempts FROM ${sql.table(kind.table)} t
            WHERE t.status = 'pending' AND t.next_attempt_at <= ${now}
            ORDER BY t.next_attempt_at, t.id LIMIT ${kind.batchSize}
            FOR UPDATE SKIP LOCKED`.execute(trx)
        ).rows
        if (picked.length === 0) return { sends: [], picked: 0 }
        const plans = await kind.plan(trx, picked, now)

        const finished: Array<{ id: string; status: 'in_app' | 'failed'; reason: string }> = []
        const toSms: Array<{ id: string; reason: string }> = []
        const fallBack = (id: string, reason: string) => {
          if (kind.fallback === 'sms') toSms.push({ id, reason: `wechat: ${reason}` })
          else finished.push({ id, status: 'in_app', reason })
        }
        const sends: ClaimedSend[] = []
        const wechat: Array<ClaimedSend & { plan: { send: 'wechat' } }> = []
        // One WeChat message per resident per chunk: a second one for the same resident waits for the next chunk, so
        // each send is matched by exactly one spent credit.
        const holders = new Set<string>()
        for (const row of picked) {
          const plan = plans.get(row.id) ?? { finish: 'failed' as const, reason: 'nothing to send' }
          if ('finish' in plan) finished.push({ id: row.id, status: plan.finish, reason: plan.reason })
          else if ('fallback' in plan) fallBack(row.id, plan.fallback)
          else if (plan.send === 'sms') sends.push({ id: row.id, attempts: row.attempts + 1, plan })
          else if (!holders.has(plan.creditHolder)) {
            holders.add(plan.creditHolder)
            wechat.push({ id: row.id, attempts: row.attempts + 1, plan })
          }
        }
        const funded = await spendCredits(trx, kind.templateId, [...holders], now)
        for (const w of wechat) {
          if (funded.has(w.plan.creditHolder)) sends.push(w)
          else fallBack(w.id, kind.templateId ? 'no credit' : 'no template configured')
        }

        if (finished.length > 0) {
          await sql`
            UPDATE ${sql.table(kind.table)} t SET status = x.status, reason = x.reason, finished_at = ${now}, claimed_by = ${workerId}, claimed_at = ${now}
            FROM unnest(${bigints(finished.map((f) => f.id))}, ${finished.map((f) => f.status)}::text[], ${finished.map((f) => f.reason)}::text[])
              AS x (id, status, reason)
            WHERE t.id = x.id`.execute(trx)
        }
        if (toSms.length > 0) {
          await sql`
            UPDATE ${sql.table(kind.table)} t SET channel = 'sms', reason = x.reason
            FROM unnest(${bigints(toSms.map((f) => f.id))}, ${toSms.map((f) => f.reason)}::text[]) AS x (id, reason)
            WHERE t.id = x.id`.execute(trx)
        }
        if (sends.length > 0) {
          await sql`
            UPDATE ${sql.table(kind.table)} SET status = 'sending', attempts = attempts + 1, claimed_by = ${workerId}, claimed_at = ${now}
            WHERE id = ANY(${bigints(sends.map((s) => s.id))})`.execute(trx)
        }
        return { sends, picked: picked.length }
      })
    },

    /**
     * Records one chunk's outcomes in one transaction, with the credit changes they imply. Only rows this worker still
     * holds are written (or that recovery marked unknown meanwhile: the real outcome is better).
     */
    async record(kind: OutboxKind, workerId: string, outcomes: RecordedOutcome[], now: Date): Promise<void> {
      if (outcomes.length === 0) return
      await db.transaction().execute(async (trx) => {
        await byIndex(trx)
        await sql`
          UPDATE ${sql.table(kind.table)} t SET status = x.status, reason = x.reason, channel = x.channel,
            next_attempt_at = COALESCE(x.next_attempt_at, t.next_attempt_at),
            finished_at = CASE WHEN x.status = 'pending' THEN NULL ELSE ${now}::timestamptz END,
            claimed_by = CASE WHEN x.status = 'pending' THEN NULL ELSE t.claimed_by END
          FROM unnest(${bigints(outcomes.map((o) => o.id))}, ${outcomes.map((o) => o.status)}::text[], ${outcomes.map((o) => o.reason)}::text[],
                      ${outcomes.map((o) => o.channel)}::text[], ${outcomes.map((o) => o.nextAttemptAt)}::timestamptz[])
               AS x (id, status, reason, channel, next_attempt_at)
          WHERE t.id = x.id AND t.claimed_by = ${workerId} AND t.status IN ('sending', 'unknown')`.execute(trx)
        if (!kind.templateId) return
        const refund = outcomes.flatMap((o) => (o.refund ? [o.refund] : []))
        if (refund.length > 0) {
          await sql`UPDATE subscriptions SET credits = credits + 1, updated_at = ${now}
                    WHERE template_id = ${kind.templateId} AND NOT long_term AND resident_id = ANY(${bigints(refund)})`.execute(trx)
        }
        const drop = outcomes.flatMap((o) => (o.dropCredit ? [o.dropCredit] : []))
        if (drop.length > 0) {
          await sql`UPDATE subscriptions SET credits = 0, long_term = false, last_result = 'refused', updated_at = ${now}
                    WHERE template_id = ${kind.templateId} AND resident_id = ANY(${bigints(drop)})`.execute(trx)
        }
      })
    },

    /**
     * Rows left `sending` longer than the lease belong to a worker that died mid-send: the message may have gone out.
     * They become `unknown` and are never sent again (at most one message per row).
     */
    async expireLeases(tables: readonly OutboxTable[], olderThan: Date, now: Date): Promise<number> {
      let lost = 0
      for (const table of new Set(tables)) {
        const r = await sql`UPDATE ${sql.table(table)} SET status = 'unknown', reason = 'worker lost during send', finished_at = ${now}
                            WHERE status = 'sending' AND claimed_at < ${olderThan}`.execute(db)
        lost += Number(r.numAffectedRows ?? 0n)
      }
      return lost
    },

    /** Wakes every worker (NOTIFY; on the embedded store workers poll instead). */
    async notifyWorkers(): Promise<void> {
      await sql`SELECT pg_notify(${OUTBOX_CHANNEL}, '')`.execute(db)
    },

    /**
     * For each queue with a pending row, when its earliest one falls due: one round trip for every queue (each a first
     * row of its due index), so a worker's round claims only from queues with work instead of opening a claim
     * transaction on each empty one.
     */
    async earliestDue(tables: readonly OutboxTable[]): Promise<Map<OutboxTable, Date>> {
      const parts = [...new Set(tables)].map(
        (t) => sql`SELECT ${t}::text AS queue, (SELECT min(next_attempt_at) FROM ${sql.table(t)} WHERE status = 'pending') AS at`
      )
      if (parts.length === 0) return new Map()
      const r = await sql<{ queue: OutboxTable; at: Date | null }>`${sql.join(parts, sql` UNION ALL `)}`.execute(db)
      return new Map(r.rows.flatMap((row) => (row.at ? [[row.queue, row.at] as const] : [])))
    },

    /** When the next row of these tables falls due (null: nothing waiting), so an idle worker sleeps exactly as long as it may. */
    async nextDue(tables: readonly OutboxTable[]): Promise<Date | null> {
      let next: Date | null = null
      for (const at of (await this.earliestDue(tables)).values()) if (!next || at < next) next = at
      return next
    }
  }
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>

/** Spends one credit of each resident for `templateId` (standing permissions keep theirs); returns who had one. */
async function spendCredits(trx: Kysely<DB>, templateId: string | null, residentIds: string[], now: Date): Promise<Set<string>> {
  if (!templateId || residentIds.length === 0) return new Set()
  const spent = await sql<{ resident_id: string }>`
    UPDATE subscriptions SET credits = CASE WHEN long_term THEN credits ELSE credits - 1 END, updated_at = ${now}
    WHERE template_id = ${templateId} AND resident_id = ANY(${bigints(residentIds)}) AND (long_term OR credits > 0)
    RETURNING resident_id::text`.execute(trx)
  return new Set(spent.rows.map((r) => r.resident_id))
}
