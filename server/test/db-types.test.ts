// The committed table types (server/src/db/generated.ts, which schema-check.ts holds schema.ts against) are what
// kysely-codegen reads from a freshly migrated database, on each store: a migration without `npm run db:types` fails here.
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { generatedTableTypes } from '../src/db/codegen.ts'
import { openTestDatabase, storeOptions, storesUnderTest } from './helpers.ts'

const committed = readFileSync(path.join(import.meta.dirname, '../src/db/generated.ts'), 'utf8')

for (const store of storesUnderTest()) {
  describe(`database types on ${store}`, storeOptions(store), () => {
    test('generated.ts is what kysely-codegen reads from the migrated tables (run npm run db:types after a migration)', async () => {
      const tdb = await openTestDatabase(store)
      try {
        const fresh = await generatedTableTypes(tdb.database)
        assert.ok(fresh.includes('export interface Warnings {'), 'the catalogue was read')
        assert.equal(fresh, committed)
      } finally {
        await tdb.cleanup()
      }
    })
  })
}
