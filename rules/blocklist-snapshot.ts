import type { ValueKind } from '../types/kinds'

/**
 * The phone's copy of the county blocklist: a Golomb-coded set (GCS) of the entries' hashes, built by the server
 * (server/src/lists/snapshot.ts) and read on the phone (rules/offline.ts). Each entry ("kind:value", the lists' own
 * key) is hashed into [0, range) with range = entries × 2^k; the sorted slots are stored as Rice-coded gaps, about
 * k + 1.5 bits an entry. A value not in the list lands on a listed slot with probability 2^-k: "may hold", never
 * "holds". No value can be read back from it: it holds no numbers, only slots.
 *
 * Bytes: "QDBL", format (1), type (0 full, 1 delta), header length (u32 LE), the header (JSON, ASCII), then
 * the Rice-coded slots (full) or the added and removed slots as u32 LE (delta).
 */

export const SNAPSHOT_FORMAT = 1
/** Response header of GET /lists/snapshot naming what the bytes are: "full", or "delta" (the changes since). */
export const SNAPSHOT_TYPE_HEADER = 'x-snapshot-type'
/** 2^-9: about 0.2 % of values not in the list "may be" in it (the target is 1 %). */
export const RICE_BITS = 9
const MAGIC = [0x51, 0x44, 0x42, 0x4c] // "QDBL"
const PREFIX = 10

export interface SnapshotHeader {
  /** "<change seq>.<built at, epoch ms>.<range>": what the phone sends back to ask for the changes since. */
  version: string
  builtAt: string
  count: number
  range: number
  k: number
}

export interface DeltaHeader {
  from: string
  version: string
  builtAt: string
  added: number
  removed: number
  range: number
}

/** The key an entry is hashed by: its kind and the value as the lists key it (a number's "+86…" form). */
export function snapshotKey(kind: ValueKind, value: string): string {
  return `${kind}:${value}`
}

