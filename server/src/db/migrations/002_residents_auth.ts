import { sql, type Kysely } from 'kysely'

// Residents as far as login needs them (registration fields come with their own migration) and the
// rotating refresh tokens: stored as SHA-256 hashes, grouped in families so reuse of an old one can revoke
// every token descended from the same login.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE residents (
      id bigserial PRIMARY KEY,
      openid text UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_login_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
  await sql`
    CREATE TABLE refresh_tokens (
      id bigserial PRIMARY KEY,
      resident_id bigint NOT NULL REFERENCES residents (id) ON DELETE CASCADE,
      family text NOT NULL,
      token_hash text NOT NULL UNIQUE,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      revoked_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
  await sql`CREATE INDEX refresh_tokens_family ON refresh_tokens (family)`.execute(db)
}
