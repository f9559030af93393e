import type { Writable } from 'node:stream'
import { once } from 'node:events'
import { stringify } from 'csv-stringify/sync'
import type { ListsRepository } from './repository.ts'
import { CSV_COLUMNS } from './import.ts'

/** Writes the active blocklist as CSV (same columns as import), page by page. Returns the row count. */
export async function exportBlocklistCsv(repo: ListsRepository, out: Writable): Promise<number> {
  let n = 0
  const write = async (chunk: string): Promise<void> => {
    if (!out.write(chunk)) await once(out, 'drain')
  }
  await write(stringify([[...CSV_COLUMNS]]))
  for await (const page of repo.blocklistPages()) {
    await write(stringify(page.map((r) => [r.kind, r.value, r.category, r.source, r.note ?? ''])))
    n += page.length
  }
  return n
}
