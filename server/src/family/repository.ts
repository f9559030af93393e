import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import type { FamilyRelation, FamilyRole } from '../../../types/family-wording.ts'

// Advisory lock class for a person's family links (two-key form, apart from the SMS and lists locks).
const FAMILY_LOCK = 73

export interface LinkRow {
  id: string
  guardian_id: string
  ward_id: string
  relation: FamilyRelation | null
  created_at: Date
  /** The other person's encrypted name. */
  other_name_enc: string | null
  /** Registered for someone else (代登记) by this link's guardian and not taken over yet. */
  proxy: boolean
}

export interface InviteRow {
  id: string
  inviter_id: string
  inviter_role: FamilyRole
  relation: FamilyRelation | null
  expires_at: Date
  accepted_at: Date | null
  cancelled_at: Date | null
  inviter_name_enc: string | null
  inviter_live: boolean
}

export interface NewResident {
  phoneEnc: string
  phoneIndex: string
  nameEnc: string
  birthDate: string
  townshipCode: string
  villageCode: string
  consentVersion: string
  via: 'family' | 'grid'
  helperId: string
}

export type LinkOutcome = 'ok' | 'limit' | 'linked'

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string }).code === '23505'
}

export function createFamilyRepository(db: Kysely<DB>) {
  /** Live links of a person on either side (inside a transaction holding their lock). */
  const linkCount = async (trx: Kysely<DB>, residentId: string): Promise<number> => {
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM family_links
      WHERE (guardian_id = ${residentId}::bigint OR ward_id = ${residentId}::bigint) AND removed_at IS NULL`.execute(trx)
    return r.rows[0]?.n ?? 0
  }
  /** Locks both people's link sets, lower id first, so two acceptances never deadlock and the limit holds under races. */
  const lockPeople = async (trx: Kysely<DB>, ids: string[]) => {
    for (const id of [...new Set(ids)].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1))) {
      await sql`SELECT pg_advisory_xact_lock(${FAMILY_LOCK}, hashtext(${id}))`.execute(trx)
    }
  }
  /** Inserts a link after checking both sides' limits; the caller holds both locks. */
  const insertLink = async (
    trx: Kysely<DB>,
    link: { guardianId: string; wardId: string; relation: FamilyRelation | null; via: 'invite' | 'proxy' },
    now: Date,
    limit: number
  ): Promise<{ outcome: LinkOutcome; id?: string }> => {
    const existing = await sql<{ id: string }>`SELECT id::text FROM family_links WHERE removed_at IS NULL AND
      ((guardian_id = ${link.guardianId}::bigint AND ward_id = ${link.wardId}::bigint) OR (guardian_id = ${link.wardId}::bigint AND ward_id = ${link.guardianId}::bigint))`.execute(
      trx
    )
    if (existing.rows.length > 0) return { outcome: 'linked' }
    if ((await linkCount(trx, link.guardianId)) >= limit || (await linkCount(trx, link.wardId)) >= limit) return { outcome: 'limit' }
    const r = await sql<{ id: string }>`INSERT INTO family_links (guardian_id, ward_id, relation, via, created_at)
      VALUES (${link.guardianId}::bigint, ${link.wardId}::bigint, ${link.relation}, ${link.via}, ${now}) RETURNING id::text`.execute(trx)
    return { outcome: 'ok', id: r.rows[0]!.id }
  }

  return {
    /** Registered, live resident's name (encrypted) and phone: who may take part in family links. */
    async person(id: string) {
      return (
        (await db
          .selectFrom('residents')
          .select(['id', 'name_enc', 'phone_enc', 'registered_at', 'township_code', 'village_code'])
          .where('id', '=', id)
          .where('deleted_at', 'is', null)
          .executeTakeFirst()) ?? null
      )
    },

    async isGridWorker(residentId: string, villageCode: string): Promise<boolean> {
      return (
        (await db
          .selectFrom('grid_workers')
          .select('id')
          .where('resident_id', '=', residentId)
          .where('village_code', '=', villageCode)
          .where('revoked_at', 'is', null)
          .executeTakeFirst()) !== undefined
      )
    },

    async liveInvites(inviterId: string, now: Date) {
      return (
        await sql<{ id: string; inviter_role: FamilyRole; relation: FamilyRelation | null; expires_at: Date }>`
        SELECT id::text, inviter_role, relation, expires_at FROM family_invites
        WHERE inviter_id = ${inviterId}::bigint AND accepted_at IS NULL AND cancelled_at IS NULL AND expires_at > ${now}
        ORDER BY id DESC`.execute(db)
      ).rows
    },

    async createInvite(i: {
      inviterId: string
      role: FamilyRole
      relation: FamilyRelation | null
      codeHash: string
      now: Date
      expiresAt: Date
    }): Promise<string | null> {
      try {
        const r = await sql<{ id: string }>`INSERT INTO family_invites (inviter_id, inviter_role, relation, code_hash, created_at, expires_at)
          VALUES (${i.inviterId}::bigint, ${i.role}, ${i.relation}, ${i.codeHash}, ${i.now}, ${i.expiresAt}) RETURNING id::text`.execute(db)
        return r.rows[0]!.id
      } catch (err) {
        // A code drawn twice (1 in 10^12): the caller draws another.
        if (isUniqueViolation(err)) return null
        throw err
      }
    },

    async cancelInvite(id: string, inviterId: string, now: Date): Promise<boolean> {
      const r = await db
        .updateTable('family_invites')
        .set({ cancelled_at: now })
        .where('id', '=', id)
        .where('inviter_id', '=', inviterId)
        .where('accepted_at', 'is', null)
        .where('cancelled_at', 'is', null)
        .executeTakeFirst()
      return r.numUpdatedRows > 0n
    },

    async inviteByCode(codeHash: string): Promise<InviteRow | null> {
      return (
        (
          await sql<InviteRow>`
        SELECT i.id::text, i.inviter_id::text, i.inviter_role, i.relation, i.expires_at, i.accepted_at, i.cancelled_at,
               r.name_enc AS inviter_name_enc, (r.deleted_at IS NULL AND r.registered_at IS NOT NULL) AS inviter_live
        FROM family_invites i JOIN residents r ON r.id = i.inviter_id WHERE i.code_hash = ${codeHash}`.execute(db)
        ).rows[0] ?? null
      )
    },

    /** Spends an invitation and links the two, under both people's locks. 'used' when someone spent it first. */
    async accept(
      inviteId: string,
      link: { guardianId: string; wardId: string; relation: FamilyRelation | null },
      acceptorId: string,
      now: Date,
      limit: number
    ): Promise<LinkOutcome | 'used'> {
      return db
        .transaction()
        .execute(async (trx) => {
          await lockPeople(trx, [link.guardianId, link.wardId])
          const spent = await trx
            .updateTable('family_invites')
            .set({ accepted_at: now, accepted_by: acceptorId })
            .where('id', '=', inviteId)
            .where('accepted_at', 'is', null)
            .where('cancelled_at', 'is', null)
            .where('expires_at', '>', now)
            .executeTakeFirst()
          if (spent.numUpdatedRows === 0n) return 'used'
          const result = await insertLink(trx, { ...link, via: 'invite' }, now, limit)
          // Refused: the invitation stays usable (nothing is written).
          if (result.outcome !== 'ok') throw new LinkRefused(result.outcome)
          return 'ok'
        })
        .catch((err: unknown) => {
          if (err instanceof LinkRefused) return err.outcome
          throw err
        })
    },

    /** Everyone linked to this person, either side, with the other's encrypted name. */
    async links(residentId: string): Promise<LinkRow[]> {
      return (
        await sql<LinkRow>`
        SELECT l.id::text, l.guardian_id::text, l.ward_id::text, l.relation, l.created_at, o.name_enc AS other_name_enc,
               (w.registered_by = l.guardian_id AND w.taken_over_at IS NULL) AS proxy
        FROM family_links l
        JOIN residents o ON o.id = CASE WHEN l.guardian_id = ${residentId}::bigint THEN l.ward_id ELSE l.guardian_id END
        JOIN residents w ON w.id = l.ward_id
        WHERE (l.guardian_id = ${residentId}::bigint OR l.ward_id = ${residentId}::bigint) AND l.removed_at IS NULL
        ORDER BY l.id`.execute(db)
      ).rows
    },

    async removeLink(linkId: string, residentId: string, now: Date): Promise<boolean> {
      const r = await sql`UPDATE family_links SET removed_at = ${now}, removed_by = ${residentId}::bigint
        WHERE id = ${linkId}::bigint AND removed_at IS NULL AND (guardian_id = ${residentId}::bigint OR ward_id = ${residentId}::bigint)`.execute(db)
      return Number(r.numAffectedRows ?? 0n) > 0
    },

    /**
     * 代登记: creates the elder's account, registered, with the verified phone, and (family) the helper's link to
     * them, in one transaction. 'phone-in-use' when the phone already has an account; 'limit' when the helper has 8 links.
     */
    async registerFor(
      r: NewResident,
      link: { relation: FamilyRelation | null } | null,
      now: Date,
      limit: number
    ): Promise<{ outcome: 'ok'; residentId: string; linkId: string | null } | { outcome: 'phone-in-use' | 'limit' }> {
      return db.transaction().execute(async (trx) => {
        await lockPeople(trx, [r.helperId])
        if (link && (await linkCount(trx, r.helperId)) >= limit) return { outcome: 'limit' as const }
        const inserted = await sql<{ id: string }>`
          INSERT INTO residents (phone_enc, phone_index, phone_verified_at, name_enc, birth_date, township_code, village_code,
                                 consent_version, consent_at, registered_at, registered_via, registered_by)
          VALUES (${r.phoneEnc}, ${r.phoneIndex}, ${now}, ${r.nameEnc}, ${r.birthDate}::date, ${r.townshipCode}, ${r.villageCode},
                  ${r.consentVersion}, ${now}, ${now}, ${r.via}, ${r.helperId}::bigint)
          ON CONFLICT (phone_index) DO NOTHING RETURNING id::text`.execute(trx)
        const residentId = inserted.rows[0]?.id
        if (!residentId) return { outcome: 'phone-in-use' as const }
        let linkId: string | null = null
        if (link) {
          const made = await insertLink(trx, { guardianId: r.helperId, wardId: residentId, relation: link.relation, via: 'proxy' }, now, limit)
          linkId = made.id ?? null
        }
        return { outcome: 'ok' as const, residentId, linkId }
      })
    }
  }
}
export type FamilyRepository = ReturnType<typeof createFamilyRepository>

class LinkRefused extends Error {
  constructor(readonly outcome: Exclude<LinkOutcome, 'ok'>) {
    super(outcome)
  }
}
