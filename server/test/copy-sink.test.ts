import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import pg from 'pg'
import { openBlocklistSink, createListsRepository, type BlockRow } from '../src/lists/repository.ts'
import { openTestDatabase, storesUnderTest, type TestDatabase } from './helpers.ts'

const row = (value: string, category = '刷单返利'): BlockRow => ({ kind: 'phone', value, category, source: 'city', note: null, expiresAt: null })

// The COPY pipeline exists on PostgreSQL only (PGlite takes batched upserts).
if (storesUnderTest().includes('postgres')) {
  describe('the COPY import sink on postgres', () => {
    let tdb: TestDatabase
    before(async () => {
      tdb = await openTestDatabase('postgres')
    })
    after(async () => {
      await tdb.cleanup()
    })

    test('a value listed while a staged batch waits for the write lock is merged, not duplicated or lost; staging tables are dropped', async () => {
      const sink = await openBlocklistSink(tdb.database)
      assert.deepEqual(await sink.write([row('+8613800000001'), row('+8613800000002')]), { added: 2, updated: 0, unchanged: 0 })

      // Hold the write lock from another connection so the next batch is staged but not merged;
      // list one of its values meanwhile, then let the merge run.
      const other = new pg.Client({ connectionString: tdb.url })
      await other.connect()
      await other.query('BEGIN')
      await other.query('SELECT pg_advisory_xact_lock(7240001)')
      const pending = sink.write([row('+8613800000003', '冒充客服'), row('+8613800000001')])
      for (let i = 0; i < 100; i++) {
        const staged = await other.query(`SELECT count(*)::int AS n FROM pg_class WHERE relname LIKE 'blocklist\\_stage\\_%'`)
        if (staged.rows[0].n > 0) break
        await new Promise((r) => setTimeout(r, 20))
      }
      await new Promise((r) => setTimeout(r, 200))
      await other.query(`INSERT INTO blocklist_entries (kind, value, category, source) VALUES ('phone', '+8613800000003', '刷单返利', 'centre')`)
      await other.query('COMMIT')
      await other.end()
      assert.deepEqual(await pending, { added: 0, updated: 1, unchanged: 1 }, 'the late entry is updated to the file row; the known one unchanged')
      await sink.close()

      const rows = await tdb.database.db.selectFrom('blocklist_entries').select(['value', 'category', 'source']).orderBy('value').execute()
      assert.deepEqual(rows, [
        { value: '+8613800000001', category: '刷单返利', source: 'city' },
        { value: '+8613800000002', category: '刷单返利', source: 'city' },
        { value: '+8613800000003', category: '冒充客服', source: 'city' }
      ])
      const left = await tdb.database.db.selectFrom('pg_class' as never).select('relname' as never).where('relname' as never, 'like', 'blocklist\\_stage\\_%' as never).execute()
      assert.equal(left.length, 0)
      assert.equal((await createListsRepository(tdb.database.db).countBlocklist()), 3)
    })
  })
}
