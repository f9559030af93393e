import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import Fastify from 'fastify'
import { feature, inDependencyOrder } from '../src/lib/feature.ts'
import * as features from '../src/features.ts'

const names = (plugins: readonly unknown[]) => plugins.map((p) => (p as Record<symbol, { name: string }>)[Symbol.for('plugin-meta')].name)
// fastify-plugin marks the function it is given: every feature needs its own.
const noop = () => async () => {}

test('features come after the ones they declare, whatever order they are listed in', () => {
  const a = feature('a', [], noop())
  const b = feature('b', ['a'], noop())
  const c = feature('c', ['b', 'a'], noop())
  const d = feature('d', [], noop())
  for (const listed of [
    [c, b, a, d],
    [d, c, a, b],
    [a, b, c, d]
  ]) {
    const order = names(inDependencyOrder(listed))
    assert.equal(order.length, 4)
    assert.ok(order.indexOf('a') < order.indexOf('b') && order.indexOf('b') < order.indexOf('c'), order.join(','))
  }
})

test('a cycle between features is refused with its path', () => {
  assert.throws(() => inDependencyOrder([feature('x', ['y'], noop()), feature('y', ['x'], noop())]), /cycle: x → y → x/)
})

test('Fastify refuses to start a feature whose dependency was never registered', async () => {
  const app = Fastify()
  await assert.rejects(
    (async () => {
      await app.register(feature('lonely', ['missing'], noop()))
      await app.ready()
    })(),
    /dependency/
  )
})

test("every feature folder's plugin is listed in features.ts, and every listed one is ordered", () => {
  const src = path.join(import.meta.dirname, '../src')
  const folders = readdirSync(src, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(src, entry.name, 'plugin.ts')))
    .map((entry) => entry.name)
    .sort()
  const listed = readFileSync(path.join(src, 'features.ts'), 'utf8')
  for (const folder of folders) assert.match(listed, new RegExp(`from '\\./${folder}/plugin\\.ts'`), `${folder}/plugin.ts is not in features.ts`)
  const all = Object.values(features)
  assert.equal(all.length, [...listed.matchAll(/^export \{/gm)].length)
  const ordered = names(inDependencyOrder(all))
  assert.deepEqual([...ordered].sort(), [...names(all)].sort())
  // The senders need the chain and the lists before them; the checks need the lists.
  assert.ok(ordered.indexOf('warnings') < ordered.indexOf('outbox'))
  assert.ok(ordered.indexOf('lists') < ordered.indexOf('check'))
})
