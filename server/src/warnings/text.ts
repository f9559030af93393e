import {
  RESIDENT_ANSWER_NAMES,
  RESULT_NAMES,
  RISK_TYPE_NAMES,
  WARNING_OUTCOME_NAMES,
  WARNING_SOURCE_NAMES,
  type EvidenceKind,
  type RiskType
} from '../../../types/warning-wording.ts'
import { FAMILY_RELATION_NAMES, type FamilyRelation } from '../../../types/family-wording.ts'

/** Resident-facing and staff-facing wording of the warning chain, in one place. */

export const ANTI_FRAUD_HOTLINE = '96110'

export interface EvidenceText {
  kind: EvidenceKind
  value: string
  at?: string | undefined
  amount?: number | undefined
}

const HAPPENED: Record<RiskType, string> = {
  call: '您刚刚接听了一个诈骗电话',
  sms: '您刚刚收到了一条诈骗短信',
  app: '您的手机上安装了一个诈骗软件',
  site: '您刚刚访问了一个诈骗网站',
  transfer: '您正在向一个诈骗账户转账',
  help: '您向反诈中心求助'
}

const ADVICE: Record<RiskType, string[]> = {
  call: ['立即挂断，不要再接这个号码', '不要转账，不要说出验证码和银行卡密码', '民警会给您打电话，可在“我的—核验来电民警”核实'],
  sms: ['不要点短信里的链接，不要回拨短信里的号码', '不要转账，不要说出验证码', '民警会给您打电话，可在“我的—核验来电民警”核实'],
  app: ['立即卸载这个软件，不要在里面输入任何信息', '不要按对方要求开启屏幕共享', '民警会给您打电话，可在“我的—核验来电民警”核实'],
  site: ['立即关闭这个网页，不要填写银行卡、密码和验证码', '不要转账', '民警会给您打电话，可在“我的—核验来电民警”核实'],
  transfer: ['立即停止转账', '已经转账的，马上拨打 96110 或 110 报警，尽快冻结', '民警会给您打电话，可在“我的—核验来电民警”核实'],
  help: ['不要转账，不要说出验证码', '民警会尽快给您打电话', '来电民警会告诉您警号和核验码，可在“我的—核验来电民警”核实']
}

export function residentCardText(riskType: RiskType, evidence: EvidenceText | null): { title: string; happened: string; advice: string[] } {
  const counterpart = evidence ? `（${evidenceLabel(evidence.kind)}：${evidence.value}）` : ''
  return {
    title: riskType === 'help' ? '您的求助已收到' : '反诈预警：您可能正在被骗',
    happened: `${HAPPENED[riskType]}${riskType === 'help' ? '' : counterpart}。`,
    advice: ADVICE[riskType]
  }
}

export function evidenceLabel(kind: EvidenceKind): string {
  return { phone: '号码', sms: '短信号码', url: '网址', account: '账户', app: '软件' }[kind]
}

/** The level-1 SMS: no links (a link in a warning SMS is what scammers send). */
export function warningSmsText(riskType: RiskType): string {
  return `【守好钱袋子】反诈预警：${HAPPENED[riskType]}，请立即停止联系、不要转账。民警将与您联系，可在微信小程序“守好钱袋子”核验来电民警。求助请拨${ANTI_FRAUD_HOTLINE}。`
}

/** What the operator says, for the risk type and the evidence. */
export function callScript(riskType: RiskType, evidence: EvidenceText | null): string[] {
  const counterpart = evidence ? `${evidenceLabel(evidence.kind)} ${evidence.value}` : '对方'
  const opening = '您好，我是县公安局反诈中心民警，警号尾号是……（报出警号和核验码，请对方在“守好钱袋子”小程序里核验）'
  const specific: Record<RiskType, string> = {
    call: `系统显示您刚刚接听了诈骗电话（${counterpart}）。对方是不是自称客服、公检法、领导或熟人，要求您转账或提供验证码？`,
    sms: `系统显示您收到了诈骗短信（${counterpart}）。请不要点里面的链接，也不要回拨里面的号码。`,
    app: `系统显示您的手机安装了涉诈软件（${counterpart}）。请现在就卸载，不要开启屏幕共享。`,
    site: `系统显示您访问了诈骗网站（${counterpart}）。有没有在网页上填写过银行卡号、密码或验证码？`,
    transfer: `系统显示您正在向涉诈账户转账（${counterpart}${evidence?.amount ? `，金额 ${evidence.amount} 元` : ''}）。请立即停止，这是诈骗。`,
    help: '您在“守好钱袋子”里求助，请说说发生了什么，对方让您做什么？'
  }
  return [
    opening,
    specific[riskType],
    '凡是让您转账、刷单、贷款、提供验证码的，都是诈骗。',
    '如果已经转账，请马上告诉我金额和时间，我们立即止付。',
    `以后遇到可疑情况，请拨打 ${ANTI_FRAUD_HOTLINE} 或 110。`
  ]
}

