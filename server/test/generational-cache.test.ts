import { test } from 'node:test'
import assert from 'node:assert/strict'
import { GenerationalCache } from '../src/lib/generational-cache.ts'

test('holds up to two generations and keeps hot keys by promoting them', () => {
  const cache = new GenerationalCache<string, number>(3)
  for (const k of ['a', 'b', 'c']) cache.set(k, k.charCodeAt(0))
  cache.set('d', 4) // a, b, c become the previous generation
  assert.equal(cache.get('a'), 97) // promoted into the current generation
  cache.set('e', 5)
  cache.set('f', 6) // current (d, a, e) is full: it becomes previous; b and c are dropped
  assert.equal(cache.get('b'), undefined)
  assert.equal(cache.get('c'), undefined)
  assert.equal(cache.get('a'), 97)
  assert.equal(cache.get('f'), 6)
  cache.clear()
  assert.equal(cache.get('a'), undefined)
})

test('the phone check keeps an answer from the second time its input is asked', async () => {
  const { PhoneCheckService } = await import('../src/check/service.ts')
  const { fastPath } = await import('../src/values/phone.ts')
  // Lists that never change and hold nothing: every answer comes from the rules.
  const lists = { version: 1, lookup: () => ({ blocked: null, verified: null, reporters: 0 }) } as unknown as ConstructorParameters<typeof PhoneCheckService>[0]
  const service = new PhoneCheckService(
    lists,
    {} as ConstructorParameters<typeof PhoneCheckService>[1],
    {} as ConstructorParameters<typeof PhoneCheckService>[2]
  )
  const parses = () => fastPath.stats.taken + fastPath.stats.aside
  const before = parses()
  const first = service.answer('13912345678')
  assert.equal(parses() - before, 1)
  // Seen once: computed again, now kept.
  assert.deepEqual(service.answer('13912345678'), first)
  assert.equal(parses() - before, 2)
  assert.deepEqual(service.answer('13912345678'), first)
  assert.equal(parses() - before, 2, 'the third time is a cache hit')
})
