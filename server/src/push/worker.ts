import { hostname } from 'node:os'
import { randomBytes } from 'node:crypto'
import type { FastifyBaseLogger } from 'fastify'
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
export class PushWorker {
  readonly id = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`
  private running = false
  private loops: Promise<void>[] = []
  private readonly sleepers = new Set<() => void>()
  private lastMaintenance = 0

  constructor(
    private readonly repository: PushRepository,
    private readonly wechat: WeChatClient,
    private readonly settings: PushSettings,
    private readonly log: FastifyBaseLogger,
    private readonly hooks: PushWorkerHooks = {},
    private readonly now: () => Date = () => new Date()
  ) {}

  start(): void {
    if (this.running) return
    this.running = true
    this.loops = Array.from({ length: this.settings.lanes }, (_, lane) => this.loop(lane))
  }

  /** Finishes the chunks in flight (their outcomes are recorded), then stops. */
  async stop(): Promise<void> {
    this.running = false
    this.wake()
    await Promise.all(this.loops)
    this.loops = []
  }

  /** New work (a publish in this process, or a NOTIFY from another). */
  wake(): void {
    for (const resolve of [...this.sleepers]) resolve()
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
        if (c.attempts >= this.settings.maxAttempts) return { ...base, status: 'failed', reason: `gave up after ${c.attempts} attempts: ${outcome.reason}`, refund: true }
        return {
          ...base, status: 'pending', reason: outcome.reason, refund: true,
          nextAttemptAt: new Date(this.now().getTime() + retryDelayMs(c.attempts, this.settings.retryBaseMs, this.settings.retryMaxMs))
        }
    }
  }

  private async loop(lane: number): Promise<void> {
    while (this.running) {
      try {
        if (lane === 0 && Date.now() - this.lastMaintenance >= Math.min(this.settings.leaseMs / 2, 5_000)) {
          this.lastMaintenance = Date.now()
          await this.maintain()
        }
        if ((await this.runChunk()) > 0) continue
        await this.idle()
      } catch (err) {
        // The database went away or a statement failed: the rows stay claimable, try again shortly.
        this.log.error({ err, lane }, 'push worker chunk failed')
        await this.sleep(1_000)
      }
    }
  }

  /** Sleeps until woken, the next retry is due, or idleMs passes. */
  private async idle(): Promise<void> {
    const next = await this.repository.nextDue()
    const until = next ? Math.max(0, next.getTime() - this.now().getTime()) : this.settings.idleMs
    await this.sleep(Math.min(until, this.settings.idleMs))
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        this.sleepers.delete(done)
        resolve()
      }
      const timer = setTimeout(done, ms)
      this.sleepers.add(done)
    })
  }
}
