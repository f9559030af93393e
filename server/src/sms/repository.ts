import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '../db/schema.ts'

export interface CodeRow {
  id: string
  codeHash: string
  attempts: number
}

// Advisory lock classes (two-key form) so phone and client locks never collide with each other or the lists lock.
const PHONE_LOCK = 71
const CLIENT_LOCK = 72

export function createSmsCodeRepository(db: Kysely<DB>) {
  return {
    /**
     * Runs `work` holding this phone's and this client's send locks (always phone first, so two senders cannot
     * deadlock), so "at most one a minute" holds under concurrent requests.
     */
    async withSendLock<T>(phoneIndex: string, clientIndex: string, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
      return db.transaction().execute(async (trx) => {
        await sql`SELECT pg_advisory_xact_lock(${PHONE_LOCK}, hashtext(${phoneIndex}))`.execute(trx)
        await sql`SELECT pg_advisory_xact_lock(${CLIENT_LOCK}, hashtext(${clientIndex}))`.execute(trx)
        return work(trx)
      })
    },

    /** Codes sent since `since` to this phone and from this client, and the latest send time of either. */
    async sendsSince(trx: Transaction<DB>, phoneIndex: string, clientIndex: string, since: Date) {
      const r = await trx
        .selectFrom('sms_codes')
        .select((eb) => [
          eb.fn.count<string>('id').filterWhere('phone_index', '=', phoneIndex).as('phone'),
          eb.fn.count<string>('id').filterWhere('client_index', '=', clientIndex).as('client'),
          eb.fn.max('created_at').as('latest'),
          eb.fn.min('created_at').as('oldest')
        ])
        .where('created_at', '>=', since)
        .where((eb) => eb.or([eb('phone_index', '=', phoneIndex), eb('client_index', '=', clientIndex)]))
        .executeTakeFirstOrThrow()
      return { phone: Number(r.phone), client: Number(r.client), latest: r.latest as Date | null, oldest: r.oldest as Date | null }
    },

    async insert(trx: Transaction<DB>, row: { phoneIndex: string; clientIndex: string; codeHash: string; createdAt: Date; expiresAt: Date }): Promise<void> {
      // A new code replaces any older one still open for this phone.
      await trx
        .updateTable('sms_codes')
        .set({ consumed_at: row.createdAt })
        .where('phone_index', '=', row.phoneIndex)
        .where('consumed_at', 'is', null)
        .execute()
      await trx
        .insertInto('sms_codes')
        .values({
          phone_index: row.phoneIndex,
          client_index: row.clientIndex,
          code_hash: row.codeHash,
          created_at: row.createdAt,
          expires_at: row.expiresAt
        })
        .execute()
    },

    async insertCaptcha(row: { id: string; answerHash: string; expiresAt: Date }, now: Date): Promise<void> {
      await db.deleteFrom('sms_captchas').where('expires_at', '<', now).execute()
      await db.insertInto('sms_captchas').values({ id: row.id, answer_hash: row.answerHash, expires_at: row.expiresAt }).execute()
    },

    /**
     * Spends a challenge (right or wrong, it is answered once: its own statement, so a refused send that rolls back
     * cannot give it back for another guess) and says whether the answer's hash matched.
     */
    async spendCaptcha(id: string, now: Date, matches: (answerHash: string) => boolean): Promise<boolean> {
      const row = await db
        .updateTable('sms_captchas')
        .set({ used_at: now })
        .where('id', '=', id)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .returning('answer_hash')
        .executeTakeFirst()
      return row !== undefined && matches(row.answer_hash)
    },

    /** Rows older than the daily window serve no limit any more. */
    async purgeBefore(trx: Transaction<DB>, before: Date): Promise<void> {
      await trx.deleteFrom('sms_codes').where('created_at', '<', before).execute()
    },

    /** Checks a code against the open one for this phone and counts the attempt; a matching code is spent at once. */
    async attempt(
      phoneIndex: string,
      now: Date,
      matches: (row: CodeRow) => boolean,
      maxAttempts: number
    ): Promise<{ outcome: 'none' } | { outcome: 'wrong'; attemptsLeft: number } | { outcome: 'ok' }> {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('sms_codes')
          .select(['id', 'code_hash', 'attempts'])
          .where('phone_index', '=', phoneIndex)
          .where('consumed_at', 'is', null)
          .where('expires_at', '>', now)
          .orderBy('created_at', 'desc')
          .limit(1)
          .forUpdate()
          .executeTakeFirst()
        if (!row) return { outcome: 'none' as const }
        const code = { id: String(row.id), codeHash: row.code_hash, attempts: row.attempts }
        if (!matches(code)) {
          const attempts = code.attempts + 1
          // The fifth wrong try burns the code.
          await trx
            .updateTable('sms_codes')
            .set({ attempts, ...(attempts >= maxAttempts ? { consumed_at: now } : {}) })
            .where('id', '=', code.id)
            .execute()
          return { outcome: 'wrong' as const, attemptsLeft: Math.max(0, maxAttempts - attempts) }
        }
        await trx.updateTable('sms_codes').set({ consumed_at: now }).where('id', '=', code.id).execute()
        return { outcome: 'ok' as const }
      })
    }
  }
}
export type SmsCodeRepository = ReturnType<typeof createSmsCodeRepository>
