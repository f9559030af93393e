import { sql, type Kysely } from 'kysely'
import type { FastifyBaseLogger } from 'fastify'
import type { DB } from '../db/schema.ts'
import type { RiskType } from '../../../types/warnings.ts'
import type { FieldCipher } from '../residents/field-cipher.ts'
import type { SmsSender } from '../sms/sender.ts'
import { outcomeOf } from '../push/outcomes.ts'
import { thing } from '../push/message.ts'
import type { SubscribeMessage, WeChatClient } from '../wechat/client.ts'
import { maskName } from '../residents/mask.ts'
import { ANTI_FRAUD_HOTLINE, guardianHappened, guardianSmsText, riskTypeName, warningSmsText } from './text.ts'

/** The page the warning subscribe message opens: the 我的 tab, whose red card answers it. */
export const WARNING_PAGE = 'pages/mine/index'

interface ClaimedMessage {
  id: string
  warning_id: string
  channel: 'wechat' | 'sms'
  risk_type: RiskType
  received_at: Date
  phone_enc: string
  openid: string | null
  resident_id: string | null
}

interface ClaimedAlert {
  id: string
  warning_id: string
  channel: 'wechat' | 'sms'
  risk_type: RiskType
  received_at: Date
  guardian_id: string
  openid: string | null
  phone_enc: string | null
  ward_name_enc: string | null
}

type FinishedAlert = { id: string; status: 'sent' | 'failed' | 'unknown'; reason: string | null; smsFallback: boolean }

type Finished = { id: string; warningId: string; status: 'sent' | 'failed' | 'unknown'; reason: string | null; smsFallback: boolean; channel: 'wechat' | 'sms' }

