import { sql, type Kysely } from 'kysely'

// An account an admin created, or whose password an admin set, must choose its own password at its next sign-in:
// the admin knows the one they typed (docs/security.md).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE admins ADD COLUMN must_change_password boolean NOT NULL DEFAULT false`.execute(db)
}
