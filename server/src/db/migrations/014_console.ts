import { sql, type Kysely } from 'kysely'

// What the centre's console needs: a per-day check counter (stores no input), a token version per staff account
// (a password reset or a disable ends every session at once), and indexes for the dashboard's and audit log's
// range queries.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE check_counts (
      day date NOT NULL,
      kind text NOT NULL CHECK (kind IN ('phone', 'url', 'account')),
      verdict text NOT NULL CHECK (verdict IN ('safe', 'unknown', 'suspicious', 'dangerous')),
      count bigint NOT NULL CHECK (count >= 0),
      PRIMARY KEY (day, kind, verdict)
    )`.execute(db)
  await sql`ALTER TABLE admins ADD COLUMN token_version integer NOT NULL DEFAULT 0`.execute(db)
  await sql`CREATE INDEX residents_registered_at ON residents (registered_at) WHERE registered_at IS NOT NULL AND deleted_at IS NULL`.execute(db)
  await sql`CREATE INDEX reports_created_at ON reports (created_at)`.execute(db)
  await sql`CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC)`.execute(db)
  await sql`CREATE INDEX audit_log_admin ON audit_log (admin_id, id DESC)`.execute(db)
}
