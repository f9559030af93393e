import type { Readable, Writable } from 'node:stream'
import type { BlocklistEntry, BlocklistPage, BlocklistQuery, EntryStatusRequest, PutEntryRequest } from '../../../types/lists.ts'
import type { Database } from '../db/database.ts'
import { AppError } from '../plugins/errors.ts'
import { exportBlocklist } from './export.ts'
import { exportBlocklistXlsx } from './xlsx.ts'
import { blockKey, validateFields, type FeedFormat } from './feed.ts'
import { importIntoDatabase, type ImportSummary } from './import.ts'
import { createListsRepository, upsertRows, type ListsRepository } from './repository.ts'

type EntryRow = NonNullable<Awaited<ReturnType<ListsRepository['entry']>>>

/** The centre's management of the shared blocklist: list, add or edit one entry, remove or restore, files in and out. */
export class BlocklistAdminService {
  private readonly repository: ListsRepository

  constructor(private readonly database: Database) {
    this.repository = createListsRepository(database.db)
  }

  async list(q: BlocklistQuery): Promise<BlocklistPage> {
    const limit = q.limit ?? 50
    const rows = await this.repository.listEntries({
      kind: q.kind,
      status: q.status,
      q: q.q === undefined ? undefined : tidySearch(q.q),
      category: q.category?.trim(),
      source: q.source,
      beforeId: q.after,
      limit: limit + 1
    })
    const items = rows.slice(0, limit).map(toEntry)
    return { items, next: rows.length > limit ? items[items.length - 1].id : null }
  }

  /** Adds or edits one entry (normalized like the checks); audited with the entry before and after. */
  async put(adminId: string, r: PutEntryRequest): Promise<BlocklistEntry> {
    const protectedKeys = new Set((await this.repository.verifiedNumbers()).map((v) => v.value))
    const row = validateFields(
      { kind: r.kind, value: r.value, category: r.category, source: r.source ?? 'centre', note: r.note ?? '', expiresAt: r.expiresAt ?? '' },
      protectedKeys
    )
    if ('reason' in row) throw new AppError(400, 'BLOCKLIST_ENTRY_INVALID', row.reason)
    const after = await this.repository.auditedChange(row.kind, row.value, adminId, 'blocklist.put', async (trx) => {
      await upsertRows(trx, [row])
    })
    return toEntry(after as EntryRow)
  }

  /** Removes an entry (it stops matching at once) or restores a removed one; audited. */
  async setStatus(adminId: string, r: EntryStatusRequest): Promise<BlocklistEntry> {
    const key = blockKey(r.kind, r.value.trim())
    const existing = key === null ? undefined : await this.repository.entry(r.kind, key)
    if (key === null || !existing) throw new AppError(404, 'NOT_FOUND', '黑名单中没有这一条')
    const after = await this.repository.auditedChange(r.kind, key, adminId, r.status === 'removed' ? 'blocklist.remove' : 'blocklist.restore', async (trx) => {
      await trx
        .updateTable('blocklist_entries')
        .set({ status: r.status, ...(r.note ? { note: r.note } : {}) })
        .where('kind', '=', r.kind)
        .where('value', '=', key)
        .execute()
    })
    return toEntry(after as EntryRow)
  }

  async import(adminId: string, input: Readable, format: FeedFormat): Promise<ImportSummary> {
    const summary = await importIntoDatabase(this.database, input, { format })
    const { rejections, ...counts } = summary
    await this.repository.audit(adminId, 'blocklist.import', `file:${format}`, { ...counts, firstRejectedLines: rejections.slice(0, 20).map((r) => r.line) })
    return summary
  }

  export(out: Writable, format: FeedFormat): Promise<number> {
    return exportBlocklist(this.repository, out, format)
  }

  /** The workbook writer ends `out` itself. */
  exportXlsx(out: Writable): Promise<number> {
    return exportBlocklistXlsx(this.repository, out)
  }
}

function toEntry(r: EntryRow): BlocklistEntry {
  return {
    id: String(r.id),
    kind: r.kind,
    value: r.value,
    category: r.category,
    source: r.source,
    note: r.note,
    status: r.status,
    expiresAt: r.expires_at ? r.expires_at.toISOString() : null,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString()
  }
}

/**
 * What a clerk types into the search box, as the stored values are written: lower case, full-width folded, and a number
 * typed with spaces, dashes or brackets ("170 9999 0002", "０９１５-１１０", "0086 170…") reduced to its digits, so it
 * finds "+8617099990002".
 */
export function tidySearch(typed: string): string {
  const text = typed.normalize('NFKC').trim().toLowerCase()
  if (!/^\+?[\d\s\-.()/]+$/.test(text) || !/\d/.test(text)) return text
  const digits = text.replace(/\D/g, '')
  if (text.startsWith('+')) return '+' + digits
  // "00" is the international prefix only in front of a whole number; "0000 5555" is the last digits of one.
  return digits.startsWith('00') && digits.length >= 11 ? '+' + digits.slice(2) : digits
}
