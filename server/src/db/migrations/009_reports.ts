import { sql, type Kysely } from 'kysely'

// Residents' reports (线索) of a number, address or account, and the audit log of every review action.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE reports (
      id bigserial PRIMARY KEY,
      resident_id bigint NOT NULL REFERENCES residents (id),
      kind text NOT NULL CHECK (kind IN ('phone', 'url', 'account')),
      value text NOT NULL,
      input text NOT NULL,
      channel text,
      occurred_at timestamptz,
      loss_amount integer CHECK (loss_amount >= 0),
      description text,
      status text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'reviewing', 'confirmed', 'rejected')),
      outcome text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (resident_id, kind, value)
    )`.execute(db)
  await sql`CREATE INDEX reports_value ON reports (kind, value)`.execute(db)
  await sql`
    CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      admin_id bigint REFERENCES admins (id),
      action text NOT NULL,
      target text NOT NULL,
      before jsonb,
      after jsonb,
      at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
}
