/**
 * A bounded cache with O(1) eviction: two Maps, the newer takes writes; when it is full the older one is
 * dropped whole. An entry read from the older generation is promoted, so hot keys survive. (Evicting a
 * Map entry by entry from its front degrades as deleted slots pile up.)
 */
export class GenerationalCache<K, V> {
  private current = new Map<K, V>()
  private previous = new Map<K, V>()

  constructor(private readonly generationSize: number) {}

  get(key: K): V | undefined {
    const hit = this.current.get(key)
    if (hit !== undefined) return hit
    const old = this.previous.get(key)
    if (old !== undefined) this.set(key, old)
    return old
  }

  set(key: K, value: V): void {
    if (this.current.size >= this.generationSize) {
      this.previous = this.current
      this.current = new Map()
    }
    this.current.set(key, value)
  }

  clear(): void {
    this.current = new Map()
    this.previous = new Map()
  }
}
