import { sql, type Kysely } from 'kysely'

// A whole message can be reported: kind 'message', the value a digest of its text (the same message reported twice is
// one group), the text in `input` (stored only because it was reported), and the parts the check found with their
// spans, for the reviewer. Messages have no tally: the checks count reports of numbers, addresses and accounts.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE reports DROP CONSTRAINT reports_kind_check`.execute(db)
  await sql`ALTER TABLE reports ADD CONSTRAINT reports_kind_check CHECK (kind IN ('phone', 'url', 'account', 'message'))`.execute(db)
  await sql`ALTER TABLE reports ADD COLUMN parts jsonb`.execute(db)
}
