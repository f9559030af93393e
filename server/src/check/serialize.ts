import type { CheckPhoneResponse } from '../../../types/check.ts'

/**
 * Hand-rolled JSON for the check response, the hottest route. An answer is serialized once, in two parts:
 * the fields of this number (input, e164, country, type, verdict) and the explanation (reasons, advice,
 * reports), which is the bulk of the bytes and the same for every number judged alike, so it is interned and
 * shared. Each request appends only the time. The route's schema still documents the shape, and the route
 * tests check every response against it.
 */
export interface SerializedAnswer {
  /** `{"input":…,"verdict":"…",` — kept as a string: small pooled Buffers held in a cache would pin 8 KB slabs. */
  own: string
  ownBytes: number
  /** `"reasons":[…],"advice":[…],"reports":N,"checkedAt":"` (interned) */
  shared: Buffer
}

const sharedParts = new Map<string, Buffer>()
// Messages with counts or labels vary; bound the table so an odd stream of them cannot grow it forever.
const MAX_SHARED_PARTS = 10_000

export function serializeAnswer(r: Omit<CheckPhoneResponse, 'checkedAt'>): SerializedAnswer {
  // Key order matches the schema; JSON.stringify escapes every string.
  const own = JSON.stringify({ input: r.input, e164: r.e164, country: r.country, numberType: r.numberType, verdict: r.verdict })
  const explanation = JSON.stringify({ reasons: r.reasons, advice: r.advice, reports: r.reports })
  const sharedText = explanation.slice(1, -1) + ',"checkedAt":"'
  let shared = sharedParts.get(sharedText)
  if (shared === undefined) {
    if (sharedParts.size >= MAX_SHARED_PARTS) sharedParts.clear()
    shared = Buffer.allocUnsafeSlow(Buffer.byteLength(sharedText))
    shared.write(sharedText)
    sharedParts.set(sharedText, shared)
  }
  const ownText = own.slice(0, -1) + ','
  return { own: ownText, ownBytes: Buffer.byteLength(ownText), shared }
}

const TAIL_LENGTH = '2026-11-29T08:00:00.000Z"}'.length

/** The full response body for a check made at `checkedAt`, in one allocation. */
export function checkResponseBody(answer: SerializedAnswer, checkedAt: Date): Buffer {
  const tail = checkedAt.toISOString() + '"}'
  const { own, ownBytes, shared } = answer
  // toISOString is 24 ASCII characters for years 0000–9999; anything else takes the slow path.
  if (tail.length !== TAIL_LENGTH) return Buffer.concat([Buffer.from(own), shared, Buffer.from(tail)])
  const out = Buffer.allocUnsafe(ownBytes + shared.length + TAIL_LENGTH)
  out.write(own, 0, 'utf8')
  shared.copy(out, ownBytes)
  out.write(tail, ownBytes + shared.length, 'latin1')
  return out
}
