import { countyDay, DAY_MS } from '../../../types/county-day'

// Days are the county's days (types/county-day.ts, the server's too), whatever the clerk's computer is set to.
export function chinaToday(now = Date.now()): string {
  return countyDay(now)
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10)
}

/** The last `n` days up to today, both ends included. */
export function lastDays(n: number, now = Date.now()): { from: string; to: string } {
  const to = chinaToday(now)
  return { from: addDays(to, -(n - 1)), to }
}

/** "11-29" for chart axes. */
export const shortDay = (day: string) => day.slice(5)

export const percent = (ratio: number) => `${(ratio * 100).toFixed(1)}%`
