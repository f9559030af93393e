import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'

export type RotateOutcome = { outcome: 'rotated'; residentId: string } | { outcome: 'invalid' } | { outcome: 'reused' }

export function createAuthRepository(db: Kysely<DB>) {
  return {
    /** The resident for a WeChat openid, created on first login. */
    async residentForOpenid(openid: string): Promise<{ id: string; created: boolean }> {
      const r = await sql<{ id: string; created: boolean }>`
        INSERT INTO residents (openid) VALUES (${openid})
        ON CONFLICT (openid) DO UPDATE SET last_login_at = now()
        RETURNING id::text AS id, (xmax = 0) AS created`.execute(db)
      return r.rows[0]
    },

    /** The resident holding a verified phone (blind index), created with that phone on first SMS login. */
    async residentForPhone(phone: { index: string; enc: string }): Promise<{ id: string; created: boolean }> {
      const r = await sql<{ id: string; created: boolean }>`
        INSERT INTO residents (phone_index, phone_enc, phone_verified_at) VALUES (${phone.index}, ${phone.enc}, now())
        -- An elder registered by a helper (代登记) signing in on their own phone takes the account over.
        ON CONFLICT (phone_index) DO UPDATE SET last_login_at = now(),
          taken_over_at = CASE WHEN residents.registered_via IN ('family', 'grid') THEN COALESCE(residents.taken_over_at, now()) ELSE residents.taken_over_at END
        RETURNING id::text AS id, (xmax = 0) AS created`.execute(db)
      return r.rows[0]
    },

    async insertRefreshToken(t: { residentId: string; family: string; hash: string; expiresAt: Date }): Promise<void> {
      await db.insertInto('refresh_tokens').values({ resident_id: t.residentId, family: t.family, token_hash: t.hash, expires_at: t.expiresAt }).execute()
    },

    /**
     * Spends a refresh token and stores its successor, atomically. A token presented a second time means it
     * leaked (or a client raced itself): the whole family is revoked.
     */
    /** Revokes the family of the token with this hash (nothing when there is none). */
    async revokeFamilyOf(hash: string, now: Date): Promise<void> {
      const row = await db.selectFrom('refresh_tokens').select('family').where('token_hash', '=', hash).executeTakeFirst()
      if (row) await db.updateTable('refresh_tokens').set({ revoked_at: now }).where('family', '=', row.family).where('revoked_at', 'is', null).execute()
    },

    async rotateRefreshToken(hash: string, next: { hash: string; expiresAt: Date }, now: Date): Promise<RotateOutcome> {
      return db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('refresh_tokens').selectAll().where('token_hash', '=', hash).forUpdate().executeTakeFirst()
        if (!row || row.revoked_at) return { outcome: 'invalid' }
        if (row.used_at) {
          await trx.updateTable('refresh_tokens').set({ revoked_at: now }).where('family', '=', row.family).where('revoked_at', 'is', null).execute()
          return { outcome: 'reused' }
        }
        if (row.expires_at.getTime() <= now.getTime()) return { outcome: 'invalid' }
        await trx.updateTable('refresh_tokens').set({ used_at: now }).where('id', '=', row.id).execute()
        await trx
          .insertInto('refresh_tokens')
          .values({ resident_id: row.resident_id, family: row.family, token_hash: next.hash, expires_at: next.expiresAt })
          .execute()
        return { outcome: 'rotated', residentId: String(row.resident_id) }
      })
    }
  }
}
export type AuthRepository = ReturnType<typeof createAuthRepository>
