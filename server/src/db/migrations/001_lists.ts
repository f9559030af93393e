import { sql, type Kysely } from 'kysely'

// Blocklist, verified numbers, report tallies, and the change feed that keeps every server's in-memory
// index current: change_seq grows on every insert/update and a statement trigger NOTIFYs listeners.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE SEQUENCE list_change_seq`.execute(db)
  await sql`
    CREATE TABLE blocklist_entries (
      id bigserial PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('phone', 'url', 'account')),
      value text NOT NULL,
      category text NOT NULL,
      source text NOT NULL CHECK (source IN ('centre', 'city', 'bank', 'report', 'import')),
      note text,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'appealed', 'removed')),
      expires_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      change_seq bigint NOT NULL DEFAULT nextval('list_change_seq'),
      UNIQUE (kind, value)
    )`.execute(db)
  // The change feed reads "phone entries after seq N in seq order": one index range scan.
  await sql`CREATE INDEX blocklist_entries_kind_change_seq ON blocklist_entries (kind, change_seq)`.execute(db)
  await sql`
    CREATE TABLE verified_numbers (
      id bigserial PRIMARY KEY,
      value text NOT NULL UNIQUE,
      label text NOT NULL,
      category text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
  await sql`
    CREATE TABLE report_tallies (
      kind text NOT NULL CHECK (kind IN ('phone', 'url', 'account')),
      value text NOT NULL,
      reporters integer NOT NULL CHECK (reporters >= 0),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (kind, value)
    )`.execute(db)
  await sql`
    CREATE TABLE check_history (
      id bigserial PRIMARY KEY,
      resident_id text NOT NULL,
      kind text NOT NULL,
      input text NOT NULL,
      normalized text NOT NULL,
      verdict text NOT NULL,
      checked_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
  await sql`CREATE INDEX check_history_resident ON check_history (resident_id, checked_at DESC)`.execute(db)

  await sql`
    CREATE FUNCTION blocklist_touch() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.change_seq := nextval('list_change_seq');
      NEW.updated_at := now();
      RETURN NEW;
    END $$`.execute(db)
  await sql`
    CREATE TRIGGER blocklist_entries_touch BEFORE UPDATE ON blocklist_entries
    FOR EACH ROW EXECUTE FUNCTION blocklist_touch()`.execute(db)
  await sql`
    CREATE FUNCTION lists_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('qiandai_lists', TG_TABLE_NAME);
      RETURN NULL;
    END $$`.execute(db)
  for (const table of ['blocklist_entries', 'verified_numbers', 'report_tallies']) {
    await sql`
      CREATE TRIGGER ${sql.id(table + '_notify')} AFTER INSERT OR UPDATE OR DELETE ON ${sql.table(table)}
      FOR EACH STATEMENT EXECUTE FUNCTION lists_notify()`.execute(db)
  }
}
