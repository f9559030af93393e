/**
 * npm run bench:offline — protection without a network (issue 29), in one run:
 *   1. the phones' copy of the blocklist for 1,000,000 entries: build time (the server's real path, from the database),
 *      size against the 1.5 MB budget, a day's delta (500 added, 300 removed) and its size;
 *   2. false positives: 1,000,000 numbers not in the list, asked of the copy as the phone decodes it (target ≤ 1 %);
 *   3. one offline check in the app's bundle (rules/ bundled to ES2017, run in a bare context as on the phone), per
 *      input: cold (each input new) and hot (one input again and again), against the 1 ms target;
 *   4. libphonenumber-js metadata: the bundle with max, mobile and min metadata, and how many verdicts of the
 *      generated test set each changes against max (the smallest that changes none is the one to ship).
 * Store: PGlite in memory, always (the bench empties the blocklist).
 */
import { performance } from 'node:perf_hooks'
import { sql } from 'kysely'
import { openDatabase, migrateToLatest } from '../src/db/database.ts'
import { createListsRepository } from '../src/lists/repository.ts'
import { BlocklistSnapshots } from '../src/lists/snapshot.ts'
import { applyDelta, decodeSnapshot, snapshotMayContain } from '../../rules/blocklist-snapshot.ts'
import { loadOfflineBundle } from '../test/offline-bundle.ts'
import { generateInputs } from '../test/offline-inputs.ts'

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 1_000_000)
const BUDGET = 1.5 * 1024 * 1024
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`
const ms = (n: number) => `${n.toFixed(0)} ms`

async function main(): Promise<void> {
  // Always a store of its own (it empties the blocklist): PGlite in memory.
  const database = await openDatabase({ dataDir: 'memory://' })
  await migrateToLatest(database.db)
  const db = database.db
  await sql`TRUNCATE blocklist_entries`.execute(db)
  let t = performance.now()
  await sql`INSERT INTO blocklist_entries (kind, value, category, source)
    SELECT 'phone', '+86165' || lpad(i::text, 8, '0'), '刷单返利', 'import' FROM generate_series(0, ${ENTRIES - 1}::int) AS i`.execute(db)
  console.log(`loaded ${ENTRIES.toLocaleString()} entries in ${ms(performance.now() - t)}`)

  let clock = new Date('2026-12-07T02:00:00.000Z')
  const repo = createListsRepository(db)
  const snapshots = new BlocklistSnapshots(repo, () => clock, 0)

  console.log('\n1. The copy for phones')
  t = performance.now()
  const cold = await snapshots.answer(undefined)
  const buildCold = performance.now() - t
  t = performance.now()
  const hot = await snapshots.answer(undefined)
  const buildHot = performance.now() - t
  if (cold.type !== 'full' || hot.type !== 'full') throw new Error('expected full snapshots')
  console.log(`   build (database → bytes): cold ${ms(buildCold)}, again ${ms(buildHot)}`)
  console.log(
    `   size: ${kb(cold.bytes.length)} for ${ENTRIES.toLocaleString()} entries (${cold.count.toLocaleString()} distinct slots) = ${((cold.bytes.length * 8) / ENTRIES).toFixed(2)} bits an entry; budget 1.5 MB: ratio ${(cold.bytes.length / BUDGET).toFixed(2)}`
  )

  // A day of changes.
  clock = new Date('2026-12-08T02:00:00.000Z')
  await sql`INSERT INTO blocklist_entries (kind, value, category, source)
    SELECT 'phone', '+86167' || lpad(i::text, 8, '0'), '冒充客服', 'centre' FROM generate_series(0, 499) AS i`.execute(db)
  await sql`UPDATE blocklist_entries SET status = 'removed' WHERE kind = 'phone' AND value IN (
    SELECT '+86165' || lpad(i::text, 8, '0') FROM generate_series(0, 299) AS i)`.execute(db)
  t = performance.now()
  const delta = await snapshots.answer(cold.version)
  const deltaTime = performance.now() - t
  if (delta.type !== 'delta') throw new Error(`expected a delta, got ${delta.type}`)
  console.log(`   a day's delta (500 added, 300 removed): ${kb(delta.bytes.length)}, answered in ${ms(deltaTime)} (build included)`)

  console.log('\n2. On the phone')
  t = performance.now()
  const decoded = decodeSnapshot(cold.bytes)
  const decodeTime = performance.now() - t
  t = performance.now()
  const next = applyDelta(decoded, delta.bytes)
  console.log(`   decode the copy: ${ms(decodeTime)}; apply the delta: ${ms(performance.now() - t)}; held in memory: ${kb(next.slots.byteLength)}`)
  let falsePositives = 0
  const probes = 1_000_000
  t = performance.now()
  for (let i = 0; i < probes; i++) if (snapshotMayContain(next, 'phone', `+86138${String(i).padStart(8, '0')}`)) falsePositives++
  const lookup = (performance.now() - t) / probes
  const rate = falsePositives / probes
  console.log(
    `   false positives on ${probes.toLocaleString()} numbers not listed: ${falsePositives.toLocaleString()} = ${(rate * 100).toFixed(3)} %; target 1 %: ratio ${(rate / 0.01).toFixed(2)}`
  )
  console.log(`   lookup: ${(lookup * 1000).toFixed(2)} µs`)
  let missing = 0
  for (let i = 300; i < ENTRIES; i += 97) if (!snapshotMayContain(next, 'phone', `+86165${String(i).padStart(8, '0')}`)) missing++
  console.log(`   listed numbers the copy misses (every 97th checked): ${missing}`)

  console.log("\n3. One offline check in the app's bundle (bare context, ES2017, core-js URL)")
  const bundle = await loadOfflineBundle('max')
  const local = bundle.localBlocklist(cold.bytes)
  const inputs = generateInputs({ phone: 5000, url: 2000, account: 1000, message: 1000 }, 7)
  const now = new Date()
  for (const kind of ['phone', 'url', 'account', 'message'] as const) {
    const list = inputs[kind]
    t = performance.now()
    for (const input of list) bundle.checkOffline(kind, input, local, now)
    const coldEach = (performance.now() - t) / list.length
    const one = list[0]
    t = performance.now()
    for (let i = 0; i < 2000; i++) bundle.checkOffline(kind, one, local, now)
    const hotEach = (performance.now() - t) / 2000
    console.log(
      `   ${kind.padEnd(8)} cold ${(coldEach * 1000).toFixed(0).padStart(5)} µs/input (${list.length} distinct), hot ${(hotEach * 1000).toFixed(0).padStart(5)} µs; target 1 ms: ratio cold ${coldEach.toFixed(2)}, hot ${hotEach.toFixed(2)}`
    )
  }

  console.log('\n4. libphonenumber-js metadata on the phone')
  const phoneSet = generateInputs({ phone: 4000, url: 0, account: 0, message: 0 }, 29).phone
  const verdictsOf = (b: typeof bundle) =>
    phoneSet.map((input) => {
      const a = b.checkOffline('phone', input, null, now)
      return a.ok ? `${a.result.verdict}:${a.result.reasons.map((r) => r.code).join(',')}` : `error:${a.code}`
    })
  const reference = verdictsOf(bundle)
  for (const metadata of ['max', 'mobile', 'min'] as const) {
    const b = metadata === 'max' ? bundle : await loadOfflineBundle(metadata)
    const answers = verdictsOf(b)
    const changed = answers.filter((a, i) => a !== reference[i]).length
    const verdictChanged = answers.filter((a, i) => a.split(':')[0] !== reference[i].split(':')[0]).length
    console.log(
      `   ${metadata.padEnd(6)} bundle ${kb(b.bytes)}; of ${phoneSet.length} test numbers: ${verdictChanged} verdicts and ${changed} answers differ from max`
    )
  }
  await database.close()
}

main().catch((err: unknown) => {
  console.error(err)
  process.exitCode = 1
})
