// Chinese names for the API's codes, shown wherever the console lists them.
export const KIND_NAMES = { phone: '号码', url: '网址', account: '账户', message: '消息' } as const
// What a list entry can be (a message is reported, never listed).
export type ValueKind = Exclude<keyof typeof KIND_NAMES, 'message'>
export const SOURCE_NAMES: Record<string, string> = { centre: '县反诈中心', city: '市反诈中心', bank: '银行', report: '群众举报', import: '导入' }
export const ENTRY_STATUS_NAMES = { active: '有效', appealed: '申诉中', removed: '已移出' } as const
export const REPORT_STATUS_NAMES = { submitted: '待审核', reviewing: '审核中', confirmed: '已核实', rejected: '未采纳' } as const

export const yuan = (n: number) => `${n.toLocaleString('zh-CN')}元`
export const chinaTime = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })
