import { sql, type Kysely } from 'kysely'

// Appeals against blocklist entries ("this is my number, blocked by mistake"). The contact is personal data:
// stored encrypted, shown to reviewers only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE appeals (
      id bigserial PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('phone', 'url', 'account')),
      value text NOT NULL,
      contact_enc text NOT NULL,
      reason text NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'removed', 'kept')),
      decision text,
      decided_by bigint REFERENCES admins (id),
      decided_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
  await sql`CREATE INDEX appeals_open ON appeals (created_at) WHERE status = 'open'`.execute(db)
}
