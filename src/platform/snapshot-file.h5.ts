import type * as Shared from './snapshot-file'

// In the browser the copy is a Cache Storage entry of the app's origin (kept like the service worker's files);
// without Cache Storage (an insecure origin) there is no copy, and offline answers say the list was not checked.
const CACHE = 'qiandai-lists'
const KEY = '/offline/blocklist-snapshot.bin'

export const readSnapshotFile: typeof Shared.readSnapshotFile = async () => {
  if (typeof caches === 'undefined') return null
  try {
    const hit = await (await caches.open(CACHE)).match(KEY)
    return hit ? await hit.arrayBuffer() : null
  } catch {
    return null
  }
}

export const writeSnapshotFile: typeof Shared.writeSnapshotFile = async (bytes) => {
  if (typeof caches === 'undefined') return
  await (await caches.open(CACHE)).put(KEY, new Response(bytes, { headers: { 'content-type': 'application/octet-stream' } }))
}
