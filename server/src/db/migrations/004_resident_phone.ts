import { sql, type Kysely } from 'kysely'

// A resident's verified phone: encrypted (phone_enc) plus a keyed blind index (phone_index) so "is this
// phone already registered?" needs no clear text.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE residents ADD COLUMN phone_enc text, ADD COLUMN phone_index text UNIQUE, ADD COLUMN phone_verified_at timestamptz`.execute(db)
}
