// How a bulletin's facts are worded to residents. The mini-program and the console's preview both use these, so
// the preview says exactly what residents will read. Plain functions: no dependencies, safe in both bundles.

/** 38000 → "3.8万元", 900 → "900元". */
export function formatLoss(yuan: number): string {
  return yuan >= 10_000 ? `${Number((yuan / 10_000).toFixed(2))}万元` : `${yuan}元`
}

/** A case block's loss line: "损失：3.8万元", or "未造成损失" for 0. */
export function caseLossText(yuan: number): string {
  return yuan > 0 ? `损失：${formatLoss(yuan)}` : '未造成损失'
}

export const CASE_LABEL = '案例'
export const channelText = (channel: string) => `渠道：${channel}`

/** "2026年第12期" once published; before that the heading residents would see is "预警信息". */
export function issueTitle(year: number | null, issueNo: number | null): string {
  return year && issueNo ? `${year}年第${issueNo}期` : '预警信息'
}

/** The severity tag: only urgent bulletins carry one. */
export const SEVERITY_TAG: Record<'routine' | 'urgent', string | null> = { routine: null, urgent: '紧急' }
export const SEVERITY_NAME: Record<'routine' | 'urgent', string> = { routine: '常规', urgent: '紧急' }

/** "11月20日至11月26日" (with years when the period crosses one); inputs are YYYY-MM-DD. */
export function periodText(start: string, end: string): string {
  const [sy, sm, sd] = start.split('-').map(Number)
  const [ey, em, ed] = end.split('-').map(Number)
  return sy === ey ? `${sm}月${sd}日至${em}月${ed}日` : `${sy}年${sm}月${sd}日至${ey}年${em}月${ed}日`
}

/** "全县" or the townships' names joined with "、" (codes without a name are shown as they are). */
export function audienceText(audience: readonly string[] | null, names: ReadonlyMap<string, string>): string {
  return audience === null ? '全县' : audience.map((code) => names.get(code) ?? code).join('、')
}
