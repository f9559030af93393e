import type { Readable } from 'node:stream'
import { csvFields, jsonFields, readLines, validateFields, type FeedFormat, type RejectedLine } from './feed.ts'
import type { Database } from '../db/database.ts'
import { blockRowKey, createListsRepository, openBlocklistSink, type BlockRow, type BlocklistSink, type UpsertSummary } from './repository.ts'

export interface ImportSummary extends UpsertSummary {
  rejected: number
  /** The first `keepRejections` rejected lines (all of them are passed to `onReject`). */
  rejections: RejectedLine[]
}

export interface ImportOptions {
  format: FeedFormat
  /** Keys that must never be blocklisted (the verified numbers). */
  protectedKeys?: ReadonlySet<string>
  /** Called after each stored batch (the caller knows how far its input has been read). */
  onProgress?: () => void
  onReject?: (r: RejectedLine) => void
  keepRejections?: number
}

/**
 * Streams a blocklist file into a sink batch by batch: the file is never whole in memory, bad lines are reported
 * by number and skipped, a value repeated in the file takes its last line, and re-running the same file changes
 * nothing. While one batch is being stored the next one is parsed (the database and Node work side by side).
 */
export async function importBlocklist(input: Readable, sink: BlocklistSink, options: ImportOptions): Promise<ImportSummary> {
  const summary: ImportSummary = { added: 0, updated: 0, unchanged: 0, rejected: 0, rejections: [] }
  const keep = options.keepRejections ?? 1_000
  const fieldsOf = options.format === 'csv' ? csvFields : jsonFields
  const reject = (line: number, reason: string): void => {
    summary.rejected++
    if (summary.rejections.length < keep) summary.rejections.push({ line, reason })
    options.onReject?.({ line, reason })
  }
  const inFlight: Array<Promise<void>> = []
  let batch = new Map<string, BlockRow>()
  const flush = async (): Promise<void> => {
    const rows = batch
    batch = new Map()
    while (inFlight.length >= sink.inFlight) await inFlight.shift()
    const write = sink.write(rows).then((r) => {
      summary.added += r.added
      summary.updated += r.updated
      summary.unchanged += r.unchanged
      options.onProgress?.()
    })
    // A failed write surfaces when it is awaited; keep it from being reported as unhandled meanwhile.
    write.catch(() => {})
    inFlight.push(write)
  }
  try {
    for await (const { first, lines } of readLines(input)) {
      for (let i = 0; i < lines.length; i++) {
        const line = first + i
        const text = line === 1 ? lines[i].replace(/^\uFEFF/, '') : lines[i]
        if (text.trim() === '') continue
        if (line === 1 && options.format === 'csv' && /^(kind|类型),/i.test(text)) continue
        const fields = fieldsOf(text)
        if ('reason' in fields) {
          reject(line, fields.reason)
          continue
        }
        const row = validateFields(fields, options.protectedKeys)
        if ('reason' in row) {
          reject(line, row.reason)
          continue
        }
        const key = blockRowKey(row)
        // Re-inserting moves the key to the end, so the batch keeps file order (one statement cannot touch a row twice).
        batch.delete(key)
        batch.set(key, row)
        if (batch.size >= sink.batchSize) await flush()
      }
    }
    if (batch.size > 0) await flush()
  } finally {
    await Promise.allSettled(inFlight)
  }
  for (const write of inFlight) await write
  return summary
}

/** Imports into the store behind `database` with its fastest sink; verified numbers are never listed. */
export async function importIntoDatabase(database: Database, input: Readable, options: Omit<ImportOptions, 'protectedKeys'>): Promise<ImportSummary> {
  const repo = createListsRepository(database.db)
  const protectedKeys = new Set((await repo.verifiedNumbers()).map((v) => v.value))
  const sink = await openBlocklistSink(database)
  let summary: ImportSummary
  try {
    summary = await importBlocklist(input, sink, { ...options, protectedKeys })
  } finally {
    await sink.close()
  }
  if (summary.added + summary.updated > 0) await repo.analyze()
  return summary
}
