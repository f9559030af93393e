import type { Writable } from 'node:stream'
import type { Coverage } from '../../../types/admin.ts'
import type { CaseRecord, WarningFigures } from '../../../types/cases.ts'
import { RESULT_NAMES, RISK_LEVEL_NAMES, RISK_TYPE_NAMES, WARNING_OUTCOME_NAMES, WARNING_SOURCE_NAMES } from '../../../types/warning-wording.ts'
import type { createPeriodWarningsRepository } from './figures-repository.ts'
import { countyMinute } from '../../../types/county-day.ts'

type PeriodWarning = Awaited<ReturnType<ReturnType<typeof createPeriodWarningsRepository>['warnings']>>[number]

// exceljs is large and only this export and the blocklist's Excel routes need it: loaded on first use.
const excel = () => import('exceljs').then((m) => (m.default ?? m) as typeof import('exceljs'))
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`)
const named = <T extends string>(names: Record<T, string>, key: string | null) => (key ? (names[key as T] ?? key) : '')

/** What the period is called in the title: 周报 for 7 days, 月报 for a calendar month, otherwise 报表. */
export function reportKind(from: string, to: string): '周报' | '月报' | '报表' {
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1
  if (days === 7) return '周报'
  const f = new Date(`${from}T00:00:00Z`)
  const next = new Date(Date.UTC(f.getUTCFullYear(), f.getUTCMonth() + 1, 0)).toISOString().slice(0, 10)
  return f.getUTCDate() === 1 && to === next ? '月报' : '报表'
}

/**
 * 周报 / 月报 for the city: one workbook — 汇总 (the 无诈 figures of the period, each labelled with it), 各乡镇 (rows add
 * up to the total, with 乡镇未知), 登记覆盖 (16–60 coverage per township as of today), 预警 (every warning, numbers
 * masked) and 案件. Written straight into `out`.
 */
export async function writePeriodReport(
  out: Writable,
  input: {
    county: string
    from: string
    to: string
    figures: WarningFigures
    coverage: Coverage | null
    warnings: PeriodWarning[]
    cases: CaseRecord[]
  }
): Promise<void> {
  const { stream } = await excel()
  const { from, to, figures: f } = input
  const book = new stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true })
  const period = `${from} 至 ${to}`

  const summary = book.addWorksheet('汇总')
  summary.columns = [{ width: 34 }, { width: 22 }]
  const rows: Array<[string, string | number]> = [
    [`${input.county}反诈中心 ${reportKind(from, to)}`, ''],
    ['统计时段', `${period}（北京时间）`],
    ['', ''],
    ['预警总数', f.warnings],
    ['其中处理中', f.open],
    ...Object.entries(f.bySource).map(([k, n]): [string, number] => [`来源：${named(WARNING_SOURCE_NAMES, k)}`, n]),
    ...Object.entries(f.byRiskType).map(([k, n]): [string, number] => [`类型：${named(RISK_TYPE_NAMES, k)}`, n]),
    ...Object.entries(f.outcomes).map(([k, n]): [string, number] => [`结果：${named(WARNING_OUTCOME_NAMES, k)}`, n]),
    ['一级推送送达率（时限内）', pct(f.reached.level1)],
    ['二级电话及时率', pct(f.reached.level2)],
    ['三级上门及时率', pct(f.reached.level3)],
    ['首次联系中位用时（分钟）', f.medianMinutesToContact ?? '—'],
    ['劝阻成功率', pct(f.dissuasionRate)],
    ['劝阻成功保住金额（元）', f.lossAvoided],
    ['预警中被骗金额（元）', f.lossInWarnings],
    ['立案数', f.cases.count],
    ['立案损失（元）', f.cases.loss],
    ['挽回（元）', f.cases.recovered],
    ['去年同期立案数', f.cases.lastYearCount],
    ['去年同期损失（元）', f.cases.lastYearLoss],
    ['零发案乡镇', `${f.zeroCase.townships} / ${f.zeroCase.townshipsTotal}`],
    ['零发案村（社区）', `${f.zeroCase.villages} / ${f.zeroCase.villagesTotal}`]
  ]
  for (const r of rows) summary.addRow(r).commit()
  summary.commit()

  const towns = book.addWorksheet('各乡镇')
  towns.columns = ['乡镇', '预警', '劝阻成功', '已被骗', '立案', '立案损失（元）', '去年同期立案'].map((header) => ({ header, width: 14 }))
  for (const t of f.byTownship) towns.addRow([t.name, t.warnings, t.dissuaded, t.defrauded, t.cases, t.loss, t.lastYearCases]).commit()
  towns.addRow(['合计', f.warnings, f.outcomes.dissuaded ?? 0, f.outcomes.defrauded ?? 0, f.cases.count, f.cases.loss, f.cases.lastYearCount]).commit()
  towns.commit()

  if (input.coverage) {
    const cov = book.addWorksheet('登记覆盖')
    cov.columns = ['乡镇', '村（社区）', '16–60岁人口', '已登记（16–60岁）', '覆盖率', '其中代登记'].map((header) => ({ header, width: 16 }))
    cov.addRow([`截至 ${input.coverage.asOf}`]).commit()
    for (const t of input.coverage.townships) {
      cov.addRow([t.name, '（全乡镇）', t.population16to60, t.registered16to60, pct(t.ratio), t.proxyRegistered16to60]).commit()
      for (const v of t.villages) cov.addRow([t.name, v.name, v.population16to60, v.registered16to60, pct(v.ratio), v.proxyRegistered16to60]).commit()
    }
    cov.commit()
  }

  const warn = book.addWorksheet('预警')
  warn.columns = ['编号', '收到时间', '来源', '号码', '乡镇', '村（社区）', '类型', '风险', '已到级别', '状态', '结果', '涉及金额（元）', '被骗金额（元）'].map(
    (header, i) => ({ header, width: [8, 20, 12, 14, 12, 14, 14, 8, 10, 8, 12, 14, 14][i] })
  )
  for (const w of input.warnings) {
    warn
      .addRow([
        Number(w.id),
        countyMinute(w.received_at),
        named(WARNING_SOURCE_NAMES, w.source),
        w.phone_masked,
        w.township_name ?? '乡镇未知',
        w.village_name ?? '',
        named(RISK_TYPE_NAMES, w.risk_type),
        named(RISK_LEVEL_NAMES, w.risk_level),
        `${w.level}级`,
        w.status === 'open' ? '处理中' : '已结束',
        w.outcome ? named(WARNING_OUTCOME_NAMES, w.outcome) || named(RESULT_NAMES, w.outcome) : '',
        w.amount ? Number(w.amount) : '',
        w.loss_amount ? Number(w.loss_amount) : ''
      ])
      .commit()
  }
  warn.commit()

  const cases = book.addWorksheet('案件')
  cases.columns = ['立案编号', '立案日期', '乡镇', '村（社区）', '诈骗类型', '损失（元）', '挽回（元）', '关联预警'].map((header) => ({ header, width: 14 }))
  for (const c of input.cases)
    cases
      .addRow([c.caseNo, c.filedOn, c.townshipName ?? c.townshipCode, c.villageName ?? '', c.fraudType, c.lossAmount, c.recoveredAmount, c.warningId ?? ''])
      .commit()
  cases.commit()
  await book.commit()
}
