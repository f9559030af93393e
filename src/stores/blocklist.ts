import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import { applyDelta, decodeSnapshot, encodeSnapshot, isDelta, SnapshotError, type DecodedSnapshot } from '../../rules/blocklist-snapshot'
import { readSnapshotFile, writeSnapshotFile } from '../platform/snapshot-file'
import { getBlocklistSnapshot } from '../services/lists'
import { taroStorage } from './storage'

/** How often the phone asks for the changes (a day's are a few KB; unchanged costs a 304). */
const REFRESH_EVERY_MS = 6 * 3600_000

interface BlocklistState {
  /** The version held (the server's ETag), when the copy was built, and how many slots it holds. */
  version: string | null
  builtAt: string | null
  count: number
  /** When the phone last asked (epoch ms), answered or not. */
  askedAt: number
  /** Asks for the changes since the copy held (or the whole list) and stores the result; never throws. */
  refresh: (now?: number, force?: boolean) => Promise<void>
}

let running: Promise<void> | null = null

/**
 * The phone's copy of the county blocklist for checks without a network (rules/blocklist-snapshot.ts): kept current
 * while online, read by the offline page (packages/offline). Holds no value in clear.
 */
export const useBlocklistCopy = create<BlocklistState>()(
  persist(
    (set, get) => ({
      version: null,
      builtAt: null,
      count: 0,
      askedAt: 0,
      refresh: async (now = Date.now(), force = false) => {
        if (!force && get().askedAt > 0 && now - get().askedAt < REFRESH_EVERY_MS) return
        if (running) return running
        const run = async (): Promise<void> => {
          set({ askedAt: now })
          try {
            const held = get().version
            const download = await getBlocklistSnapshot(held ?? undefined)
            if (download.type === 'same') return
            let next: DecodedSnapshot
            let bytes: Uint8Array
            const received = new Uint8Array(download.bytes)
            if (isDelta(received)) {
              const stored = await readSnapshotFile()
              if (!stored) throw new SnapshotError('a delta, but no copy to apply it to')
              next = applyDelta(decodeSnapshot(new Uint8Array(stored)), received)
              bytes = encodeSnapshot(next.slots, { version: next.header.version, builtAt: next.header.builtAt, range: next.header.range }, next.header.k)
            } else {
              next = decodeSnapshot(received)
              bytes = received
            }
            await writeSnapshotFile(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer)
            set({ version: next.header.version, builtAt: next.header.builtAt, count: next.header.count })
          } catch (e) {
            // No network: the next visit asks again. A copy that does not fit (or went missing): the whole list then.
            set(e instanceof SnapshotError ? { version: null, askedAt: 0 } : { askedAt: 0 })
          }
        }
        running = run().finally(() => {
          running = null
        })
        return running
      }
    }),
    {
      name: 'qiandai-blocklist-copy',
      storage: taroStorage,
      partialize: (s) => ({ version: s.version, builtAt: s.builtAt, count: s.count, askedAt: s.askedAt })
    }
  )
)

/** The stored copy, decoded (the offline page's), or null. */
export async function loadBlocklistCopy(): Promise<DecodedSnapshot | null> {
  const stored = await readSnapshotFile()
  if (!stored) return null
  try {
    return decodeSnapshot(new Uint8Array(stored))
  } catch {
    return null
  }
}
