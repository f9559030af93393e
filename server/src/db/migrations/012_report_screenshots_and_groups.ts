import { sql, type Kysely } from 'kysely'

// Screenshots attached to reports (personal data: kept in the database, never under the public /media path,
// erased with the resident) and the review group a report belongs to (a reviewer may merge reports of different
// values that are the same scam; the group is decided as one).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE report_screenshots (
      id text PRIMARY KEY,
      resident_id bigint NOT NULL REFERENCES residents (id),
      report_id bigint REFERENCES reports (id) ON DELETE CASCADE,
      content_type text NOT NULL,
      bytes bytea NOT NULL,
      size integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
  await sql`CREATE INDEX report_screenshots_report ON report_screenshots (report_id)`.execute(db)
  await sql`CREATE INDEX report_screenshots_resident ON report_screenshots (resident_id, created_at)`.execute(db)
  await sql`ALTER TABLE reports ADD COLUMN group_value text`.execute(db)
  await sql`UPDATE reports SET group_value = value`.execute(db)
  await sql`ALTER TABLE reports ALTER COLUMN group_value SET NOT NULL`.execute(db)
  await sql`CREATE INDEX reports_group ON reports (kind, group_value)`.execute(db)
}
