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

// Keyed by rules.explanationKey; messages with counts or labels vary, so bound the table: an odd stream of them
// cannot grow it forever.
const explanations = new Map<string, Buffer>()
const MAX_EXPLANATIONS = 10_000

/** The shared part for answers whose explanation has this key, or undefined when not yet serialized. */
export function knownExplanation(key: string): Buffer | undefined {
  return explanations.get(key)
}

/** Serializes and keeps the explanation for `key`. */
export function serializeExplanation(key: string, r: Pick<CheckPhoneResponse, 'reasons' | 'advice' | 'reports'>): Buffer {
  const text = JSON.stringify({ reasons: r.reasons, advice: r.advice, reports: r.reports }).slice(1, -1) + ',"checkedAt":"'
  if (explanations.size >= MAX_EXPLANATIONS) explanations.clear()
  const shared = Buffer.allocUnsafeSlow(Buffer.byteLength(text))
  shared.write(text)
  explanations.set(key, shared)
  return shared
}

/** One answer: this number's own fields, then the shared explanation. Key order matches the schema. */
export function serializeAnswer(r: Pick<CheckPhoneResponse, 'input' | 'e164' | 'country' | 'numberType' | 'verdict'>, shared: Buffer): SerializedAnswer {
  // Only the input is free text; JSON.stringify escapes it. The rest are E.164, region codes and enum words.
  const own = `{"input":${JSON.stringify(r.input)},"e164":${r.e164 === null ? 'null' : `"${r.e164}"`},"country":${r.country === null ? 'null' : `"${r.country}"`},"numberType":"${r.numberType}","verdict":"${r.verdict}",`
  return { own, ownBytes: Buffer.byteLength(own), shared }
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
