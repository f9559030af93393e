/**
 * "Was this key asked recently?" without keeping the keys. A 32-bit hash per key in an open-addressed table, two
 * generations as in GenerationalCache (when the current one holds `generationSize` keys it becomes the previous
 * one and the older is wiped). A stream of one-off inputs allocates nothing and leaves nothing for the garbage
 * collector (a Map of the input strings kept every one of them alive into the old generation). A hash collision
 * answers "seen" for a key that was not — the caller then caches an answer one sight early; a key seen within the
 * window is never answered "not seen".
 */
export class SeenFilter {
  private current: Uint32Array
  private previous: Uint32Array
  private readonly mask: number
  private count = 0

  constructor(private readonly generationSize: number) {
    // At most half full, so probes stay short.
    let slots = 1
    while (slots < generationSize * 2) slots <<= 1
    this.mask = slots - 1
    this.current = new Uint32Array(slots)
    this.previous = new Uint32Array(slots)
  }

  /** True when `key` was seen in this or the previous generation; records it in the current one either way. */
  seen(key: string): boolean {
    const h = hash(key)
    if (this.has(this.current, h)) return true
    const before = this.has(this.previous, h)
    if (this.count >= this.generationSize) {
      const wiped = this.previous
      this.previous = this.current
      this.current = wiped.fill(0)
      this.count = 0
    }
    this.insert(this.current, h)
    this.count++
    return before
  }

  private has(table: Uint32Array, h: number): boolean {
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const v = table[i] as number
      if (v === 0) return false
      if (v === h) return true
    }
  }

  private insert(table: Uint32Array, h: number): void {
    let i = h & this.mask
    while (table[i] !== 0) i = (i + 1) & this.mask
    table[i] = h
  }
}

/** FNV-1a over UTF-16 code units, never 0 (0 marks an empty slot). */
function hash(key: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0 || 1
}
