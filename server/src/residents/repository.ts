import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'

export function createResidentsRepository(db: Kysely<DB>) {
  return {
    async find(id: string) {
      return db.selectFrom('residents').select(['id', 'phone_enc', 'phone_index']).where('id', '=', id).executeTakeFirst()
    },

    /** Binds a verified phone; 'in-use' when another resident holds it (the blind index is unique). */
    async setPhone(id: string, phone: { enc: string; index: string }): Promise<'ok' | 'in-use'> {
      const holder = await db.selectFrom('residents').select('id').where('phone_index', '=', phone.index).executeTakeFirst()
      if (holder && String(holder.id) !== id) return 'in-use'
      try {
        await db.updateTable('residents').set({ phone_enc: phone.enc, phone_index: phone.index, phone_verified_at: new Date() }).where('id', '=', id).execute()
        return 'ok'
      } catch (err) {
        // Two residents racing for the same phone: the unique index decides.
        if ((err as { code?: string }).code === '23505') return 'in-use'
        throw err
      }
    }
  }
}
export type ResidentsRepository = ReturnType<typeof createResidentsRepository>
