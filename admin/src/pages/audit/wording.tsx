import { Link } from 'react-router-dom'
import { RISK_LEVEL_NAMES, RISK_TYPE_NAMES, WARNING_OUTCOME_NAMES, WARNING_SOURCE_NAMES } from '../../../../types/warning-wording'
import { ROLE_NAMES } from '../../access'
import { SOURCE_NAMES } from '../../lib/labels'

/** Every action the server writes to the audit log, as a clerk says it. */
export const ACTION_NAMES: Record<string, string> = {
  'login.ok': '登录',
  'login.failed': '登录失败',
  'account.create': '新建账号',
  'account.disable': '停用账号',
  'account.enable': '启用账号',
  'account.reset_password': '重设密码（管理员）',
  'account.change_password': '修改自己的密码',
  'account.profile': '修改警号信息',
  'account.locked': '密码输错太多次，暂停登录',
  'account.unlock': '解除登录暂停',
  'blocklist.put': '添加或修改黑名单',
  'blocklist.remove': '移出黑名单',
  'blocklist.restore': '恢复黑名单',
  'blocklist.import': '导入黑名单',
  'blocklist.export': '导出黑名单',
  'report.confirm': '核实线索',
  'report.reject': '不予采纳',
  'report.merge': '合并线索',
  'appeal.remove': '申诉成立（移出黑名单）',
  'appeal.keep': '申诉驳回',
  'bulletin.publish': '发布预警信息',
  'bulletin.schedule': '定时发布预警信息',
  'bulletin.withdraw': '撤回预警信息',
  'warnings.add': '新增预警',
  'warnings.close': '结束预警',
  'warnings.reveal': '查看当事人完整信息',
  'cases.upsert': '登记案件',
  'grid.appoint': '任命网格员',
  'grid.revoke': '撤销网格员',
  'sender.put': '添加或修改官方发送方',
  'sender.delete': '删除官方发送方',
  'demo.remove': '停用演示账号',
  'areas.update': '修改乡镇村名称或人口',
  'areas.create': '添加乡镇或村',
  'search.phone': '按号码查询',
  'figures.export': '导出周报/月报'
}

/** The filter's categories (a prefix, or one action). */
export const ACTION_FILTERS: Array<{ value: string; label: string }> = [
  { value: 'login.', label: '登录' },
  { value: 'account.', label: '账号' },
  { value: 'account.profile', label: '警号信息' },
  { value: 'warnings.', label: '预警劝阻' },
  { value: 'bulletin.', label: '预警信息发布' },
  { value: 'blocklist.', label: '黑名单' },
  { value: 'report.', label: '线索审核' },
  { value: 'appeal.', label: '申诉' },
  { value: 'cases.', label: '案件' },
  { value: 'grid.', label: '网格员' },
  { value: 'sender.', label: '官方发送方' },
  { value: 'areas.', label: '乡镇村与人口' },
  { value: 'search.', label: '查号码' }
]

const TARGET_KINDS: Record<string, string> = {
  admin: '账号',
  phone: '号码',
  url: '网址',
  account: '账户',
  message: '消息',
  warning: '预警',
  bulletin: '预警信息',
  resident: '居民',
  sender: '官方发送方',
  file: '文件',
  cases: '案件',
  area: '地区',
  period: '时段'
}

/** What an entry acted on, by name: 账号 lijianjun, 号码 +86…, 预警 #12 (a link). */
export function TargetText({ target }: { target: string }) {
  const at = target.indexOf(':')
  const kind = at > 0 ? target.slice(0, at) : ''
  const rest = at > 0 ? target.slice(at + 1) : target
  if (kind === 'warning') return <Link to={`/warnings/${rest}`}>{`预警 #${rest}`}</Link>
  if (kind === 'file') return <>{`文件（${{ csv: 'CSV', jsonl: 'JSON行', xlsx: 'Excel' }[rest] ?? rest}）`}</>
  if (kind === 'cases') return <>{`${rest} 件案件`}</>
  return <>{TARGET_KINDS[kind] ? `${TARGET_KINDS[kind]} ${rest}` : target}</>
}