/** MurmurHash3 (x86, 32-bit) over the string's UTF-16 code units: the same on every JavaScript engine. */
export function hash32(text: string): number {
  let h = 0x9747b28c
  const c1 = 0xcc9e2d51
  const c2 = 0x1b873593
  for (let i = 0; i < text.length; i++) {
    let k = text.charCodeAt(i)
    k = Math.imul(k, c1)
    k = (k << 15) | (k >>> 17)
    k = Math.imul(k, c2)
    h ^= k
    h = (h << 13) | (h >>> 19)
    h = (Math.imul(h, 5) + 0xe6546b64) | 0
  }
  h ^= text.length
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** Where a key lands in [0, range). */
export function slotOf(key: string, range: number): number {
  return hash32(key) % range
}

/** The range for a list of `count` entries (never 0, at most 2^32). */
export function rangeFor(count: number, k = RICE_BITS): number {
  return Math.min(Math.max(count, 1) * 2 ** k, 0xffffffff)
}

// ---- bytes ----

function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

function writePrefix(out: Uint8Array, type: 0 | 1, headerLength: number): void {
  out.set(MAGIC, 0)
  out[4] = SNAPSHOT_FORMAT
  out[5] = type
  new DataView(out.buffer, out.byteOffset, out.byteLength).setUint32(6, headerLength, true)
}

function readPrefix(bytes: Uint8Array): { type: number; header: unknown; body: number } {
  if (bytes.length < PREFIX || MAGIC.some((b, i) => bytes[i] !== b)) throw new SnapshotError('not a blocklist snapshot')
  if (bytes[4] !== SNAPSHOT_FORMAT) throw new SnapshotError(`snapshot format ${bytes[4]} is not ${SNAPSHOT_FORMAT}`)
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(6, true)
  if (PREFIX + length > bytes.length) throw new SnapshotError('snapshot header cut short')
  let text = ''
  for (let i = PREFIX; i < PREFIX + length; i++) text += String.fromCharCode(bytes[i])
  let header: unknown
  try {
    header = JSON.parse(text)
  } catch {
    throw new SnapshotError('snapshot header is not JSON')
  }
  return { type: bytes[5], header, body: PREFIX + length }
}

export class SnapshotError extends Error {}

/** Sorted, distinct slots → a full snapshot's bytes. */
export function encodeSnapshot(slots: Uint32Array, header: Omit<SnapshotHeader, 'count' | 'k'>, k = RICE_BITS): Uint8Array {
  const head = asciiJson({ ...header, count: slots.length, k })
  // Upper bound: each gap's quotient in unary plus k bits and a stop bit.
  let bits = 0
  let previous = 0
  for (let i = 0; i < slots.length; i++) {
    bits += Math.floor((slots[i] - previous) / 2 ** k) + 1 + k
    previous = slots[i]
  }
  const out = new Uint8Array(PREFIX + head.length + Math.ceil(bits / 8))
  writePrefix(out, 0, head.length)
  for (let i = 0; i < head.length; i++) out[PREFIX + i] = head.charCodeAt(i)
  let at = (PREFIX + head.length) * 8
  const put = (bit: number) => {
    if (bit) out[at >>> 3] |= 0x80 >>> (at & 7)
    at++
  }
  previous = 0
  const unit = 2 ** k
  for (let i = 0; i < slots.length; i++) {
    const gap = slots[i] - previous
    previous = slots[i]
    for (let q = Math.floor(gap / unit); q > 0; q--) put(1)
    put(0)
    const rest = gap % unit
    for (let b = k - 1; b >= 0; b--) put((rest >>> b) & 1)
  }
  return out
}

export interface DecodedSnapshot {
  header: SnapshotHeader
  slots: Uint32Array
}

export function decodeSnapshot(bytes: Uint8Array): DecodedSnapshot {
  const { type, header, body } = readPrefix(bytes)
  if (type !== 0) throw new SnapshotError('not a full snapshot')
  const h = header as SnapshotHeader
  if (typeof h.version !== 'string' || !Number.isInteger(h.count) || !Number.isInteger(h.range) || !Number.isInteger(h.k) || h.k < 1 || h.k > 24)
    throw new SnapshotError('snapshot header is incomplete')
  const slots = new Uint32Array(h.count)
  const unit = 2 ** h.k
  let at = body * 8
  const end = bytes.length * 8
  let previous = 0
  for (let i = 0; i < h.count; i++) {
    let q = 0
    while (at < end && (bytes[at >>> 3] & (0x80 >>> (at & 7))) !== 0) {
      q++
      at++
    }
    at++
    let rest = 0
    for (let b = 0; b < h.k; b++, at++) rest = rest * 2 + ((bytes[at >>> 3] >>> (7 - (at & 7))) & 1)
    if (at > end) throw new SnapshotError('snapshot cut short')
    previous += q * unit + rest
    slots[i] = previous
  }
  return { header: h, slots }
}

export function encodeDelta(added: Uint32Array, removed: Uint32Array, header: Omit<DeltaHeader, 'added' | 'removed'>): Uint8Array {
  const head = asciiJson({ ...header, added: added.length, removed: removed.length })
  const out = new Uint8Array(PREFIX + head.length + 4 * (added.length + removed.length))
  writePrefix(out, 1, head.length)
  for (let i = 0; i < head.length; i++) out[PREFIX + i] = head.charCodeAt(i)
  const view = new DataView(out.buffer)
  let at = PREFIX + head.length
  for (const list of [added, removed]) for (let i = 0; i < list.length; i++, at += 4) view.setUint32(at, list[i], true)
  return out
}

/** Is this a delta (or a full snapshot)? */
export function isDelta(bytes: Uint8Array): boolean {
  return readPrefix(bytes).type === 1
}

/** A full snapshot with a delta applied: the next version's slots. */
export function applyDelta(base: DecodedSnapshot, bytes: Uint8Array): DecodedSnapshot {
  const { type, header, body } = readPrefix(bytes)
  if (type !== 1) throw new SnapshotError('not a delta')
  const h = header as DeltaHeader
  if (h.from !== base.header.version) throw new SnapshotError(`delta from ${h.from}, the phone has ${base.header.version}`)
  if (h.range !== base.header.range) throw new SnapshotError('delta for another range')
  if (body + 4 * (h.added + h.removed) > bytes.length) throw new SnapshotError('delta cut short')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const read = (from: number, n: number) => Uint32Array.from({ length: n }, (_, i) => view.getUint32(from + 4 * i, true))
  const added = read(body, h.added).sort()
  const removed = new Set(Array.from(read(body + 4 * h.added, h.removed)))
  // A sorted merge: the base's slots minus the removed, and the added (each once).
  const merged: number[] = []
  let i = 0
  let j = 0
  while (i < base.slots.length || j < added.length) {
    const next = j >= added.length || (i < base.slots.length && base.slots[i] <= added[j]) ? base.slots[i++] : added[j++]
    if (removed.has(next) || merged[merged.length - 1] === next) continue
    merged.push(next)
  }
  return { header: { version: h.version, builtAt: h.builtAt, count: merged.length, range: h.range, k: base.header.k }, slots: Uint32Array.from(merged) }
}

/** Is `slot` among the sorted slots? (Binary search: the phone's lookup and the server's removal check.) */
export function hasSlot(slots: Uint32Array, slot: number): boolean {
  let lo = 0
  let hi = slots.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1
    if (slots[mid] === slot) return true
    if (slots[mid] < slot) lo = mid + 1
    else hi = mid - 1
  }
  return false
}

/** May the list hold this value? */
export function snapshotMayContain(snapshot: DecodedSnapshot, kind: ValueKind, value: string): boolean {
  return hasSlot(snapshot.slots, slotOf(snapshotKey(kind, value), snapshot.header.range))
}
