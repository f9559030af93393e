import type { Migration } from 'kysely'
import * as m001 from './001_lists.ts'

/** Numbered migrations, applied in name order. Add new ones here; never edit a released one. */
export const migrations: Record<string, Migration> = {
  '001_lists': m001
}
