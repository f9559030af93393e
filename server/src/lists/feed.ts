import type { Readable } from 'node:stream'
import { parsePhone } from '../values/phone.ts'
import { parseUrl } from '../../../rules/url-facts.ts'
import { parseAccount } from '../../../rules/account-facts.ts'
import { numericKey } from './phone-index.ts'
import { BLOCK_SOURCES, type BlockRow, type BlockSource, type ListKind } from './repository.ts'
import { BLOCK_KIND_WORDS, BLOCK_SOURCE_NAMES } from '../../../types/lists.ts'
import { COUNTY_UTC_OFFSET_MS, DAY_MS } from '../../../types/county-day.ts'

/**
 * The two blocklist exchange formats (docs/operations.md "Blocklist files"): CSV with the columns below (header optional) and
 * the JSON-lines feed for the city centre (one object per line with the same fields, `expiresAt` camel-cased).
 * One record is one physical line in both: no field may contain a line break (control characters are refused),
 * so a broken line is reported by its number and the rest of the file still imports.
 */
export type FeedFormat = 'csv' | 'jsonl'
export const FEED_FORMATS: readonly FeedFormat[] = ['csv', 'jsonl']
export const CSV_COLUMNS = ['kind', 'value', 'category', 'source', 'note', 'expires_at'] as const

export interface FeedFields {
  kind: string
  value: string
  category: string
  source: string
  note: string
  expiresAt: string
}

export interface RejectedLine {
  line: number
  reason: string
}

/**
 * Splits a stream into lines, one array per chunk read (numbered from `first`, 1-based), never holding more than
 * one chunk and one partial line. Per chunk rather than per line: an await per line costs more than parsing it.
 */
export async function* readLines(input: Readable): AsyncGenerator<{ first: number; lines: string[] }> {
  input.setEncoding('utf8')
  let rest = ''
  let n = 0
  for await (const chunk of input as AsyncIterable<string>) {
    const lines = (rest + chunk).split('\n')
    rest = lines.pop() as string
    if (lines.length === 0) continue
    for (let i = 0; i < lines.length; i++) if (lines[i].endsWith('\r')) lines[i] = lines[i].slice(0, -1)
    yield { first: n + 1, lines }
    n += lines.length
  }
  if (rest !== '') yield { first: n + 1, lines: [rest.endsWith('\r') ? rest.slice(0, -1) : rest] }
}

/** RFC 4180 fields of one line (quoted fields may hold commas and doubled quotes); null when a quote is unbalanced. */
export function splitCsvLine(line: string): string[] | null {
  if (!line.includes('"')) return line.split(',')
  const fields: string[] = []
  let i = 0
  for (;;) {
    if (line[i] === '"') {
      let value = ''
      let j = i + 1
      for (;;) {
        const q = line.indexOf('"', j)
        if (q === -1) return null
        value += line.slice(j, q)
        if (line[q + 1] === '"') {
          value += '"'
          j = q + 2
          continue
        }
        j = q + 1
        break
      }
      fields.push(value)
      if (j === line.length) return fields
      if (line[j] !== ',') return null
      i = j + 1
    } else {
      const comma = line.indexOf(',', i)
      const end = comma === -1 ? line.length : comma
      const value = line.slice(i, end)
      if (value.includes('"')) return null
      fields.push(value)
      if (comma === -1) return fields
      i = comma + 1
    }
  }
}

/** The fields of one CSV line, or why the line is unreadable. */
export function csvFields(text: string): FeedFields | { reason: string } {
  const f = splitCsvLine(text)
  if (f === null) return { reason: '引号不成对（一条记录必须在一行内）' }
  if (f.length > CSV_COLUMNS.length) return { reason: `列数过多：应为 ${CSV_COLUMNS.join(',')}` }
  return { kind: f[0] ?? '', value: f[1] ?? '', category: f[2] ?? '', source: f[3] ?? '', note: f[4] ?? '', expiresAt: f[5] ?? '' }
}

