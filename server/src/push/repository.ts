import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import type { BulletinForMessage } from './message.ts'
import { countyToday } from '../residents/service.ts'

export interface ClaimedSend {
  deliveryId: string
  residentId: string
  openid: string
  attempts: number
  bulletin: BulletinForMessage
}

export interface RecordedOutcome {
  deliveryId: string
  residentId: string
  status: 'sent' | 'in_app' | 'failed' | 'pending' | 'unknown'
  reason: string | null
  /** For retries: when to try again. */
  nextAttemptAt: Date | null
  /** Give the one-time credit back (WeChat did not use it). */
  refund: boolean
  /** The resident refused at WeChat: drop their credits for this template. */
  dropCredit: boolean
}

const ids = (list: string[]) => sql`${list}::bigint[]`

export function createPushRepository(db: Kysely<DB>) {
  return {
    /**
     * Claims up to `limit` due deliveries (FOR UPDATE SKIP LOCKED: concurrent workers never take the same row) and,
     * in the same transaction, spends one credit for each that will be sent. Rows without a WeChat account, without
     * a credit, or of a withdrawn bulletin are finished here. Returns what to send: these rows are now `sending`
     * under this worker's name, recorded before any call to WeChat.
     */
    async claim(workerId: string, templateId: string, now: Date, limit: number): Promise<ClaimedSend[]> {
      return db.transaction().execute(async (trx) => {
        const picked = await sql<{ id: string; resident_id: string; openid: string | null; attempts: number; bulletin_id: string }>`
          SELECT d.id::text, d.resident_id::text, r.openid, d.attempts, d.bulletin_id::text
          FROM deliveries d
          JOIN residents r ON r.id = d.resident_id
          WHERE d.status = 'pending' AND d.next_attempt_at <= ${now}
          ORDER BY d.next_attempt_at, d.id
          LIMIT ${limit}
          FOR UPDATE OF d SKIP LOCKED`.execute(trx)
        if (picked.rows.length === 0) return []
        // A chunk nearly always belongs to one bulletin: read its fields once, not once per row.
        const bulletinIds = [...new Set(picked.rows.map((p) => p.bulletin_id))]
        const bulletins = new Map(
          (
            await trx
              .selectFrom('bulletins')
              .select(['id', 'issue_no', 'title', 'summary_short', 'published_at', 'hotline', 'status'])
              .where('id', 'in', bulletinIds)
              .execute()
          ).map((b) => [String(b.id), b])
        )
        const published = (p: { bulletin_id: string }) => bulletins.get(p.bulletin_id)?.status === 'published'

        const withdrawn = picked.rows.filter((p) => !published(p))
        const noWeChat = picked.rows.filter((p) => published(p) && p.openid === null)
        // One message per resident per chunk: a second bulletin for the same resident waits for the next chunk,
        // so each send is matched by exactly one spent credit.
        const seen = new Set<string>()
        const candidates = picked.rows.filter((p) => {
          if (!published(p) || p.openid === null || seen.has(p.resident_id)) return false
          seen.add(p.resident_id)
          return true
        })
        const funded =
          candidates.length === 0
            ? new Set<string>()
            : new Set(
                (
                  await sql<{ resident_id: string }>`
          UPDATE subscriptions SET credits = CASE WHEN long_term THEN credits ELSE credits - 1 END, updated_at = ${now}
          WHERE template_id = ${templateId} AND resident_id = ANY(${ids(candidates.map((c) => c.resident_id))})
            AND (long_term OR credits > 0)
          RETURNING resident_id::text`.execute(trx)
                ).rows.map((r) => r.resident_id)
              )
        const sending = candidates.filter((c) => funded.has(c.resident_id))
        const noCredit = candidates.filter((c) => !funded.has(c.resident_id))

        const finish = async (rows: { id: string }[], status: 'in_app' | 'failed', reason: string) => {
          if (rows.length === 0) return
          await sql`UPDATE deliveries SET status = ${status}, reason = ${reason}, finished_at = ${now}, claimed_by = ${workerId}, claimed_at = ${now}
                    WHERE id = ANY(${ids(rows.map((r) => r.id))})`.execute(trx)
        }
        await finish(withdrawn, 'failed', 'withdrawn')
        await finish(noWeChat, 'in_app', 'no WeChat account')
        await finish(noCredit, 'in_app', 'no credit')
        if (sending.length > 0) {
          await sql`UPDATE deliveries SET status = 'sending', attempts = attempts + 1, claimed_by = ${workerId}, claimed_at = ${now}
                    WHERE id = ANY(${ids(sending.map((s) => s.id))})`.execute(trx)
        }
        const forMessage = new Map(
          [...bulletins.values()].map((b) => [
            String(b.id),
            {
              id: String(b.id),
              issueNo: b.issue_no,
              title: b.title,
              summaryShort: b.summary_short,
              hotline: b.hotline,
              publishedOn: countyToday(b.published_at ?? now)
            }
          ])
        )
        return sending.map((s) => ({
          deliveryId: s.id,
          residentId: s.resident_id,
          openid: s.openid as string,
          attempts: s.attempts + 1,
          bulletin: forMessage.get(s.bulletin_id) as BulletinForMessage
        }))
      })
    },

    /**
     * Records outcomes of one chunk in one transaction, with the credit adjustments they imply. Only rows this
     * worker still holds are written (or that recovery marked unknown meanwhile: the real outcome is better).
     */
    async record(workerId: string, outcomes: RecordedOutcome[], templateId: string, now: Date): Promise<void> {
      if (outcomes.length === 0) return
      await db.transaction().execute(async (trx) => {
        await sql`
          UPDATE deliveries d SET status = x.status, reason = x.reason,
            next_attempt_at = COALESCE(x.next_attempt_at, d.next_attempt_at),
            finished_at = CASE WHEN x.status = 'pending' THEN NULL ELSE ${now}::timestamptz END,
            claimed_by = CASE WHEN x.status = 'pending' THEN NULL ELSE d.claimed_by END
          FROM unnest(${ids(outcomes.map((o) => o.deliveryId))}, ${outcomes.map((o) => o.status)}::text[],
                      ${outcomes.map((o) => o.reason)}::text[], ${outcomes.map((o) => o.nextAttemptAt)}::timestamptz[])
               AS x(id, status, reason, next_attempt_at)
          WHERE d.id = x.id AND d.claimed_by = ${workerId} AND d.status IN ('sending', 'unknown')`.execute(trx)
        const refund = outcomes.filter((o) => o.refund).map((o) => o.residentId)
        if (refund.length > 0) {
          await sql`UPDATE subscriptions SET credits = credits + 1, updated_at = ${now}
                    WHERE template_id = ${templateId} AND NOT long_term AND resident_id = ANY(${ids(refund)})`.execute(trx)
        }
        const drop = outcomes.filter((o) => o.dropCredit).map((o) => o.residentId)
        if (drop.length > 0) {
          await sql`UPDATE subscriptions SET credits = 0, long_term = false, last_result = 'refused', updated_at = ${now}
                    WHERE template_id = ${templateId} AND resident_id = ANY(${ids(drop)})`.execute(trx)
        }
      })
    },

    /**
     * Deliveries left `sending` longer than the lease belong to a worker that died mid-call: WeChat may have sent
     * them. They become `unknown` and are never resent (at most one message per resident).
     */
    async expireLeases(olderThan: Date, now: Date): Promise<number> {
      const r = await sql`UPDATE deliveries SET status = 'unknown', reason = 'worker lost during send', finished_at = ${now}
                          WHERE status = 'sending' AND claimed_at < ${olderThan}`.execute(db)
      return Number(r.numAffectedRows ?? 0n)
    },

    /** When the next delivery is due (null: nothing waiting), so an idle worker sleeps exactly as long as it may. */
    async nextDue(): Promise<Date | null> {
      const r = await db
        .selectFrom('deliveries')
        .select((eb) => eb.fn.min('next_attempt_at').as('at'))
        .where('status', '=', 'pending')
        .executeTakeFirst()
      return (r?.at as Date | null | undefined) ?? null
    }
  }
}
export type PushRepository = ReturnType<typeof createPushRepository>
