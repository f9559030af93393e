import { Readable, type Writable } from 'node:stream'
import type { BlockRow } from './repository.ts'
import type { ListsRepository } from './repository.ts'
import { BLOCK_SOURCE_NAMES } from '../../../types/lists.ts'
import { AppError } from '../plugins/errors.ts'
import { COUNTY_UTC_OFFSET_MS } from '../../../types/county-day.ts'

/** The columns of the Excel files (export, template), in the CSV's order; the import reads either header. */
export const XLSX_HEADER = ['类型', '号码 / 网址 / 账户', '诈骗类型', '来源', '备注', '到期日期'] as const
const KIND_WORD = { phone: '号码', url: '网址', account: '账户' } as const

// exceljs is large and only the blocklist's Excel routes need it: loaded on first use, not at start-up.
const excel = () => import('exceljs').then((m) => (m.default ?? m) as typeof import('exceljs'))

/** A cell as the CSV importer reads text: dates as China days, numbers whole, a lossy number named as such. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return new Date(value.getTime()).toISOString().slice(0, 10)
  if (typeof value === 'number') {
    // A 19-digit bank card typed into a number cell was rounded by Excel: the digits are gone, say so.
    return Number.isSafeInteger(value) || !Number.isInteger(value) ? String(value) : 'Excel已把这个长数字四舍五入，请把这一列设为“文本”后重新输入'
  }
  if (typeof value === 'string') return value
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: unknown }
    if (v.richText) return v.richText.map((r) => r.text).join('')
    if (v.error !== undefined) return ''
    if ('result' in v) return cellText(v.result)
    if (v.text !== undefined) return cellText(v.text)
  }
  return String(value)
}

function csvField(text: string): string {
  // One record per line: a line break inside a cell becomes a space (the importer refuses control characters).
  const flat = text.replace(/[\r\n]+/g, ' ')
  return /[",]/.test(flat) ? `"${flat.replace(/"/g, '""')}"` : flat
}

/**
 * The first worksheet of an .xlsx file as CSV lines, one per sheet row from row 1 (blank rows stay blank lines), so
 * the importer's line numbers are the sheet's row numbers and every rule of the CSV import applies unchanged.
 */
export async function xlsxAsCsv(bytes: Buffer): Promise<Readable> {
  const { Workbook } = await excel()
  const workbook = new Workbook()
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
  } catch {
    throw new AppError(400, 'IMPORT_FORMAT', '读不出这个 Excel 文件：请确认是 .xlsx 格式（不是 .xls），或另存为 CSV 后导入')
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) throw new AppError(400, 'IMPORT_FORMAT', 'Excel 文件里没有工作表')
  const lines: string[] = []
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r)
    const fields: string[] = []
    for (let c = 1; c <= 6; c++) fields.push(csvField(cellText(row.getCell(c).value).trim()))
    lines.push(fields.every((f) => f === '') ? '' : fields.join(','))
  }
  return Readable.from([lines.join('\n')])
}

/** The China day of an expiry that ends a day (the import's 2027-06-30 means to the end of it); otherwise the moment. */
export function expiryText(at: Date | null | undefined): string {
  if (!at) return ''
  const china = new Date(at.getTime() + COUNTY_UTC_OFFSET_MS)
  return china.getUTCHours() === 0 && china.getUTCMinutes() === 0 && china.getUTCSeconds() === 0 && china.getUTCMilliseconds() === 0
    ? new Date(china.getTime() - 1).toISOString().slice(0, 10)
    : at.toISOString()
}

function rowOf(r: BlockRow): string[] {
  return [KIND_WORD[r.kind], r.value, r.category, BLOCK_SOURCE_NAMES[r.source], r.note ?? '', expiryText(r.expiresAt)]
}

/** The blocklist as an .xlsx workbook, streamed page by page (Chinese headers and words; it imports back unchanged). */
export async function exportBlocklistXlsx(repo: ListsRepository, out: Writable): Promise<number> {
  const { stream } = await excel()
  const workbook = new stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false })
  const sheet = workbook.addWorksheet('黑名单')
  sheet.columns = XLSX_HEADER.map((header, i) => ({ header, width: [8, 28, 14, 12, 30, 14][i] }))
  let n = 0
  for await (const page of repo.blocklistPages()) {
    for (const r of page) sheet.addRow(rowOf(r)).commit()
    n += page.length
  }
  sheet.commit()
  await workbook.commit()
  return n
}

/** Example rows for the templates: the "（示例）" kind makes them refused if a clerk imports the template as it is. */
const EXAMPLES = [
  ['号码（示例）', '170 9999 0002', '冒充客服', '县反诈中心', '示例行：填写时类型写“号码”，导入前删除示例', '2027-06-30'],
  ['网址（示例）', 'icbc-verify.top', '虚假网站', '市反诈中心', '', ''],
  ['账户（示例）', '6222020200112233445', '刷单返利', '群众举报', '', '']
]

export function templateCsv(): string {
  // BOM: Excel on Chinese Windows reads the file as UTF-8 only with it.
  return '\uFEFF' + [XLSX_HEADER.join(','), ...EXAMPLES.map((r) => r.map(csvField).join(','))].join('\r\n') + '\r\n'
}

export async function templateXlsx(): Promise<Buffer> {
  const { Workbook } = await excel()
  const workbook = new Workbook()
  const sheet = workbook.addWorksheet('黑名单')
  sheet.columns = XLSX_HEADER.map((header, i) => ({ header, width: [8, 28, 14, 12, 30, 14][i], style: { numFmt: '@' } }))
  for (const r of EXAMPLES) sheet.addRow(r)
  const notes = workbook.addWorksheet('填写说明')
  for (const line of [
    '类型：号码、网址 或 账户（也可写 phone / url / account）',
    '号码/网址/账户：号码可带空格、+86；账户请设为“文本”格式，否则Excel会把长数字改掉',
    '诈骗类型：必填，最多32个字',
    '来源：县反诈中心、市反诈中心、银行、群众举报、导入（可不填）',
    '备注：选填，最多200个字',
    '到期日期：选填，如 2027-06-30 或 2027/6/30，到当天结束为止',
    '只读取第一个工作表；第一行是表头'
  ])
    notes.addRow([line])
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
