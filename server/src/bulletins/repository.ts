import { sql, type Kysely, type Selectable } from 'kysely'
import type { BulletinInput, BulletinPatch, BulletinStatus, DeliveryStats } from '../../../types/bulletins.ts'
import type { BulletinTable, DB } from '../db/schema.ts'
import { OUTBOX_CHANNEL } from '../outbox/kind.ts'

export type BulletinRow = Selectable<BulletinTable>

const EMPTY_STATS: DeliveryStats = { targeted: 0, sent: 0, inAppOnly: 0, failed: 0, pending: 0, unknown: 0, read: 0 }

function columns(input: BulletinPatch) {
  return {
    ...(input.title !== undefined ? { title: input.title } : {}),
    ...(input.summaryShort !== undefined ? { summary_short: input.summaryShort } : {}),
    ...(input.summary !== undefined ? { summary: input.summary } : {}),
    ...(input.periodStart !== undefined ? { period_start: input.periodStart } : {}),
    ...(input.periodEnd !== undefined ? { period_end: input.periodEnd } : {}),
    ...(input.body !== undefined ? { body: JSON.stringify(input.body) } : {}),
    ...(input.tags !== undefined ? { tags: input.tags } : {}),
    ...(input.hotline !== undefined ? { hotline: input.hotline } : {}),
    ...(input.audience !== undefined ? { audience: input.audience } : {}),
    ...(input.severity !== undefined ? { severity: input.severity } : {})
  }
}

/** Opaque paging cursor: the last item's publish time and id. */
export function encodeCursor(publishedAt: Date, id: string): string {
  return Buffer.from(`${publishedAt.toISOString()}|${id}`).toString('base64url')
}
export function decodeCursor(cursor: string): { publishedAt: Date; id: string } | null {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|')
  const publishedAt = new Date(at ?? '')
  return id && /^\d{1,18}$/.test(id) && !Number.isNaN(publishedAt.getTime()) ? { publishedAt, id } : null
}

