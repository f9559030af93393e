import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'

export interface MediaRow {
  name: string
  contentType: string
  size: number
  durationSeconds: number | null
}

export function createMediaRepository(db: Kysely<DB>) {
  return {
    async add(m: MediaRow): Promise<void> {
      await db
        .insertInto('media')
        .values({ name: m.name, content_type: m.contentType, size: m.size, duration_seconds: m.durationSeconds })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute()
    },
    async find(name: string): Promise<MediaRow | undefined> {
      const r = await db.selectFrom('media').selectAll().where('name', '=', name).executeTakeFirst()
      return (
        r && {
          name: r.name,
          contentType: r.content_type,
          size: Number(r.size),
          durationSeconds: r.duration_seconds === null ? null : Number(r.duration_seconds)
        }
      )
    }
  }
}
export type MediaRepository = ReturnType<typeof createMediaRepository>
