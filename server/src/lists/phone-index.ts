/**
 * In-memory index of the phone blocklist: the lookup path reads only this, never the database.
 *
 * Keys are the canonical "+<code><national>" digits read as a number (E.164 has at most 15 digits, below
 * 2^53), kept in a sorted Float64Array with parallel payload arrays: about 19 bytes an entry, so a million
 * entries cost ~20 MB instead of the ~100 MB a Map of strings would. Changes since the last build sit in a
 * small overlay Map and are merged in when it grows.
 */
export interface BlockEntry {
  category: string
  source: string
  /** Epoch milliseconds; 0 = never expires. */
  expiresAt: number
}

/** A change read from the database: an active entry, or a removal (status not active). */
export interface BlockChange {
  key: string
  entry: BlockEntry | null
}

const MAX_SAFE_DIGITS = 15
const COMPACT_AT = 50_000

export function numericKey(key: string): number | null {
  const digits = key.startsWith('+') ? key.slice(1) : key
  if (digits.length === 0 || digits.length > MAX_SAFE_DIGITS || !/^\d+$/.test(digits)) return null
  return Number(digits)
}

class Dictionary {
  private readonly ids = new Map<string, number>()
  readonly values: string[] = []
  idOf(value: string): number {
    let id = this.ids.get(value)
    if (id === undefined) {
      id = this.values.length
      this.values.push(value)
      this.ids.set(value, id)
    }
    return id
  }
}

export class PhoneBlockIndex {
  private keys = new Float64Array(0)
  private categoryIds = new Uint16Array(0)
  private sourceIds = new Uint8Array(0)
  private expiries = new Float64Array(0)
  private overlay = new Map<number, BlockEntry | null>()
  private readonly categories = new Dictionary()
  private readonly sources = new Dictionary()

  get size(): number {
    let n = this.keys.length
    for (const [key, entry] of this.overlay) {
      const inBase = this.find(key) >= 0
      if (entry && !inBase) n++
      else if (!entry && inBase) n--
    }
    return n
  }

  /** Replaces the whole index with these changes (later changes to a key win). */
  build(changes: Iterable<BlockChange>): void {
    const bulk = this.startBulkLoad()
    bulk.add(changes)
    bulk.finish()
  }

  /**
   * Replaces the whole index from a stream of changes in order (the start-up load of a million rows): the
   * changes go into flat typed arrays and are sorted once at the end, instead of being merged in batch by
   * batch, which would allocate and discard a full copy of the arrays at every batch.
   */
  startBulkLoad(): { add(changes: Iterable<BlockChange>): void; finish(): void } {
    let n = 0
    let keys = new Float64Array(1 << 16)
    let categories = new Uint16Array(keys.length)
    let sources = new Uint8Array(keys.length)
    let expiries = new Float64Array(keys.length)
    let active = new Uint8Array(keys.length)
    const grow = (): void => {
      const size = keys.length * 2
      const more = <T extends Float64Array | Uint16Array | Uint8Array>(a: T, make: (n: number) => T): T => {
        const b = make(size)
        b.set(a)
        return b
      }
      keys = more(keys, (k) => new Float64Array(k))
      categories = more(categories, (k) => new Uint16Array(k))
      sources = more(sources, (k) => new Uint8Array(k))
      expiries = more(expiries, (k) => new Float64Array(k))
      active = more(active, (k) => new Uint8Array(k))
    }
    return {
      add: (changes) => {
        for (const change of changes) {
          const key = numericKey(change.key)
          if (key === null) continue
          if (n === keys.length) grow()
          keys[n] = key
          active[n] = change.entry ? 1 : 0
          if (change.entry) {
            categories[n] = this.categories.idOf(change.entry.category)
            sources[n] = this.sources.idOf(change.entry.source)
            expiries[n] = change.entry.expiresAt
          }
          n++
        }
      },
      finish: () => {
        const order = new Uint32Array(n)
        for (let i = 0; i < n; i++) order[i] = i
        // By key, then by arrival, so the last change to a key comes last and wins.
        order.sort((a, b) => keys[a] - keys[b] || a - b)
        const outKeys = new Float64Array(n)
        const outCategories = new Uint16Array(n)
        const outSources = new Uint8Array(n)
        const outExpiries = new Float64Array(n)
        let m = 0
        for (let j = 0; j < n; j++) {
          const i = order[j]
          if (j + 1 < n && keys[order[j + 1]] === keys[i]) continue
          if (!active[i]) continue
          outKeys[m] = keys[i]
          outCategories[m] = categories[i]
          outSources[m] = sources[i]
          outExpiries[m] = expiries[i]
          m++
        }
        this.install(outKeys, outCategories, outSources, outExpiries, m)
      }
    }
  }

