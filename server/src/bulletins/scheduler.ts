import type { FastifyBaseLogger } from 'fastify'
import { LaneWorker } from '../lib/lane-worker.ts'
import type { BulletinService } from './service.ts'

/** Longest sleep between looks at the schedule: a bulletin scheduled by another process goes out at most this late. */
export const SCHEDULE_IDLE_MS = 15_000

/**
 * Publishes scheduled bulletins when their time comes. Runs in every API process and every `qiandai worker`,
 * whether or not that process sends anything: publishing only writes the deliveries (whoever sends picks them up),
 * and two processes reaching the same bulletin publish it once (the publish locks its row).
 */
export class ScheduledPublisher extends LaneWorker {
  constructor(
    private readonly bulletins: BulletinService,
    log: FastifyBaseLogger,
    now: () => Date = () => new Date()
  ) {
    super(log, { lanes: 1, idleMs: SCHEDULE_IDLE_MS, failure: 'publishing scheduled bulletins failed' }, now)
  }

  protected async round(): Promise<number> {
    return this.bulletins.publishDue()
  }

  protected nextDue(): Promise<Date | null> {
    return this.bulletins.nextScheduled()
  }
}
