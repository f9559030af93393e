import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { createAreasRepository } from '../src/areas/repository.ts'
import { defaultAreas } from '../src/areas/service.ts'
import { buildTestApp, openTestDatabase, storeOptions, storesUnderTest, type TestDatabase } from './helpers.ts'

const TOWNSHIPS = ['城关镇', '四亩地镇', '江口回族镇', '广货街镇', '龙王镇', '筒车湾镇', '金川镇', '皇冠镇', '太山庙镇', '梅子镇', '新场镇']

for (const store of storesUnderTest()) {
  describe(`areas on ${store}`, storeOptions(store), () => {
    let tdb: TestDatabase
    let app: FastifyInstance
    before(async () => {
      tdb = await openTestDatabase(store)
      ;({ app } = await buildTestApp(tdb.database))
    })
    after(async () => {
      await app.close()
      await tdb.cleanup()
    })

    test('the shipped list loads once and a re-load changes nothing; an edit is an update', async () => {
      const repo = createAreasRepository(tdb.database.db)
      const rows = defaultAreas()
      assert.deepEqual(await repo.upsert(rows), { added: rows.length, updated: 0, unchanged: 0 })
      assert.deepEqual(await repo.upsert(rows), { added: 0, updated: 0, unchanged: rows.length })
      const village = rows.find((r) => r.parentCode !== null)!
      assert.deepEqual(await repo.upsert([{ ...village, population16to60: village.population16to60 + 1 }]), { added: 0, updated: 1, unchanged: 0 })
    })

    test('GET /api/v1/areas: the 11 townships of Ningshan, each with its villages, names only', async () => {
      const res = await app.inject({ method: 'GET', url: '/api/v1/areas' })
      assert.equal(res.statusCode, 200)
      const { townships } = res.json()
      assert.deepEqual(townships.map((t: { name: string }) => t.name).sort(), [...TOWNSHIPS].sort())
      for (const t of townships) assert.ok(t.villages.length >= 3, t.name)
      assert.doesNotMatch(res.body, /population/)
    })
  })
}
