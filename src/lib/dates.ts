import dayjs from 'dayjs'
import relativeTime from 'dayjs/plugin/relativeTime'
import 'dayjs/locale/zh-cn'

dayjs.extend(relativeTime)
dayjs.locale('zh-cn')

/** "3天前", "2小时前" — for lists (dayjs' zh-cn puts a space after the number; Chinese text does not). */
export function fromNow(iso: string, now: dayjs.ConfigType = undefined): string {
  return dayjs(iso)
    .from(dayjs(now))
    .replace(/(\d)\s+/g, '$1')
}

/** "2026年11月29日" — for detail pages. */
export function fullDate(iso: string): string {
  return dayjs(iso).format('YYYY年M月D日')
}

/** "11月20日至11月26日" (the year is added when the period crosses one): the wording the console's preview shares. */
export { periodText as period } from '../../types/bulletin-wording'
