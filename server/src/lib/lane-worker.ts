import type { FastifyBaseLogger } from 'fastify'

/**
 * The loop every worker runs (the bulletin push and the warning chain): `lanes` loops that do a round of work, go
 * again at once while there is some, and otherwise sleep until the next due item (at most `idleMs`) or until woken
 * by new work. A failed round (the database gone) is logged and retried a second later; stop() lets the rounds in
 * flight finish.
 */
export abstract class LaneWorker {
  private running = false
  private loops: Promise<void>[] = []
  private readonly sleepers = new Set<() => void>()

  protected constructor(
    protected readonly log: FastifyBaseLogger,
    private readonly loop: { lanes: number; idleMs: number; failure: string },
    protected readonly now: () => Date = () => new Date()
  ) {}

  /** One round on `lane`; returns the work done (0: nothing to do). */
  protected abstract round(lane: number): Promise<number>
  /** When the next item falls due (null: nothing waiting), so an idle lane sleeps exactly as long as it may. */
  protected abstract nextDue(): Promise<Date | null>

  start(): void {
    if (this.running) return
    this.running = true
    this.loops = Array.from({ length: Math.max(1, this.loop.lanes) }, (_, lane) => this.run(lane))
  }

  /** Finishes the rounds in flight (their outcomes are recorded), then stops. */
  async stop(): Promise<void> {
    this.running = false
    this.wake()
    await Promise.all(this.loops)
    this.loops = []
  }

  /** New work (in this process, or a NOTIFY from another). */
  wake(): void {
    for (const resolve of [...this.sleepers]) resolve()
  }

  private async run(lane: number): Promise<void> {
    while (this.running) {
      try {
        if ((await this.round(lane)) > 0) continue
        const next = await this.nextDue()
        const until = next ? Math.max(0, next.getTime() - this.now().getTime()) : this.loop.idleMs
        await this.sleep(Math.min(until, this.loop.idleMs))
      } catch (err) {
        this.log.error({ err, lane }, this.loop.failure)
        await this.sleep(1_000)
      }
    }
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
