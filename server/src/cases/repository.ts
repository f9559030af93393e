import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import type { CaseInput, CaseRecord } from '../../../types/cases.ts'

export function createCasesRepository(db: Kysely<DB>) {
  return {
    async list(from: string, to: string, township: string | null): Promise<CaseRecord[]> {
      const rows = await sql<{
        id: string
        case_no: string
        filed_on: string
        township_code: string
        township_name: string | null
        village_code: string | null
        village_name: string | null
        fraud_type: string
        loss_amount: string
        recovered_amount: string
        warning_id: string | null
      }>`
        SELECT c.id::text, c.case_no, c.filed_on::text, c.township_code, t.name AS township_name, c.village_code, v.name AS village_name,
               c.fraud_type, c.loss_amount::text, c.recovered_amount::text, c.warning_id::text
        FROM cases c LEFT JOIN areas t ON t.code = c.township_code LEFT JOIN areas v ON v.code = c.village_code
        WHERE c.filed_on BETWEEN ${from}::date AND ${to}::date AND (${township}::text IS NULL OR c.township_code = ${township})
        ORDER BY c.filed_on DESC, c.id DESC LIMIT 2000`.execute(db)
      return rows.rows.map((r) => ({
        id: r.id,
        caseNo: r.case_no,
        filedOn: r.filed_on,
        townshipCode: r.township_code,
        townshipName: r.township_name,
        villageCode: r.village_code,
        villageName: r.village_name,
        fraudType: r.fraud_type,
        lossAmount: Number(r.loss_amount),
        recoveredAmount: Number(r.recovered_amount),
        warningId: r.warning_id
      }))
    },

    /** Areas as the checks need them: townships, and each village's township. */
    async areas(): Promise<{
      townships: Set<string>
      villageTownship: Map<string, string>
      townshipByName: Map<string, string>
      villageByName: Map<string, string>
    }> {
      const rows = await db.selectFrom('areas').select(['code', 'parent_code', 'name']).execute()
      return {
        townships: new Set(rows.filter((r) => r.parent_code === null).map((r) => r.code)),
        villageTownship: new Map(rows.filter((r) => r.parent_code !== null).map((r) => [r.code, r.parent_code as string])),
        townshipByName: new Map(rows.filter((r) => r.parent_code === null).map((r) => [r.name, r.code])),
        // A village name is unique within its township: keyed "township code/name".
        villageByName: new Map(rows.filter((r) => r.parent_code !== null).map((r) => [`${r.parent_code as string}/${r.name}`, r.code]))
      }
    },

    async warningsExist(ids: string[]): Promise<Set<string>> {
      if (ids.length === 0) return new Set()
      return new Set((await sql<{ id: string }>`SELECT id::text FROM warnings WHERE id = ANY(${ids}::bigint[])`.execute(db)).rows.map((r) => r.id))
    },

    /** Adds or updates by case number, in one transaction; audited. Returns how many were new. */
    async upsert(cases: CaseInput[], adminId: string): Promise<{ added: number; updated: number }> {
      if (cases.length === 0) return { added: 0, updated: 0 }
      return db.transaction().execute(async (trx) => {
        const col = <K extends keyof CaseInput>(k: K) => cases.map((c) => c[k] ?? null)
        const r = await sql<{ inserted: boolean }>`
          INSERT INTO cases (case_no, filed_on, township_code, village_code, fraud_type, loss_amount, recovered_amount, warning_id)
          SELECT * FROM unnest(${col('caseNo')}::text[], ${col('filedOn')}::date[], ${col('townshipCode')}::text[], ${col('villageCode')}::text[],
                               ${col('fraudType')}::text[], ${col('lossAmount')}::bigint[], ${cases.map((c) => c.recoveredAmount ?? 0)}::bigint[], ${col('warningId')}::bigint[])
          ON CONFLICT (case_no) DO UPDATE SET filed_on = EXCLUDED.filed_on, township_code = EXCLUDED.township_code, village_code = EXCLUDED.village_code,
            fraud_type = EXCLUDED.fraud_type, loss_amount = EXCLUDED.loss_amount, recovered_amount = EXCLUDED.recovered_amount, warning_id = EXCLUDED.warning_id
          RETURNING (xmax = 0) AS inserted`.execute(trx)
        const added = r.rows.filter((x) => x.inserted).length
        await trx
          .insertInto('audit_log')
          .values({
            admin_id: adminId,
            action: 'cases.upsert',
            target: `cases:${cases.length}`,
            before: null,
            after: JSON.stringify({ added, updated: r.rows.length - added, caseNos: cases.slice(0, 50).map((c) => c.caseNo) })
          })
          .execute()
        return { added, updated: r.rows.length - added }
      })
    }
  }
}
export type CasesRepository = ReturnType<typeof createCasesRepository>
