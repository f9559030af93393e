import { sql, type Kysely } from 'kysely'

// The county's townships and villages/communities with their 16–60 population: data the centre edits
// (CLI import/export), the denominator of coverage.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE areas (
      code text PRIMARY KEY CHECK (code ~ '^[0-9]{6,15}$'),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
      parent_code text REFERENCES areas (code),
      population_16_60 integer NOT NULL CHECK (population_16_60 >= 0),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
  await sql`CREATE INDEX areas_parent ON areas (parent_code)`.execute(db)
}
