import { sql, type Kysely } from 'kysely'

// Staff login guard: consecutive failed sign-ins per account, and until when the account is paused after too many
// (docs/security.md). A success or an admin's unlock (audited) clears both.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE admins ADD COLUMN failed_logins integer NOT NULL DEFAULT 0`.execute(db)
  await sql`ALTER TABLE admins ADD COLUMN locked_until timestamptz`.execute(db)
}