export function createBulletinRepository(db: Kysely<DB>) {
  /** Published bulletins a reader may see: county-wide ones, plus their township's when known. */
  const visible = (township: string | null) => {
    let q = db.selectFrom('bulletins').selectAll().where('status', '=', 'published')
    q = township === null ? q.where('audience', 'is', null) : q.where((eb) => eb.or([eb('audience', 'is', null), sql<boolean>`${township} = ANY(audience)`]))
    return q
  }

  return {
    async create(input: BulletinInput, adminId: string | null): Promise<string> {
      const row = await db
        .insertInto('bulletins')
        .values({
          ...columns(input),
          title: input.title,
          summary_short: input.summaryShort,
          summary: input.summary,
          period_start: input.periodStart,
          period_end: input.periodEnd,
          body: JSON.stringify(input.body),
          severity: input.severity,
          audience: input.audience,
          created_by: adminId
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return String(row.id)
    },

    async find(id: string): Promise<BulletinRow | undefined> {
      if (!/^\d{1,18}$/.test(id)) return undefined
      return db.selectFrom('bulletins').selectAll().where('id', '=', id).executeTakeFirst()
    },

    /** Changes a bulletin that is not published yet; false when it is (or does not exist). */
    async update(id: string, patch: BulletinPatch): Promise<boolean> {
      const r = await db
        .updateTable('bulletins')
        .set({ ...columns(patch), updated_at: new Date() })
        .where('id', '=', id)
        .where('status', 'in', ['draft', 'scheduled'])
        .executeTakeFirst()
      return r.numUpdatedRows > 0n
    },

    async schedule(id: string, at: Date): Promise<boolean> {
      const r = await db
        .updateTable('bulletins')
        .set({ status: 'scheduled', scheduled_at: at, updated_at: new Date() })
        .where('id', '=', id)
        .where('status', 'in', ['draft', 'scheduled'])
        .executeTakeFirst()
      return r.numUpdatedRows > 0n
    },

    async withdraw(id: string, now: Date): Promise<boolean> {
      const r = await db
        .updateTable('bulletins')
        .set({ status: 'withdrawn', withdrawn_at: now, updated_at: now })
        .where('id', '=', id)
        .where('status', '=', 'published')
        .executeTakeFirst()
      return r.numUpdatedRows > 0n
    },

    /**
     * Publishes in one transaction: the next issue number of the year (gap-free), the status, and one delivery row
     * per registered resident in the audience. Workers are woken by NOTIFY at commit.
     */
    async publish(id: string, year: number, now: Date): Promise<{ year: number; issueNo: number; targeted: number } | 'not-publishable'> {
      return db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('bulletins').select(['status', 'audience']).where('id', '=', id).forUpdate().executeTakeFirst()
        if (!row || (row.status !== 'draft' && row.status !== 'scheduled')) return 'not-publishable' as const
        const counter = await sql<{ last_issue: number }>`
          INSERT INTO bulletin_counters (year, last_issue) VALUES (${year}, 1)
          ON CONFLICT (year) DO UPDATE SET last_issue = bulletin_counters.last_issue + 1
          RETURNING last_issue`.execute(trx)
        const issueNo = counter.rows[0].last_issue
        await trx
          .updateTable('bulletins')
          .set({ status: 'published', year, issue_no: issueNo, published_at: now, updated_at: now })
          .where('id', '=', id)
          .execute()
        const inserted = await sql`
          INSERT INTO deliveries (bulletin_id, resident_id, next_attempt_at)
          SELECT ${id}, r.id, ${now} FROM residents r
          WHERE r.registered_at IS NOT NULL AND r.deleted_at IS NULL
            AND (${row.audience}::text[] IS NULL OR r.township_code = ANY(${row.audience}::text[]))
          ON CONFLICT (bulletin_id, resident_id) DO NOTHING`.execute(trx)
        await sql`SELECT pg_notify(${OUTBOX_CHANNEL}, ${id})`.execute(trx)
        return { year, issueNo, targeted: Number(inserted.numAffectedRows ?? 0n) }
      })
    },

    /** Residents a publish would address now (the same rule as the publish's INSERT). */
    async audienceSize(audience: string[] | null): Promise<number> {
      const r = await sql<{ n: string }>`
        SELECT count(*) AS n FROM residents r
        WHERE r.registered_at IS NOT NULL AND r.deleted_at IS NULL
          AND (${audience}::text[] IS NULL OR r.township_code = ANY(${audience}::text[]))`.execute(db)
      return Number(r.rows[0].n)
    },

    async nextScheduled(): Promise<Date | null> {
      const r = await db
        .selectFrom('bulletins')
        .select((eb) => eb.fn.min('scheduled_at').as('at'))
        .where('status', '=', 'scheduled')
        .executeTakeFirst()
      return r?.at ? new Date(r.at as unknown as string | Date) : null
    },

    /** Scheduled bulletins whose time has come. */
    async dueScheduled(now: Date): Promise<string[]> {
      const rows = await db
        .selectFrom('bulletins')
        .select('id')
        .where('status', '=', 'scheduled')
        .where('scheduled_at', '<=', now)
        .orderBy('scheduled_at')
        .execute()
      return rows.map((r) => String(r.id))
    },

    async list(status: BulletinStatus | undefined): Promise<BulletinRow[]> {
      let q = db.selectFrom('bulletins').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(200)
      if (status) q = q.where('status', '=', status)
      return q.execute()
    },

    async stats(ids: string[]): Promise<Map<string, DeliveryStats>> {
      const result = new Map<string, DeliveryStats>(ids.map((id) => [id, { ...EMPTY_STATS }]))
      if (ids.length === 0) return result
      const deliveries = await db
        .selectFrom('deliveries')
        .select((eb) => [
          'bulletin_id',
          eb.fn.countAll<string>().as('targeted'),
          eb.fn.countAll<string>().filterWhere('status', '=', 'sent').as('sent'),
          eb.fn.countAll<string>().filterWhere('status', '=', 'in_app').as('in_app'),
          eb.fn.countAll<string>().filterWhere('status', '=', 'failed').as('failed'),
          eb.fn.countAll<string>().filterWhere('status', 'in', ['pending', 'sending']).as('pending'),
          eb.fn.countAll<string>().filterWhere('status', '=', 'unknown').as('unknown')
        ])
        .where('bulletin_id', 'in', ids)
        .groupBy('bulletin_id')
        .execute()
      for (const d of deliveries) {
        Object.assign(result.get(String(d.bulletin_id)) ?? {}, {
          targeted: Number(d.targeted),
          sent: Number(d.sent),
          inAppOnly: Number(d.in_app),
          failed: Number(d.failed),
          pending: Number(d.pending),
          unknown: Number(d.unknown)
        })
      }
      const reads = await db
        .selectFrom('bulletin_reads')
        .select((eb) => ['bulletin_id', eb.fn.countAll<string>().as('n')])
        .where('bulletin_id', 'in', ids)
        .groupBy('bulletin_id')
        .execute()
      for (const r of reads) {
        const s = result.get(String(r.bulletin_id))
        if (s) s.read = Number(r.n)
      }
      return result
    },

    /** A page of what this reader sees, newest first, with their read marks. */
    async page(reader: { township: string | null; residentId: string | null }, after: { publishedAt: Date; id: string } | null, limit: number) {
      let q = visible(reader.township)
      if (after) {
        q = q.where((eb) => eb.or([eb('published_at', '<', after.publishedAt), eb.and([eb('published_at', '=', after.publishedAt), eb('id', '<', after.id)])]))
      }
      const rows = await q
        .orderBy('published_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute()
      const read =
        reader.residentId && rows.length > 0
          ? new Set(
              (
                await db
                  .selectFrom('bulletin_reads')
                  .select('bulletin_id')
                  .where('resident_id', '=', reader.residentId)
                  .where(
                    'bulletin_id',
                    'in',
                    rows.map((r) => r.id)
                  )
                  .execute()
              ).map((r) => String(r.bulletin_id))
            )
          : null
      return { rows: rows.slice(0, limit), more: rows.length > limit, read }
    },

    async visibleOne(id: string, township: string | null): Promise<BulletinRow | undefined> {
      if (!/^\d{1,18}$/.test(id)) return undefined
      return visible(township).where('id', '=', id).executeTakeFirst()
    },

    async markRead(bulletinId: string, residentId: string): Promise<void> {
      await db
        .insertInto('bulletin_reads')
        .values({ bulletin_id: bulletinId, resident_id: residentId })
        .onConflict((oc) => oc.columns(['bulletin_id', 'resident_id']).doNothing())
        .execute()
    },

    /** Unread bulletins published since `since` that this resident may see, and the newest unread urgent one. */
    async unread(residentId: string, township: string | null, since: Date) {
      const rows = await visible(township)
        .where('published_at', '>=', since)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('bulletin_reads')
                .select('bulletin_id')
                .whereRef('bulletin_reads.bulletin_id', '=', 'bulletins.id')
                .where('bulletin_reads.resident_id', '=', residentId)
            )
          )
        )
        .orderBy('published_at', 'desc')
        .execute()
      return { count: rows.length, urgent: rows.find((r) => r.severity === 'urgent') ?? null }
    }
  }
}
export type BulletinRepository = ReturnType<typeof createBulletinRepository>
