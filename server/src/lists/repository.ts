import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'

export type ListKind = 'phone' | 'url' | 'account'
export type BlockSource = 'centre' | 'city' | 'bank' | 'report' | 'import'
export const BLOCK_SOURCES: readonly BlockSource[] = ['centre', 'city', 'bank', 'report', 'import']

export interface BlockRow {
  kind: ListKind
  value: string
  category: string
  source: BlockSource
  note: string | null
}

export interface BlockChangeRow {
  value: string
  category: string
  source: string
  active: boolean
  expiresAt: Date | null
  changeSeq: bigint
}

export interface UpsertSummary {
  added: number
  updated: number
  unchanged: number
}

// Every writer to blocklist_entries takes this lock first, so change_seq order equals commit order and a
// reader that has seen seq N has seen every change before it (see README "Blocklist change feed").
const BLOCKLIST_WRITE_LOCK = 7_240_001

export function createListsRepository(db: Kysely<DB>) {
  return {
    /**
     * Changes to phone entries after `afterSeq`, oldest first. A page travels as one tab-separated text value
     * rather than thousands of row objects: loading a million entries is dominated by per-row result
     * handling otherwise (most of all on PGlite). Values and categories never contain tabs or newlines
     * (import and the admin API refuse control characters).
     */
    async blockChangesSince(afterSeq: bigint, limit: number): Promise<BlockChangeRow[]> {
      const result = await sql<{ page: string | null }>`
        SELECT string_agg(concat_ws(E'\t', value, category, source, status,
                 coalesce((extract(epoch FROM expires_at) * 1000)::bigint, 0), change_seq), E'\n' ORDER BY change_seq) AS page
        FROM (SELECT value, category, source, status, expires_at, change_seq FROM blocklist_entries
              WHERE kind = 'phone' AND change_seq > ${afterSeq.toString()}::bigint
              ORDER BY change_seq LIMIT ${limit}) AS changes`.execute(db)
      const page = result.rows[0]?.page
      if (!page) return []
      return page.split('\n').map((line) => {
        const [value, category, source, status, expires, seq] = line.split('\t')
        const expiresMs = Number(expires)
        // An appealed entry keeps matching until the appeal is decided.
        return { value, category, source, active: status !== 'removed', expiresAt: expiresMs > 0 ? new Date(expiresMs) : null, changeSeq: BigInt(seq) }
      })
    },

    /**
     * Refreshes planner statistics. After a bulk load without them, PostgreSQL estimates a few hundred rows and
     * sorts the whole remaining change feed for every page instead of walking the (kind, change_seq) index.
     */
    async analyze(): Promise<void> {
      await sql`ANALYZE blocklist_entries`.execute(db)
    },

    async verifiedNumbers(): Promise<Array<{ value: string; label: string; category: string }>> {
      return db.selectFrom('verified_numbers').select(['value', 'label', 'category']).execute()
    },

    async reportTallies(kind: ListKind): Promise<Array<{ value: string; reporters: number }>> {
      return db.selectFrom('report_tallies').select(['value', 'reporters']).where('kind', '=', kind).where('reporters', '>', 0).execute()
    },

    /**
     * Inserts or updates a batch in one statement (unnest of column arrays); rows identical to what is stored
     * are left alone so a re-run changes nothing. The batch must not repeat a (kind, value).
     */
    async upsertBlocklist(rows: readonly BlockRow[]): Promise<UpsertSummary> {
      if (rows.length === 0) return { added: 0, updated: 0, unchanged: 0 }
      return db.transaction().execute(async (trx) => {
        await sql`SELECT pg_advisory_xact_lock(${BLOCKLIST_WRITE_LOCK})`.execute(trx)
        const result = await sql<{ inserted: boolean }>`
          INSERT INTO blocklist_entries (kind, value, category, source, note)
          SELECT * FROM unnest(${rows.map((r) => r.kind)}::text[], ${rows.map((r) => r.value)}::text[],
                               ${rows.map((r) => r.category)}::text[], ${rows.map((r) => r.source)}::text[],
                               ${rows.map((r) => r.note)}::text[])
          ON CONFLICT (kind, value) DO UPDATE
            SET category = EXCLUDED.category, source = EXCLUDED.source, note = EXCLUDED.note, status = 'active'
            WHERE (blocklist_entries.category, blocklist_entries.source, blocklist_entries.note, blocklist_entries.status)
                  IS DISTINCT FROM (EXCLUDED.category, EXCLUDED.source, EXCLUDED.note, 'active')
          RETURNING (xmax = 0) AS inserted`.execute(trx)
        const added = result.rows.filter((r) => r.inserted).length
        const updated = result.rows.length - added
        return { added, updated, unchanged: rows.length - result.rows.length }
      })
    },

    /** Marks an entry removed (kept for the record and the change feed). */
    /** Sets an entry's status (appealed entries keep matching; removed ones stop at once). False when not listed. */
    async setBlocklistStatus(kind: ListKind, value: string, status: 'active' | 'appealed' | 'removed'): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        await sql`SELECT pg_advisory_xact_lock(${BLOCKLIST_WRITE_LOCK})`.execute(trx)
        const r = await trx.updateTable('blocklist_entries').set({ status }).where('kind', '=', kind).where('value', '=', value)
          .where('status', '<>', 'removed').executeTakeFirst()
        return r.numUpdatedRows > 0n
      })
    },

    async removeBlocklistEntry(kind: ListKind, value: string): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        await sql`SELECT pg_advisory_xact_lock(${BLOCKLIST_WRITE_LOCK})`.execute(trx)
        const r = await trx
          .updateTable('blocklist_entries')
          .set({ status: 'removed' })
          .where('kind', '=', kind)
          .where('value', '=', value)
          .where('status', '<>', 'removed')
          .executeTakeFirst()
        return r.numUpdatedRows > 0n
      })
    },

    async setBlocklistExpiry(kind: ListKind, value: string, expiresAt: Date | null): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await sql`SELECT pg_advisory_xact_lock(${BLOCKLIST_WRITE_LOCK})`.execute(trx)
        await trx.updateTable('blocklist_entries').set({ expires_at: expiresAt }).where('kind', '=', kind).where('value', '=', value).execute()
      })
    },

    /** Active entries in id order, one page at a time (keyset), for a streamed export. */
    async *blocklistPages(pageSize = 5_000): AsyncGenerator<Array<BlockRow & { id: string }>> {
      let afterId = '0'
      for (;;) {
        const page = await db
          .selectFrom('blocklist_entries')
          .select(['id', 'kind', 'value', 'category', 'source', 'note'])
          .where('status', '<>', 'removed')
          .where('id', '>', afterId)
          .orderBy('id')
          .limit(pageSize)
          .execute()
        if (page.length === 0) return
        yield page
        afterId = page[page.length - 1].id
      }
    },

    /** Active, unexpired blocklist entries among `values` (URL and account checks look these up directly). */
    async activeEntries(kind: ListKind, values: readonly string[], now: Date): Promise<Array<{ value: string; category: string }>> {
      if (values.length === 0) return []
      return db.selectFrom('blocklist_entries').select(['value', 'category'])
        .where('kind', '=', kind).where('value', 'in', [...values]).where('status', 'in', ['active', 'appealed'])
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
        .execute()
    },

    /** Distinct reporters per value, for values with reports. */
    async reporters(kind: ListKind, values: readonly string[]): Promise<Map<string, number>> {
      if (values.length === 0) return new Map()
      const rows = await db.selectFrom('report_tallies').select(['value', 'reporters']).where('kind', '=', kind).where('value', 'in', [...values]).execute()
      return new Map(rows.map((r) => [r.value, r.reporters]))
    },

    async verifiedDomains(): Promise<Array<{ domain: string; label: string; category: string }>> {
      return db.selectFrom('verified_domains').select(['domain', 'label', 'category']).execute()
    },

    async upsertVerifiedDomains(rows: ReadonlyArray<{ domain: string; label: string; category: string }>): Promise<void> {
      for (const r of rows) {
        await db.insertInto('verified_domains').values(r).onConflict((oc) => oc.column('domain').doUpdateSet({ label: r.label, category: r.category, updated_at: new Date() })).execute()
      }
    },

    async countBlocklist(): Promise<number> {
      const r = await db.selectFrom('blocklist_entries').select((eb) => eb.fn.countAll<string>().as('n')).where('status', '=', 'active').executeTakeFirstOrThrow()
      return Number(r.n)
    },

    async upsertVerified(rows: ReadonlyArray<{ value: string; label: string; category: string }>): Promise<void> {
      if (rows.length === 0) return
      await db
        .insertInto('verified_numbers')
        .values(rows.map((r) => ({ ...r })))
        .onConflict((oc) => oc.column('value').doUpdateSet((eb) => ({ label: eb.ref('excluded.label'), category: eb.ref('excluded.category'), updated_at: sql`now()` })))
        .execute()
    },

    async setReportTally(kind: ListKind, value: string, reporters: number): Promise<void> {
      await db
        .insertInto('report_tallies')
        .values({ kind, value, reporters })
        .onConflict((oc) => oc.columns(['kind', 'value']).doUpdateSet({ reporters, updated_at: sql`now()` }))
        .execute()
    }
  }
}

export type ListsRepository = ReturnType<typeof createListsRepository>
