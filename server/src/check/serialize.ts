import type { CheckPhoneResponse } from '../../../types/check.ts'

/**
 * Hand-rolled JSON for the check response, the hottest route: the answer for an input is serialized once,
 * up to the `checkedAt` value, and each request appends only the time. The route's schema still documents
 * the shape, and the route tests check every response against it.
 */
export function serializeCheckHead(r: Omit<CheckPhoneResponse, 'checkedAt'>): Buffer {
  // Key order matches the schema; JSON.stringify escapes every string.
  const body = JSON.stringify({ ...r, checkedAt: '' })
  return Buffer.from(body.slice(0, body.length - '"}'.length))
}

const TAIL_LENGTH = '2026-11-29T08:00:00.000Z"}'.length

/** The full response: the cached head plus the time of this check, in one allocation. */
export function checkResponseBody(head: Buffer, checkedAt: Date): Buffer {
  const tail = checkedAt.toISOString() + '"}'
  // toISOString is 24 ASCII characters for years 0000–9999; anything else takes the slow path.
  if (tail.length !== TAIL_LENGTH) return Buffer.concat([head, Buffer.from(tail)])
  const out = Buffer.allocUnsafe(head.length + TAIL_LENGTH)
  head.copy(out, 0)
  out.write(tail, head.length, 'latin1')
  return out
}