const FIELD_NAMES: Record<string, string> = {
  role: '角色',
  townshipCode: '乡镇',
  disabled: '停用',
  displayName: '姓名',
  policeNumber: '警号',
  unit: '单位',
  passwordChanged: '密码已更改',
  ip: '地址',
  reason: '原因',
  kind: '类别',
  value: '值',
  category: '诈骗类型',
  source: '来源',
  note: '备注',
  status: '状态',
  expiresAt: '有效期至',
  added: '新增',
  updated: '更新',
  unchanged: '未变',
  rejected: '拒绝',
  firstRejectedLines: '被拒绝的行（前20）',
  title: '标题',
  at: '时间',
  outcome: '结果',
  riskType: '风险类型',
  riskLevel: '风险等级',
  phone: '号码',
  fields: '查看的内容',
  lockedUntil: '暂停到',
  villages: '负责的村',
  count: '件数',
  name: '名称',
  population16to60: '16–60岁人口',
  previousName: '原名称',
  previousPopulation16to60: '原16–60岁人口',
  code: '代码',
  parentCode: '所属乡镇'
}
const REASON_NAMES: Record<string, string> = { password: '密码错误', unknown: '没有这个账号', disabled: '账号已停用', locked: '账号暂停登录中' }
const REVEALED_NAMES: Record<string, string> = {
  phone: '手机号',
  name: '姓名',
  birthDate: '出生日期',
  idNumber: '身份证号',
  townshipName: '乡镇',
  villageName: '村'
}

/** One value in words: 是/否, names for codes the console knows, lists joined. */
export function valueText(field: string, value: unknown, areaNames: Map<string, string>): string {
  if (value === null || value === undefined || value === '') return '—'
  if (typeof value === 'boolean') return value ? '是' : '否'
  if (Array.isArray(value)) return value.map((v) => valueText(field, v, areaNames)).join('、')
  if (typeof value === 'object') return JSON.stringify(value)
  const text = String(value)
  switch (field) {
    case 'role':
      return ROLE_NAMES[text as keyof typeof ROLE_NAMES] ?? text
    case 'townshipCode':
    case 'parentCode':
      return areaNames.get(text) ?? text
    case 'villages':
      return areaNames.get(text) ?? text
    case 'reason':
      return REASON_NAMES[text] ?? text
    case 'fields':
      return REVEALED_NAMES[text] ?? text
    case 'outcome':
      return WARNING_OUTCOME_NAMES[text as keyof typeof WARNING_OUTCOME_NAMES] ?? text
    case 'riskType':
      return RISK_TYPE_NAMES[text as keyof typeof RISK_TYPE_NAMES] ?? text
    case 'riskLevel':
      return RISK_LEVEL_NAMES[text as keyof typeof RISK_LEVEL_NAMES] ?? text
    case 'source':
      return SOURCE_NAMES[text] ?? WARNING_SOURCE_NAMES[text as keyof typeof WARNING_SOURCE_NAMES] ?? text
    case 'kind':
      return { phone: '号码', url: '网址', account: '账户' }[text] ?? text
    default:
      return text
  }
}

/** The entry's before/after as rows: 字段 · 之前 · 之后, in Chinese; unchanged fields left out when both are known. */
export function changeRows(before: unknown, after: unknown, areaNames: Map<string, string>): Array<{ field: string; before: string; after: string }> {
  const b = before && typeof before === 'object' ? (before as Record<string, unknown>) : {}
  const a = after && typeof after === 'object' ? (after as Record<string, unknown>) : {}
  const both = before !== null && before !== undefined
  return [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((k) => !both || JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((k) => ({ field: FIELD_NAMES[k] ?? k, before: valueText(k, b[k], areaNames), after: valueText(k, a[k], areaNames) }))
}
