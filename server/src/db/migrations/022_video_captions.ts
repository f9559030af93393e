import { sql, type Kysely } from 'kysely'

// A video's captions: a WebVTT file uploaded to /admin/media (its content-addressed name), shown under the video by
// default. Null for a video without captions.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE videos ADD COLUMN captions text`.execute(db)
}
