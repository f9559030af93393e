import { sql, type Kysely } from 'kysely'

// Trusted registrable domains for the URL check (banks, payment, county services): VERIFIED, and the
// reference set look-alikes are measured against.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE verified_domains (
      domain text PRIMARY KEY CHECK (domain ~ '^[a-z0-9.-]+$'),
      label text NOT NULL,
      category text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
}
