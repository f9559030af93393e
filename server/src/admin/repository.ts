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
}

export function createAdminRepository(db: Kysely<DB>) {
  const columns = ['id', 'username', 'password_hash', 'role', 'township_code', 'disabled_at'] as const
  const toRow = (r: { id: string; username: string; password_hash: string; role: AdminRole; township_code: string | null; disabled_at: Date | null }): AdminRow => ({
    id: String(r.id), username: r.username, passwordHash: r.password_hash, role: r.role, townshipCode: r.township_code, disabled: r.disabled_at !== null
  })
  return {
    async byUsername(username: string): Promise<AdminRow | undefined> {
      const r = await db.selectFrom('admins').select(columns).where('username', '=', username).executeTakeFirst()
      return r && toRow(r)
    },

    async byId(id: string): Promise<AdminRow | undefined> {
      if (!/^\d{1,18}$/.test(id)) return undefined
      const r = await db.selectFrom('admins').select(columns).where('id', '=', id).executeTakeFirst()
      return r && toRow(r)
    },

    /** 'exists' when the username is taken. */
    async create(a: { username: string; passwordHash: string; role: AdminRole; townshipCode: string | null }): Promise<'ok' | 'exists'> {
      const r = await db.insertInto('admins')
        .values({ username: a.username, password_hash: a.passwordHash, role: a.role, township_code: a.townshipCode })
        .onConflict((oc) => oc.column('username').doNothing())
        .returning('id')
        .executeTakeFirst()
      return r ? 'ok' : 'exists'
    },

    async list() {
      return db.selectFrom('admins').select(['username', 'role', 'township_code', 'created_at', 'last_login_at', 'disabled_at']).orderBy('username').execute()
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
