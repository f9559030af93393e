import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'

/** One number across the tables that hold it: by the blind index for a full number, by the last four digits otherwise. */
export function createSearchRepository(db: Kysely<DB>) {
  return {
    async warnings(phoneIndex: string | null, last4: string, township: string | null) {
      return (
        await sql<{ id: string; phone_masked: string; risk_type: string; status: string; received_at: Date; township_name: string | null }>`
        SELECT w.id::text, w.phone_masked, w.risk_type, w.status, w.received_at, t.name AS township_name
        FROM warnings w LEFT JOIN areas t ON t.code = w.township_code
        WHERE ${phoneIndex ? sql`w.phone_index = ${phoneIndex}` : sql`right(w.phone_masked, 4) = ${last4}`}
          AND (${township}::text IS NULL OR w.township_code = ${township})
        ORDER BY w.id DESC LIMIT 20`.execute(db)
      ).rows
    },

    async residents(phoneIndex: string, township: string | null) {
      return (
        await sql<{ name_enc: string | null; township_name: string | null; village_name: string | null; registered_at: Date | null }>`
        SELECT r.name_enc, t.name AS township_name, v.name AS village_name, r.registered_at
        FROM residents r LEFT JOIN areas t ON t.code = r.township_code LEFT JOIN areas v ON v.code = r.village_code
        WHERE r.phone_index = ${phoneIndex} AND r.deleted_at IS NULL AND (${township}::text IS NULL OR r.township_code = ${township})
        LIMIT 5`.execute(db)
      ).rows
    },

    /** Reports about the number (what residents reported it as), by value and status. */
    async reports(e164: string | null, last4: string) {
      return (
        await sql<{ value: string; status: string; count: number; last_at: Date }>`
        SELECT p.value, p.status, count(*)::int AS count, max(p.created_at) AS last_at FROM reports p
        WHERE p.kind = 'phone' AND ${e164 ? sql`p.value = ${e164}` : sql`right(p.value, 4) = ${last4}`}
        GROUP BY p.value, p.status ORDER BY max(p.created_at) DESC LIMIT 20`.execute(db)
      ).rows
    },

    async blocklist(e164: string | null, last4: string) {
      return (
        await sql<{ id: string; value: string; category: string; status: string }>`
        SELECT e.id::text, e.value, e.category, e.status FROM blocklist_entries e
        WHERE e.kind = 'phone' AND ${e164 ? sql`e.value = ${e164}` : sql`right(e.value, 4) = ${last4}`}
        ORDER BY e.id DESC LIMIT 20`.execute(db)
      ).rows
    }
  }
}
export type SearchRepository = ReturnType<typeof createSearchRepository>
