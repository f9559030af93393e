import { sql, type Kysely } from 'kysely'

// Registration fields. Encrypted (AES-256-GCM, see lib/field-cipher.ts): name, ID number (plus its
// masked form and a blind index so one ID registers once). Clear: birth date (coverage counts ages in SQL;
// alone it identifies no one), township/village codes, consent version and time. A deleted account keeps a
// tombstone with no personal data (deleted_at, area codes, dates) so aggregate counts stay.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE residents
      ADD COLUMN name_enc text,
      ADD COLUMN birth_date date,
      ADD COLUMN township_code text REFERENCES areas (code),
      ADD COLUMN village_code text REFERENCES areas (code),
      ADD COLUMN id_number_enc text,
      ADD COLUMN id_number_masked text,
      ADD COLUMN id_number_index text UNIQUE,
      ADD COLUMN consent_version text,
      ADD COLUMN consent_at timestamptz,
      ADD COLUMN registered_at timestamptz,
      ADD COLUMN deleted_at timestamptz`.execute(db)
  await sql`CREATE INDEX residents_coverage ON residents (village_code, birth_date) WHERE registered_at IS NOT NULL AND deleted_at IS NULL`.execute(db)

  // H5 login codes: only an HMAC of the code is kept; phone and client are blind indexes, never clear text.
  await sql`
    CREATE TABLE sms_codes (
      id bigserial PRIMARY KEY,
      phone_index text NOT NULL,
      client_index text NOT NULL,
      code_hash text NOT NULL,
      attempts integer NOT NULL DEFAULT 0,
      expires_at timestamptz NOT NULL,
      consumed_at timestamptz,
      created_at timestamptz NOT NULL
    )`.execute(db)
  await sql`CREATE INDEX sms_codes_phone ON sms_codes (phone_index, created_at)`.execute(db)
  await sql`CREATE INDEX sms_codes_client ON sms_codes (client_index, created_at)`.execute(db)

  await sql`
    CREATE TABLE admins (
      id bigserial PRIMARY KEY,
      username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9_.-]{3,32}$'),
      password_hash text NOT NULL,
      role text NOT NULL CHECK (role IN ('admin', 'editor', 'reviewer', 'officer')),
      township_code text REFERENCES areas (code),
      created_at timestamptz NOT NULL DEFAULT now(),
      last_login_at timestamptz,
      disabled_at timestamptz,
      CHECK ((role = 'officer') = (township_code IS NOT NULL))
    )`.execute(db)
}
