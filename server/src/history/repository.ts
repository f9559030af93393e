import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import type { ValueKind } from '../../../types/kinds.ts'

export interface CheckRecord {
  residentId: string
  kind: ValueKind
  input: string
  normalized: string
  verdict: string
}

export function createHistoryRepository(db: Kysely<DB>) {
  return {
    async record(r: CheckRecord): Promise<void> {
      await db
        .insertInto('check_history')
        .values({ resident_id: r.residentId, kind: r.kind, input: r.input, normalized: r.normalized, verdict: r.verdict })
        .execute()
    },
    async recent(residentId: string, limit: number) {
      return db
        .selectFrom('check_history')
        .select(['kind', 'input', 'normalized', 'verdict', 'checked_at'])
        .where('resident_id', '=', residentId)
        .orderBy('checked_at', 'desc')
        .limit(limit)
        .execute()
    }
  }
}
export type HistoryRepository = ReturnType<typeof createHistoryRepository>
