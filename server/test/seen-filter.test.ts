import { test } from 'node:test'
import assert from 'node:assert/strict'
import { SeenFilter } from '../src/lib/seen-filter.ts'

test('the seen filter: a key is seen from its second sight on, for two generations, then forgotten', () => {
  const filter = new SeenFilter(1_000)
  assert.equal(filter.seen('13800138000'), false)
  assert.equal(filter.seen('13800138000'), true)
  // A thousand other keys fill the current generation; the first key moves to the previous one and is still seen.
  const fresh = Array.from({ length: 1_000 }, (_, i) => `+86 139 ${String(i).padStart(4, '0')} 0000`)
  assert.equal(fresh.filter((k) => filter.seen(k)).length, 0, 'new keys are not seen (no collisions among these)')
  assert.equal(filter.seen('13800138000'), true)
  // Two more generations of other keys: now it is forgotten.
  for (let i = 0; i < 2_100; i++) filter.seen(`other-${i}`)
  assert.equal(filter.seen('13800138000'), false)
  // Every key of the last generation is remembered.
  assert.ok(Array.from({ length: 500 }, (_, i) => `other-${2_099 - i}`).every((k) => filter.seen(k)))
})
