import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import type { PublicityKind } from '../../../types/grid-wording.ts'

export interface GridWorkerRow {
  id: string
  resident_id: string
  name_enc: string | null
  phone_enc: string | null
  township_code: string
  township_name: string
  village_code: string
  village_name: string
  appointed_at: Date
  appointed_by: string
  sessions: number
  people: number
}

export function createGridRepository(db: Kysely<DB>) {
  return {
    async registeredByPhoneIndex(phoneIndex: string): Promise<{ id: string; name_enc: string | null } | null> {
      return (
        (
          await sql<{ id: string; name_enc: string | null }>`SELECT id::text, name_enc FROM residents
        WHERE phone_index = ${phoneIndex} AND deleted_at IS NULL AND registered_at IS NOT NULL`.execute(db)
        ).rows[0] ?? null
      )
    },

    /** Villages (with their township) that exist, of these codes. */
    async villages(codes: string[]): Promise<Map<string, { township_code: string }>> {
      if (codes.length === 0) return new Map()
      const rows = await sql<{ code: string; township_code: string }>`SELECT v.code, v.parent_code AS township_code FROM areas v
        JOIN areas t ON t.code = v.parent_code AND t.parent_code IS NULL WHERE v.code = ANY(${codes}::text[])`.execute(db)
      return new Map(rows.rows.map((r) => [r.code, { township_code: r.township_code }]))
    },

    /** Appoints a resident for villages (those already held are kept), audited in the same transaction. */
    async appoint(residentId: string, villageCodes: string[], adminId: string, now: Date): Promise<number> {
      return db.transaction().execute(async (trx) => {
        const r = await sql`INSERT INTO grid_workers (resident_id, village_code, appointed_by, appointed_at)
          SELECT ${residentId}::bigint, v, ${adminId}::bigint, ${now}::timestamptz FROM unnest(${villageCodes}::text[]) AS v
          ON CONFLICT (resident_id, village_code) WHERE revoked_at IS NULL DO NOTHING`.execute(trx)
        const added = Number(r.numAffectedRows ?? 0n)
        await trx
          .insertInto('audit_log')
          .values({
            admin_id: adminId,
            action: 'grid.appoint',
            target: `resident:${residentId}`,
            before: null,
            after: JSON.stringify({ villages: villageCodes, added })
          })
          .execute()
        return added
      })
    },

    async appointment(id: string): Promise<{ id: string; resident_id: string; village_code: string; township_code: string } | null> {
      return (
        (
          await sql<{ id: string; resident_id: string; village_code: string; township_code: string }>`
        SELECT g.id::text, g.resident_id::text, g.village_code, v.parent_code AS township_code
        FROM grid_workers g JOIN areas v ON v.code = g.village_code WHERE g.id = ${id}::bigint AND g.revoked_at IS NULL`.execute(db)
        ).rows[0] ?? null
      )
    },

    async revoke(id: string, adminId: string, now: Date): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const r = await sql<{ resident_id: string; village_code: string }>`UPDATE grid_workers SET revoked_at = ${now}, revoked_by = ${adminId}::bigint
          WHERE id = ${id}::bigint AND revoked_at IS NULL RETURNING resident_id::text, village_code`.execute(trx)
        const row = r.rows[0]
        if (!row) return false
        await trx
          .insertInto('audit_log')
          .values({
            admin_id: adminId,
            action: 'grid.revoke',
            target: `resident:${row.resident_id}`,
            before: JSON.stringify({ village: row.village_code }),
            after: null
          })
          .execute()
        return true
      })
    },

    async list(township: string | null): Promise<GridWorkerRow[]> {
      return (
        await sql<GridWorkerRow>`
        SELECT g.id::text, g.resident_id::text, r.name_enc, r.phone_enc, t.code AS township_code, t.name AS township_name,
               v.code AS village_code, v.name AS village_name, g.appointed_at, COALESCE(a.display_name, a.username) AS appointed_by,
               (SELECT count(*)::int FROM publicity_sessions s WHERE s.resident_id = g.resident_id AND s.village_code = g.village_code) AS sessions,
               (SELECT COALESCE(sum(s.people), 0)::int FROM publicity_sessions s WHERE s.resident_id = g.resident_id AND s.village_code = g.village_code) AS people
        FROM grid_workers g
        JOIN residents r ON r.id = g.resident_id AND r.deleted_at IS NULL
        JOIN areas v ON v.code = g.village_code
        JOIN areas t ON t.code = v.parent_code
        LEFT JOIN admins a ON a.id = g.appointed_by
        WHERE g.revoked_at IS NULL AND (${township}::text IS NULL OR t.code = ${township})
        ORDER BY t.code, v.code, g.id`.execute(db)
      ).rows
    },

    /** The villages a resident is grid worker of now. */
    async villagesOf(residentId: string): Promise<string[]> {
      return (
        await db
          .selectFrom('grid_workers')
          .select('village_code')
          .where('resident_id', '=', residentId)
          .where('revoked_at', 'is', null)
          .orderBy('village_code')
          .execute()
      ).map((r) => r.village_code)
    },

    /** Residents registered for them (代登记), per village. */
    async proxyCounts(villageCodes: string[]): Promise<Map<string, number>> {
      if (villageCodes.length === 0) return new Map()
      const rows = await sql<{ village_code: string; n: number }>`SELECT village_code, count(*)::int AS n FROM residents
        WHERE village_code = ANY(${villageCodes}::text[]) AND registered_via IN ('family', 'grid') AND registered_at IS NOT NULL AND deleted_at IS NULL
        GROUP BY village_code`.execute(db)
      return new Map(rows.rows.map((r) => [r.village_code, r.n]))
    },

    /** Visits a station asked this grid worker to accompany: the village and when, never the warning. */
    async visits(residentId: string) {
      return (
        await sql<{ id: string; village_name: string | null; due_at: Date; status: string; accompany_note: string | null; accompany_requested_at: Date }>`
        SELECT k.id::text, v.name AS village_name, k.due_at, k.status, k.accompany_note, k.accompany_requested_at
        FROM warning_tasks k JOIN warnings w ON w.id = k.warning_id LEFT JOIN areas v ON v.code = w.village_code
        WHERE k.accompany_resident_id = ${residentId}::bigint AND k.kind = 'visit'
        ORDER BY (k.status IN ('open', 'claimed')) DESC, k.due_at DESC LIMIT 20`.execute(db)
      ).rows
    },

    async addPhoto(p: { id: string; residentId: string; contentType: string; bytes: Buffer }, now: Date): Promise<void> {
      await db
        .insertInto('publicity_photos')
        .values({ id: p.id, resident_id: p.residentId, content_type: p.contentType, bytes: p.bytes, size: p.bytes.length, created_at: now })
        .execute()
    },

    /**
     * Stores a session with its photos (the uploader's own, not yet on another session); null when a photo is not
     * theirs or already used, and then nothing is stored.
     */
    async addSession(
      s: {
        residentId: string
        kind: PublicityKind
        heldOn: string
        townshipCode: string
        villageCode: string
        people: number
        note: string | null
        photos: string[]
      },
      now: Date
    ): Promise<string | null> {
      return db
        .transaction()
        .execute(async (trx) => {
          const inserted = await sql<{
            id: string
          }>`INSERT INTO publicity_sessions (resident_id, kind, held_on, township_code, village_code, people, note, created_at)
          VALUES (${s.residentId}::bigint, ${s.kind}, ${s.heldOn}::date, ${s.townshipCode}, ${s.villageCode}, ${s.people}, ${s.note}, ${now}) RETURNING id::text`.execute(
            trx
          )
          const id = inserted.rows[0]!.id
          if (s.photos.length > 0) {
            const attached = await sql`UPDATE publicity_photos SET session_id = ${id}::bigint
            WHERE id = ANY(${s.photos}::text[]) AND resident_id = ${s.residentId}::bigint AND session_id IS NULL`.execute(trx)
            if (Number(attached.numAffectedRows ?? 0n) !== s.photos.length) throw new PhotosNotOwn()
          }
          return id
        })
        .catch((err: unknown) => {
          if (err instanceof PhotosNotOwn) return null
          throw err
        })
    },

    async sessions(residentId: string, limit = 20) {
      return (
        await sql<{
          id: string
          kind: PublicityKind
          held_on: string
          village_code: string
          village_name: string
          people: number
          note: string | null
          photos: number
        }>`
        SELECT s.id::text, s.kind, s.held_on::text, s.village_code, v.name AS village_name, s.people, s.note,
               (SELECT count(*)::int FROM publicity_photos p WHERE p.session_id = s.id) AS photos
        FROM publicity_sessions s JOIN areas v ON v.code = s.village_code
        WHERE s.resident_id = ${residentId}::bigint ORDER BY s.held_on DESC, s.id DESC LIMIT ${limit}`.execute(db)
      ).rows
    },

    /** Sessions and people reached, by kind and by township × month, for sessions held in [from, to]. */
    async figures(from: string, to: string, township: string | null) {
      const where = sql`s.held_on BETWEEN ${from}::date AND ${to}::date AND (${township}::text IS NULL OR s.township_code = ${township})`
      const byKind = (
        await sql<{ kind: PublicityKind; sessions: number; people: number }>`
        SELECT s.kind, count(*)::int AS sessions, sum(s.people)::int AS people FROM publicity_sessions s WHERE ${where} GROUP BY s.kind ORDER BY s.kind`.execute(
          db
        )
      ).rows
      const byTownshipMonth = (
        await sql<{ township_code: string; township_name: string; month: string; sessions: number; people: number }>`
        SELECT s.township_code, t.name AS township_name, to_char(s.held_on, 'YYYY-MM') AS month, count(*)::int AS sessions, sum(s.people)::int AS people
        FROM publicity_sessions s JOIN areas t ON t.code = s.township_code WHERE ${where}
        GROUP BY s.township_code, t.name, month ORDER BY month, s.township_code`.execute(db)
      ).rows
      return { byKind, byTownshipMonth }
    },

    /** Sessions held in [from, to], newest first, with their photo ids (the console's review list). */
    async consoleSessions(from: string, to: string, township: string | null, limit = 200) {
      return (
        await sql<{
          id: string
          kind: PublicityKind
          held_on: string
          township_code: string
          township_name: string
          village_code: string
          village_name: string
          people: number
          note: string | null
          name_enc: string | null
          photos: string[]
        }>`
        SELECT s.id::text, s.kind, s.held_on::text, s.township_code, t.name AS township_name, s.village_code, v.name AS village_name, s.people, s.note,
               r.name_enc, COALESCE((SELECT array_agg(p.id ORDER BY p.created_at) FROM publicity_photos p WHERE p.session_id = s.id), '{}') AS photos
        FROM publicity_sessions s JOIN areas t ON t.code = s.township_code JOIN areas v ON v.code = s.village_code
        JOIN residents r ON r.id = s.resident_id
        WHERE s.held_on BETWEEN ${from}::date AND ${to}::date AND (${township}::text IS NULL OR s.township_code = ${township})
        ORDER BY s.held_on DESC, s.id DESC LIMIT ${limit}`.execute(db)
      ).rows
    },

    /** A session photo with its session's township (officers see their own). */
    async photo(id: string): Promise<{ content_type: string; bytes: Buffer; township_code: string } | null> {
      return (
        (
          await sql<{ content_type: string; bytes: Buffer; township_code: string }>`
        SELECT p.content_type, p.bytes, s.township_code FROM publicity_photos p JOIN publicity_sessions s ON s.id = p.session_id
        WHERE p.id = ${id}`.execute(db)
        ).rows[0] ?? null
      )
    },

    /** Locks the visit's warning (the chain's locking rule), checks the task, and records who is asked to accompany. */
    async accompany(
      taskId: string,
      residentId: string,
      note: string | null,
      now: Date,
      township: string | null
    ): Promise<'ok' | 'not-found' | 'not-grid-worker' | 'finished'> {
      return db.transaction().execute(async (trx) => {
        const task = (
          await sql<{ warning_id: string; kind: string; status: string; township_code: string | null }>`
          SELECT warning_id::text, kind, status, township_code FROM warning_tasks WHERE id = ${taskId}::bigint`.execute(trx)
        ).rows[0]
        if (!task || task.kind !== 'visit' || (township !== null && task.township_code !== township)) return 'not-found'
        const w = (
          await sql<{ village_code: string | null }>`SELECT village_code FROM warnings WHERE id = ${task.warning_id}::bigint FOR NO KEY UPDATE`.execute(trx)
        ).rows[0]
        const live = (await sql<{ status: string }>`SELECT status FROM warning_tasks WHERE id = ${taskId}::bigint`.execute(trx)).rows[0]
        if (!live || (live.status !== 'open' && live.status !== 'claimed')) return 'finished'
        const appointed = w?.village_code
          ? await trx
              .selectFrom('grid_workers')
              .select('id')
              .where('resident_id', '=', residentId)
              .where('village_code', '=', w.village_code)
              .where('revoked_at', 'is', null)
              .executeTakeFirst()
          : undefined
        if (!appointed) return 'not-grid-worker'
        await sql`UPDATE warning_tasks SET accompany_resident_id = ${residentId}::bigint, accompany_note = ${note}, accompany_requested_at = ${now}
          WHERE id = ${taskId}::bigint`.execute(trx)
        return 'ok'
      })
    }
  }
}
export type GridRepository = ReturnType<typeof createGridRepository>

class PhotosNotOwn extends Error {}
