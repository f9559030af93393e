import type { Verdict } from '../../../types/check.ts'
import { VERDICTS } from '../../../types/check.ts'
import { CHECK_KINDS } from '../../../types/kinds.ts'
import type { CheckKind, CheckCountRow } from './repository.ts'
import { countyDay, countyMidnightBefore, DAY_MS } from '../../../types/county-day.ts'

const KINDS: readonly CheckKind[] = CHECK_KINDS
const VERDICT_INDEX: Record<Verdict, number> = Object.fromEntries(VERDICTS.map((v, i) => [v, i])) as Record<Verdict, number>
const KIND_INDEX: Record<CheckKind, number> = Object.fromEntries(CHECK_KINDS.map((k, i) => [k, i])) as Record<CheckKind, number>

/**
 * Counts checks per China day, kind and verdict, in memory, and hands the counts to the database in batches.
 * Every check counts, anonymous ones too; no input is kept. On the hot path a count is one comparison and one
 * array increment (no allocation, no I/O), so the lookup route pays nothing measurable for it.
 */
export class CheckCounter {
  private counts = new Float64Array(KINDS.length * VERDICTS.length)
  private dayStart = 0
  private dayEnd = 0
  /** Closed days' counts waiting for the next flush (a flush may span midnight). */
  private pending: CheckCountRow[] = []

  constructor(private readonly now: () => number = Date.now) {
    this.roll(this.now())
  }

  count(kind: CheckKind, verdict: Verdict, at: number = this.now()): void {
    if (at >= this.dayEnd || at < this.dayStart) this.roll(at)
    this.counts[KIND_INDEX[kind] * VERDICTS.length + VERDICT_INDEX[verdict]]++
  }

  /** Takes everything counted so far (and resets it): the rows to add to the stored counters. */
  drain(): CheckCountRow[] {
    const rows = this.pending
    this.pending = []
    rows.push(...this.rows())
    this.counts.fill(0)
    return rows
  }

  /** Gives rows back after a failed store, so a database hiccup loses no counts. */
  restore(rows: CheckCountRow[]): void {
    this.pending.push(...rows)
  }

  private rows(): CheckCountRow[] {
    const day = countyDay(this.dayStart)
    const rows: CheckCountRow[] = []
    for (let k = 0; k < KINDS.length; k++) {
      for (let v = 0; v < VERDICTS.length; v++) {
        const n = this.counts[k * VERDICTS.length + v]
        if (n > 0) rows.push({ day, kind: KINDS[k], verdict: VERDICTS[v], count: n })
      }
    }
    return rows
  }

  private roll(at: number): void {
    if (this.dayEnd !== 0) this.pending.push(...this.rows())
    this.counts.fill(0)
    this.dayStart = countyMidnightBefore(at)
    this.dayEnd = this.dayStart + DAY_MS
  }
}
