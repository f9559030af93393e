import { createHash, randomBytes } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'

/**
 * Keys for the city platform's (or a bank's) feed: `qdf_` + 32 random bytes. Only a SHA-256 of the key is stored
 * (the key is random, so a fast hash is enough); the key is shown once when created. Revoking is immediate.
 */
export interface FeedKeyInfo {
  name: string
  source: 'city' | 'bank'
  prefix: string
  createdAt: Date
  lastUsedAt: Date | null
  revokedAt: Date | null
}

const hashOf = (key: string) => createHash('sha256').update(key).digest('hex')

export function createFeedKeys(db: Kysely<DB>) {
  return {
    /**
     * Returns the key (the only time it exists in clear) or 'exists' when the name is taken. `given` is for the
     * development demo key only (a published value, never created in production).
     */
    async create(name: string, source: 'city' | 'bank', given?: string): Promise<string | 'exists'> {
      const key = given ?? `qdf_${randomBytes(32).toString('base64url')}`
      const inserted = await db
        .insertInto('feed_keys')
        .values({ name, source, key_hash: hashOf(key), prefix: key.slice(0, 10) })
        .onConflict((oc) => oc.column('name').doNothing())
        .returning('id')
        .executeTakeFirst()
      return inserted ? key : 'exists'
    },

    async revoke(name: string): Promise<boolean> {
      const r = await db.updateTable('feed_keys').set({ revoked_at: new Date() }).where('name', '=', name).where('revoked_at', 'is', null).executeTakeFirst()
      return r.numUpdatedRows > 0n
    },

    async list(): Promise<FeedKeyInfo[]> {
      return (await db.selectFrom('feed_keys').selectAll().orderBy('id').execute()).map((r) => ({
        name: r.name,
        source: r.source,
        prefix: r.prefix,
        createdAt: new Date(r.created_at),
        lastUsedAt: r.last_used_at,
        revokedAt: r.revoked_at
      }))
    },

    /** Is this key live (created and not revoked)? Notes nothing: for start-up checks. */
    async isLive(key: string): Promise<boolean> {
      const row = await db.selectFrom('feed_keys').select('id').where('key_hash', '=', hashOf(key)).where('revoked_at', 'is', null).executeTakeFirst()
      return row !== undefined
    },

    /** Revokes the key with this value (whatever its name); true when a live one was revoked. */
    async revokeKey(key: string): Promise<boolean> {
      const r = await db
        .updateTable('feed_keys')
        .set({ revoked_at: new Date() })
        .where('key_hash', '=', hashOf(key))
        .where('revoked_at', 'is', null)
        .executeTakeFirst()
      return r.numUpdatedRows > 0n
    },

    /** The live key's name and source, or null. Notes the use (at most once a minute per key). */
    async authenticate(key: string): Promise<{ name: string; source: 'city' | 'bank' } | null> {
      if (!key.startsWith('qdf_') || key.length > 100) return null
      const row = await db
        .selectFrom('feed_keys')
        .select(['id', 'name', 'source', 'last_used_at'])
        .where('key_hash', '=', hashOf(key))
        .where('revoked_at', 'is', null)
        .executeTakeFirst()
      if (!row) return null
      if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) {
        await sql`UPDATE feed_keys SET last_used_at = now() WHERE id = ${row.id}`.execute(db)
      }
      return { name: row.name, source: row.source }
    }
  }
}
export type FeedKeys = ReturnType<typeof createFeedKeys>
