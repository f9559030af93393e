// Days are China days (Asia/Shanghai, UTC+8, no daylight saving), whatever the clerk's computer is set to.
const DAY_MS = 86_400_000
const OFFSET_MS = 8 * 3_600_000

export function chinaToday(now = Date.now()): string {
  return new Date(now + OFFSET_MS).toISOString().slice(0, 10)
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