  /** Applies incremental changes; idempotent, so re-reading a window of changes is harmless. */
  apply(changes: Iterable<BlockChange>): void {
    for (const change of changes) {
      const key = numericKey(change.key)
      if (key === null) continue
      this.overlay.set(key, change.entry)
    }
    if (this.overlay.size >= COMPACT_AT) this.compact()
  }

  lookup(key: string, now = Date.now()): BlockEntry | null {
    const k = numericKey(key)
    if (k === null) return null
    let entry: BlockEntry | null
    if (this.overlay.has(k)) {
      entry = this.overlay.get(k) ?? null
    } else {
      const i = this.find(k)
      if (i < 0) return null
      entry = {
        category: this.categories.values[this.categoryIds[i]],
        source: this.sources.values[this.sourceIds[i]],
        expiresAt: this.expiries[i]
      }
    }
    // Expiry is checked at read time, so an entry stops matching the moment it expires.
    if (entry && entry.expiresAt !== 0 && entry.expiresAt <= now) return null
    return entry
  }

  private find(k: number): number {
    const keys = this.keys
    let lo = 0
    let hi = keys.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1
      const v = keys[mid]
      if (v === k) return mid
      if (v < k) lo = mid + 1
      else hi = mid - 1
    }
    return -1
  }

  /** Merges the overlay into fresh sorted arrays. */
  private compact(): void {
    if (this.overlay.size === 0) return
    const added = [...this.overlay.keys()].filter((k) => this.overlay.get(k) !== null).sort((a, b) => a - b)
    const total = this.keys.length + added.length
    const keys = new Float64Array(total)
    const categoryIds = new Uint16Array(total)
    const sourceIds = new Uint8Array(total)
    const expiries = new Float64Array(total)
    let i = 0
    let j = 0
    let n = 0
    const put = (k: number, category: number, source: number, expiry: number): void => {
      keys[n] = k
      categoryIds[n] = category
      sourceIds[n] = source
      expiries[n] = expiry
      n++
    }
    while (i < this.keys.length || j < added.length) {
      const fromBase = j >= added.length || (i < this.keys.length && this.keys[i] < added[j])
      if (fromBase) {
        const k = this.keys[i]
        // Entries the overlay removes or replaces are skipped here; replacements come from `added`.
        if (!this.overlay.has(k)) put(k, this.categoryIds[i], this.sourceIds[i], this.expiries[i])
        i++
      } else {
        const k = added[j]
        if (i < this.keys.length && this.keys[i] === k) i++
        const e = this.overlay.get(k) as BlockEntry
        put(k, this.categories.idOf(e.category), this.sources.idOf(e.source), e.expiresAt)
        j++
      }
    }
    this.install(keys, categoryIds, sourceIds, expiries, n)
  }

  /** Makes freshly built sorted arrays the index and empties the overlay they absorbed. */
  private install(
    keys: Float64Array<ArrayBuffer>,
    categoryIds: Uint16Array<ArrayBuffer>,
    sourceIds: Uint8Array<ArrayBuffer>,
    expiries: Float64Array<ArrayBuffer>,
    length: number
  ): void {
    // Views, not copies: the few slots past `length` (duplicates, removals) are not worth a second allocation.
    this.keys = keys.subarray(0, length)
    this.categoryIds = categoryIds.subarray(0, length)
    this.sourceIds = sourceIds.subarray(0, length)
    this.expiries = expiries.subarray(0, length)
    this.overlay = new Map()
  }
}
