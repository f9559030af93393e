import { sql, type Kysely } from 'kysely'

// The feed's intake writes a warning, its level-1 message and a timer per line (10,000 lines a call); foreign-key
// checks were ~40 % of that statement's time. A warning is a police record and is never deleted (now enforced
// below), and its messages and timers are only written in the statement that inserts it or under its row lock, so
// those references cannot dangle: their FK checks go. Townships and villages are checked on entry (the feed's hint
// against the areas table, a resident's own through the residents FK), so the warning's references to areas go too.
// A call task opened on arrival is on the timeline from its own row (no event row), and the index on received_at
// served no query (the figures group by the local date).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE warnings DROP CONSTRAINT warnings_township_code_fkey`.execute(db)
  await sql`ALTER TABLE warnings DROP CONSTRAINT warnings_village_code_fkey`.execute(db)
  await sql`ALTER TABLE warning_messages DROP CONSTRAINT warning_messages_warning_id_fkey`.execute(db)
  await sql`ALTER TABLE warning_timers DROP CONSTRAINT warning_timers_warning_id_fkey`.execute(db)
  await sql`DROP INDEX warnings_received`.execute(db)
  await sql`
    CREATE FUNCTION warnings_are_kept() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'warnings are police records and are never deleted';
    END $$`.execute(db)
  await sql`CREATE TRIGGER warnings_never_deleted BEFORE DELETE OR TRUNCATE ON warnings FOR EACH STATEMENT EXECUTE FUNCTION warnings_are_kept()`.execute(db)
}
