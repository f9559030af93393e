import { StatusTag } from '../../components/StatusTag'
import { RISK_LEVEL_NAMES, WARNING_OUTCOME_NAMES, type RiskLevel, type WarningOutcome } from '../../../../types/warning-wording'
import type { WarningSummary } from '../../../../types/warnings'

export const LEVEL_NAMES: Record<number, string> = { 1: '一级 推送', 2: '二级 电话', 3: '三级 上门' }

export function RiskTag({ level }: { level: RiskLevel }) {
  return <StatusTag tone={level === 'high' ? 'danger' : 'warning'}>{`${RISK_LEVEL_NAMES[level]}风险`}</StatusTag>
}

/** Where a warning stands, in one tag: 超时 first (it needs the centre), then the outcome or 处理中. */
export function WarningStatus({ warning }: { warning: Pick<WarningSummary, 'status' | 'outcome' | 'overdue'> }) {
  if (warning.status === 'open') return warning.overdue ? <StatusTag tone="danger">超时</StatusTag> : <StatusTag tone="info">处理中</StatusTag>
  const outcome = warning.outcome as WarningOutcome
  const tone = outcome === 'defrauded' ? 'danger' : outcome === 'dissuaded' || outcome === 'acknowledged' ? 'success' : 'neutral'
  return <StatusTag tone={tone}>{WARNING_OUTCOME_NAMES[outcome]}</StatusTag>
}

export const place = (w: Pick<WarningSummary, 'townshipName' | 'villageName'>) =>
  w.townshipName ? `${w.townshipName}${w.villageName ? ` ${w.villageName}` : ''}` : '未知（县级处理）'
