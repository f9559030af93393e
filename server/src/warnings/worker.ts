import { hostname } from 'node:os'
import { randomBytes } from 'node:crypto'
import type { FastifyBaseLogger } from 'fastify'
import { LaneWorker } from '../lib/lane-worker.ts'
import type { WarningService } from './service.ts'

/** NOTIFY channel: new warnings (from an API process or the CLI) wake every worker. */
export const WARNINGS_CHANNEL = 'qiandai_warnings'

export interface WarningWorkerSettings {
  /** How often idle claimed tasks are looked for (half of it, at most every 5 s). */
  leaseMs: number
  /** Longest sleep when idle (a new warning or the next due timer wakes it earlier). */
  idleMs: number
  /** Claimed tasks untouched this long go back to the queue (0: never). */
  claimIdleMinutes: { call: number; visit: number }
}

/**
 * Runs the chain's clock: fires due timers (each in its own transaction, SKIP LOCKED, so several workers never fire
 * one twice) and releases idle claimed tasks. Level-1 messages are the outbox's (outbox-kinds.ts). Runs inline in the
 * server or in `qiandai worker` (workers.ts).
 */
export class WarningWorker extends LaneWorker {
  readonly id = `${hostname()}:${process.pid}:w${randomBytes(3).toString('hex')}`
  private lastMaintenance = 0

  constructor(
    private readonly service: WarningService,
    private readonly settings: WarningWorkerSettings,
    log: FastifyBaseLogger,
    now: () => Date = () => new Date()
  ) {
    super(log, { lanes: 1, idleMs: settings.idleMs, failure: 'warning worker round failed' }, now)
  }

  /** One round: idle tasks, due timers. Returns the work done (0: idle). Exposed for tests. */
  async tick(): Promise<number> {
    if (Date.now() - this.lastMaintenance >= Math.min(this.settings.leaseMs / 2, 5_000)) {
      this.lastMaintenance = Date.now()
      const idle = await this.service.chain.releaseIdleTasks(this.settings.claimIdleMinutes)
      if (idle > 0) this.log.info({ idle }, 'idle claimed tasks released to the queue')
    }
    return this.service.chain.fireDueTimers(200)
  }

  protected round(): Promise<number> {
    return this.tick()
  }

  protected nextDue(): Promise<Date | null> {
    return this.service.chain.nextTimerDue()
  }
}
