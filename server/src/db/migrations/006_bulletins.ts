import { sql, type Kysely } from 'kysely'

// Warning bulletins, their numbering, send credits from subscribe consent, deliveries (the push queue itself:
// one row per bulletin and resident, claimed by workers with FOR UPDATE SKIP LOCKED) and reads.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE bulletins (
      id bigserial PRIMARY KEY,
      year integer,
      issue_no integer,
      title text NOT NULL,
      summary_short text NOT NULL CHECK (char_length(summary_short) <= 20),
      summary text NOT NULL,
      period_start date NOT NULL,
      period_end date NOT NULL CHECK (period_end >= period_start),
      body jsonb NOT NULL,
      tags text[] NOT NULL DEFAULT '{}',
      hotline text NOT NULL DEFAULT '96110',
      audience text[],
      severity text NOT NULL CHECK (severity IN ('routine', 'urgent')),
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'scheduled', 'published', 'withdrawn')),
      scheduled_at timestamptz,
      published_at timestamptz,
      withdrawn_at timestamptz,
      created_by bigint REFERENCES admins (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (year, issue_no),
      CHECK ((status IN ('published', 'withdrawn')) = (issue_no IS NOT NULL))
    )`.execute(db)
  await sql`CREATE INDEX bulletins_published ON bulletins (published_at DESC) WHERE status = 'published'`.execute(db)
  await sql`CREATE INDEX bulletins_due ON bulletins (scheduled_at) WHERE status = 'scheduled'`.execute(db)

  // Gap-free numbering: the counter moves in the publishing transaction, so a rolled-back publish leaves no hole.
  await sql`CREATE TABLE bulletin_counters (year integer PRIMARY KEY, last_issue integer NOT NULL)`.execute(db)

  await sql`
    CREATE TABLE subscriptions (
      resident_id bigint NOT NULL REFERENCES residents (id) ON DELETE CASCADE,
      template_id text NOT NULL,
      credits integer NOT NULL DEFAULT 0 CHECK (credits >= 0),
      long_term boolean NOT NULL DEFAULT false,
      last_result text,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (resident_id, template_id)
    )`.execute(db)

  await sql`
    CREATE TABLE deliveries (
      id bigserial PRIMARY KEY,
      bulletin_id bigint NOT NULL REFERENCES bulletins (id),
      resident_id bigint NOT NULL REFERENCES residents (id),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'in_app', 'failed', 'unknown')),
      reason text,
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      claimed_by text,
      claimed_at timestamptz,
      finished_at timestamptz,
      UNIQUE (bulletin_id, resident_id)
    )`.execute(db)
  await sql`CREATE INDEX deliveries_due ON deliveries (next_attempt_at, id) WHERE status = 'pending'`.execute(db)
  await sql`CREATE INDEX deliveries_in_flight ON deliveries (claimed_at) WHERE status = 'sending'`.execute(db)

  await sql`
    CREATE TABLE bulletin_reads (
      bulletin_id bigint NOT NULL REFERENCES bulletins (id),
      resident_id bigint NOT NULL REFERENCES residents (id),
      read_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (bulletin_id, resident_id)
    )`.execute(db)
}
