// The warning chain's codes and their Chinese names, without TypeBox: the app and the console import these and
// must not pull the schema library into their bundles.

export const WARNING_SOURCES = ['city', 'bank', 'county', 'resident', 'report'] as const
export type WarningSource = (typeof WARNING_SOURCES)[number]
export const WARNING_SOURCE_NAMES: Record<WarningSource, string> = {
  city: '市反诈中心',
  bank: '银行',
  county: '县反诈中心',
  resident: '居民求助',
  report: '举报（有损失）'
}

export const RISK_TYPES = ['call', 'sms', 'app', 'site', 'transfer', 'help'] as const
export type RiskType = (typeof RISK_TYPES)[number]
export const RISK_TYPE_NAMES: Record<RiskType, string> = {
  call: '接听涉诈电话',
  sms: '收到涉诈短信',
  app: '安装涉诈APP',
  site: '访问涉诈网站',
  transfer: '向涉诈账户转账',
  help: '居民求助'
}

export const RISK_LEVELS = ['high', 'medium'] as const
export type RiskLevel = (typeof RISK_LEVELS)[number]
export const RISK_LEVEL_NAMES: Record<RiskLevel, string> = { high: '高', medium: '中' }

/** The resident's answers to the red card. */
export const RESIDENT_ANSWERS = ['safe', 'transferred', 'call_me'] as const
export type ResidentAnswer = (typeof RESIDENT_ANSWERS)[number]
export const RESIDENT_ANSWER_NAMES: Record<ResidentAnswer, string> = {
  safe: '我知道了，没有转账',
  transferred: '我已经转账了',
  call_me: '请民警联系我'
}

/** What an operator records for one call attempt. */
export const CALL_RESULTS = ['dissuaded', 'defrauded', 'unreachable', 'wrong_number', 'refused', 'false_alarm'] as const
export type CallResult = (typeof CALL_RESULTS)[number]
/** What an officer records for a visit. */
export const VISIT_RESULTS = ['dissuaded', 'defrauded', 'not_met', 'refused', 'false_alarm'] as const
export type VisitResult = (typeof VISIT_RESULTS)[number]
export const RESULT_NAMES: Record<CallResult | VisitResult, string> = {
  dissuaded: '劝阻成功',
  defrauded: '已被骗',
  unreachable: '无法接通',
  wrong_number: '号码有误',
  refused: '拒绝沟通',
  false_alarm: '误报',
  not_met: '未见到本人'
}

/** How a warning ends: exactly one of these. */
export const WARNING_OUTCOMES = ['acknowledged', 'dissuaded', 'defrauded', 'wrong_number', 'refused', 'false_alarm'] as const
export type WarningOutcome = (typeof WARNING_OUTCOMES)[number]
export const WARNING_OUTCOME_NAMES: Record<WarningOutcome, string> = {
  acknowledged: '居民已确认未转账',
  dissuaded: '劝阻成功',
  defrauded: '已被骗',
  wrong_number: '号码有误',
  refused: '拒绝沟通',
  false_alarm: '误报'
}

export const EVIDENCE_KINDS = ['phone', 'sms', 'url', 'account', 'app'] as const
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number]
