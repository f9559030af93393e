import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'

export interface VillageCount {
  villageCode: string
  cohort: number
  /** Of the cohort, registered for them (代登记). */
  proxy: number
  allAges: number
}

export function createCoverageRepository(db: Kysely<DB>) {
  return {
    /** Registered (not deleted) residents per village: in the birth-date window, and of any age. */
    async countsByVillage(bounds: { bornOnOrBefore: string; bornAfter: string }, townshipCode: string | null): Promise<VillageCount[]> {
      let q = db.selectFrom('residents')
        .select((eb) => [
          'village_code',
          eb.fn.countAll<string>().filterWhere(sql<boolean>`birth_date <= ${bounds.bornOnOrBefore}::date AND birth_date > ${bounds.bornAfter}::date`).as('cohort'),
          eb.fn.countAll<string>().filterWhere(sql<boolean>`birth_date <= ${bounds.bornOnOrBefore}::date AND birth_date > ${bounds.bornAfter}::date AND registered_via IN ('family', 'grid')`).as('proxy'),
          eb.fn.countAll<string>().as('all_ages')
        ])
        .where('registered_at', 'is not', null)
        .where('deleted_at', 'is', null)
        .groupBy('village_code')
      if (townshipCode !== null) q = q.where('township_code', '=', townshipCode)
      const rows = await q.execute()
      return rows.map((r) => ({ villageCode: r.village_code as string, cohort: Number(r.cohort), proxy: Number(r.proxy), allAges: Number(r.all_ages) }))
    }
  }
}
export type CoverageRepository = ReturnType<typeof createCoverageRepository>
