import { sql, type Kysely } from 'kysely'

// The change feed's index on change_seq alone instead of (kind, change_seq). With the kind in front, the planner
// could pick it for an import's (kind, value) join whenever statistics showed few entries of a kind, and walk
// every entry of that kind per imported row. Now the unique (kind, value) index is the only one a join can use.
// The feed (phones after seq N, in seq order) walks this index and skips the few other kinds.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX blocklist_entries_change_seq ON blocklist_entries (change_seq)`.execute(db)
  await sql`DROP INDEX blocklist_entries_kind_change_seq`.execute(db)
}
