import { test } from 'node:test'
import assert from 'node:assert/strict'
import { PhoneLists } from '../src/lists/service.ts'
import { eventually, openTestDatabase } from './helpers.ts'

test(
  "PostgreSQL: a change written by one process reaches another process's index within a second (LISTEN/NOTIFY)",
  { skip: !process.env.DATABASE_URL && 'DATABASE_URL not set' },
  async () => {
    const tdb = await openTestDatabase('postgres')
    const processA = new PhoneLists(tdb.database)
    const processB = new PhoneLists(await tdb.openAnother())
    try {
      await Promise.all([processA.load(), processB.load()])
      await Promise.all([processA.start(), processB.start()])
      assert.equal(processB.lookup('+8613800138000').blocked, null)
      await processA.repository.upsertBlocklist([{ kind: 'phone', value: '+8613800138000', category: '冒充公检法', source: 'city', note: null }])
      const ms = await eventually(() => processB.lookup('+8613800138000').blocked?.category === '冒充公检法', 1_000)
      assert.ok(ms < 1_000)
      await processA.repository.upsertVerified([{ value: '+8696110', label: '反诈专线', category: '公安' }])
      await eventually(() => processB.lookup('+8696110').verified?.label === '反诈专线', 1_000)
    } finally {
      await processA.stop()
      await processB.stop()
      await tdb.cleanup()
    }
  }
)

test('embedded PGlite: a change reaches the index within a second without a manual refresh (polled: pglite-socket has no NOTIFY)', async () => {
  const tdb = await openTestDatabase('pglite')
  const lists = new PhoneLists(tdb.database)
  try {
    await lists.load()
    await lists.start()
    await lists.repository.upsertBlocklist([{ kind: 'phone', value: '+8617012345678', category: '刷单返利', source: 'centre', note: null }])
    await eventually(() => lists.lookup('+8617012345678').blocked?.category === '刷单返利', 1_000)
  } finally {
    await lists.stop()
    await tdb.cleanup()
  }
})

test('a re-run of the same batch changes nothing; a changed row is an update', async () => {
  const tdb = await openTestDatabase(process.env.DATABASE_URL ? 'postgres' : 'pglite')
  const lists = new PhoneLists(tdb.database)
  try {
    const rows = [
      { kind: 'phone' as const, value: '+8613800000001', category: '刷单返利', source: 'centre' as const, note: null },
      { kind: 'phone' as const, value: '+8613800000002', category: '虚假征信', source: 'city' as const, note: '市中心共享' }
    ]
    assert.deepEqual(await lists.repository.upsertBlocklist(rows), { added: 2, updated: 0, unchanged: 0 })
    assert.deepEqual(await lists.repository.upsertBlocklist(rows), { added: 0, updated: 0, unchanged: 2 })
    assert.deepEqual(await lists.repository.upsertBlocklist([{ ...rows[0], category: '虚假网络贷款' }]), { added: 0, updated: 1, unchanged: 0 })
    await lists.load()
    assert.equal(lists.lookup('+8613800000001').blocked?.category, '虚假网络贷款')
  } finally {
    await tdb.cleanup()
  }
})
