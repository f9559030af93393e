import { hostname } from 'node:os'
import { randomBytes } from 'node:crypto'
import type { FastifyBaseLogger } from 'fastify'
import type { Config } from '../config.ts'
import { LaneWorker } from '../lib/lane-worker.ts'
import type { SmsSender } from '../sms/sender.ts'
import type { WeChatClient } from '../wechat/client.ts'
import type { OutboxKind } from './kind.ts'
import { outcomeOf, retryDelayMs } from './outcomes.ts'
import type { ClaimedSend, OutboxRepository, RecordedOutcome } from './repository.ts'

export type OutboxSettings = Pick<Config['push'], 'lanes' | 'maxAttempts' | 'retryBaseMs' | 'retryMaxMs' | 'leaseMs' | 'idleMs'>

/**
 * Sends every message the server sends (bulletins, level-1 warnings, guardians' copies, report notices), kind by kind,
 * by one protocol (docs/api.md "Warning bulletins"): a chunk is claimed and its credits spent in one transaction that
 * marks it `sending` before any call; outcomes are recorded after the calls; `sending` rows whose lease expired are
 * marked `unknown` and never resent. Several workers (processes) may run against one PostgreSQL database; the server
 * runs one inline (PUSH_WORKER=inline) and `qiandai worker` runs the same.
 */
export class OutboxWorker extends LaneWorker {
  readonly id = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`
  private lastMaintenance = 0

  constructor(
    private readonly repository: OutboxRepository,
    private readonly kinds: readonly OutboxKind[],
    private readonly channels: { wechat: WeChatClient; sms: SmsSender | null },
    private readonly settings: OutboxSettings,
    log: FastifyBaseLogger,
    now: () => Date = () => new Date()
  ) {
    super(log, { lanes: settings.lanes, idleMs: settings.idleMs, failure: 'outbox chunk failed' }, now)
  }

  /** One chunk of every kind with rows due; lane 0 also marks expired leases every half lease (at most every 5 s). Exposed for tests. */
  async tick(lane = 0): Promise<number> {
    if (lane === 0 && Date.now() - this.lastMaintenance >= Math.min(this.settings.leaseMs / 2, 5_000)) {
      this.lastMaintenance = Date.now()
      await this.maintain()
    }
    const due = await this.repository.earliestDue(this.kinds.map((k) => k.table))
    const now = this.now()
    let claimed = 0
    for (const kind of this.kinds) {
      const at = due.get(kind.table)
      if (at && at <= now) claimed += await this.runChunk(kind)
    }
    return claimed
  }

  protected round(lane: number): Promise<number> {
    return this.tick(lane)
  }

  protected nextDue(): Promise<Date | null> {
    return this.repository.nextDue(this.kinds.map((k) => k.table))
  }

  /** Claims, sends and records one chunk of `kind`; returns how many rows it took (0: nothing was due). */
  async runChunk(kind: OutboxKind): Promise<number> {
    const { sends, picked } = await this.repository.claimChunk(kind, this.id, this.now())
    if (sends.length > 0) await this.repository.record(kind, this.id, await Promise.all(sends.map((c) => this.send(kind, c))), this.now())
    return picked
  }

  /** Marks rows of dead workers unknown (never resent). */
  async maintain(): Promise<void> {
    const now = this.now()
    const lost = await this.repository.expireLeases(
      this.kinds.map((k) => k.table),
      new Date(now.getTime() - this.settings.leaseMs),
      now
    )
    if (lost > 0) this.log.warn({ lost }, 'messages of a lost worker marked unknown (not resent)')
  }

  private async send(kind: OutboxKind, c: ClaimedSend): Promise<RecordedOutcome> {
    const base = { id: c.id, channel: c.plan.send, nextAttemptAt: null, refund: null, dropCredit: null }
    if (c.plan.send === 'sms') {
      if (!this.channels.sms) return { ...base, status: 'failed', reason: 'no SMS gateway configured' }
      try {
        await this.channels.sms.sendNotice(c.plan.phone, c.plan.template, c.plan.text)
        return { ...base, status: 'sent', reason: null }
      } catch (err) {
        // The phone number stays out of the log.
        this.log.warn({ kind: kind.name, row: c.id, reason: (err as Error).message }, 'SMS failed')
        return { ...base, status: 'failed', reason: (err as Error).message.slice(0, 200) }
      }
    }
    let error: unknown = null
    try {
      await this.channels.wechat.sendSubscribeMessage(c.plan.message)
    } catch (err) {
      error = err
    }
    const outcome = outcomeOf(error)
    const holder = c.plan.creditHolder
    if (outcome.kind === 'sent') return { ...base, status: 'sent', reason: null }
    // It may have gone out: never again, whatever the kind.
    if (outcome.kind === 'unknown') return { ...base, status: 'unknown', reason: outcome.reason }
    // Refused (43101) drops the credit; anything else WeChat did not use gives it back.
    const credit = outcome.kind === 'in_app' ? { dropCredit: holder } : { refund: holder }
    if (kind.fallback === 'sms') {
      // A warning cannot wait for WeChat: the same row goes out as an SMS at once.
      return { ...base, ...credit, status: 'pending', channel: 'sms', reason: `wechat: ${outcome.reason}`.slice(0, 200) }
    }
    if (outcome.kind === 'in_app' || outcome.kind === 'failed') return { ...base, ...credit, status: outcome.kind, reason: outcome.reason }
    if (c.attempts >= this.settings.maxAttempts) {
      return { ...base, ...credit, status: 'failed', reason: `gave up after ${c.attempts} attempts: ${outcome.reason}` }
    }
    const delay = retryDelayMs(c.attempts, this.settings.retryBaseMs, this.settings.retryMaxMs)
    return { ...base, ...credit, status: 'pending', reason: outcome.reason, nextAttemptAt: new Date(this.now().getTime() + delay) }
  }
}

/** The worker settings from the configuration. */
export function outboxSettings(config: Config): OutboxSettings {
  const { lanes, maxAttempts, retryBaseMs, retryMaxMs, leaseMs, idleMs } = config.push
  return { lanes, maxAttempts, retryBaseMs, retryMaxMs, leaseMs, idleMs }
}
