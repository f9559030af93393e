import { sql, type Kysely } from 'kysely'
import type { RiskType } from '../../../types/warnings.ts'
import type { DB } from '../db/schema.ts'

/**
 * Claimed level-1 messages with their warning and resident (read in the outbox's claim transaction). The rows are
 * claimed first and joined here by primary key: a join in the claim itself lets the planner scan every warning.
 */
export async function levelOneToSend(trx: Kysely<DB>, ids: string[]) {
  return (
    await sql<{
      id: string
      warning_id: string
      channel: 'wechat' | 'sms'
      risk_type: RiskType
      received_at: Date
      phone_enc: string
      openid: string | null
      resident_id: string | null
    }>`
      SELECT m.id::text, m.warning_id::text, m.channel, w.risk_type, w.received_at, w.phone_enc, r.openid, r.id::text AS resident_id
      FROM unnest(${ids}::bigint[]) AS x (id) JOIN warning_messages m ON m.id = x.id JOIN warnings w ON w.id = m.warning_id
      LEFT JOIN residents r ON r.id = w.resident_id AND r.deleted_at IS NULL`.execute(trx)
  ).rows
}

/** Claimed guardians' copies with the guardian's accounts and the ward's (encrypted) name. */
export async function guardianAlertsToSend(trx: Kysely<DB>, ids: string[]) {
  return (
    await sql<{
      id: string
      channel: 'wechat' | 'sms'
      risk_type: RiskType
      received_at: Date
      guardian_id: string
      openid: string | null
      phone_enc: string | null
      ward_name_enc: string | null
    }>`
      SELECT a.id::text, a.channel, w.risk_type, w.received_at, a.guardian_id::text, g.openid, g.phone_enc, r.name_enc AS ward_name_enc
      FROM unnest(${ids}::bigint[]) AS x (id) JOIN guardian_alerts a ON a.id = x.id JOIN warnings w ON w.id = a.warning_id
      LEFT JOIN residents g ON g.id = a.guardian_id AND g.deleted_at IS NULL
      LEFT JOIN residents r ON r.id = a.ward_id`.execute(trx)
  ).rows
}