const JSON_KEYS = new Set(['kind', 'value', 'category', 'source', 'note', 'expiresAt'])

/** The fields of one JSON line, or why the line is unreadable. */
export function jsonFields(text: string): FeedFields | { reason: string } {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    return { reason: '不是有效的 JSON' }
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { reason: '每行应为一个 JSON 对象' }
  const o = data as Record<string, unknown>
  for (const k of Object.keys(o)) if (!JSON_KEYS.has(k)) return { reason: `未知字段“${k.slice(0, 32)}”` }
  const out: Record<string, string> = {}
  for (const k of JSON_KEYS) {
    const v = o[k]
    if (v === undefined || v === null) out[k] = ''
    else if (typeof v === 'string') out[k] = v
    else return { reason: `字段 ${k} 应为字符串` }
  }
  return out as unknown as FeedFields
}

// The shapes most feed rows take, keyed exactly as parsePhone would key them (tested against it): a mainland
// mobile with or without +86 / 0086. Everything else takes the full parser.
const FAST_CN_MOBILE = /^(?:\+86|0086)?(1[3-9]\d{9})$/
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/
const DATE_EXCEL = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/

/** The blocklist key of a value as the checks look it up, or null when it is not a valid value of that kind. */
export function blockKey(kind: ListKind, value: string): string | null {
  if (kind === 'phone') {
    const fast = FAST_CN_MOBILE.exec(value)
    if (fast) return '+86' + fast[1]
    const parsed = parsePhone(value)
    return parsed.ok && numericKey(parsed.facts.key) !== null ? parsed.facts.key : null
  }
  if (kind === 'url') {
    // A listed host covers its subdomains; the key is the ASCII (punycode) host without "www.".
    const parsed = parseUrl(value)
    return parsed.ok ? parsed.facts.host.replace(/^www\./, '') : null
  }
  const parsed = parseAccount(value)
  return parsed.ok ? parsed.facts.normalized : null
}

/**
 * An expiry: an ISO 8601 instant with a zone, or a date meaning "through the end of that day, China time"
 * (the next day at 00:00 +08:00). Empty means no expiry. Returns undefined when unreadable.
 */
export function parseExpiry(text: string): Date | null | undefined {
  if (text === '') return null
  // Excel writes dates the way the clerk's Windows does: 2027/6/30 (or 2027.6.30).
  const d = DATE_ONLY.exec(text) ?? DATE_EXCEL.exec(text)
  if (d) {
    const day = new Date(Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3])))
    if (day.getUTCMonth() !== Number(d[2]) - 1 || day.getUTCDate() !== Number(d[3])) return undefined
    return new Date(day.getTime() + DAY_MS - COUNTY_UTC_OFFSET_MS)
  }
  if (!DATE_TIME.test(text)) return undefined
  const t = new Date(text)
  return Number.isNaN(t.getTime()) ? undefined : t
}

const KIND_NAMES: Record<ListKind, string> = { phone: '号码', url: '网址', account: '账户' }

