import { sql, type Kysely } from 'kysely'

// One outbox (server/src/outbox): the four message queues — bulletin deliveries, level-1 warning messages, guardians'
// copies, report notifications — get the same columns, so one claim / lease / send / record / fall back / retry path
// serves them all. Each table stays where its feature reads it (bulletin stats, the warning timeline, 我的举报).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE deliveries ADD COLUMN channel text NOT NULL DEFAULT 'wechat' CHECK (channel IN ('wechat', 'sms'))`.execute(db)

  for (const table of ['warning_messages', 'guardian_alerts']) {
    await sql`ALTER TABLE ${sql.table(table)} ADD COLUMN attempts integer NOT NULL DEFAULT 0,
              ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now()`.execute(db)
    await sql`DROP INDEX ${sql.raw(`${table}_pending`)}`.execute(db)
    await sql`CREATE INDEX ${sql.raw(`${table}_due`)} ON ${sql.table(table)} (next_attempt_at, id) WHERE status = 'pending'`.execute(db)
  }

  // `status` was the report's decision; the message's own state takes the name every other queue uses.
  await sql`ALTER TABLE report_notifications RENAME COLUMN status TO decision`.execute(db)
  await sql`ALTER TABLE report_notifications RENAME COLUMN state TO status`.execute(db)
  await sql`ALTER TABLE report_notifications
              ADD COLUMN channel text NOT NULL DEFAULT 'wechat' CHECK (channel IN ('wechat', 'sms')),
              ADD COLUMN attempts integer NOT NULL DEFAULT 0,
              ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now(),
              ADD COLUMN claimed_by text,
              ADD COLUMN claimed_at timestamptz,
              ADD COLUMN finished_at timestamptz`.execute(db)
  await sql`DROP INDEX report_notifications_pending`.execute(db)
  await sql`CREATE INDEX report_notifications_due ON report_notifications (next_attempt_at, id) WHERE status = 'pending'`.execute(db)
  await sql`CREATE INDEX report_notifications_sending ON report_notifications (claimed_at) WHERE status = 'sending'`.execute(db)
}
