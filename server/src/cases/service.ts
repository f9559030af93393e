import { parse } from 'csv-parse/sync'
import { TypeCompiler } from '@sinclair/typebox/compiler'
import { CaseInput, type CaseImportResult, type CaseRecord, type PeriodQuery, type WarningFigures } from '../../../types/cases.ts'
import { AppError } from '../plugins/errors.ts'
import type { AdminPrincipal } from '../admin/service.ts'
import type { CasesRepository } from './repository.ts'
import type { FiguresRepository, createPeriodWarningsRepository } from './figures-repository.ts'
import type { Coverage } from '../../../types/admin.ts'
import type { Writable } from 'node:stream'
import { writePeriodReport } from './period-report.ts'
import { countyDay as chinaDay } from '../../../types/county-day.ts'

const checkCase = TypeCompiler.Compile(CaseInput)
export const CASE_COLUMNS = ['case_no', 'filed_on', 'township_code', 'village_code', 'fraud_type', 'loss', 'recovered', 'warning_id'] as const
const MAX_DAYS = 731

/** The case register (立案) and the 无诈 figures. Officers see their own township only. */
/** What the period report reads besides the register and the figures. */
export interface ReportSources {
  warnings: ReturnType<typeof createPeriodWarningsRepository>
  coverage: (townshipCode: string | null) => Promise<Coverage>
}

export class CasesService {
  constructor(
    private readonly repository: CasesRepository,
    private readonly figuresRepository: FiguresRepository,
    private readonly clock: () => Date = () => new Date(),
    private readonly sources: ReportSources | null = null
  ) {}

  /**
   * 周报 / 月报: reads the period's figures, coverage, warnings and cases (a bad period is refused here, before any byte
   * is sent) and returns the writer of the Excel workbook.
   */
  async periodReport(q: PeriodQuery, admin: AdminPrincipal): Promise<(out: Writable) => Promise<void>> {
    const { from, to } = period(q)
    const township = scope(q, admin)
    if (!this.sources) throw new AppError(404, 'NOT_FOUND', '报表未启用')
    const [figures, coverage, warnings, cases] = await Promise.all([
      this.figuresRepository.figures(from, to, township, this.clock()),
      admin.role === 'operator' ? null : this.sources.coverage(township),
      this.sources.warnings.warnings(from, to, township),
      this.repository.list(from, to, township)
    ])
    return (out) => writePeriodReport(out, { county: '县', from, to, figures, coverage, warnings, cases })
  }

  async list(q: PeriodQuery, admin: AdminPrincipal): Promise<CaseRecord[]> {
    const { from, to } = period(q)
    return this.repository.list(from, to, scope(q, admin))
  }

  async figures(q: PeriodQuery, admin: AdminPrincipal): Promise<WarningFigures> {
    const { from, to } = period(q)
    return this.figuresRepository.figures(from, to, scope(q, admin), this.clock())
  }

  async add(input: CaseInput, admin: AdminPrincipal): Promise<CaseRecord> {
    const problem = await this.problems([input])
    if (problem[0]) throw new AppError(400, 'VALIDATION_FAILED', problem[0].reason, problem[0].field)
    await this.repository.upsert([input], admin.id)
    const saved = (await this.repository.list(input.filedOn, input.filedOn, input.townshipCode)).find((c) => c.caseNo === input.caseNo)
    if (!saved) throw new AppError(409, 'NOT_FOUND', '案件保存后没有找到，请刷新')
    return saved
  }

