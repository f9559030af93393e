// The hand-written table types (schema.ts: narrower than the catalogue, e.g. a status's literal values) held against the
// types kysely-codegen reads from the migrated database (generated.ts). `tsc` fails here, naming the table and column,
// when a migration and schema.ts disagree: a column missing on either side, a type the driver does not return, or a
// column that may be null typed as never null (or the reverse).
import type { SelectType } from 'kysely'
import type { DB } from './schema.ts'
import type { DB as Catalogue, JsonValue } from './generated.ts'

type Nullable<T> = null extends T ? 'nullable' : 'not null'

/**
 * JSON columns are typed by what the code stores there; the catalogue only knows "JSON" (whose values include null, so
 * it cannot tell a nullable JSON column either).
 */
type IsJson<G> = [JsonValue] extends [G] ? true : false

type ColumnProblem<Table extends string, Column extends string, H, G> =
  IsJson<G> extends true
    ? never
    : Nullable<H> extends Nullable<G>
      ? [H] extends [G]
        ? never
        : `${Table}.${Column}: schema.ts says a type the database does not return`
      : `${Table}.${Column}: schema.ts says ${Nullable<H>}, the database ${Nullable<G>}`

type TableProblems<Table extends string, H, G> =
  | { [C in Exclude<keyof G, keyof H>]: `${Table}.${C & string}: a column schema.ts does not have` }[Exclude<keyof G, keyof H>]
  | { [C in Exclude<keyof H, keyof G>]: `${Table}.${C & string}: in schema.ts but not in the database` }[Exclude<keyof H, keyof G>]
  | { [C in keyof H & keyof G]: ColumnProblem<Table, C & string, SelectType<H[C]>, SelectType<G[C]>> }[keyof H & keyof G]

type Problems =
  | {
      [T in keyof Catalogue]: T extends keyof DB ? TableProblems<T & string, DB[T], Catalogue[T]> : `${T & string}: a table schema.ts does not have`
    }[keyof Catalogue]
  | { [T in Exclude<keyof DB, keyof Catalogue>]: `${T & string}: in schema.ts but not in the database` }[Exclude<keyof DB, keyof Catalogue>]

/** `true` only when there is nothing to report; otherwise tsc prints each problem as the type it expected. */
export const schemaAgreesWithDatabase: [Problems] extends [never] ? true : Problems = true
