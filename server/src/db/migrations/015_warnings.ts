import { sql, type Kysely } from 'kysely'

// The three-level warning chain (docs/warnings.md): warnings, their tasks (county call, station visit), attempts,
// a timeline, durable timers, level-1 messages, feed keys, caller-verification attempts, and the case register.
// Staff get a county `operator` role and the fields a resident checks a caller against (name, police number, unit).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE admins DROP CONSTRAINT admins_role_check`.execute(db)
  await sql`ALTER TABLE admins ADD CONSTRAINT admins_role_check CHECK (role IN ('admin', 'editor', 'reviewer', 'officer', 'operator'))`.execute(db)
  await sql`ALTER TABLE admins ADD COLUMN display_name text CHECK (char_length(display_name) BETWEEN 1 AND 20)`.execute(db)
  await sql`ALTER TABLE admins ADD COLUMN police_number text UNIQUE CHECK (police_number ~ '^[0-9A-Z]{3,12}$')`.execute(db)
  await sql`ALTER TABLE admins ADD COLUMN unit text CHECK (char_length(unit) BETWEEN 1 AND 40)`.execute(db)

  await sql`
    CREATE TABLE feed_keys (
      id bigserial PRIMARY KEY,
      name text NOT NULL UNIQUE,
      source text NOT NULL CHECK (source IN ('city', 'bank')),
      key_hash text NOT NULL UNIQUE,
      prefix text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    )`.execute(db)

  await sql`
    CREATE TABLE warnings (
      id bigserial PRIMARY KEY,
      source text NOT NULL CHECK (source IN ('city', 'bank', 'county', 'resident', 'report')),
      ref text,
      phone_enc text NOT NULL,
      phone_index text NOT NULL,
      phone_masked text NOT NULL,
      resident_id bigint REFERENCES residents (id),
      township_code text REFERENCES areas (code),
      village_code text REFERENCES areas (code),
      risk_type text NOT NULL CHECK (risk_type IN ('call', 'sms', 'app', 'site', 'transfer', 'help')),
      risk_level text NOT NULL CHECK (risk_level IN ('high', 'medium')),
      evidence jsonb,
      note text,
      received_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by bigint REFERENCES admins (id),
      level smallint NOT NULL DEFAULT 1 CHECK (level BETWEEN 1 AND 3),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
      answer text CHECK (answer IN ('safe', 'transferred', 'call_me')),
      answered_at timestamptz,
      first_contact_at timestamptz,
      outcome text CHECK (outcome IN ('acknowledged', 'dissuaded', 'defrauded', 'wrong_number', 'refused', 'false_alarm')),
      loss_amount bigint CHECK (loss_amount >= 0),
      closed_at timestamptz,
      CHECK ((status = 'closed') = (outcome IS NOT NULL AND closed_at IS NOT NULL))
    )`.execute(db)
  // Idempotent per source: a re-sent line finds its warning.
  await sql`CREATE UNIQUE INDEX warnings_source_ref ON warnings (source, ref) WHERE ref IS NOT NULL`.execute(db)
  await sql`CREATE INDEX warnings_phone ON warnings (phone_index) WHERE status = 'open'`.execute(db)
  await sql`CREATE INDEX warnings_received ON warnings (received_at)`.execute(db)
  await sql`CREATE INDEX warnings_open_township ON warnings (township_code, id DESC) WHERE status = 'open'`.execute(db)

  await sql`
    CREATE TABLE warning_tasks (
      id bigserial PRIMARY KEY,
      warning_id bigint NOT NULL REFERENCES warnings (id),
      kind text NOT NULL CHECK (kind IN ('call', 'visit')),
      township_code text REFERENCES areas (code),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'claimed', 'done', 'cancelled')),
      created_at timestamptz NOT NULL,
      due_at timestamptz NOT NULL,
      next_try_at timestamptz NOT NULL,
      claimed_by bigint REFERENCES admins (id),
      claimed_at timestamptz,
      code_enc text,
      overdue_at timestamptz,
      done_at timestamptz,
      UNIQUE (warning_id, kind)
    )`.execute(db)
  await sql`CREATE INDEX warning_tasks_queue ON warning_tasks (kind, next_try_at, id) WHERE status IN ('open', 'claimed')`.execute(db)
  await sql`CREATE INDEX warning_tasks_claimed_by ON warning_tasks (claimed_by) WHERE status = 'claimed'`.execute(db)

  await sql`
    CREATE TABLE warning_attempts (
      id bigserial PRIMARY KEY,
      task_id bigint NOT NULL REFERENCES warning_tasks (id),
      warning_id bigint NOT NULL REFERENCES warnings (id),
      admin_id bigint NOT NULL REFERENCES admins (id),
      result text NOT NULL,
      amount bigint,
      note text,
      at timestamptz NOT NULL
    )`.execute(db)
  await sql`CREATE INDEX warning_attempts_task ON warning_attempts (task_id, at)`.execute(db)

  await sql`
    CREATE TABLE warning_events (
      id bigserial PRIMARY KEY,
      warning_id bigint NOT NULL REFERENCES warnings (id),
      at timestamptz NOT NULL,
      type text NOT NULL,
      admin_id bigint REFERENCES admins (id),
      by_resident boolean NOT NULL DEFAULT false,
      detail jsonb
    )`.execute(db)
  await sql`CREATE INDEX warning_events_warning ON warning_events (warning_id, id)`.execute(db)

  // Durable timers: a worker claims due rows (SKIP LOCKED) and applies the transition in the same transaction.
  await sql`
    CREATE TABLE warning_timers (
      id bigserial PRIMARY KEY,
      warning_id bigint NOT NULL REFERENCES warnings (id),
      kind text NOT NULL CHECK (kind IN ('ack_timeout', 'call_overdue', 'visit_overdue')),
      due_at timestamptz NOT NULL,
      fired_at timestamptz,
      cancelled_at timestamptz,
      UNIQUE (warning_id, kind)
    )`.execute(db)
  await sql`CREATE INDEX warning_timers_due ON warning_timers (due_at) WHERE fired_at IS NULL AND cancelled_at IS NULL`.execute(db)

  // Level-1 messages (subscribe message or SMS), sent once like bulletin deliveries: a row that may have gone out
  // is never sent again.
  await sql`
    CREATE TABLE warning_messages (
      id bigserial PRIMARY KEY,
      warning_id bigint NOT NULL REFERENCES warnings (id),
      channel text NOT NULL CHECK (channel IN ('wechat', 'sms')),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'unknown')),
      reason text,
      claimed_by text,
      claimed_at timestamptz,
      created_at timestamptz NOT NULL,
      finished_at timestamptz,
      UNIQUE (warning_id, channel)
    )`.execute(db)
  await sql`CREATE INDEX warning_messages_pending ON warning_messages (id) WHERE status = 'pending'`.execute(db)
  await sql`CREATE INDEX warning_messages_sending ON warning_messages (claimed_at) WHERE status = 'sending'`.execute(db)

  await sql`
    CREATE TABLE caller_checks (
      id bigserial PRIMARY KEY,
      resident_id bigint NOT NULL REFERENCES residents (id),
      genuine boolean NOT NULL,
      at timestamptz NOT NULL
    )`.execute(db)
  await sql`CREATE INDEX caller_checks_resident ON caller_checks (resident_id, at)`.execute(db)

  await sql`
    CREATE TABLE cases (
      id bigserial PRIMARY KEY,
      case_no text NOT NULL UNIQUE,
      filed_on date NOT NULL,
      township_code text NOT NULL REFERENCES areas (code),
      village_code text REFERENCES areas (code),
      fraud_type text NOT NULL,
      loss_amount bigint NOT NULL DEFAULT 0 CHECK (loss_amount >= 0),
      recovered_amount bigint NOT NULL DEFAULT 0 CHECK (recovered_amount >= 0),
      warning_id bigint REFERENCES warnings (id),
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
  await sql`CREATE INDEX cases_filed_on ON cases (filed_on)`.execute(db)
}
