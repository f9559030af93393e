import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import pg from 'pg'
import { blockRowKey, openBlocklistSink, createListsRepository, type BlockBatch, type BlocklistSink, type BlockRow } from '../src/lists/repository.ts'
import { openTestDatabase, storeOptions, type TestDatabase } from './helpers.ts'

const row = (value: string, category = '刷单返利'): BlockRow => ({ kind: 'phone', value, category, source: 'city', note: null, expiresAt: null })
const batchOf = (...rows: BlockRow[]): BlockBatch => new Map(rows.map((r) => [blockRowKey(r), r]))

// The COPY pipeline exists on PostgreSQL only (PGlite takes batched upserts).
{
  describe('the COPY import sink on postgres', storeOptions('postgres'), () => {
    let tdb: TestDatabase
    before(async () => {
      tdb = await openTestDatabase('postgres')
    })
    after(async () => {
      await tdb.cleanup()
    })

    test('a value listed while a batch waits for the write lock is updated, not duplicated or lost', async (t) => {
      const sink = await openBlocklistSink(tdb.database)
      t.after(() => release(sink))
      assert.deepEqual(await sink.write(batchOf(row('+8613800000001'), row('+8613800000002'))), { added: 2, updated: 0, unchanged: 0 })

      // Hold the write lock from another connection: the next batch is probed (no lock needed) and then waits.
      // List one of its new values meanwhile, so its COPY breaks the unique key and the batch is stored again.
      const other = await holdWriteLock()
      const pending = sink.write(batchOf(row('+8613800000003', '冒充客服'), row('+8613800000001')))
      await waitForLockWaiter(other)
      await other.query(`INSERT INTO blocklist_entries (kind, value, category, source) VALUES ('phone', '+8613800000003', '刷单返利', 'centre')`)
      await other.query('COMMIT')
      await letGo(other)
      assert.deepEqual(await pending, { added: 0, updated: 1, unchanged: 1 }, 'the late entry is updated to the file row; the known one unchanged')

      const rows = await tdb.database.db.selectFrom('blocklist_entries').select(['value', 'category', 'source']).orderBy('value').execute()
      assert.deepEqual(rows, [
        { value: '+8613800000001', category: '刷单返利', source: 'city' },
        { value: '+8613800000002', category: '刷单返利', source: 'city' },
        { value: '+8613800000003', category: '冒充客服', source: 'city' }
      ])
      assert.equal(await createListsRepository(tdb.database.db).countBlocklist(), 3)
    })

    test('a value in two consecutive batches, the second probed before the first is committed, takes the later row', async (t) => {
      const sink = await openBlocklistSink(tdb.database)
      t.after(() => release(sink))
      assert.deepEqual(await sink.write(batchOf(row('+8613800000011'))), { added: 1, updated: 0, unchanged: 0 })
      // A batch whose values are stored: its COPY conflicts, it is stored after a probe, and the batches after it
      // are probed (ahead, while the one before them is being stored) until one holds only new values.
      assert.deepEqual(await sink.write(batchOf(row('+8613800000011'))), { added: 0, updated: 0, unchanged: 1 })
      const other = await holdWriteLock()
      // Back and forth: what the second batch's probe reads (the stored row) equals its row, yet the first batch
      // changes it before the second is stored, so the second must still write.
      const first = sink.write(batchOf(row('+8613800000011', '冒充公检法'), row('+8613800000012')))
      const second = sink.write(batchOf(row('+8613800000011'), row('+8613800000013')))
      await waitForLockWaiter(other)
      // The second batch's probe needs no lock; give it time to read while the first batch cannot commit.
      await new Promise((r) => setTimeout(r, 300))
      await other.query('COMMIT')
      await letGo(other)
      assert.deepEqual(await first, { added: 1, updated: 1, unchanged: 0 })
      assert.deepEqual(await second, { added: 1, updated: 1, unchanged: 0 })
      assert.deepEqual(await sink.write(batchOf(row('+8613800000011'))), { added: 0, updated: 0, unchanged: 1 }, 'identical to what is stored')
      const stored = await tdb.database.db
        .selectFrom('blocklist_entries')
        .select(['value', 'category'])
        .where('value', 'in', ['+8613800000011', '+8613800000012', '+8613800000013'])
        .orderBy('value')
        .execute()
      assert.deepEqual(stored, [
        { value: '+8613800000011', category: '刷单返利' },
        { value: '+8613800000012', category: '刷单返利' },
        { value: '+8613800000013', category: '刷单返利' }
      ])
    })

    // A failed assertion must not leave the lock held (the sink would wait for it forever on close).
    let lockHolder: pg.Client | null = null
    async function letGo(other: pg.Client): Promise<void> {
      lockHolder = null
      await other.end()
    }
    async function release(sink: BlocklistSink): Promise<void> {
      if (lockHolder) await letGo(lockHolder)
      await sink.close()
    }

    async function holdWriteLock(): Promise<pg.Client> {
      const other = new pg.Client({ connectionString: tdb.url })
      lockHolder = other
      await other.connect()
      await other.query('BEGIN')
      await other.query('SELECT pg_advisory_xact_lock(7240001)')
      return other
    }

    async function waitForLockWaiter(other: pg.Client): Promise<void> {
      for (let i = 0; i < 250; i++) {
        const waiting = await other.query(`SELECT count(*)::int AS n FROM pg_locks
          WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`)
        if (waiting.rows[0].n > 0) return
        await new Promise((r) => setTimeout(r, 20))
      }
      assert.fail('no batch waited for the write lock')
    }
  })
}
