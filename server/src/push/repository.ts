import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'

/** Claimed deliveries with their resident's WeChat account (read in the outbox's claim transaction). */
export async function deliveriesToSend(trx: Kysely<DB>, ids: string[]) {
  return (
    await sql<{ id: string; resident_id: string; openid: string | null; bulletin_id: string }>`
      SELECT d.id::text, d.resident_id::text, r.openid, d.bulletin_id::text
      FROM unnest(${ids}::bigint[]) AS x (id) JOIN deliveries d ON d.id = x.id JOIN residents r ON r.id = d.resident_id`.execute(trx)
  ).rows
}

/** What a bulletin's subscribe message says, and whether it is still published. */
export function bulletinsToSend(trx: Kysely<DB>, ids: string[]) {
  return trx.selectFrom('bulletins').select(['id', 'issue_no', 'title', 'summary_short', 'published_at', 'hotline', 'status']).where('id', 'in', ids).execute()
}
