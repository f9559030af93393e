import { sql, type Kysely } from 'kysely'

// 学反诈: the fraud-type catalogue, tips, stored media files, videos, and what each resident learned or watched.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE fraud_types (
      code text PRIMARY KEY CHECK (code ~ '^[a-z0-9-]{2,40}$'),
      name text NOT NULL UNIQUE,
      description text NOT NULL,
      signs text[] NOT NULL,
      sort integer NOT NULL DEFAULT 0,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
  // search_text: title, body text and fraud-type names, NFKC-folded and lower-cased by the service; searched by
  // substring (Chinese words are mostly two characters, below pg_trgm's three-character index grams).
  await sql`
    CREATE TABLE tips (
      id bigserial PRIMARY KEY,
      title text NOT NULL,
      fraud_types text[] NOT NULL,
      body jsonb NOT NULL,
      source text NOT NULL,
      published_on date NOT NULL,
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
      search_text text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
  await sql`CREATE INDEX tips_published ON tips (published_on DESC, id DESC) WHERE status = 'published'`.execute(db)
  await sql`
    CREATE TABLE media (
      name text PRIMARY KEY,
      content_type text NOT NULL,
      size bigint NOT NULL,
      duration_seconds numeric,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
  await sql`
    CREATE TABLE videos (
      id bigserial PRIMARY KEY,
      title text NOT NULL,
      fraud_type text NOT NULL REFERENCES fraud_types (code),
      duration_seconds numeric NOT NULL,
      cover text NOT NULL REFERENCES media (name),
      file text NOT NULL REFERENCES media (name),
      summary text NOT NULL,
      view_count bigint NOT NULL DEFAULT 0,
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
      published_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
  await sql`
    CREATE TABLE video_progress (
      resident_id bigint NOT NULL REFERENCES residents (id) ON DELETE CASCADE,
      video_id bigint NOT NULL REFERENCES videos (id),
      position_seconds numeric NOT NULL,
      completed boolean NOT NULL DEFAULT false,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (resident_id, video_id)
    )`.execute(db)
  await sql`
    CREATE TABLE tip_learned (
      resident_id bigint NOT NULL REFERENCES residents (id) ON DELETE CASCADE,
      tip_id bigint NOT NULL REFERENCES tips (id),
      learned_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (resident_id, tip_id)
    )`.execute(db)
}
