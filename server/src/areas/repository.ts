import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'

export interface AreaRow {
  code: string
  name: string
  parentCode: string | null
  population16to60: number
}

export function createAreasRepository(db: Kysely<DB>) {
  return {
    async all(): Promise<AreaRow[]> {
      const rows = await db.selectFrom('areas').select(['code', 'name', 'parent_code', 'population_16_60']).orderBy('code').execute()
      return rows.map((r) => ({ code: r.code, name: r.name, parentCode: r.parent_code, population16to60: r.population_16_60 }))
    },

    async count(): Promise<number> {
      const r = await db
        .selectFrom('areas')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
      return Number(r.n)
    },

    /** Inserts or updates areas in one transaction, townships before their villages. */
    async upsert(rows: readonly AreaRow[]): Promise<{ added: number; updated: number; unchanged: number }> {
      const ordered = [...rows].sort((a, b) => Number(a.parentCode !== null) - Number(b.parentCode !== null))
      return db.transaction().execute(async (trx) => {
        let added = 0
        let updated = 0
        for (const r of ordered) {
          const res = await sql<{ inserted: boolean }>`
            INSERT INTO areas (code, name, parent_code, population_16_60)
            VALUES (${r.code}, ${r.name}, ${r.parentCode}, ${r.population16to60})
            ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, parent_code = EXCLUDED.parent_code,
              population_16_60 = EXCLUDED.population_16_60, updated_at = now()
              WHERE (areas.name, areas.parent_code, areas.population_16_60)
                    IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.parent_code, EXCLUDED.population_16_60)
            RETURNING (xmax = 0) AS inserted`.execute(trx)
          if (res.rows.length === 0) continue
          if (res.rows[0].inserted) added++
          else updated++
        }
        return { added, updated, unchanged: rows.length - added - updated }
      })
    }
  }
}
export type AreasRepository = ReturnType<typeof createAreasRepository>
