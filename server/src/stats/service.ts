import type { FastifyBaseLogger } from 'fastify'
import type { DashboardStats } from '../../../types/stats.ts'
import { AppError } from '../plugins/errors.ts'
import type { CheckCounter } from './check-counter.ts'
import type { Period, StatsRepository } from './repository.ts'
import { countyDay, countyDayStart, DAY_MS } from '../../../types/county-day.ts'

const MAX_DAYS = 366

/** A period of China days, both ends included; 400 for an impossible day, a reversed or an over-long range. */
export function periodOf(from: string, to: string, { maxDays = MAX_DAYS } = {}): Period {
  const start = countyDayStart(from)
  const last = countyDayStart(to)
  if (Number.isNaN(start) || Number.isNaN(last)) throw new AppError(400, 'VALIDATION_FAILED', '日期不正确，请用 YYYY-MM-DD 格式的真实日期', 'from')
  if (last < start) throw new AppError(400, 'VALIDATION_FAILED', '结束日期不能早于开始日期', 'to')
  if ((last - start) / DAY_MS + 1 > maxDays) throw new AppError(400, 'VALIDATION_FAILED', `统计时段最长${maxDays}天`, 'to')
  return { fromDay: from, toDay: to, start: new Date(start), end: new Date(last + DAY_MS) }
}

export function daysOf(p: Period): string[] {
  const days: string[] = []
  for (let t = p.start.getTime(); t < p.end.getTime(); t += DAY_MS) days.push(countyDay(t))
  return days
}

export class StatsService {
  private flushing: Promise<void> = Promise.resolve()

  constructor(
    private readonly repository: StatsRepository,
    private readonly counter: CheckCounter,
    private readonly log: FastifyBaseLogger
  ) {}

  /** Moves the in-memory check counts into the database (one flush at a time; a failure keeps the counts). */
  flushChecks(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      const rows = this.counter.drain()
      try {
        await this.repository.addCheckCounts(rows)
      } catch (err) {
        this.counter.restore(rows)
        this.log.warn({ err }, 'storing check counts failed; kept for the next flush')
      }
    })
    return this.flushing
  }

  async dashboard(from: string, to: string, township: string | null): Promise<DashboardStats> {
    const period = periodOf(from, to)
    const days = daysOf(period)
    const county = township === null
    if (county) await this.flushChecks()
    const [registrations, reports, reach, checks, blocklist] = await Promise.all([
      this.repository.registrationsPerDay(period, township),
      this.repository.reports(period, township),
      this.repository.bulletinReach(period, township),
      county ? this.repository.checksPerDay(period) : null,
      county ? this.repository.blocklist(period) : null
    ])
    const perDay = (rows: Array<{ day: string; count: number }>) => {
      const byDay = new Map(rows.map((r) => [r.day, r.count]))
      return days.map((day) => byDay.get(day) ?? 0)
    }
    const received = perDay(reports.received)
    const confirmed = perDay(reports.decided.filter((d) => d.status === 'confirmed'))
    const delivered = (status: string) => reach.deliveries.filter((d) => d.status === status).reduce((s, d) => s + d.count, 0)
    const targeted = reach.deliveries.reduce((s, d) => s + d.count, 0)
    return {
      from,
      to,
      townshipCode: township,
      registrations: perDay(registrations).map((count, i) => ({ day: days[i], count })),
      checks,
      reports: {
        received: received.reduce((s, n) => s + n, 0),
        confirmed: confirmed.reduce((s, n) => s + n, 0),
        rejected: reports.decided.filter((d) => d.status === 'rejected').reduce((s, d) => s + d.count, 0),
        open: reports.open,
        perDay: days.map((day, i) => ({ day, received: received[i], confirmed: confirmed[i] }))
      },
      bulletins: {
        published: reach.published,
        targeted,
        sent: delivered('sent'),
        inAppOnly: delivered('in_app'),
        failed: delivered('failed'),
        pending: delivered('pending') + delivered('sending'),
        read: reach.read,
        readRate: targeted > 0 ? Math.round((reach.read / targeted) * 10_000) / 10_000 : 0
      },
      blocklist: blocklist && {
        total: blocklist.reduce((s, r) => s + r.count, 0),
        addedInPeriod: blocklist.reduce((s, r) => s + r.added, 0),
        byCategory: fold(blocklist, 'category').map(([category, count]) => ({ category, count })),
        bySource: fold(blocklist, 'source').map(([source, count]) => ({ source, count }))
      }
    }
  }
}

function fold<K extends 'category' | 'source'>(rows: Array<Record<K, string> & { count: number }>, key: K): Array<[string, number]> {
  const sums = new Map<string, number>()
  for (const r of rows) sums.set(r[key], (sums.get(r[key]) ?? 0) + r.count)
  return [...sums].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
}