/** Validates one record's fields; returns the row to store or the reason it is refused. */
export function validateFields(fields: FeedFields, protectedKeys: ReadonlySet<string> = new Set()): BlockRow | { reason: string } {
  const value = fields.value.trim()
  const category = unguard(fields.category.trim())
  const source = fields.source.trim()
  const note = unguard(fields.note.trim())
  const kind = KIND_BY_WORD.get(fields.kind.trim().toLowerCase())
  if (kind === undefined) return { reason: `类型无效：“${fields.kind.trim().slice(0, 32)}”，应为 号码、网址 或 账户` }
  // A file saved in an encoding the decoder could not read (or already garbled) is never stored as mojibake.
  if (fields.value.includes('\uFFFD') || fields.category.includes('\uFFFD') || fields.note.includes('\uFFFD'))
    return { reason: '这一行有乱码（“�”）：请把文件另存为“CSV UTF-8”或 Excel 文件（.xlsx）后重新导入' }
  const key = value.length > 2048 ? null : blockKey(kind, value)
  if (key === null) return { reason: `${KIND_NAMES[kind]}无效：“${value.slice(0, 64)}”` }
  if (kind === 'phone' && protectedKeys.has(key)) return { reason: `号码 ${key} 在核实号码名单上，不能列入黑名单` }
  if (category === '' || category.length > 32) return { reason: '诈骗类型（category）不能为空，最多32个字' }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(category + note)) return { reason: '诈骗类型和备注不能含控制字符（如制表符、换行）' }
  const src = source === '' ? 'import' : SOURCE_BY_WORD.get(source.toLowerCase())
  if (src === undefined) return { reason: `来源无效：“${source.slice(0, 32)}”，应为 ${Object.values(BLOCK_SOURCE_NAMES).join('、')} 之一（可不填）` }
  if (note.length > 200) return { reason: '备注（note）最多200个字' }
  const expiresAt = parseExpiry(fields.expiresAt.trim())
  if (expiresAt === undefined) return { reason: `到期时间无效：“${fields.expiresAt.slice(0, 40)}”，应为 2027-01-31、2027/1/31 或 2027-01-31T18:00:00+08:00` }
  // Constants and interned categories rather than each line's own copies: a batch of rows stays in memory while
  // it is stored, and per-row strings were most of what the garbage collector had to move.
  return {
    kind: LIST_KINDS[kind],
    value: key,
    category: interned(category),
    source: BLOCK_SOURCES[BLOCK_SOURCES.indexOf(src)],
    note: note === '' ? null : note,
    expiresAt
  }
}

const KIND_BY_WORD = new Map(Object.entries(BLOCK_KIND_WORDS).flatMap(([kind, words]) => words.map((w) => [w.toLowerCase(), kind as ListKind] as const)))
const SOURCE_BY_WORD = new Map<string, BlockSource>([
  ...BLOCK_SOURCES.map((s) => [s, s] as const),
  ...Object.entries(BLOCK_SOURCE_NAMES).map(([s, name]) => [name, s as BlockSource] as const),
  ['中心', 'centre'],
  ['反诈中心', 'centre'],
  ['市中心', 'city'],
  ['举报', 'report']
])
const LIST_KINDS = { phone: 'phone', url: 'url', account: 'account' } as const
const categoryNames = new Map<string, string>()

function interned(category: string): string {
  const known = categoryNames.get(category)
  if (known !== undefined) return known
  // A feed has a few dozen fraud types; a file of one-off categories must not grow the table without end.
  if (categoryNames.size < 1_000) categoryNames.set(category, category)
  return category
}

/** One exported entry as a line of the given format (with its line break). */
export function formatEntry(format: FeedFormat, r: BlockRow): string {
  const expires = r.expiresAt ? r.expiresAt.toISOString() : ''
  if (format === 'jsonl') {
    const o: Record<string, string> = { kind: r.kind, value: r.value, category: r.category, source: r.source }
    if (r.note) o.note = r.note
    if (expires) o.expiresAt = expires
    return JSON.stringify(o) + '\n'
  }
  return [r.kind, r.value, r.category, r.source, r.note ?? '', expires].map(csvField).join(',') + '\n'
}

export function csvHeader(): string {
  return CSV_COLUMNS.join(',') + '\n'
}

/** Undoes the export's spreadsheet-formula guard, so an exported file imports back unchanged. */
function unguard(s: string): string {
  return /^'[=+\-@]/.test(s) ? s.slice(1) : s
}

function csvField(s: string): string {
  // A leading = + - @ would be read as a formula by spreadsheet programs; values never start so, notes might.
  const guarded = /^[=+\-@]/.test(s) && !/^\+\d+$/.test(s) ? "'" + s : s
  return /[",]/.test(guarded) ? '"' + guarded.replace(/"/g, '""') + '"' : guarded
}