export function createMessagesRepository(db: Kysely<DB>) {
  return {
    /**
     * Claims pending level-1 messages (SKIP LOCKED) and, for WeChat ones, spends the resident's warning credit
     * in the same transaction; a WeChat message without a credit becomes an SMS instead.
     */
    async claim(workerId: string, templateId: string | null, now: Date, limit: number): Promise<ClaimedMessage[]> {
      return db.transaction().execute(async (trx) => {
        // Pick, then join by primary key: a join in the UPDATE itself lets the planner scan every warning per chunk.
        const rows = (
          await sql<ClaimedMessage>`
          WITH picked AS (
            SELECT id FROM warning_messages WHERE status = 'pending' ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED
          ), claimed AS (
            UPDATE warning_messages m SET status = 'sending', claimed_by = ${workerId}, claimed_at = ${now}
            FROM picked WHERE m.id = picked.id
            RETURNING m.id, m.warning_id, m.channel
          )
          SELECT c.id::text, c.warning_id::text, c.channel, w.risk_type, w.received_at, w.phone_enc, r.openid, r.id::text AS resident_id
          FROM claimed c JOIN warnings w ON w.id = c.warning_id
          LEFT JOIN residents r ON r.id = w.resident_id AND r.deleted_at IS NULL`.execute(trx)
        ).rows
        const wechat = rows.filter((r) => r.channel === 'wechat')
        const funded = await spendCredits(
          trx,
          templateId,
          wechat.filter((r) => r.openid && r.resident_id).map((r) => r.resident_id as string),
          now
        )
        const unfunded = wechat.filter((r) => !r.resident_id || !funded.has(r.resident_id))
        if (unfunded.length > 0) {
          await finishRows(
            trx,
            unfunded.map((r) => ({ id: r.id, warningId: r.warning_id, status: 'failed', reason: 'no credit', smsFallback: true, channel: 'wechat' })),
            now
          )
        }
        const unfundedIds = new Set(unfunded.map((r) => r.id))
        return rows.filter((r) => !unfundedIds.has(r.id))
      })
    },

    async finish(outcomes: Finished[], now: Date): Promise<void> {
      if (outcomes.length === 0) return
      await db.transaction().execute((trx) => finishRows(trx, outcomes, now))
    },

    /** Rows left `sending` past the lease: the worker died mid-send; they may have gone out, so never again. */
    async expireLeases(olderThan: Date, now: Date): Promise<number> {
      const r = await sql`UPDATE warning_messages SET status = 'unknown', reason = 'worker lost during send', finished_at = ${now}
                          WHERE status = 'sending' AND claimed_at < ${olderThan}`.execute(db)
      const a = await sql`UPDATE guardian_alerts SET status = 'unknown', reason = 'worker lost during send', finished_at = ${now}
                          WHERE status = 'sending' AND claimed_at < ${olderThan}`.execute(db)
      return Number(r.numAffectedRows ?? 0n) + Number(a.numAffectedRows ?? 0n)
    },

    /**
     * Claims pending guardian copies (SKIP LOCKED); a WeChat copy spends the guardian's warning credit in the same
     * transaction, and without one turns into an SMS on the same row (still pending).
     */
    async claimAlerts(workerId: string, templateId: string | null, now: Date, limit: number): Promise<ClaimedAlert[]> {
      return db.transaction().execute(async (trx) => {
        const rows = (
          await sql<ClaimedAlert>`
          WITH picked AS (
            SELECT id FROM guardian_alerts WHERE status = 'pending' ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED
          ), claimed AS (
            UPDATE guardian_alerts a SET status = 'sending', claimed_by = ${workerId}, claimed_at = ${now}
            FROM picked WHERE a.id = picked.id
            RETURNING a.id, a.warning_id, a.channel, a.guardian_id, a.ward_id
          )
          SELECT c.id::text, c.warning_id::text, c.channel, w.risk_type, w.received_at, c.guardian_id::text, g.openid, g.phone_enc, r.name_enc AS ward_name_enc
          FROM claimed c JOIN warnings w ON w.id = c.warning_id
          LEFT JOIN residents g ON g.id = c.guardian_id AND g.deleted_at IS NULL
          LEFT JOIN residents r ON r.id = c.ward_id`.execute(trx)
        ).rows
        const funded = await spendCredits(
          trx,
          templateId,
          rows.filter((r) => r.channel === 'wechat' && r.openid).map((r) => r.guardian_id),
          now
        )
        const unfunded = rows.filter((r) => r.channel === 'wechat' && !funded.has(r.guardian_id))
        if (unfunded.length > 0) {
          await sql`UPDATE guardian_alerts SET channel = 'sms', status = 'pending', reason = 'wechat: no credit', claimed_by = NULL, claimed_at = NULL
                    WHERE id = ANY(${unfunded.map((r) => r.id)}::bigint[])`.execute(trx)
        }
        const unfundedIds = new Set(unfunded.map((r) => r.id))
        return rows.filter((r) => !unfundedIds.has(r.id))
      })
    },

    async finishAlerts(outcomes: FinishedAlert[], now: Date): Promise<void> {
      if (outcomes.length === 0) return
      await sql`
        UPDATE guardian_alerts a
        SET status = CASE WHEN x.fallback THEN 'pending' ELSE x.status END,
            channel = CASE WHEN x.fallback THEN 'sms' ELSE a.channel END,
            reason = x.reason,
            claimed_by = CASE WHEN x.fallback THEN NULL ELSE a.claimed_by END,
            finished_at = CASE WHEN x.fallback THEN NULL ELSE ${now}::timestamptz END
        FROM unnest(${outcomes.map((o) => o.id)}::bigint[], ${outcomes.map((o) => o.status)}::text[], ${outcomes.map((o) => o.reason)}::text[],
                    ${outcomes.map((o) => o.smsFallback)}::boolean[]) AS x(id, status, reason, fallback)
        WHERE a.id = x.id`.execute(db)
    },

    async pending(): Promise<number> {
      const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM warning_messages WHERE status = 'pending'`.execute(db)
      return r.rows[0]?.n ?? 0
    }
  }
}

/** Spends one warning-template credit of each of these residents (long-term subscriptions keep theirs); who had one. */
async function spendCredits(trx: Kysely<DB>, templateId: string | null, residentIds: string[], now: Date): Promise<Set<string>> {
  if (!templateId || residentIds.length === 0) return new Set()
  const spent = await sql<{ resident_id: string }>`
    UPDATE subscriptions SET credits = CASE WHEN long_term THEN credits ELSE credits - 1 END, updated_at = ${now}
    WHERE template_id = ${templateId} AND resident_id = ANY(${residentIds}::bigint[]) AND (long_term OR credits > 0)
    RETURNING resident_id::text`.execute(trx)
  return new Set(spent.rows.map((r) => r.resident_id))
}

async function finishRows(trx: Kysely<DB>, outcomes: Finished[], now: Date): Promise<void> {
  await sql`
    UPDATE warning_messages m SET status = x.status, reason = x.reason, finished_at = ${now}
    FROM unnest(${outcomes.map((o) => o.id)}::bigint[], ${outcomes.map((o) => o.status)}::text[], ${outcomes.map((o) => o.reason)}::text[]) AS x(id, status, reason)
    WHERE m.id = x.id`.execute(trx)
  const fallback = outcomes.filter((o) => o.smsFallback)
  if (fallback.length > 0) {
    await sql`INSERT INTO warning_messages (warning_id, channel, created_at)
              SELECT x, 'sms', ${now}::timestamptz FROM unnest(${fallback.map((o) => o.warningId)}::bigint[]) AS x
              ON CONFLICT (warning_id, channel) DO NOTHING`.execute(trx)
  }
  // No timeline events here: the timeline reads the messages' own rows (board-repository.ts).
}

export type MessagesRepository = ReturnType<typeof createMessagesRepository>

/**
 * Sends level-1 messages: the warning subscribe message when the resident holds a credit, otherwise (or when
 * WeChat refuses) an SMS without links. A message that may have been sent is never sent again.
 */
export class WarningMessenger {
  constructor(
    private readonly repository: MessagesRepository,
    private readonly wechat: WeChatClient,
    private readonly sms: SmsSender | null,
    private readonly cipher: FieldCipher,
    private readonly templateId: string | null,
    private readonly miniprogramState: SubscribeMessage['miniprogram_state'],
    private readonly log: FastifyBaseLogger,
    private readonly now: () => Date = () => new Date()
  ) {}

  /** Claims, sends and records one chunk of level-1 messages and one of guardians' copies; returns how many were claimed. */
  async runChunk(workerId: string, limit: number): Promise<number> {
    const claimed = await this.repository.claim(workerId, this.templateId, this.now(), limit)
    if (claimed.length > 0) {
      const outcomes = await Promise.all(claimed.map((m) => (m.channel === 'wechat' ? this.sendWeChat(m) : this.sendSms(m))))
      await this.repository.finish(outcomes, this.now())
    }
    const alerts = await this.repository.claimAlerts(workerId, this.templateId, this.now(), limit)
    if (alerts.length > 0) await this.repository.finishAlerts(await Promise.all(alerts.map((a) => this.sendAlert(a))), this.now())
    return claimed.length + alerts.length
  }

  /** A guardian's copy: "您的家人王**刚刚接到涉诈电话…", by subscribe message, or SMS when WeChat cannot take it. */
  private async sendAlert(a: ClaimedAlert): Promise<FinishedAlert> {
    const ward = maskName(a.ward_name_enc ? this.cipher.decrypt(a.ward_name_enc) : null)
    if (a.channel === 'wechat' && a.openid) {
      let error: unknown = null
      try {
        await this.wechat.sendSubscribeMessage({
          touser: a.openid,
          template_id: this.templateId as string,
          page: `${WARNING_PAGE}?familyAlert=${a.id}`,
          miniprogram_state: this.miniprogramState,
          lang: 'zh_CN',
          data: {
            thing1: { value: thing(`家人${ward}${guardianHappened(a.risk_type)}`) },
            time2: { value: a.received_at.toISOString().slice(0, 16).replace('T', ' ') },
            thing3: { value: thing('请马上联系家人，提醒勿转账') }
          }
        })
      } catch (err) {
        error = err
      }
      const outcome = outcomeOf(error)
      if (outcome.kind === 'sent') return { id: a.id, status: 'sent', reason: null, smsFallback: false }
      if (outcome.kind === 'unknown') return { id: a.id, status: 'unknown', reason: outcome.reason, smsFallback: false }
      return { id: a.id, status: 'failed', reason: `wechat: ${outcome.reason}`.slice(0, 200), smsFallback: true }
    }
    if (!this.sms || !a.phone_enc)
      return { id: a.id, status: 'failed', reason: this.sms ? 'guardian has no phone' : 'no SMS gateway configured', smsFallback: false }
    try {
      await this.sms.sendNotice(this.cipher.decrypt(a.phone_enc), 'family_warning', guardianSmsText(ward, a.risk_type))
      return { id: a.id, status: 'sent', reason: null, smsFallback: false }
    } catch (err) {
      this.log.warn({ alert: a.id, reason: (err as Error).message }, 'guardian SMS failed')
      return { id: a.id, status: 'failed', reason: (err as Error).message.slice(0, 200), smsFallback: false }
    }
  }

  expireLeases(leaseMs: number): Promise<number> {
    const now = this.now()
    return this.repository.expireLeases(new Date(now.getTime() - leaseMs), now)
  }

  private async sendWeChat(m: ClaimedMessage): Promise<Finished> {
    const base = { id: m.id, warningId: m.warning_id, channel: 'wechat' as const }
    let error: unknown = null
    try {
      await this.wechat.sendSubscribeMessage({
        touser: m.openid as string,
        template_id: this.templateId as string,
        page: `${WARNING_PAGE}?warning=${m.warning_id}`,
        miniprogram_state: this.miniprogramState,
        lang: 'zh_CN',
        data: {
          thing1: { value: thing(`反诈预警：${riskTypeName(m.risk_type)}`) },
          time2: { value: m.received_at.toISOString().slice(0, 16).replace('T', ' ') },
          thing3: { value: thing(`请勿转账，求助拨${ANTI_FRAUD_HOTLINE}`) }
        }
      })
    } catch (err) {
      error = err
    }
    const outcome = outcomeOf(error)
    if (outcome.kind === 'sent') return { ...base, status: 'sent', reason: null, smsFallback: false }
    if (outcome.kind === 'unknown') return { ...base, status: 'unknown', reason: outcome.reason, smsFallback: false }
    // Refused, permanent or temporary trouble: a warning cannot wait for WeChat; the SMS goes instead.
    return { ...base, status: 'failed', reason: outcome.reason, smsFallback: true }
  }

  private async sendSms(m: ClaimedMessage): Promise<Finished> {
    const base = { id: m.id, warningId: m.warning_id, channel: 'sms' as const, smsFallback: false }
    if (!this.sms) return { ...base, status: 'failed', reason: 'no SMS gateway configured' }
    try {
      await this.sms.sendNotice(this.cipher.decrypt(m.phone_enc), 'fraud_warning', warningSmsText(m.risk_type))
      return { ...base, status: 'sent', reason: null }
    } catch (err) {
      this.log.warn({ warning: m.warning_id, reason: (err as Error).message }, 'warning SMS failed')
      return { ...base, status: 'failed', reason: (err as Error).message.slice(0, 200) }
    }
  }
}
