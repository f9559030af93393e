import { sql, type Kysely } from 'kysely'

// 图形验证码: a picture challenge asked of a network address past its free SMS sends (docs/security.md). Only a keyed
// hash of the answer is kept; each challenge is answered once.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE sms_captchas (
    id text PRIMARY KEY,
    answer_hash text NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at timestamptz
  )`.execute(db)
  await sql`CREATE INDEX sms_captchas_expires ON sms_captchas (expires_at)`.execute(db)
}