  /**
   * CSV `case_no,filed_on,township_code,village_code,fraud_type,loss,recovered,warning_id` (header optional). The good rows
   * are stored and the bad ones named by line; a case number already registered is updated.
   */
  async importCsv(csv: string, admin: AdminPrincipal): Promise<CaseImportResult> {
    let records: Array<{ record: string[]; info: { lines: number } }>
    try {
      records = parse(csv, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as typeof records
    } catch (err) {
      throw new AppError(400, 'IMPORT_FORMAT', `文件不是有效的 CSV：${(err as Error).message.slice(0, 120)}`)
    }
    const rejected: CaseImportResult['rejected'] = []
    const rows: Array<{ line: number; input: CaseInput }> = []
    const areas = await this.repository.areas()
    for (const [i, { record, info }] of records.entries()) {
      const [caseNo = '', filedOnText = '', township = '', village = '', fraudType = '', loss = '', recovered = '', warningId = ''] = record.map((f) =>
        f.trim()
      )
      if (i === 0 && /^(case_no|立案编号)$/i.test(caseNo)) continue
      // What clerks type in Excel: township and village by name, its dates (2026/12/4), amounts with separators.
      const townshipCode = /^\d+$/.test(township) ? township : (areas.townshipByName.get(township) ?? township)
      const villageCode = village === '' || /^\d+$/.test(village) ? village : (areas.villageByName.get(`${townshipCode}/${village}`) ?? village)
      if (!/^\d+$/.test(township) && !areas.townshipByName.has(township)) {
        rejected.push({ line: info.lines, reason: `没有这个乡镇：${township.slice(0, 20) || '（空）'}（可写乡镇名称，如“城关镇”，或乡镇代码）` })
        continue
      }
      const filedOn = excelDay(filedOnText)
      const input = {
        caseNo,
        filedOn,
        townshipCode,
        ...(villageCode ? { villageCode } : {}),
        fraudType,
        lossAmount: yuanOf(loss),
        recoveredAmount: yuanOf(recovered),
        ...(warningId ? { warningId } : {})
      }
      if (!checkCase.Check(input)) {
        const first = checkCase.Errors(input).First()
        const field = (first?.path.slice(1) ?? '') as keyof typeof FIELD_NAMES
        const typed =
          { caseNo, filedOn: filedOnText, townshipCode: township, villageCode: village, fraudType, lossAmount: loss, recoveredAmount: recovered, warningId }[
            field
          ] ?? ''
        rejected.push({
          line: info.lines,
          reason: FIELD_NAMES[field]
            ? `${FIELD_NAMES[field]}不对：“${typed.slice(0, 40)}”（${FIELD_HINTS[field]}）`
            : '这一行格式不对：应为 立案编号,立案日期,乡镇,村（社区）,诈骗类型,损失金额,挽回金额,预警编号'
        })
        continue
      }
      rows.push({ line: info.lines, input })
    }
    const problems = await this.problems(rows.map((r) => r.input))
    const seen = new Set<string>()
    const good: CaseInput[] = []
    rows.forEach((r, i) => {
      const p = problems[i]
      if (p) rejected.push({ line: r.line, reason: p.reason })
      else if (seen.has(r.input.caseNo)) rejected.push({ line: r.line, reason: `立案编号 ${r.input.caseNo} 在文件中重复` })
      else {
        seen.add(r.input.caseNo)
        good.push(r.input)
      }
    })
    rejected.sort((a, b) => a.line - b.line)
    const stored = await this.repository.upsert(good, admin.id)
    return { ...stored, rejected }
  }

  /** What the schema cannot say: the areas exist and agree, the date is real and not ahead, the warning exists. */
  private async problems(inputs: CaseInput[]): Promise<Array<{ reason: string; field: string } | null>> {
    const { townships, villageTownship } = await this.repository.areas()
    const warnings = await this.repository.warningsExist(inputs.flatMap((c) => (c.warningId ? [c.warningId] : [])))
    const today = chinaDay(this.clock())
    return inputs.map((c) => {
      if (!realDate(c.filedOn)) return { reason: `立案日期不是真实的日期：${c.filedOn}`, field: 'filedOn' }
      if (c.filedOn > today) return { reason: `立案日期在今天之后：${c.filedOn}`, field: 'filedOn' }
      if (!townships.has(c.townshipCode)) return { reason: `没有这个乡镇：${c.townshipCode}（可写乡镇名称，如“城关镇”，或乡镇代码）`, field: 'townshipCode' }
      if (c.villageCode && villageTownship.get(c.villageCode) !== c.townshipCode)
        return { reason: `村（社区）“${c.villageCode}”不在这个乡镇里`, field: 'villageCode' }
      if ((c.recoveredAmount ?? 0) > c.lossAmount) return { reason: '挽回金额不能大于损失金额', field: 'recoveredAmount' }
      if (c.warningId && !warnings.has(c.warningId)) return { reason: `没有编号为 ${c.warningId} 的预警`, field: 'warningId' }
      return null
    })
  }
}

function scope(q: PeriodQuery, admin: AdminPrincipal): string | null {
  return admin.role === 'officer' ? admin.townshipCode : (q.townshipCode ?? null)
}

function period(q: PeriodQuery): { from: string; to: string } {
  if (!realDate(q.from) || !realDate(q.to) || q.from > q.to) throw new AppError(400, 'VALIDATION_FAILED', '请选择有效的起止日期', 'from')
  if ((Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 > MAX_DAYS) throw new AppError(400, 'VALIDATION_FAILED', '一次最多统计两年', 'from')
  return { from: q.from, to: q.to }
}

const FIELD_NAMES = {
  caseNo: '立案编号',
  filedOn: '立案日期',
  townshipCode: '乡镇',
  villageCode: '村（社区）',
  fraudType: '诈骗类型',
  lossAmount: '损失金额',
  recoveredAmount: '挽回金额',
  warningId: '预警编号'
} as const
const FIELD_HINTS: Record<keyof typeof FIELD_NAMES, string> = {
  caseNo: '必填，最多40个字',
  filedOn: '如 2026-12-04 或 2026/12/4',
  townshipCode: '乡镇名称（如“城关镇”）或代码',
  villageCode: '村（社区）名称或代码，可不填',
  fraudType: '必填，最多32个字',
  lossAmount: '整数元，如 12000 或 12,000',
  recoveredAmount: '整数元，可不填',
  warningId: '预警详情页上的编号（数字），可不填'
}

/** A date as Excel writes it on Chinese Windows (2026/12/4, 2026.12.4, 2026年12月4日) as YYYY-MM-DD; anything else as typed. */
function excelDay(text: string): string {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text)
  return m ? `${m[1]}-${(m[2] as string).padStart(2, '0')}-${(m[3] as string).padStart(2, '0')}` : text
}

/** Whole yuan as typed in a sheet: "12,000", "12000.00", "￥12000"; empty is 0; anything else is refused. */
function yuanOf(text: string): number {
  const t = text
    .replace(/[,，\s]/g, '')
    .replace(/^[¥￥]/, '')
    .replace(/\.0+$/, '')
  return /^\d{1,11}$/.test(t) ? Number(t) : t === '' ? 0 : NaN
}

function realDate(day: string): boolean {
  const d = new Date(`${day}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day
}