// ---- the guardian's copy (家人守护) ----

const GUARDIAN_HAPPENED: Record<RiskType, string> = {
  call: '刚刚接到涉诈电话',
  sms: '刚刚收到涉诈短信',
  app: '手机上安装了涉诈软件',
  site: '刚刚访问了涉诈网站',
  transfer: '正在向涉诈账户转账',
  help: '向反诈中心求助'
}

export function guardianHappened(riskType: RiskType): string {
  return GUARDIAN_HAPPENED[riskType]
}

/** The guardian's red card: who (masked) and what, and what to do; never the evidence. */
export function guardianCardText(wardName: string, relation: FamilyRelation | null, riskType: RiskType): { title: string; happened: string; advice: string[] } {
  const who = relation ? `您的家人${wardName}（${FAMILY_RELATION_NAMES[relation]}）` : `您的家人${wardName}`
  return {
    title: '家人守护提醒',
    happened: `${who}${GUARDIAN_HAPPENED[riskType]}。`,
    advice: [
      '马上给家人打电话或当面提醒：不要转账，不要说出验证码',
      '公检法、客服不会让转账，“安全账户”都是骗局',
      `如果已经转账，立即拨打 ${ANTI_FRAUD_HOTLINE} 或 110`,
      '联系上了，请点“已联系家人，没有转账”，民警会看到'
    ]
  }
}

/** The guardian's SMS: no link, like the level-1 one. */
export function guardianSmsText(wardName: string, riskType: RiskType): string {
  return `【守好钱袋子】家人守护提醒：您的家人${wardName}${GUARDIAN_HAPPENED[riskType]}，请马上联系TA，提醒不要转账、不要说验证码。已转账请立即拨打${ANTI_FRAUD_HOTLINE}或110。`
}

export function riskTypeName(riskType: RiskType): string {
  return RISK_TYPE_NAMES[riskType]
}

/** One timeline event in Chinese. */
export function timelineText(type: string, detail: Record<string, unknown> | null): string {
  const d = detail ?? {}
  switch (type) {
    case 'received':
      return `收到预警（${WARNING_SOURCE_NAMES[d.source as keyof typeof WARNING_SOURCE_NAMES] ?? ''}）`
    case 'level1_sent':
      return d.channel === 'sms' ? '预警短信已发出' : '预警消息已推送到小程序'
    case 'level1_failed':
      return `预警消息未送达（${String(d.reason ?? '')}）`
    case 'answered':
      return `居民回复：${RESIDENT_ANSWER_NAMES[d.answer as keyof typeof RESIDENT_ANSWER_NAMES] ?? ''}`
    case 'ack_timeout':
      return '居民未在时限内回复，转县反诈中心电话预警'
    case 'call_task':
      return '生成电话预警任务'
    case 'claimed':
      return d.kind === 'visit' ? '民警已领取上门任务' : '话务员已领取电话任务'
    case 'released':
      if (d.idle) return `${String(d.from ?? '')}领取后${String(d.minutes ?? '')}分钟无进展，任务自动退回队列`
      return d.forced ? `中心强制退回：${String(d.from ?? '')}的任务已退回队列` : '任务已退回队列'
    case 'reassigned':
      return `${d.kind === 'visit' ? '上门' : '电话'}任务转派：${d.from ? `${String(d.from)} → ` : ''}${String(d.to ?? '')}`
    case 'placed':
      return `填写所在地：${String(d.township ?? '')}${d.village ? ` ${String(d.village)}` : ''}${d.before && d.before !== d.township ? `（原为${String(d.before)}）` : ''}`
    case 'call_attempt':
      return `电话预警：${RESULT_NAMES[d.result as keyof typeof RESULT_NAMES] ?? ''}${d.amount ? `（${String(d.amount)}元）` : ''}${d.escalate ? '，转派出所上门' : ''}`
    case 'visit_task':
      return '生成派出所上门劝阻任务'
    case 'visit_outcome':
      return `上门劝阻：${RESULT_NAMES[d.result as keyof typeof RESULT_NAMES] ?? ''}${d.amount ? `（${String(d.amount)}元）` : ''}`
    case 'call_overdue':
      return '电话预警超时未处理，已上报中心'
    case 'visit_overdue':
      return '上门劝阻超时未完成，已上报中心'
    case 'closed':
      return `预警结束：${WARNING_OUTCOME_NAMES[d.outcome as keyof typeof WARNING_OUTCOME_NAMES] ?? ''}`
    case 'guardian_confirmed':
      return `家人回复：已联系家人，没有转账${d.relation ? `（${FAMILY_RELATION_NAMES[d.relation as FamilyRelation] ?? ''}）` : ''}`
    case 'closed_by_staff':
      return `中心结束预警：${WARNING_OUTCOME_NAMES[d.outcome as keyof typeof WARNING_OUTCOME_NAMES] ?? ''}`
    default:
      return type
  }
}
