import { hostname } from 'node:os'
import { randomBytes } from 'node:crypto'
import type { FastifyBaseLogger } from 'fastify'
import { LaneWorker } from '../lib/lane-worker.ts'
import type { Config } from '../config.ts'
import type { WeChatClient, SubscribeMessage } from '../wechat/client.ts'
import { bulletinMessage, bulletinMessageData } from './message.ts'
import { outcomeOf, retryDelayMs } from './outcomes.ts'
import type { ClaimedSend, PushRepository, RecordedOutcome } from './repository.ts'

/**
 * Chunk size and lanes (their product bounds the messages a crash can leave unknown), retries, lease and idle
 * sleep come from the configuration (config.ts `push`); the template and mini-program state from `wechat`.
 */
export type PushSettings = Omit<Config['push'], 'worker'> & {
  templateId: string
  miniprogramState: SubscribeMessage['miniprogram_state']
}

/** The worker's settings from the configuration: the bulletin template is the first configured template. */
export function pushSettings(config: Config): PushSettings {
  return { ...config.push, templateId: config.wechat.templateIds[0] ?? 'tmpl-bulletin', miniprogramState: config.wechat.miniprogramState }
}

export interface PushWorkerHooks {
  /** Publishes scheduled bulletins that are due; runs on the maintenance tick. */
  publishDue?: () => Promise<number>
}

/**
 * Sends bulletin deliveries through the WeChat client. Exactly-once protocol (docs/api.md "Warning bulletins"): a chunk is claimed
 * and its credits spent in one transaction that marks it `sending` before any call; outcomes are recorded after
 * the calls; `sending` rows whose lease expired are marked `unknown` and never resent. Several workers (processes)
 * may run against one PostgreSQL database.
 */
export class PushWorker extends LaneWorker {
  readonly id = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`
  private lastMaintenance = 0

  constructor(
    private readonly repository: PushRepository,
    private readonly wechat: WeChatClient,
    private readonly settings: PushSettings,
    log: FastifyBaseLogger,
    private readonly hooks: PushWorkerHooks = {},
    now: () => Date = () => new Date()
  ) {
    super(log, { lanes: settings.lanes, idleMs: settings.idleMs, failure: 'push worker chunk failed' }, now)
  }

  /** Lane 0 also keeps house (expired leases, due scheduled bulletins) every half lease, at most every 5 s. */
  protected async round(lane: number): Promise<number> {
    if (lane === 0 && Date.now() - this.lastMaintenance >= Math.min(this.settings.leaseMs / 2, 5_000)) {
      this.lastMaintenance = Date.now()
      await this.maintain()
    }
    return this.runChunk()
  }

  protected nextDue(): Promise<Date | null> {
    return this.repository.nextDue()
  }

  /** Claims, sends and records one chunk; returns how many were claimed for sending. Exposed for tests. */
  async runChunk(): Promise<number> {
    const claimed = await this.repository.claim(this.id, this.settings.templateId, this.now(), this.settings.batchSize)
    if (claimed.length === 0) return 0
    const data = new Map<string, SubscribeMessage['data']>()
    for (const c of claimed) if (!data.has(c.bulletin.id)) data.set(c.bulletin.id, bulletinMessageData(c.bulletin))
    const outcomes = await Promise.all(claimed.map((c) => this.send(c, data.get(c.bulletin.id))))
    await this.repository.record(this.id, outcomes, this.settings.templateId, this.now())
    return claimed.length
  }

  /** Marks deliveries of dead workers unknown and publishes due scheduled bulletins. */
  async maintain(): Promise<void> {
    const now = this.now()
    const lost = await this.repository.expireLeases(new Date(now.getTime() - this.settings.leaseMs), now)
    if (lost > 0) this.log.warn({ lost }, 'deliveries of a lost worker marked unknown (not resent)')
    if (this.hooks.publishDue) await this.hooks.publishDue()
  }

  private async send(c: ClaimedSend, data: SubscribeMessage['data'] | undefined): Promise<RecordedOutcome> {
    let error: unknown = null
    try {
      await this.wechat.sendSubscribeMessage(bulletinMessage(c.openid, this.settings.templateId, c.bulletin, this.settings.miniprogramState, data))
    } catch (err) {
      error = err
    }
    const outcome = outcomeOf(error)
    const base = { deliveryId: c.deliveryId, residentId: c.residentId, nextAttemptAt: null, refund: false, dropCredit: false }
    switch (outcome.kind) {
      case 'sent':
        return { ...base, status: 'sent', reason: null }
      case 'in_app':
        return { ...base, status: 'in_app', reason: outcome.reason, dropCredit: true }
      case 'failed':
        return { ...base, status: 'failed', reason: outcome.reason, refund: true }
      case 'unknown':
        return { ...base, status: 'unknown', reason: outcome.reason }
      case 'retry':
        if (c.attempts >= this.settings.maxAttempts)
          return { ...base, status: 'failed', reason: `gave up after ${c.attempts} attempts: ${outcome.reason}`, refund: true }
        return {
          ...base,
          status: 'pending',
          reason: outcome.reason,
          refund: true,
          nextAttemptAt: new Date(this.now().getTime() + retryDelayMs(c.attempts, this.settings.retryBaseMs, this.settings.retryMaxMs))
        }
    }
  }
}
