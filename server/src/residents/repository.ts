import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'

export interface Registration {
  nameEnc: string
  birthDate: string
  townshipCode: string
  villageCode: string
  consentVersion: string
  idNumber: { enc: string; masked: string; index: string } | null
}

function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string }
  return e.code === '23505' && (constraint === undefined || e.constraint === constraint)
}

export function createResidentsRepository(db: Kysely<DB>) {
  return {
    /** The resident's own row (deleted accounts are not found). */
    async find(id: string) {
      return db
        .selectFrom('residents as r')
        .leftJoin('areas as t', 't.code', 'r.township_code')
        .leftJoin('areas as v', 'v.code', 'r.village_code')
        .select([
          'r.id',
          'r.openid',
          'r.phone_enc',
          'r.phone_verified_at',
          'r.name_enc',
          'r.birth_date',
          'r.township_code',
          'r.village_code',
          't.name as township_name',
          'v.name as village_name',
          'r.id_number_masked',
          'r.consent_version',
          'r.consent_at',
          'r.registered_at',
          'r.created_at',
          'r.last_login_at',
          'r.registered_via',
          (eb) =>
            eb
              .exists(eb.selectFrom('grid_workers as g').select('g.id').whereRef('g.resident_id', '=', 'r.id').where('g.revoked_at', 'is', null))
              .as('grid_worker')
        ])
        .where('r.id', '=', id)
        .where('r.deleted_at', 'is', null)
        .executeTakeFirst()
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
        if (isUniqueViolation(err)) return 'in-use'
        throw err
      }
    },

    /**
     * 代登记 taken over in the mini-program: the phone belongs to an account a helper registered (no WeChat yet) and
     * the caller is a fresh WeChat account (not registered). The WeChat openid moves to the registered account and
     * the fresh one is closed, in one transaction. Returns the account now holding the openid, or null when the
     * phone's account is not one to take over.
     */
    async takeOver(currentId: string, phoneIndex: string, now: Date): Promise<string | null> {
      return db.transaction().execute(async (trx) => {
        const current = await trx
          .selectFrom('residents')
          .select(['id', 'openid', 'registered_at'])
          .where('id', '=', currentId)
          .where('deleted_at', 'is', null)
          .forUpdate()
          .executeTakeFirst()
        const holder = await trx
          .selectFrom('residents')
          .select(['id'])
          .where('phone_index', '=', phoneIndex)
          .where('deleted_at', 'is', null)
          .where('openid', 'is', null)
          .where('registered_via', 'in', ['family', 'grid'])
          .forUpdate()
          .executeTakeFirst()
        if (!current?.openid || current.registered_at || !holder || String(holder.id) === currentId) return null
        await trx.updateTable('residents').set({ openid: null, deleted_at: now }).where('id', '=', currentId).execute()
        await trx.deleteFrom('refresh_tokens').where('resident_id', '=', currentId).execute()
        await trx.deleteFrom('check_history').where('resident_id', '=', currentId).execute()
        await trx.updateTable('residents').set({ openid: current.openid, taken_over_at: now, last_login_at: now }).where('id', '=', String(holder.id)).execute()
        return String(holder.id)
      })
    },

    /** Village belongs to township? Both must exist. */
    async villageInTownship(townshipCode: string, villageCode: string): Promise<boolean> {
      const row = await db
        .selectFrom('areas as v')
        .innerJoin('areas as t', 't.code', 'v.parent_code')
        .select('v.code')
        .where('v.code', '=', villageCode)
        .where('t.code', '=', townshipCode)
        .where('t.parent_code', 'is', null)
        .executeTakeFirst()
      return row !== undefined
    },

    /** Records the registration once; 'registered' if it already was, 'id-in-use' if another resident holds the ID. */
    async register(id: string, r: Registration, now: Date): Promise<'ok' | 'registered' | 'id-in-use'> {
      try {
        const res = await db
          .updateTable('residents')
          .set({
            name_enc: r.nameEnc,
            birth_date: r.birthDate,
            township_code: r.townshipCode,
            village_code: r.villageCode,
            consent_version: r.consentVersion,
            consent_at: now,
            registered_at: now,
            registered_via: 'self',
            id_number_enc: r.idNumber?.enc ?? null,
            id_number_masked: r.idNumber?.masked ?? null,
            id_number_index: r.idNumber?.index ?? null
          })
          .where('id', '=', id)
          .where('registered_at', 'is', null)
          .where('deleted_at', 'is', null)
          .executeTakeFirst()
        return res.numUpdatedRows > 0n ? 'ok' : 'registered'
      } catch (err) {
        if (isUniqueViolation(err, 'residents_id_number_index_key')) return 'id-in-use'
        throw err
      }
    },

    async update(id: string, changes: { nameEnc?: string; townshipCode?: string; villageCode?: string }): Promise<void> {
      await db
        .updateTable('residents')
        .set({
          ...(changes.nameEnc !== undefined ? { name_enc: changes.nameEnc } : {}),
          ...(changes.townshipCode !== undefined ? { township_code: changes.townshipCode } : {}),
          ...(changes.villageCode !== undefined ? { village_code: changes.villageCode } : {})
        })
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .execute()
    },

    /** Live family links of a resident, either side, with the other person's encrypted name. */
    async familyLinks(id: string) {
      return (
        await sql<{ guarding: boolean; created_at: Date; name_enc: string | null }>`
        SELECT l.guardian_id = ${id}::bigint AS guarding, l.created_at, o.name_enc
        FROM family_links l JOIN residents o ON o.id = CASE WHEN l.guardian_id = ${id}::bigint THEN l.ward_id ELSE l.guardian_id END
        WHERE (l.guardian_id = ${id}::bigint OR l.ward_id = ${id}::bigint) AND l.removed_at IS NULL ORDER BY l.id`.execute(db)
      ).rows
    },

    async activeSessions(id: string, now: Date) {
      return db
        .selectFrom('refresh_tokens')
        .select(['created_at', 'expires_at'])
        .where('resident_id', '=', id)
        .where('used_at', 'is', null)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now)
        .orderBy('created_at', 'desc')
        .execute()
    },

    /** A resident who exists and has not erased their account. */
    async isLive(id: string): Promise<boolean> {
      return (await db.selectFrom('residents').select('id').where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst()) !== undefined
    },

    /**
     * Erases everything personal and keeps a tombstone (area codes, dates) so counts over time stay right:
     * name, phone, ID, birth date, openid, consent, check history and sessions are gone.
     */
    async erase(id: string, now: Date): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const res = await trx
          .updateTable('residents')
          .set({
            openid: null,
            phone_enc: null,
            phone_index: null,
            phone_verified_at: null,
            name_enc: null,
            birth_date: null,
            id_number_enc: null,
            id_number_masked: null,
            id_number_index: null,
            consent_version: null,
            consent_at: null,
            deleted_at: now
          })
          .where('id', '=', id)
          .where('deleted_at', 'is', null)
          .executeTakeFirst()
        if (res.numUpdatedRows === 0n) return false
        await trx.deleteFrom('refresh_tokens').where('resident_id', '=', id).execute()
        await trx.deleteFrom('check_history').where('resident_id', '=', id).execute()
        await trx.deleteFrom('report_screenshots').where('resident_id', '=', id).execute()
        // Family ties and a grid worker's appointment end with the account; the rows stay as history.
        await trx
          .updateTable('family_links')
          .set({ removed_at: now, removed_by: id })
          .where((eb) => eb.or([eb('guardian_id', '=', id), eb('ward_id', '=', id)]))
          .where('removed_at', 'is', null)
          .execute()
        await trx
          .updateTable('family_invites')
          .set({ cancelled_at: now })
          .where('inviter_id', '=', id)
          .where('accepted_at', 'is', null)
          .where('cancelled_at', 'is', null)
          .execute()
        await trx.updateTable('grid_workers').set({ revoked_at: now }).where('resident_id', '=', id).where('revoked_at', 'is', null).execute()
        await trx.deleteFrom('publicity_photos').where('resident_id', '=', id).where('session_id', 'is', null).execute()
        return true
      })
    }
  }
}
export type ResidentsRepository = ReturnType<typeof createResidentsRepository>
