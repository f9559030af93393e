import { test } from 'node:test'
import assert from 'node:assert/strict'
import { PhoneBlockIndex, numericKey } from '../src/lists/phone-index.ts'

const entry = (category: string, expiresAt = 0) => ({ category, source: 'centre', expiresAt })

test('numeric keys: canonical numbers up to 15 digits, nothing else', () => {
  assert.equal(numericKey('+8613800138000'), 8613800138000)
  assert.equal(numericKey('+123456789012345'), 123456789012345)
  assert.equal(numericKey('+1234567890123456'), null)
  assert.equal(numericKey('+'), null)
  assert.equal(numericKey('+86abc'), null)
})

test('build, lookup, replace and remove', () => {
  const index = new PhoneBlockIndex()
  index.build([
    { key: '+8613800138000', entry: entry('刷单返利') },
    { key: '+85298765432', entry: entry('冒充公检法') }
  ])
  assert.equal(index.size, 2)
  assert.equal(index.lookup('+8613800138000')?.category, '刷单返利')
  assert.equal(index.lookup('+8613800138001'), null)
  index.apply([
    { key: '+8613800138000', entry: entry('虚假征信') },
    { key: '+85298765432', entry: null }
  ])
  assert.equal(index.lookup('+8613800138000')?.category, '虚假征信')
  assert.equal(index.lookup('+85298765432'), null)
  assert.equal(index.size, 1)
})

test('compaction keeps every entry and drops removed ones (checked against a Map)', () => {
  const index = new PhoneBlockIndex()
  const truth = new Map<string, string>()
  let seed = 7
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
  const batches = 6
  for (let b = 0; b < batches; b++) {
    const changes = []
    for (let i = 0; i < 30_000; i++) {
      const key = '+86138' + String(Math.floor(rand() * 200_000)).padStart(8, '0')
      if (rand() < 0.2) {
        changes.push({ key, entry: null })
        truth.delete(key)
      } else {
        const category = `c${Math.floor(rand() * 12)}`
        changes.push({ key, entry: entry(category) })
        truth.set(key, category)
      }
    }
    if (b === 0) index.build(changes)
    else index.apply(changes)
  }
  assert.equal(index.size, truth.size)
  for (let i = 0; i < 200_000; i += 7) {
    const key = '+86138' + String(i).padStart(8, '0')
    assert.equal(index.lookup(key)?.category ?? null, truth.get(key) ?? null, key)
  }
})

test('expired entries do not match, both in the overlay and after compaction', () => {
  const index = new PhoneBlockIndex()
  const now = Date.now()
  index.build([
    { key: '+8613800000001', entry: entry('a', now - 1) },
    { key: '+8613800000002', entry: entry('b', now + 60_000) }
  ])
  assert.equal(index.lookup('+8613800000001', now), null)
  assert.equal(index.lookup('+8613800000002', now)?.category, 'b')
  assert.equal(index.lookup('+8613800000002', now + 60_001), null)
  index.apply([{ key: '+8613800000003', entry: entry('c', now - 1) }])
  assert.equal(index.lookup('+8613800000003', now), null)
})

test('bulk load: the last change to a key wins, removals drop it, invalid keys are skipped', () => {
  const index = new PhoneBlockIndex()
  const bulk = index.startBulkLoad()
  bulk.add([
    { key: '+8613800000001', entry: entry('a') },
    { key: '+8613800000002', entry: entry('b') },
    { key: 'not-a-key', entry: entry('x') }
  ])
  bulk.add([
    { key: '+8613800000001', entry: entry('a2') },
    { key: '+8613800000002', entry: null },
    { key: '+8613800000003', entry: null },
    { key: '+8613800000003', entry: entry('c') }
  ])
  bulk.finish()
  assert.equal(index.size, 2)
  assert.equal(index.lookup('+8613800000001')?.category, 'a2')
  assert.equal(index.lookup('+8613800000002'), null)
  assert.equal(index.lookup('+8613800000003')?.category, 'c')
})
