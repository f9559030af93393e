// `npm run db:types`: migrates an in-memory embedded database and writes its table types to server/src/db/generated.ts.
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { generatedTableTypes } from '../src/db/codegen.ts'
import { migrateToLatest, openDatabase } from '../src/db/database.ts'

const database = await openDatabase({ dataDir: 'memory://' })
try {
  await migrateToLatest(database.db)
  const out = path.join(import.meta.dirname, '../src/db/generated.ts')
  writeFileSync(out, await generatedTableTypes(database))
  process.stdout.write(`wrote ${path.relative(process.cwd(), out)}\n`)
} finally {
  await database.close()
}
