import type { Verdict } from '../../../types/check'

/** How a verdict is shown: label, icon and tone — never colour alone. */
export const VERDICT_STYLE: Record<Verdict, { label: string; icon: string; summary: string }> = {
  dangerous: { label: '高危', icon: '✕', summary: '极可能是诈骗电话' },
  suspicious: { label: '可疑', icon: '!', summary: '有诈骗风险，请提高警惕' },
  unknown: { label: '暂无风险记录', icon: '?', summary: '没有查到风险记录' },
  safe: { label: '已核实', icon: '✓', summary: '县反诈中心核实过的号码' }
}

/** Said on every answer given without a network (rules/offline.ts): the lists were not asked. */
export const OFFLINE_MARK = '离线判断，联网后会再确认'
/** An offline answer the rules found nothing in: not "no risk on record" (no record was looked at). */
export const OFFLINE_UNKNOWN = { label: '未能确认', summary: '没有网络，县反诈中心的名单没有查' }

/** The one-line summary in the words of the kind checked: a call, a site, an account. */
export function verdictSummary(verdict: Verdict, noun: '号码' | '网址' | '账户' | string): string {
  const thing = noun === '号码' ? '电话' : noun === '网址' ? '网站' : noun
  switch (verdict) {
    case 'dangerous':
      return `极可能是诈骗${thing}`
    case 'safe':
      return `县反诈中心核实过的${noun === '网址' ? '正规网站' : noun}`
    default:
      return VERDICT_STYLE[verdict].summary
  }
}
