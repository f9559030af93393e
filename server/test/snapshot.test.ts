import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { applyDelta, decodeSnapshot, isDelta, snapshotMayContain, type DecodedSnapshot } from '../../rules/blocklist-snapshot.ts'
import { createListsRepository, type ListsRepository } from '../src/lists/repository.ts'
import { rangeForCount } from '../src/lists/snapshot.ts'
import { buildTestApp, openTestDatabase, storeOptions, storesUnderTest, type TestDatabase } from './helpers.ts'

const phones = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `+86165${String(from + i).padStart(8, '0')}`)

for (const store of storesUnderTest()) {
  describe(`the phones' copy of the blocklist on ${store}`, storeOptions(store), () => {
    let tdb: TestDatabase
    let app: FastifyInstance
    let repo: ListsRepository
    let clock = new Date('2026-12-07T08:00:00.000Z')

    before(async () => {
      tdb = await openTestDatabase(store)
      repo = createListsRepository(tdb.database.db)
      ;({ app } = await buildTestApp(tdb.database, { SNAPSHOT_MAX_AGE_S: '0' }, { clock: () => clock }))
    })
    after(async () => {
      await app.close()
      await tdb.cleanup()
    })

    const get = async (headers: Record<string, string> = {}, since?: string) => {
      const res = await app.inject({ method: 'GET', url: '/api/v1/lists/snapshot', query: since ? { since } : {}, headers })
      return {
        status: res.statusCode,
        bytes: new Uint8Array(res.rawPayload),
        etag: res.headers.etag as string | undefined,
        type: res.headers['x-snapshot-type'],
        res
      }
    }

    test('whole, then 304 for the same version, then only the changes since, applied on the phone', async () => {
      await repo.upsertBlocklist([
        ...phones(300).map((value) => ({ kind: 'phone' as const, value, category: '刷单返利', source: 'centre' as const, note: null })),
        { kind: 'url', value: 'ccb-yz.top', category: '钓鱼网站', source: 'centre', note: null },
        { kind: 'account', value: '6222020200112233440', category: '涉诈账户', source: 'centre', note: null },
        { kind: 'phone', value: '+8616599999999', category: '冒充客服', source: 'centre', note: null, expiresAt: new Date('2026-12-08T00:00:00.000Z') }
      ])
      const first = await get()
      assert.equal(first.status, 200)
      assert.equal(first.type, 'full')
      assert.equal(first.res.headers['content-type'], 'application/octet-stream')
      let copy: DecodedSnapshot = decodeSnapshot(first.bytes)
      assert.equal(first.etag, `"${copy.header.version}"`)
      assert.equal(copy.header.range, rangeForCount(303))
      for (const value of phones(300)) assert.ok(snapshotMayContain(copy, 'phone', value), value)
      assert.ok(snapshotMayContain(copy, 'url', 'ccb-yz.top'))
      assert.ok(snapshotMayContain(copy, 'account', '6222020200112233440'))
      assert.ok(snapshotMayContain(copy, 'phone', '+8616599999999'))
      // Kinds are kept apart: the same text as another kind is another slot.
      assert.equal(snapshotMayContain(copy, 'phone', 'ccb-yz.top'), false)
      // Nothing in it reads as a number: only slots.
      assert.doesNotMatch(Buffer.from(first.bytes).toString('latin1'), /16500000|ccb-yz/)

      assert.equal((await get({ 'if-none-match': first.etag ?? '' })).status, 304)
      assert.equal((await get({}, copy.header.version)).status, 304)

      // A day later: 20 new numbers, 10 removed, one expired by time.
      clock = new Date('2026-12-08T08:00:00.000Z')
      await repo.upsertBlocklist(
        phones(20, 1000).map((value) => ({ kind: 'phone' as const, value, category: '刷单返利', source: 'centre' as const, note: null }))
      )
      for (const value of phones(10)) await repo.removeBlocklistEntry('phone', value)
      const delta = await get({ 'if-none-match': first.etag ?? '' })
      assert.equal(delta.status, 200)
      assert.equal(delta.type, 'delta')
      assert.ok(isDelta(delta.bytes))
      assert.ok(delta.bytes.length < 300, `delta of ${delta.bytes.length} bytes`)
      copy = applyDelta(copy, delta.bytes)
      assert.equal(delta.etag, `"${copy.header.version}"`)
      for (const value of phones(20, 1000)) assert.ok(snapshotMayContain(copy, 'phone', value), value)
      for (const value of phones(290, 10)) assert.ok(snapshotMayContain(copy, 'phone', value), value)
      // Removed and expired: gone (a slot another listed value shares would stay: not with these).
      for (const value of [...phones(10), '+8616599999999']) assert.equal(snapshotMayContain(copy, 'phone', value), false, value)

      // The phone's copy after the delta is exactly what a fresh download gives.
      const fresh = decodeSnapshot((await get()).bytes)
      assert.deepEqual(Array.from(copy.slots), Array.from(fresh.slots))
    })

    test('a copy from another range, or a version that is not one, is answered whole or refused', async () => {
      const whole = await get({}, '1.1.1024')
      assert.equal(whole.type, 'full')
      const bad = await app.inject({ method: 'GET', url: '/api/v1/lists/snapshot', query: { since: 'x'.repeat(10) } })
      assert.equal(bad.statusCode, 400)
      assert.equal(bad.json().error.code, 'SNAPSHOT_VERSION_INVALID')
      const long = await app.inject({ method: 'GET', url: '/api/v1/lists/snapshot', query: { since: '1'.repeat(100) } })
      assert.equal(long.statusCode, 400)
      assert.equal(long.json().error.code, 'SNAPSHOT_VERSION_INVALID')
    })
  })
}
