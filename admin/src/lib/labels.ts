import { BLOCK_SOURCE_NAMES } from '../../../types/lists'
// Chinese names for the API's codes, shown wherever the console lists them.
export const KIND_NAMES = { phone: '号码', url: '网址', account: '账户', message: '消息' } as const
// What a list entry can be (a message is reported, never listed).
export type ValueKind = Exclude<keyof typeof KIND_NAMES, 'message'>
export const SOURCE_NAMES: Record<string, string> = BLOCK_SOURCE_NAMES
export const ENTRY_STATUS_NAMES = { active: '有效', appealed: '申诉中', removed: '已移出' } as const
export const REPORT_STATUS_NAMES = { submitted: '待审核', reviewing: '审核中', confirmed: '已核实', rejected: '未采纳' } as const

export const yuan = (n: number) => `${n.toLocaleString('zh-CN')}元`
export const chinaTime = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })

/** The time of day in China (HH:MM), for times within the shift. */
export const clock = (iso: string) =>
  new Date(iso).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, hour: '2-digit', minute: '2-digit' })

/**
 * An expiry as the clerk set it: "2027-06-30" means to the end of that day (stored as the next China midnight), so it
 * shows as that day, not as "2027/7/1 00:00:00"; any other moment in full.
 */
export function expiryLabel(iso: string): string {
  const china = new Date(new Date(iso).getTime() + 8 * 3_600_000)
  if (china.getUTCHours() + china.getUTCMinutes() + china.getUTCSeconds() + china.getUTCMilliseconds() === 0)
    return new Date(china.getTime() - 1).toISOString().slice(0, 10)
  return chinaTime(iso)
}

/** A stored value as a clerk reads it: a mainland mobile "+8617012345678" as "170 1234 5678"; anything else as stored. */
export function readableValue(kind: string, value: string): string {
  const m = kind === 'phone' ? /^\+86(1\d{2})(\d{4})(\d{4})$/.exec(value) : null
  return m ? `${m[1]} ${m[2]} ${m[3]}` : value
}
