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
