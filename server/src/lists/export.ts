import type { Writable } from 'node:stream'
import { once } from 'node:events'
import type { ListsRepository } from './repository.ts'
import { csvHeader, formatEntry, type FeedFormat } from './feed.ts'

/** Writes the blocklist (everything not removed) in an import format, page by page. Returns the row count. */
export async function exportBlocklist(repo: ListsRepository, out: Writable, format: FeedFormat = 'csv'): Promise<number> {
  let n = 0
  const write = async (chunk: string): Promise<void> => {
    if (!out.write(chunk)) await once(out, 'drain')
  }
  if (format === 'csv') await write(csvHeader())
  for await (const page of repo.blocklistPages()) {
    await write(page.map((r) => formatEntry(format, r)).join(''))
    n += page.length
  }
  return n
}
