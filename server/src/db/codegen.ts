import { generate, PostgresDialect as CodegenPostgres } from 'kysely-codegen'
import type { Database } from './database.ts'

/**
 * What the driver hands back for these column types, as database.ts sets it up: DATE stays the day's text; int8 and
 * numeric stay strings (pg's default, parsed where a repository asks).
 */
const TYPE_MAPPING = { date: 'string' }

/**
 * The table types of the migrated database as kysely-codegen writes them (the field's tool), read from the catalogue of
 * `database` (PostgreSQL or PGlite: one dialect). The committed copy is `generated.ts`; `npm run db:types` rewrites it.
 */
export async function generatedTableTypes(database: Database): Promise<string> {
  return generate({
    db: database.db,
    dialect: new CodegenPostgres(),
    typeMapping: TYPE_MAPPING,
    // The migrator's own bookkeeping is not ours to query.
    excludePattern: 'qiandai_migrations*',
    print: false,
    outFile: null,
    typeOnlyImports: true
  })
}
