/**
 * The county's calendar: China time (Asia/Shanghai) is UTC+8 all year, with no daylight saving, so a fixed shift gives
 * the county's day without time-zone data. Ages, coverage, figures, expiries and "today" are all counted on it.
 */
export const COUNTY_UTC_OFFSET_MS = 8 * 3_600_000
export const DAY_MS = 86_400_000

/** The county's day of an instant, YYYY-MM-DD. */
export function countyDay(at: Date | number): string {
  return new Date(Number(at) + COUNTY_UTC_OFFSET_MS).toISOString().slice(0, 10)
}

/** Today in the county, YYYY-MM-DD. */
export function countyToday(now: Date = new Date()): string {
  return countyDay(now)
}

/** The county's wall-clock minute of an instant, 'YYYY-MM-DD HH:mm'. */
export function countyMinute(at: Date): string {
  return new Date(at.getTime() + COUNTY_UTC_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ')
}

/** The instant a county day (YYYY-MM-DD) begins; NaN when the text is not a real day. */
export function countyDayStart(day: string): number {
  const ms = Date.parse(`${day}T00:00:00+08:00`)
  return !Number.isNaN(ms) && countyDay(ms) === day ? ms : Number.NaN
}

/** The instant the county day that holds `at` began. */
export function countyMidnightBefore(at: Date | number): number {
  return Math.floor((Number(at) + COUNTY_UTC_OFFSET_MS) / DAY_MS) * DAY_MS - COUNTY_UTC_OFFSET_MS
}
