import { sql, type Kysely, type Selectable } from 'kysely'
import type { FraudTypeInput, TipPatch, VideoPatch } from '../../../types/learn.ts'
import type { DB, TipTable, VideoTable } from '../db/schema.ts'

export type TipRow = Selectable<TipTable>
export type VideoRow = Selectable<VideoTable>

export function createLearnRepository(db: Kysely<DB>) {
  return {
    async fraudTypes() {
      return db.selectFrom('fraud_types').select(['code', 'name', 'description', 'signs']).orderBy('sort').orderBy('code').execute()
    },

    /** 'name-taken' when another type already has the name (names are unique: residents pick types by name). */
    async upsertFraudType(code: string, t: FraudTypeInput, sort?: number): Promise<'ok' | 'name-taken'> {
      try {
        await db
          .insertInto('fraud_types')
          .values({ code, name: t.name, description: t.description, signs: t.signs, sort })
          .onConflict((oc) => oc.column('code').doUpdateSet({ name: t.name, description: t.description, signs: t.signs, updated_at: new Date() }))
          .execute()
        return 'ok'
      } catch (err) {
        if ((err as { code?: string }).code === '23505') return 'name-taken'
        throw err
      }
    },

    async createTip(t: {
      title: string
      fraudTypes: string[]
      body: unknown
      source: string
      publishedOn: string
      searchText: string
      status?: 'draft' | 'published'
    }): Promise<string> {
      const r = await db
        .insertInto('tips')
        .values({
          title: t.title,
          fraud_types: t.fraudTypes,
          body: JSON.stringify(t.body),
          source: t.source,
          published_on: t.publishedOn,
          search_text: t.searchText,
          status: t.status
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return String(r.id)
    },

    async updateTip(id: string, patch: TipPatch, searchText: string): Promise<void> {
      await db
        .updateTable('tips')
        .set({
          ...(patch.title !== undefined ? { title: patch.title } : {}),
          ...(patch.fraudTypes !== undefined ? { fraud_types: patch.fraudTypes } : {}),
          ...(patch.body !== undefined ? { body: JSON.stringify(patch.body) } : {}),
          ...(patch.source !== undefined ? { source: patch.source } : {}),
          ...(patch.publishedOn !== undefined ? { published_on: patch.publishedOn } : {}),
          search_text: searchText,
          updated_at: new Date()
        })
        .where('id', '=', id)
        .execute()
    },

    async setTipStatus(id: string, status: 'draft' | 'published'): Promise<void> {
      await db.updateTable('tips').set({ status, updated_at: new Date() }).where('id', '=', id).execute()
    },

    async tip(id: string, publishedOnly: boolean): Promise<TipRow | undefined> {
      if (!/^\d{1,18}$/.test(id)) return undefined
      let q = db.selectFrom('tips').selectAll().where('id', '=', id)
      if (publishedOnly) q = q.where('status', '=', 'published')
      return q.executeTakeFirst()
    },

    async allTips(): Promise<TipRow[]> {
      return db.selectFrom('tips').selectAll().orderBy('published_on', 'desc').orderBy('id', 'desc').execute()
    },

    /**
     * Published tips of a type, matching every term (substring of the folded text), best first: a term in the
     * title counts 10, each occurrence in the text 1; then newest first.
     */
    async searchTips(filter: { type?: string; terms: string[] }, offset: number, limit: number): Promise<TipRow[]> {
      let q = db.selectFrom('tips').selectAll().where('status', '=', 'published')
      if (filter.type) q = q.where(sql<boolean>`${filter.type} = ANY(fraud_types)`)
      for (const t of filter.terms) q = q.where(sql<boolean>`strpos(search_text, ${t}) > 0`)
      if (filter.terms.length === 0) return q.orderBy('published_on', 'desc').orderBy('id', 'desc').offset(offset).limit(limit).execute()
      const score = sql.join(
        filter.terms.map(
          (t) => sql`
        (CASE WHEN strpos(split_part(search_text, E'\\n', 1), ${t}) > 0 THEN 10 ELSE 0 END)
        + (length(search_text) - length(replace(search_text, ${t}, ''))) / length(${t})`
        ),
        sql` + `
      )
      return q
        .orderBy(sql`${score}`, 'desc')
        .orderBy('published_on', 'desc')
        .orderBy('id', 'desc')
        .offset(offset)
        .limit(limit)
        .execute()
    },

    async learnedAmong(residentId: string, tipIds: string[]): Promise<Set<string>> {
      if (tipIds.length === 0) return new Set()
      const rows = await db.selectFrom('tip_learned').select('tip_id').where('resident_id', '=', residentId).where('tip_id', 'in', tipIds).execute()
      return new Set(rows.map((r) => String(r.tip_id)))
    },

    async setLearned(residentId: string, tipId: string, learned: boolean): Promise<void> {
      if (learned) {
        await db
          .insertInto('tip_learned')
          .values({ resident_id: residentId, tip_id: tipId })
          .onConflict((oc) => oc.columns(['resident_id', 'tip_id']).doNothing())
          .execute()
      } else {
        await db.deleteFrom('tip_learned').where('resident_id', '=', residentId).where('tip_id', '=', tipId).execute()
      }
    },

    async createVideo(v: {
      title: string
      fraudType: string
      durationSeconds: number
      cover: string
      file: string
      captions?: string | null
      summary: string
      status?: 'draft' | 'published'
    }): Promise<string> {
      const r = await db
        .insertInto('videos')
        .values({
          title: v.title,
          fraud_type: v.fraudType,
          duration_seconds: v.durationSeconds,
          cover: v.cover,
          file: v.file,
          captions: v.captions ?? null,
          summary: v.summary,
          status: v.status,
          published_at: v.status === 'published' ? new Date() : null
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return String(r.id)
    },

    async updateVideo(id: string, patch: VideoPatch & { durationSeconds?: number }): Promise<void> {
      await db
        .updateTable('videos')
        .set({
          ...(patch.title !== undefined ? { title: patch.title } : {}),
          ...(patch.fraudType !== undefined ? { fraud_type: patch.fraudType } : {}),
          ...(patch.summary !== undefined ? { summary: patch.summary } : {}),
          ...(patch.file !== undefined ? { file: patch.file } : {}),
          ...(patch.cover !== undefined ? { cover: patch.cover } : {}),
          ...(patch.captions !== undefined ? { captions: patch.captions } : {}),
          ...(patch.durationSeconds !== undefined ? { duration_seconds: patch.durationSeconds } : {}),
          updated_at: new Date()
        })
        .where('id', '=', id)
        .execute()
    },

    async setVideoStatus(id: string, status: 'draft' | 'published'): Promise<void> {
      await db
        .updateTable('videos')
        .set({ status, updated_at: new Date(), ...(status === 'published' ? { published_at: new Date() } : {}) })
        .where('id', '=', id)
        .execute()
    },

    async video(id: string, publishedOnly: boolean): Promise<VideoRow | undefined> {
      if (!/^\d{1,18}$/.test(id)) return undefined
      let q = db.selectFrom('videos').selectAll().where('id', '=', id)
      if (publishedOnly) q = q.where('status', '=', 'published')
      return q.executeTakeFirst()
    },

    async videos(publishedOnly: boolean): Promise<VideoRow[]> {
      let q = db.selectFrom('videos').selectAll().orderBy('id', 'desc')
      if (publishedOnly) q = q.where('status', '=', 'published')
      return q.execute()
    },

    async countView(id: string): Promise<void> {
      await sql`UPDATE videos SET view_count = view_count + 1 WHERE id = ${id}`.execute(db)
    },

    async progressFor(residentId: string, videoIds: string[]): Promise<Map<string, number>> {
      if (videoIds.length === 0) return new Map()
      const rows = await db
        .selectFrom('video_progress')
        .select(['video_id', 'position_seconds'])
        .where('resident_id', '=', residentId)
        .where('video_id', 'in', videoIds)
        .execute()
      return new Map(rows.map((r) => [String(r.video_id), Number(r.position_seconds)]))
    },

    async setProgress(residentId: string, videoId: string, position: number, completed: boolean): Promise<void> {
      await db
        .insertInto('video_progress')
        .values({ resident_id: residentId, video_id: videoId, position_seconds: position, completed })
        .onConflict((oc) => oc.columns(['resident_id', 'video_id']).doUpdateSet({ position_seconds: position, completed, updated_at: new Date() }))
        .execute()
    },

    async tipCount(): Promise<number> {
      return Number(
        (
          await db
            .selectFrom('tips')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n
      )
    }
  }
}
export type LearnRepository = ReturnType<typeof createLearnRepository>
