import { sql, type Kysely } from 'kysely'

// Family guardians (家人守护) and village grid workers (网格员), docs/family.md. A resident may be registered by a
// family member or a grid worker (代登记) with the elder's consent by SMS code; such accounts have no WeChat until
// the elder takes them over. Guardians get a copy of each warning about the person they guard, once per warning.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE residents ADD COLUMN registered_via text CHECK (registered_via IN ('self', 'family', 'grid'))`.execute(db)
  await sql`UPDATE residents SET registered_via = 'self' WHERE registered_at IS NOT NULL`.execute(db)
  await sql`ALTER TABLE residents ADD COLUMN registered_by bigint REFERENCES residents (id)`.execute(db)
  await sql`ALTER TABLE residents ADD COLUMN taken_over_at timestamptz`.execute(db)

  // An invitation is a code shown once (only its keyed hash is kept); `inviter_role` says which side the inviter takes.
  await sql`
    CREATE TABLE family_invites (
      id bigserial PRIMARY KEY,
      inviter_id bigint NOT NULL REFERENCES residents (id),
      inviter_role text NOT NULL CHECK (inviter_role IN ('guardian', 'ward')),
      relation text,
      code_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      accepted_at timestamptz,
      accepted_by bigint REFERENCES residents (id),
      cancelled_at timestamptz
    )`.execute(db)
  await sql`CREATE INDEX family_invites_inviter ON family_invites (inviter_id, created_at DESC)`.execute(db)

  // `relation` is what the ward is to the guardian (父母, 配偶 …), as the guardian sees it on the task and the card.
  await sql`
    CREATE TABLE family_links (
      id bigserial PRIMARY KEY,
      guardian_id bigint NOT NULL REFERENCES residents (id),
      ward_id bigint NOT NULL REFERENCES residents (id),
      relation text,
      via text NOT NULL CHECK (via IN ('invite', 'proxy')),
      created_at timestamptz NOT NULL,
      removed_at timestamptz,
      removed_by bigint REFERENCES residents (id),
      CHECK (guardian_id <> ward_id)
    )`.execute(db)
  await sql`CREATE UNIQUE INDEX family_links_live ON family_links (guardian_id, ward_id) WHERE removed_at IS NULL`.execute(db)
  await sql`CREATE INDEX family_links_ward ON family_links (ward_id) WHERE removed_at IS NULL`.execute(db)

  // One copy of a warning per guardian (the unique key is what keeps an escalating chain from alerting twice);
  // delivered like level-1 messages: a copy that may have gone out is never sent again, a refused WeChat one
  // turns into an SMS on the same row.
  await sql`
    CREATE TABLE guardian_alerts (
      id bigserial PRIMARY KEY,
      warning_id bigint NOT NULL REFERENCES warnings (id),
      guardian_id bigint NOT NULL REFERENCES residents (id),
      ward_id bigint NOT NULL REFERENCES residents (id),
      channel text NOT NULL CHECK (channel IN ('wechat', 'sms')),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'unknown')),
      reason text,
      claimed_by text,
      claimed_at timestamptz,
      created_at timestamptz NOT NULL,
      finished_at timestamptz,
      answer text CHECK (answer IN ('contacted_safe')),
      answered_at timestamptz,
      UNIQUE (warning_id, guardian_id)
    )`.execute(db)
  await sql`CREATE INDEX guardian_alerts_pending ON guardian_alerts (id) WHERE status = 'pending'`.execute(db)
  await sql`CREATE INDEX guardian_alerts_sending ON guardian_alerts (claimed_at) WHERE status = 'sending'`.execute(db)
  await sql`CREATE INDEX guardian_alerts_guardian ON guardian_alerts (guardian_id, id DESC)`.execute(db)

  await sql`
    CREATE TABLE grid_workers (
      id bigserial PRIMARY KEY,
      resident_id bigint NOT NULL REFERENCES residents (id),
      village_code text NOT NULL REFERENCES areas (code),
      appointed_by bigint NOT NULL REFERENCES admins (id),
      appointed_at timestamptz NOT NULL,
      revoked_at timestamptz,
      revoked_by bigint REFERENCES admins (id)
    )`.execute(db)
  await sql`CREATE UNIQUE INDEX grid_workers_live ON grid_workers (resident_id, village_code) WHERE revoked_at IS NULL`.execute(db)
  await sql`CREATE INDEX grid_workers_village ON grid_workers (village_code) WHERE revoked_at IS NULL`.execute(db)

  await sql`
    CREATE TABLE publicity_sessions (
      id bigserial PRIMARY KEY,
      resident_id bigint NOT NULL REFERENCES residents (id),
      kind text NOT NULL CHECK (kind IN ('courtyard', 'door_to_door', 'first_lesson', 'campus', 'other')),
      held_on date NOT NULL,
      township_code text NOT NULL REFERENCES areas (code),
      village_code text NOT NULL REFERENCES areas (code),
      people integer NOT NULL CHECK (people BETWEEN 1 AND 100000),
      note text,
      created_at timestamptz NOT NULL
    )`.execute(db)
  await sql`CREATE INDEX publicity_sessions_held ON publicity_sessions (held_on)`.execute(db)
  await sql`CREATE INDEX publicity_sessions_resident ON publicity_sessions (resident_id, id DESC)`.execute(db)
  await sql`
    CREATE TABLE publicity_photos (
      id text PRIMARY KEY,
      resident_id bigint NOT NULL REFERENCES residents (id),
      session_id bigint REFERENCES publicity_sessions (id),
      content_type text NOT NULL,
      bytes bytea NOT NULL,
      size integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
  await sql`CREATE INDEX publicity_photos_session ON publicity_photos (session_id)`.execute(db)

  // A station may ask a grid worker of the visit's village to come along (they see the village and the note only).
  await sql`ALTER TABLE warning_tasks ADD COLUMN accompany_resident_id bigint REFERENCES residents (id)`.execute(db)
  await sql`ALTER TABLE warning_tasks ADD COLUMN accompany_note text`.execute(db)
  await sql`ALTER TABLE warning_tasks ADD COLUMN accompany_requested_at timestamptz`.execute(db)
  await sql`CREATE INDEX warning_tasks_accompany ON warning_tasks (accompany_resident_id) WHERE accompany_resident_id IS NOT NULL`.execute(db)
}
