import { sql, type Kysely } from 'kysely'

// One subscribe message per report decision, written in the decision's transaction (an outbox): a crash between
// the decision and the send leaves it pending, never lost; a send that may have happened is never repeated.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE report_notifications (
      id bigserial PRIMARY KEY,
      report_id bigint NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
      resident_id bigint NOT NULL,
      status text NOT NULL,
      state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'sent', 'in_app', 'failed', 'unknown')),
      reason text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (report_id, status)
    )`.execute(db)
  await sql`CREATE INDEX report_notifications_pending ON report_notifications (id) WHERE state = 'pending'`.execute(db)
}
