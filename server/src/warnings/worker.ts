import { hostname } from 'node:os'
import { randomBytes } from 'node:crypto'
import type { FastifyBaseLogger } from 'fastify'
import { LaneWorker } from '../lib/lane-worker.ts'
import type { WarningService } from './service.ts'
import type { WarningMessenger } from './messenger.ts'

/** NOTIFY channel: new warnings (from an API process or the CLI) wake every worker. */
export const WARNINGS_CHANNEL = 'qiandai_warnings'

export interface WarningWorkerSettings {
  /** Level-1 messages claimed per chunk (sent concurrently). */
  batchSize: number
  /** Chunks in flight at once (each its own claim; SKIP LOCKED keeps them apart). */
  lanes: number
  /** A `sending` message older than this belongs to a dead worker: marked unknown, never resent. */
  leaseMs: number
  /** Longest sleep when idle (a new warning or the next due timer wakes it earlier). */
  idleMs: number
  /** Claimed tasks untouched this long go back to the queue (0: never). */
  claimIdleMinutes: { call: number; visit: number }
}

/**
 * Runs the chain's clock and level 1: fires due timers (each in its own transaction, SKIP LOCKED, so several
 * workers never fire one twice) and sends level-1 messages. Runs inline in the server or as `qiandai worker`.
 */
export class WarningWorker extends LaneWorker {
  readonly id = `${hostname()}:${process.pid}:w${randomBytes(3).toString('hex')}`
  private lastMaintenance = 0

  constructor(
    private readonly service: WarningService,
    private readonly messenger: WarningMessenger,
    private readonly settings: WarningWorkerSettings,
    log: FastifyBaseLogger,
    now: () => Date = () => new Date()
  ) {
    super(log, { lanes: settings.lanes, idleMs: settings.idleMs, failure: 'warning worker round failed' }, now)
  }

  /** One round: expired leases, due timers, one chunk of messages. Returns the work done (0: idle). Exposed for tests. */
  async tick(lane = 0): Promise<number> {
    // Lane 0 also keeps the clock (leases and timers); the others only send.
    if (lane > 0) return this.messenger.runChunk(this.id, this.settings.batchSize)
    if (Date.now() - this.lastMaintenance >= Math.min(this.settings.leaseMs / 2, 5_000)) {
      this.lastMaintenance = Date.now()
      const lost = await this.messenger.expireLeases(this.settings.leaseMs)
      if (lost > 0) this.log.warn({ lost }, 'warning messages of a lost worker marked unknown (not resent)')
      const idle = await this.service.releaseIdleTasks(this.settings.claimIdleMinutes)
      if (idle > 0) this.log.info({ idle }, 'idle claimed tasks released to the queue')
    }
    const fired = await this.service.fireDueTimers(200)
    const sent = await this.messenger.runChunk(this.id, this.settings.batchSize)
    return fired + sent
  }

  protected round(lane: number): Promise<number> {
    return this.tick(lane)
  }

  protected nextDue(): Promise<Date | null> {
    return this.service.nextTimerDue()
  }
}
