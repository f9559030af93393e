import { encodeDelta, encodeSnapshot, hash32, hasSlot, RICE_BITS, snapshotKey } from '../../../rules/blocklist-snapshot.ts'
import type { ListsRepository } from './repository.ts'

// The phones' copies of the blocklist (rules/blocklist-snapshot.ts): built here from the change feed, served whole
// or as the changes since the version a phone holds. Holds no value in clear: only the entries' slots.

const PAGE = 20_000
/** A delta larger than this share of the list is sent as a whole snapshot instead. */
const DELTA_SHARE = 1 / 8
/** Entries that expired this long before a build are still remembered, so a phone that was away learns it. */
const EXPIRED_MEMORY_MS = 60 * 24 * 3600_000

interface Build {
  version: string
  seq: bigint
  builtAt: Date
  range: number
  /** Sorted distinct slots (the phones' copy). */
  slots: Uint32Array
  bytes: Uint8Array
  /** Slots of entries that expired (by time) before the build, with when: removals for a phone's older copy. */
  expired: Array<{ hash: number; at: number }>
}

export type SnapshotAnswer = { type: 'same'; version: string } | { type: 'full' | 'delta'; version: string; bytes: Uint8Array; builtAt: Date; count: number }

export class SnapshotRequestError extends Error {}

/**
 * A range that stays put while the list grows or shrinks within a factor of two (a power of two times 2^k, at
 * least 2^10 entries' worth): phones keep taking deltas, and every server computes the same one.
 */
export function rangeForCount(count: number, k = RICE_BITS): number {
  let bucket = 1024
  while (bucket < count) bucket *= 2
  return Math.min(bucket * 2 ** k, 0xffffffff)
}

function parseVersion(version: string): { seq: bigint; builtAt: number; range: number } | null {
  const m = /^(\d{1,19})\.(\d{1,15})\.(\d{1,10})$/.exec(version)
  return m ? { seq: BigInt(m[1]), builtAt: Number(m[2]), range: Number(m[3]) } : null
}

export class BlocklistSnapshots {
  private current: Build | null = null
  private building: Promise<Build> | null = null

  constructor(
    private readonly repository: ListsRepository,
    private readonly now: () => Date,
    /** A build older than this is replaced on the next request (served meanwhile). 0: always current. */
    private readonly maxAgeMs = 5 * 60_000
  ) {}

  /** The whole list as the phones hold it, rebuilt from the database (every entry once, in change order). */
  async build(): Promise<Build> {
    const builtAt = this.now()
    const at = builtAt.getTime()
    const hashes: number[] = []
    const expired: Array<{ hash: number; at: number }> = []
    let seq = 0n
    for (;;) {
      const rows = await this.repository.blockChangesSince(seq, PAGE)
      for (const row of rows) {
        const expiresAt = row.expiresAt?.getTime() ?? 0
        const hash = hash32(snapshotKey(row.kind, row.value))
        if (row.active && (expiresAt === 0 || expiresAt > at)) hashes.push(hash)
        else if (row.active && expiresAt > at - EXPIRED_MEMORY_MS) expired.push({ hash, at: expiresAt })
      }
      if (rows.length > 0) seq = rows[rows.length - 1].changeSeq
      if (rows.length < PAGE) break
    }
    const range = rangeForCount(hashes.length)
    const slots = Uint32Array.from(new Set(hashes.map((h) => h % range))).sort()
    const version = `${seq}.${at}.${range}`
    const bytes = encodeSnapshot(slots, { version, builtAt: builtAt.toISOString(), range })
    return { version, seq, builtAt, range, slots, bytes, expired }
  }

  private async latest(): Promise<Build> {
    const current = this.current
    const stale = current === null || this.now().getTime() - current.builtAt.getTime() >= this.maxAgeMs
    if (!stale) return current
    if (this.building === null) {
      this.building = this.build()
        .then((built) => (this.current = built))
        .finally(() => (this.building = null))
    }
    // Served from the build in hand while the next one is made; the first request waits for one.
    return current !== null && this.maxAgeMs > 0 ? current : this.building
  }

  /** What a phone holding `since` (or nothing) should receive. */
  async answer(since: string | undefined): Promise<SnapshotAnswer> {
    const build = await this.latest()
    const full = (): SnapshotAnswer => ({ type: 'full', version: build.version, bytes: build.bytes, builtAt: build.builtAt, count: build.slots.length })
    if (since === undefined) return full()
    if (since === build.version) return { type: 'same', version: build.version }
    const from = parseVersion(since)
    if (from === null) throw new SnapshotRequestError(since)
    // Another range (the list doubled or halved), or a copy newer than this server's build: start again whole.
    if (from.range !== build.range || from.seq > build.seq || from.builtAt > build.builtAt.getTime()) return full()

    const at = build.builtAt.getTime()
    const added = new Set<number>()
    const gone = new Set<number>()
    let seq = from.seq
    for (;;) {
      const rows = await this.repository.blockChangesSince(seq, PAGE)
      for (const row of rows) {
        // Changes after the build wait for the next one (the phone's version says where it stands).
        if (row.changeSeq > build.seq) break
        const expiresAt = row.expiresAt?.getTime() ?? 0
        const slot = hash32(snapshotKey(row.kind, row.value)) % build.range
        if (row.active && (expiresAt === 0 || expiresAt > at)) added.add(slot)
        else gone.add(slot)
      }
      if (rows.length < PAGE || rows[rows.length - 1].changeSeq >= build.seq) break
      seq = rows[rows.length - 1].changeSeq
      if (added.size + gone.size > build.slots.length * DELTA_SHARE) return full()
    }
    for (const e of build.expired) if (e.at > from.builtAt) gone.add(e.hash % build.range)
    // A slot leaves the phone's copy only if no entry still there lands on it too.
    const removed = Uint32Array.from([...gone].filter((s) => !hasSlot(build.slots, s))).sort()
    const addedSlots = Uint32Array.from(added).sort()
    if (addedSlots.length + removed.length > Math.max(64, build.slots.length * DELTA_SHARE)) return full()
    const bytes = encodeDelta(addedSlots, removed, { from: since, version: build.version, builtAt: build.builtAt.toISOString(), range: build.range })
    return { type: 'delta', version: build.version, bytes, builtAt: build.builtAt, count: build.slots.length }
  }
}
