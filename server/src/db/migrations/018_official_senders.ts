import { sql, type Kysely } from 'kysely'
import { DEFAULT_SENDERS } from '../../../../rules/senders-data.ts'

// The registry of official senders (banks, carriers, couriers, offices) the message check measures a claimed sender's
// links and numbers against, edited by the centre. Loaded into memory like the lists, so both tables notify.
// Message checks join the daily check counts. The national senders as of this migration are inserted here; the county's own offices are demo data (seed).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE official_senders (
      id text PRIMARY KEY CHECK (id ~ '^[a-z0-9-]{2,40}$'),
      name text NOT NULL,
      category text NOT NULL,
      aliases text[] NOT NULL,
      domains text[] NOT NULL DEFAULT '{}',
      numbers text[] NOT NULL DEFAULT '{}',
      tokens text[] NOT NULL DEFAULT '{}',
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
  for (const table of ['official_senders', 'verified_domains']) {
    await sql`
      CREATE TRIGGER ${sql.id(table + '_notify')} AFTER INSERT OR UPDATE OR DELETE ON ${sql.table(table)}
      FOR EACH STATEMENT EXECUTE FUNCTION lists_notify()`.execute(db)
  }
  // Whole-message checks are counted beside the other kinds.
  await sql`ALTER TABLE check_counts DROP CONSTRAINT check_counts_kind_check`.execute(db)
  await sql`ALTER TABLE check_counts ADD CONSTRAINT check_counts_kind_check CHECK (kind IN ('phone', 'url', 'account', 'message'))`.execute(db)
  for (const s of DEFAULT_SENDERS.filter((x) => x.category !== 'county')) {
    await sql`INSERT INTO official_senders (id, name, category, aliases, domains, numbers, tokens)
      VALUES (${s.id}, ${s.name}, ${s.category}, ${s.aliases}, ${s.domains}, ${s.numbers}, ${s.tokens})`.execute(db)
  }
}
