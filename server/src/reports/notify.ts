import { sql, type Kysely } from 'kysely'
import type { FastifyBaseLogger } from 'fastify'
import type { DB } from '../db/schema.ts'
import { outcomeOf } from '../push/outcomes.ts'
import { thing } from '../push/message.ts'
import type { SubscribeMessage, WeChatClient } from '../wechat/client.ts'

export const REPORT_PAGE = 'packages/report/pages/index/index'
// A report not confirmed is no sign the number is safe: never worded as a clearance (WeChat's phrase field: ≤ 5 characters).
const STATUS_PHRASE: Record<string, string> = { confirmed: '已核实', rejected: '暂未核实' }

export function createNotificationsRepository(db: Kysely<DB>) {
  return {
    /** Claims up to `limit` pending notices (SKIP LOCKED: several processes never take the same one). */
    async claim(limit: number) {
      const rows = await sql<{ id: string; report_id: string; resident_id: string; status: string }>`
        UPDATE report_notifications SET state = 'sending', updated_at = now()
        WHERE id IN (SELECT id FROM report_notifications WHERE state = 'pending' ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
        RETURNING id::text, report_id::text, resident_id::text, status`.execute(db)
      return rows.rows
    },

    /** What the message says, the resident's openid, and one credit spent (none left: null). */
    async prepare(n: { report_id: string; resident_id: string }, templateId: string) {
      return db.transaction().execute(async (trx) => {
        const report = await trx
          .selectFrom('reports')
          .innerJoin('residents', 'residents.id', 'reports.resident_id')
          .select(['reports.input', 'reports.outcome', 'reports.updated_at', 'residents.openid'])
          .where('reports.id', '=', n.report_id)
          .executeTakeFirst()
        if (!report?.openid) return { report, spent: false }
        const spent = await trx
          .updateTable('subscriptions')
          .set((eb) => ({ credits: sql`CASE WHEN ${eb.ref('long_term')} THEN ${eb.ref('credits')} ELSE ${eb.ref('credits')} - 1 END`, updated_at: new Date() }))
          .where('resident_id', '=', n.resident_id)
          .where('template_id', '=', templateId)
          .where((eb) => eb.or([eb('long_term', '=', true), eb('credits', '>', 0)]))
          .executeTakeFirst()
        return { report, spent: spent.numUpdatedRows > 0n }
      })
    },

    async giveBackCredit(residentId: string, templateId: string): Promise<void> {
      await db
        .updateTable('subscriptions')
        .set((eb) => ({ credits: sql`CASE WHEN ${eb.ref('long_term')} THEN ${eb.ref('credits')} ELSE ${eb.ref('credits')} + 1 END` }))
        .where('resident_id', '=', residentId)
        .where('template_id', '=', templateId)
        .execute()
    },

    async finish(id: string, state: 'pending' | 'sent' | 'in_app' | 'failed' | 'unknown', reason: string | null): Promise<void> {
      await db.updateTable('report_notifications').set({ state, reason, updated_at: new Date() }).where('id', '=', id).execute()
    }
  }
}

/**
 * Tells reporters what became of their report through the "举报进展" subscribe message, when they hold a credit
 * for it; without one they see it in 我的举报 only. Same outcome rules as bulletins (push/outcomes.ts): a message
 * that may have been sent is never sent again; a refused or temporary failure gives the credit back.
 */
export class ReportNotifier {
  private readonly repository: ReturnType<typeof createNotificationsRepository>
  private running: Promise<void> | null = null

  constructor(
    db: Kysely<DB>,
    private readonly wechat: WeChatClient,
    private readonly templateId: string | undefined,
    private readonly miniprogramState: SubscribeMessage['miniprogram_state'],
    private readonly log?: FastifyBaseLogger
  ) {
    this.repository = createNotificationsRepository(db)
  }

  /** Sends what is pending; concurrent calls share one run. */
  deliver(): Promise<void> {
    this.running ??= this.run().finally(() => {
      this.running = null
    })
    return this.running
  }

  private async run(): Promise<void> {
    for (;;) {
      const batch = await this.repository.claim(50)
      if (batch.length === 0) return
      for (const n of batch) await this.deliverOne(n).catch((err: unknown) => this.log?.warn({ err, notification: n.id }, 'report notification failed'))
    }
  }

  private async deliverOne(n: { id: string; report_id: string; resident_id: string; status: string }): Promise<void> {
    if (!this.templateId) return this.repository.finish(n.id, 'in_app', 'no template configured')
    const { report, spent } = await this.repository.prepare(n, this.templateId)
    if (!report?.openid) return this.repository.finish(n.id, 'in_app', 'no WeChat account')
    if (!spent) return this.repository.finish(n.id, 'in_app', 'no credit')
    const message: SubscribeMessage = {
      touser: report.openid,
      template_id: this.templateId,
      page: REPORT_PAGE,
      miniprogram_state: this.miniprogramState,
      lang: 'zh_CN',
      data: {
        thing1: { value: thing(`举报：${report.input}`) },
        phrase2: { value: STATUS_PHRASE[n.status] ?? '已处理' },
        thing3: { value: thing(report.outcome ?? '详情请在“我的举报”中查看') },
        date4: { value: report.updated_at.toISOString().slice(0, 10) }
      }
    }
    let error: unknown = null
    try {
      await this.wechat.sendSubscribeMessage(message)
    } catch (err) {
      error = err
    }
    const outcome = outcomeOf(error)
    if (outcome.kind === 'sent') return this.repository.finish(n.id, 'sent', null)
    if (outcome.kind === 'unknown') return this.repository.finish(n.id, 'unknown', outcome.reason)
    if (outcome.kind === 'in_app') return this.repository.finish(n.id, 'in_app', outcome.reason)
    await this.repository.giveBackCredit(n.resident_id, this.templateId)
    // Temporary trouble: pending again, taken by the next run (the next decision or the periodic sweep).
    return this.repository.finish(n.id, outcome.kind === 'retry' ? 'pending' : 'failed', outcome.reason)
  }
}
