import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import type { SubscribeMessage } from '../wechat/client.ts'

/** NOTIFY channel: new rows in any outbox queue (a publish, a report decision) wake every worker. */
export const OUTBOX_CHANNEL = 'qiandai_push'

/** The tables that are outbox queues: each has the shared columns (schema.ts `OutboxColumns`, migration 024). */
export type OutboxTable = 'deliveries' | 'warning_messages' | 'guardian_alerts' | 'report_notifications'

export type Channel = 'wechat' | 'sms'

/** A row taken for this chunk: locked (FOR UPDATE SKIP LOCKED) in the claim transaction, not yet marked. */
export interface PickedRow {
  id: string
  channel: Channel
  /** Attempts before this one. */
  attempts: number
}

/** What to do with one picked row, decided by its kind before any call. */
export type Plan =
  /** A subscribe message; it spends one credit of `creditHolder` (a resident) for the kind's template. */
  | { send: 'wechat'; creditHolder: string; message: SubscribeMessage }
  /** A text message through the SMS gateway (no links: SMS-safe wording comes from the kind). */
  | { send: 'sms'; phone: string; template: string; text: string }
  /** Nothing to send, ever: the row is finished with this status. */
  | { finish: 'in_app' | 'failed'; reason: string }
  /** WeChat cannot take it (no account): the kind's fallback applies (an SMS, or the app only). */
  | { fallback: string }

/**
 * One kind of message the server sends. The outbox (repository.ts, worker.ts) does everything else the same way for
 * every kind: claim, spend a credit, send, record the outcome, fall back to SMS, retry, expire leases.
 */
export interface OutboxKind {
  /** For logs and figures. */
  name: string
  table: OutboxTable
  /** Rows claimed per chunk (sent concurrently). */
  batchSize: number
  /** The subscribe-message template whose credits a WeChat send spends (null: this kind has none configured). */
  templateId: string | null
  /**
   * A WeChat message WeChat will not take (no account, no credit, refused, failed or out of retries): 'sms' turns the
   * same row into an SMS (a warning cannot wait); 'in_app' leaves it to the app (the resident sees it there).
   */
  fallback: 'sms' | 'in_app'
  /** Reads what the picked rows' messages need (in the claim transaction) and plans each one, by row id. */
  plan(trx: Kysely<DB>, rows: PickedRow[], now: Date): Promise<Map<string, Plan>>
}
