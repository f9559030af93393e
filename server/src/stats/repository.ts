import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import type { Verdict } from '../../../types/check.ts'
import type { CheckKind } from '../../../types/kinds.ts'

export type { CheckKind }

export interface CheckCountRow {
  day: string
  kind: CheckKind
  verdict: Verdict
  count: number
}
/** A period of China days as instants: [start, end). */
export interface Period {
  fromDay: string
  toDay: string
  start: Date
  end: Date
}

// China has no daylight saving: a UTC+8 shift gives the county's day without relying on time-zone data.
const chinaDay = (column: string) => sql<string>`to_char((${sql.ref(column)} AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM-DD')`

/** The dashboard's aggregates; each is one indexed query, grouped in SQL. `township` null = the county. */
export function createStatsRepository(db: Kysely<DB>) {
  return {
    async addCheckCounts(rows: CheckCountRow[]): Promise<void> {
      if (rows.length === 0) return
      await db
        .insertInto('check_counts')
        .values(rows)
        .onConflict((oc) => oc.columns(['day', 'kind', 'verdict']).doUpdateSet({ count: sql`check_counts.count + excluded.count` }))
        .execute()
    },

    async checksPerDay(p: Period): Promise<CheckCountRow[]> {
      const rows = await db
        .selectFrom('check_counts')
        .select(['day', 'kind', 'verdict', 'count'])
        .where('day', '>=', p.fromDay)
        .where('day', '<=', p.toDay)
        .orderBy('day')
        .orderBy('kind')
        .orderBy('verdict')
        .execute()
      return rows.map((r) => ({ ...r, count: Number(r.count) }))
    },

    async registrationsPerDay(p: Period, township: string | null): Promise<Array<{ day: string; count: number }>> {
      let q = db
        .selectFrom('residents')
        .select((eb) => [chinaDay('registered_at').as('day'), eb.fn.countAll<string>().as('n')])
        .where('registered_at', 'is not', null)
        .where('deleted_at', 'is', null)
        .where('registered_at', '>=', p.start)
        .where('registered_at', '<', p.end)
      if (township) q = q.where('township_code', '=', township)
      const rows = await q.groupBy(sql`1`).execute()
      return rows.map((r) => ({ day: r.day, count: Number(r.n) }))
    },

    /** Received per day, and decided per day (a decision's time is the report's last update). */
    async reports(p: Period, township: string | null) {
      let scoped = db.selectFrom('reports')
      if (township)
        scoped = scoped.innerJoin('residents', 'residents.id', 'reports.resident_id').where('residents.township_code', '=', township) as typeof scoped
      const received = await scoped
        .select((eb) => [chinaDay('reports.created_at').as('day'), eb.fn.countAll<string>().as('n')])
        .where('reports.created_at', '>=', p.start)
        .where('reports.created_at', '<', p.end)
        .groupBy(sql`1`)
        .execute()
      const decided = await scoped
        .select((eb) => [chinaDay('reports.updated_at').as('day'), 'reports.status', eb.fn.countAll<string>().as('n')])
        .where('reports.status', 'in', ['confirmed', 'rejected'])
        .where('reports.updated_at', '>=', p.start)
        .where('reports.updated_at', '<', p.end)
        .groupBy([sql`1`, 'reports.status'])
        .execute()
      const open = await scoped
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('reports.status', 'in', ['submitted', 'reviewing'])
        .executeTakeFirstOrThrow()
      return {
        received: received.map((r) => ({ day: r.day, count: Number(r.n) })),
        decided: decided.map((r) => ({ day: r.day, status: r.status as 'confirmed' | 'rejected', count: Number(r.n) })),
        open: Number(open.n)
      }
    },

    /** Bulletins published in the period that reached the scope, and their deliveries and reads within it. */
    async bulletinReach(p: Period, township: string | null) {
      let bulletins = db
        .selectFrom('bulletins')
        .select('id')
        .where('published_at', '>=', p.start)
        .where('published_at', '<', p.end)
        .where('status', 'in', ['published', 'withdrawn'])
      if (township) bulletins = bulletins.where((eb) => eb.or([eb('audience', 'is', null), sql<boolean>`${township} = ANY(audience)`]))
      const ids = (await bulletins.execute()).map((b) => b.id)
      if (ids.length === 0) return { published: 0, deliveries: [] as Array<{ status: string; count: number }>, read: 0 }
      let deliveries = db
        .selectFrom('deliveries')
        .select((eb) => ['deliveries.status', eb.fn.countAll<string>().as('n')])
        .where('deliveries.bulletin_id', 'in', ids)
      let reads = db
        .selectFrom('bulletin_reads')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('bulletin_reads.bulletin_id', 'in', ids)
      if (township) {
        deliveries = deliveries.innerJoin('residents', 'residents.id', 'deliveries.resident_id').where('residents.township_code', '=', township)
        reads = reads.innerJoin('residents', 'residents.id', 'bulletin_reads.resident_id').where('residents.township_code', '=', township)
      }
      const byStatus = await deliveries.groupBy('deliveries.status').execute()
      const read = await reads.executeTakeFirstOrThrow()
      return { published: ids.length, deliveries: byStatus.map((d) => ({ status: d.status as string, count: Number(d.n) })), read: Number(read.n) }
    },

    /** One pass over the list (category × source), folded in the service: the list can hold millions of rows. */
    async blocklist(p: Period) {
      const rows = await db
        .selectFrom('blocklist_entries')
        .select((eb) => [
          'category',
          'source',
          eb.fn.countAll<string>().as('n'),
          eb.fn
            .countAll<string>()
            .filterWhere((w) => w.and([w('created_at', '>=', p.start), w('created_at', '<', p.end)]))
            .as('added')
        ])
        .where('status', '!=', 'removed')
        .groupBy(['category', 'source'])
        .execute()
      return rows.map((r) => ({ category: r.category, source: r.source as string, count: Number(r.n), added: Number(r.added) }))
    }
  }
}
export type StatsRepository = ReturnType<typeof createStatsRepository>
