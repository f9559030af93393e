import { createReadStream, statSync } from 'node:fs'
import { parse } from 'csv-parse'
import { parsePhone } from '../check/phone-facts.ts'
import { parseUrl } from '../check/url-facts.ts'
import { parseAccount } from '../check/account-facts.ts'
import { numericKey } from './phone-index.ts'
import { BLOCK_SOURCES, type BlockRow, type BlockSource, type ListsRepository, type UpsertSummary } from './repository.ts'

export const CSV_COLUMNS = ['kind', 'value', 'category', 'source', 'note'] as const
const BATCH = 5_000

export interface RejectedRow {
  line: number
  reason: string
}

export interface ImportSummary extends UpsertSummary {
  rejected: number
  rejections: RejectedRow[]
}

export interface ImportOptions {
  /** Called as bytes are read: (done, total). */
  onProgress?: (bytesRead: number, totalBytes: number) => void
  /** Keys that must never be blocklisted (the verified list). */
  protectedKeys?: ReadonlySet<string>
}

/** Validates one CSV record; returns the row to store or the reason it is refused. */
export function validateRecord(record: string[], protectedKeys: ReadonlySet<string> = new Set()): BlockRow | { reason: string } {
  const [kind = '', value = '', category = '', source = '', note = ''] = record.map((f) => f.trim())
  let key: string
  if (kind === 'phone') {
    const parsed = parsePhone(value)
    if (!parsed.ok || numericKey(parsed.facts.key) === null) return { reason: `号码无效：“${value}”` }
    key = parsed.facts.key
    if (protectedKeys.has(key)) return { reason: `号码 ${key} 在核实号码名单上，不能列入黑名单` }
  } else if (kind === 'url') {
    // A listed host covers its subdomains; the key is the ASCII (punycode) host without "www.".
    const parsed = parseUrl(value)
    if (!parsed.ok) return { reason: `网址无效：“${value}”` }
    key = parsed.facts.host.replace(/^www\./, '')
  } else if (kind === 'account') {
    const parsed = parseAccount(value)
    if (!parsed.ok) return { reason: `账户无效：“${value}”` }
    key = parsed.facts.normalized
  } else {
    return { reason: `类型无效：“${kind}”，应为 phone、url 或 account` }
  }
  if (category === '' || category.length > 32) return { reason: '诈骗类型（category）不能为空，最多32个字' }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(category + note)) return { reason: '诈骗类型和备注不能含控制字符（如制表符、换行）' }
  const src = (source === '' ? 'import' : source) as BlockSource
  if (!BLOCK_SOURCES.includes(src)) return { reason: `来源无效：“${source}”，应为 ${BLOCK_SOURCES.join('/')}` }
  if (note.length > 200) return { reason: '备注（note）最多200个字' }
  return { kind, value: key, category, source: src, note: note === '' ? null : note }
}

/**
 * Streams a CSV (`kind,value,category,source,note`, header optional) into the blocklist in batches.
 * Never holds the file in memory; bad rows are reported by line and skipped; re-running the same file
 * changes nothing.
 */
export async function importBlocklistCsv(file: string, repo: ListsRepository, options: ImportOptions = {}): Promise<ImportSummary> {
  const total = statSync(file).size
  const input = createReadStream(file)
  const parser = input.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true, relax_quotes: true }))
  const summary: ImportSummary = { added: 0, updated: 0, unchanged: 0, rejected: 0, rejections: [] }
  let batch = new Map<string, BlockRow>()
  const flush = async (): Promise<void> => {
    if (batch.size === 0) return
    const r = await repo.upsertBlocklist([...batch.values()])
    summary.added += r.added
    summary.updated += r.updated
    summary.unchanged += r.unchanged
    batch = new Map()
  }
  let first = true
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const isHeader = first && record[0]?.trim().toLowerCase() === 'kind'
      first = false
      if (isHeader) continue
      const row = validateRecord(record, options.protectedKeys)
      if ('reason' in row) {
        summary.rejected++
        summary.rejections.push({ line: info.lines, reason: row.reason })
        continue
      }
      // A value repeated in the file: the later line wins (one statement cannot update a row twice).
      batch.set(row.value, row)
      if (batch.size >= BATCH) {
        await flush()
        options.onProgress?.(input.bytesRead, total)
      }
    }
  } catch (err) {
    // A malformed CSV stops the import at that point; what was already stored stays.
    const line = (err as { lines?: number }).lines
    summary.rejected++
    summary.rejections.push({ line: line ?? -1, reason: `CSV 格式错误，导入在此停止：${(err as Error).message}` })
  }
  await flush()
  if (summary.added + summary.updated > 0) await repo.analyze()
  options.onProgress?.(total, total)
  return summary
}
