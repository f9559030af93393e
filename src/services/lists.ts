import type { SnapshotQuery } from '../../types/lists'
import { SNAPSHOT_TYPE_HEADER } from '../../rules/blocklist-snapshot'
import { http } from './http'

export type SnapshotDownload = { type: 'same' } | { type: 'full' | 'delta'; bytes: ArrayBuffer }

/** GET /lists/snapshot — the blocklist's offline copy: whole, the changes since `since`, or unchanged (304). */
export async function getBlocklistSnapshot(since?: string): Promise<SnapshotDownload> {
  const params: SnapshotQuery = since ? { since } : {}
  const res = await http.get<ArrayBuffer>('/lists/snapshot', {
    params,
    responseType: 'arraybuffer',
    validateStatus: (status) => status === 200 || status === 304
  })
  if (res.status === 304) return { type: 'same' }
  const type = String((res.headers as Record<string, unknown>)[SNAPSHOT_TYPE_HEADER] ?? 'full')
  return { type: type === 'delta' ? 'delta' : 'full', bytes: res.data }
}
