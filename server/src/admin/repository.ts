import type { Kysely } from 'kysely'
import type { AdminRole } from '../../../types/admin.ts'
import type { DB } from '../db/schema.ts'

export interface AdminRow {
  id: string
  username: string
  passwordHash: string
  role: AdminRole
  townshipCode: string | null
  disabled: boolean
  tokenVersion: number
  policeNumber: string | null
  failedLogins: number
  lockedUntil: Date | null
  mustChangePassword: boolean
}

export interface StaffProfile {
  displayName: string | null
  policeNumber: string | null
  unit: string | null
}

export function createAdminRepository(db: Kysely<DB>) {
  const columns = [
    'id',
    'username',
    'password_hash',
    'role',
    'township_code',
    'disabled_at',
    'token_version',
    'police_number',
    'failed_logins',
    'locked_until',
    'must_change_password'
  ] as const
  const toRow = (r: {
    id: string
    username: string
    password_hash: string
    role: AdminRole
    township_code: string | null
    disabled_at: Date | null
    token_version: number
    police_number: string | null
    failed_logins: number
    locked_until: Date | null
    must_change_password: boolean
  }): AdminRow => ({
    id: String(r.id),
    username: r.username,
    passwordHash: r.password_hash,
    role: r.role,
    townshipCode: r.township_code,
    disabled: r.disabled_at !== null,
    tokenVersion: r.token_version,
    policeNumber: r.police_number,
    failedLogins: r.failed_logins,
    lockedUntil: r.locked_until,
    mustChangePassword: r.must_change_password
  })
  const audit = (trx: Kysely<DB>, adminId: string | null, action: string, target: string, after: unknown) =>
    trx
      .insertInto('audit_log')
      .values({ admin_id: adminId, action, target, before: null, after: JSON.stringify(after) })
      .execute()
  return {
    /** One audit entry written by a feature that has no table of its own to write it with. */
    async record(adminId: string | null, action: string, target: string, after: unknown): Promise<void> {
      await audit(db, adminId, action, target, after)
    },

    async byUsername(username: string): Promise<AdminRow | undefined> {
      const r = await db.selectFrom('admins').select(columns).where('username', '=', username).executeTakeFirst()
      return r && toRow(r)
    },

    async byId(id: string): Promise<AdminRow | undefined> {
      if (!/^\d{1,18}$/.test(id)) return undefined
      const r = await db.selectFrom('admins').select(columns).where('id', '=', id).executeTakeFirst()
      return r && toRow(r)
    },

    /** 'exists' when the username is taken. `by` (an admin's id) writes the creation to the audit log. */
    async create(
      a: { username: string; passwordHash: string; role: AdminRole; townshipCode: string | null } & Partial<StaffProfile>,
      by?: string
    ): Promise<'ok' | 'exists' | 'police-number-taken'> {
      if (a.policeNumber && (await db.selectFrom('admins').select('id').where('police_number', '=', a.policeNumber).executeTakeFirst()))
        return 'police-number-taken'
      try {
        return await db.transaction().execute(async (trx) => {
          const r = await trx
            .insertInto('admins')
            .values({
              username: a.username,
              password_hash: a.passwordHash,
              role: a.role,
              township_code: a.townshipCode,
              display_name: a.displayName ?? null,
              police_number: a.policeNumber ?? null,
              unit: a.unit ?? null,
              // An admin typed this password (the console): the new colleague replaces it at first sign-in.
              must_change_password: by !== undefined
            })
            .onConflict((oc) => oc.column('username').doNothing())
            .returning('id')
            .executeTakeFirst()
          if (r && by) await audit(trx, by, 'account.create', `admin:${a.username}`, { role: a.role, townshipCode: a.townshipCode })
          return r ? ('ok' as const) : ('exists' as const)
        })
      } catch (err) {
        // Two accounts created at once with one police number: the check above saw neither; the unique index decides.
        if ((err as { code?: string; constraint?: string }).code === '23505') return 'police-number-taken'
        throw err
      }
    },

    async list() {
      return db
        .selectFrom('admins')
        .select([
          'id',
          'username',
          'role',
          'township_code',
          'created_at',
          'last_login_at',
          'disabled_at',
          'display_name',
          'police_number',
          'unit',
          'locked_until'
        ])
        .orderBy('username')
        .execute()
    },

    /** Sets name, police number and unit (a police number another account holds: 'police-number-taken'). Audited. */
    async setProfile(id: string, profile: StaffProfile, by: string): Promise<'ok' | 'not-found' | 'police-number-taken'> {
      if (profile.policeNumber) {
        const holder = await db.selectFrom('admins').select('id').where('police_number', '=', profile.policeNumber).executeTakeFirst()
        if (holder && String(holder.id) !== id) return 'police-number-taken'
      }
      try {
        return await db.transaction().execute(async (trx) => {
          const r = await trx
            .updateTable('admins')
            .set({ display_name: profile.displayName, police_number: profile.policeNumber, unit: profile.unit })
            .where('id', '=', id)
            .returning('username')
            .executeTakeFirst()
          if (r) await audit(trx, by, 'account.profile', `admin:${r.username}`, profile)
          return r ? ('ok' as const) : ('not-found' as const)
        })
      } catch (err) {
        // Two accounts racing for one police number: the unique index decides.
        if ((err as { code?: string }).code === '23505') return 'police-number-taken'
        throw err
      }
    },

    /** Disables or enables an account; both end its current sessions (the token version moves). Audited. */
    /** `by` null: the operator CLI (no account). */
    async setDisabled(id: string, disabled: boolean, by: string | null): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('admins')
          .set((eb) => ({ disabled_at: disabled ? new Date() : null, token_version: eb('token_version', '+', 1) }))
          .where('id', '=', id)
          .returning('username')
          .executeTakeFirst()
        if (r) await audit(trx, by, disabled ? 'account.disable' : 'account.enable', `admin:${r.username}`, { disabled })
        return r !== undefined
      })
    },

    /** A new password hash; the account's earlier tokens stop working. Audited (without the hash). */
    async setPassword(id: string, passwordHash: string, by: string): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('admins')
          // Set by someone else (an admin's reset): to be replaced at the next sign-in; one's own: done.
          .set((eb) => ({ password_hash: passwordHash, token_version: eb('token_version', '+', 1), must_change_password: by !== id }))
          .where('id', '=', id)
          .returning('username')
          .executeTakeFirst()
        if (r) await audit(trx, by, by === id ? 'account.change_password' : 'account.reset_password', `admin:${r.username}`, { passwordChanged: true })
        return r !== undefined
      })
    },

    /**
     * One more failed sign-in, counted in the row (so every server process sees it). From `threshold` failures in a row
     * the account is paused for `pauseMinutes(n)`; the pause that starts is audited. Returns the pause's end, or null.
     */
    async recordLoginFailure(id: string, now: Date, threshold: number, pauseMinutes: (failures: number) => number): Promise<Date | null> {
      return db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('admins')
          .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
          .where('id', '=', id)
          .returning(['failed_logins', 'username'])
          .executeTakeFirst()
        if (!r || r.failed_logins < threshold) return null
        const until = new Date(now.getTime() + pauseMinutes(r.failed_logins) * 60_000)
        await trx.updateTable('admins').set({ locked_until: until }).where('id', '=', id).execute()
        await audit(trx, null, 'account.locked', `admin:${r.username}`, { failedLogins: r.failed_logins, lockedUntil: until.toISOString() })
        return until
      })
    },

    /** A successful sign-in: the failure count and any pause are cleared. */
    async clearLoginFailures(id: string): Promise<void> {
      await db.updateTable('admins').set({ failed_logins: 0, locked_until: null }).where('id', '=', id).where('failed_logins', '>', 0).execute()
    },

    /** An admin lifts a pause (audited); false when there is no such account. */
    async unlock(id: string, by: string): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const r = await trx.updateTable('admins').set({ failed_logins: 0, locked_until: null }).where('id', '=', id).returning('username').executeTakeFirst()
        if (r) await audit(trx, by, 'account.unlock', `admin:${r.username}`, { unlocked: true })
        return r !== undefined
      })
    },

    /** 退出: every token this account holds stops working (the version in them no longer matches). */
    async endSessions(id: string): Promise<void> {
      await db
        .updateTable('admins')
        .set((eb) => ({ token_version: eb('token_version', '+', 1) }))
        .where('id', '=', id)
        .execute()
    },

    async touchLogin(id: string): Promise<void> {
      await db.updateTable('admins').set({ last_login_at: new Date() }).where('id', '=', id).execute()
    },

    async townshipExists(code: string): Promise<boolean> {
      return (await db.selectFrom('areas').select('code').where('code', '=', code).where('parent_code', 'is', null).executeTakeFirst()) !== undefined
    }
  }
}
export type AdminRepository = ReturnType<typeof createAdminRepository>
