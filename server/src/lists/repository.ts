import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { sql, type Kysely } from 'kysely'
import type { PoolClient } from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import type { DB } from '../db/schema.ts'
import type { Database } from '../db/database.ts'
import type { ValueKind } from '../../../types/kinds.ts'
import { BLOCK_SOURCE_VALUES } from '../../../types/lists.ts'

export type ListKind = ValueKind
export type BlockSource = (typeof BLOCK_SOURCE_VALUES)[number]
export const BLOCK_SOURCES: readonly BlockSource[] = BLOCK_SOURCE_VALUES

export interface BlockRow {
  kind: ListKind
  value: string
  category: string
  source: BlockSource
  note: string | null
  /** When the entry stops matching; null or absent: never. */
  expiresAt?: Date | null
}

export interface BlockChangeRow {
  kind: ListKind
  value: string
  category: string
  source: string
  active: boolean
  expiresAt: Date | null
  changeSeq: bigint
}

export interface UpsertSummary {
  added: number
  updated: number
  unchanged: number
}

// Every writer to blocklist_entries takes this lock first, so change_seq order equals commit order and a
// reader that has seen seq N has seen every change before it (see docs/architecture.md "Blocklist change feed").
const BLOCKLIST_WRITE_LOCK = 7_240_001

/**
 * Upserts the rows of `incoming` (kind, value, category, source, note, expires_at; no (kind, value) twice) and
 * counts what changed. Rows identical to what is stored are left alone, so a re-run changes nothing; a listed
 * row brings a removed entry back to active.
 */
const MERGE_INTO_BLOCKLIST = `
  merged AS (
    INSERT INTO blocklist_entries (kind, value, category, source, note, expires_at)
    SELECT kind, value, category, source, note, expires_at FROM incoming
    ON CONFLICT (kind, value) DO UPDATE
      SET category = EXCLUDED.category, source = EXCLUDED.source, note = EXCLUDED.note, expires_at = EXCLUDED.expires_at, status = 'active'
      WHERE (blocklist_entries.category, blocklist_entries.source, blocklist_entries.note, blocklist_entries.expires_at, blocklist_entries.status)
            IS DISTINCT FROM (EXCLUDED.category, EXCLUDED.source, EXCLUDED.note, EXCLUDED.expires_at, 'active')
    RETURNING (xmax = 0) AS inserted
  )
  SELECT count(*) FILTER (WHERE inserted) AS added, count(*) AS changed FROM merged`

function mergeSummary(rows: number, r: { added: string | number; changed: string | number } | undefined): UpsertSummary {
  const added = Number(r?.added ?? 0)
  const changed = Number(r?.changed ?? 0)
  return { added, updated: changed - added, unchanged: rows - changed }
}

/** The upsert itself; the caller holds the blocklist write lock in `trx`. */
export async function upsertRows(trx: Kysely<DB>, rows: readonly BlockRow[]): Promise<UpsertSummary> {
  const result = await sql<{ added: string; changed: string }>`
    WITH incoming AS (
      SELECT * FROM unnest(${rows.map((r) => r.kind)}::text[], ${rows.map((r) => r.value)}::text[],
                           ${rows.map((r) => r.category)}::text[], ${rows.map((r) => r.source)}::text[],
                           ${rows.map((r) => r.note)}::text[], ${rows.map((r) => r.expiresAt?.toISOString() ?? null)}::timestamptz[])
        AS t (kind, value, category, source, note, expires_at)
    ), ${sql.raw(MERGE_INTO_BLOCKLIST)}`.execute(trx)
  return mergeSummary(rows.length, result.rows[0])
}

const ENTRY_COLUMNS = ['id', 'kind', 'value', 'category', 'source', 'note', 'status', 'expires_at', 'created_at', 'updated_at'] as const

/** The identity of a blocklist row: no batch holds two rows with the same key. */
export const blockRowKey = (r: Pick<BlockRow, 'kind' | 'value'>): string => r.kind + ' ' + r.value

/** Rows by `blockRowKey`, in file order. */
export type BlockBatch = ReadonlyMap<string, BlockRow>

/** Something that stores validated blocklist rows batch by batch (an import's destination). */
export interface BlocklistSink {
  /** Rows per batch this sink works best with. */
  readonly batchSize: number
  /** How many batches may be handed over before the first is stored (the sink keeps their order). */
  readonly inFlight: number
  write(batch: BlockBatch): Promise<UpsertSummary>
  close(): Promise<void>
}

/**
 * Sets an entry's status inside the caller's transaction (an appeal and its entry change together), under the
 * blocklist write lock like every blocklist write. False when there is no such entry (or it was removed).
 */
export async function setBlocklistStatusIn(trx: Kysely<DB>, kind: ListKind, value: string, status: 'active' | 'appealed' | 'removed'): Promise<boolean> {
  await sql`SELECT pg_advisory_xact_lock(${BLOCKLIST_WRITE_LOCK})`.execute(trx)
  const r = await trx
    .updateTable('blocklist_entries')
    .set({ status })
    .where('kind', '=', kind)
    .where('value', '=', value)
    .where('status', '<>', 'removed')
    .executeTakeFirst()
  return r.numUpdatedRows > 0n
}

const COPY_BATCH = 50_000

/** What a probe found stored for one row of a batch: [batch index, category, source, note, expires ms, status]. */
type StoredRow = [number, string, string, string | null, string | null, string]

/**
 * Stored rows for a batch's keys. The keys travel as two newline-joined texts (values never hold control
 * characters), far cheaper to build than 50,000-element array parameters. The session this runs in has hash and
 * merge joins off: the plan must be a nested loop probing the unique (kind, value) index whatever the statistics
 * say; left to itself the planner hashes the whole blocklist for every batch.
 */
const PROBE_STORED = `
  SELECT i.n::int, b.category, b.source, b.note, (extract(epoch FROM b.expires_at) * 1000)::bigint::text, b.status
  FROM unnest(string_to_array($1, E'\\n'), string_to_array($2, E'\\n')) WITH ORDINALITY AS i (kind, value, n)
  JOIN blocklist_entries b ON b.kind = i.kind AND b.value = i.value`

const UPDATE_CHANGED = `
  UPDATE blocklist_entries b
  SET category = i.category, source = i.source, note = i.note, expires_at = i.expires_at, status = 'active'
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[]) AS i (kind, value, category, source, note, expires_at)
  WHERE b.kind = i.kind AND b.value = i.value`

const COPY_INTO_BLOCKLIST = 'COPY blocklist_entries (kind, value, category, source, note, expires_at) FROM STDIN'

/** Stored state per batch index. */
async function probeStored(client: PoolClient, batch: BlockBatch): Promise<Map<number, StoredRow>> {
  let kinds = ''
  let values = ''
  for (const r of batch.values()) {
    const sep = kinds === '' ? '' : '\n'
    kinds += sep + r.kind
    values += sep + r.value
  }
  const probe = await client.query<StoredRow>({ text: PROBE_STORED, values: [kinds, values], rowMode: 'array' })
  const stored = new Map<number, StoredRow>()
  for (const s of probe.rows) stored.set(s[0] - 1, s)
  return stored
}

function sameAsStored(r: BlockRow, s: StoredRow): boolean {
  return s[5] === 'active' && s[1] === r.category && s[2] === r.source && s[3] === r.note && s[4] === (r.expiresAt ? String(r.expiresAt.getTime()) : null)
}

function sameRow(a: BlockRow, b: BlockRow): boolean {
  return a.category === b.category && a.source === b.source && a.note === b.note && (a.expiresAt?.getTime() ?? null) === (b.expiresAt?.getTime() ?? null)
}

/** How a batch will be stored: every row COPYed on the bet that none is stored yet, or split by a probe. */
type StorePlan =
  | { kind: 'copy' }
  | {
      kind: 'probed'
      stored: Map<number, StoredRow>
      /** The batch before this one, which may not have been committed when the probe read: its rows win over the probe's. */
      before: BlockBatch | null
    }

interface StoreOutcome {
  summary: UpsertSummary
  /** A bet that nothing was stored lost (a key was): the batch went in again after a probe. */
  conflicted: boolean
}

/**
 * PostgreSQL, two connections. The writer stores each batch in one transaction under the blocklist write lock:
 * new rows are COPYed straight into blocklist_entries (bulk insertion, what makes psql's \copy fast), changed ones
 * updated, identical ones left alone. Which rows are new comes from a probe of the unique index that the other
 * connection runs for a batch while the writer is still storing the previous one. The probe reads without the
 * lock: the previous batch's rows stand in for what it could not see yet.
 *
 * While the batches hold only new values (a first load, new cases in a feed) the probe is skipped: after a probe
 * finds nothing stored, the next batch is COPYed whole, and so on while no COPY meets a stored key. When one does,
 * or anyone else listed one of the values in between, the unique key breaks the COPY, the batch is rolled back and
 * stored again with a probe made under the lock, and the batches after it are probed until one is all new again.
 */
export async function openCopySink(writer: PoolClient, prober: PoolClient): Promise<BlocklistSink> {
  for (const client of [prober, writer]) await client.query('SET enable_hashjoin = off; SET enable_mergejoin = off; SET jit = off')
  let last: { batch: BlockBatch; plan: Promise<StorePlan>; stored: Promise<StoreOutcome> } | null = null
  let storedBeforeLast: Promise<unknown> = Promise.resolve()
  return {
    batchSize: COPY_BATCH,
    inFlight: 2,
    write(batch) {
      if (batch.size === 0) return Promise.resolve({ added: 0, updated: 0, unchanged: 0 })
      const previous = last
      const beforePrevious = storedBeforeLast
      const probe = async (before: BlockBatch | null): Promise<StorePlan> => ({ kind: 'probed', stored: await probeStored(prober, batch), before })
      const plan = (async (): Promise<StorePlan> => {
        if (previous === null) return probe(null)
        const previousPlan = await previous.plan
        if (previousPlan.kind === 'probed') {
          if (previousPlan.stored.size === 0) return { kind: 'copy' }
          // Once the batch before the previous one is committed, only the previous one can be missing from the probe.
          await beforePrevious
          return probe(previous.batch)
        }
        const outcome = await previous.stored
        return outcome.conflicted ? probe(null) : { kind: 'copy' }
      })()
      // Batches are stored strictly in order; a failed one stops every later one (they chain on it).
      const stored = Promise.all([plan, previous?.stored]).then(([p]) => storeBatch(writer, batch, p))
      storedBeforeLast = previous?.stored ?? Promise.resolve()
      last = { batch, plan, stored }
      return stored.then((o) => o.summary)
    },
    async close() {
      if (last) await Promise.allSettled([last.plan, last.stored])
      for (const client of [prober, writer]) {
        await client.query('RESET enable_hashjoin; RESET enable_mergejoin; RESET jit').catch(() => {})
        client.release()
      }
    }
  }
}

async function storeBatch(client: PoolClient, batch: BlockBatch, plan: StorePlan | null): Promise<StoreOutcome> {
  await client.query('BEGIN')
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [BLOCKLIST_WRITE_LOCK])
    if (plan?.kind === 'copy') {
      await copyRows(client, batch.values())
      await client.query('COMMIT')
      return { summary: { added: batch.size, updated: 0, unchanged: 0 }, conflicted: false }
    }
    const stored = plan?.stored ?? (await probeStored(client, batch))
    const fresh: BlockRow[] = []
    const changed: BlockRow[] = []
    let i = 0
    for (const [key, r] of batch) {
      const earlier = plan?.before?.get(key)
      const s = stored.get(i++)
      if (earlier !== undefined) {
        if (!sameRow(r, earlier)) changed.push(r)
      } else if (s === undefined) fresh.push(r)
      else if (!sameAsStored(r, s)) changed.push(r)
    }
    if (fresh.length > 0) await copyRows(client, fresh)
    if (changed.length > 0) {
      await client.query(UPDATE_CHANGED, [
        changed.map((r) => r.kind),
        changed.map((r) => r.value),
        changed.map((r) => r.category),
        changed.map((r) => r.source),
        changed.map((r) => r.note),
        changed.map((r) => r.expiresAt?.toISOString() ?? null)
      ])
    }
    await client.query('COMMIT')
    return { summary: { added: fresh.length, updated: changed.length, unchanged: batch.size - fresh.length - changed.length }, conflicted: false }
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {})
    // A key was stored after all (listed since the probe, or the bet lost): store the batch again, probing under the lock.
    if (plan !== null && (err as { code?: string }).code === '23505') return { ...(await storeBatch(client, batch, null)), conflicted: true }
    throw err
  }
}

async function copyRows(client: PoolClient, rows: Iterable<BlockRow>): Promise<void> {
  await pipeline(Readable.from([copyText(rows)]), client.query(copyFrom(COPY_INTO_BLOCKLIST)))
}

const BATCHED_INSERT = 5_000

/** The fastest sink the store offers: COPY on PostgreSQL, batched multi-row upserts on PGlite (no COPY FROM STDIN there). */
export async function openBlocklistSink(database: Database): Promise<BlocklistSink> {
  if (database.kind === 'postgres') {
    const writer = await database.connect()
    try {
      return await openCopySink(writer, await database.connect())
    } catch (err) {
      writer.release()
      throw err
    }
  }
  const repo = createListsRepository(database.db)
  return { batchSize: BATCHED_INSERT, inFlight: 1, write: (batch) => repo.upsertBlocklist([...batch.values()]), close: async () => {} }
}

/** Rows in COPY text format. Values never hold control characters (validated); backslashes are escaped. */
function copyText(rows: Iterable<BlockRow>): string {
  const esc = (s: string) => (s.includes('\\') ? s.replace(/\\/g, '\\\\') : s)
  let out = ''
  for (const r of rows) {
    out += `${r.kind}\t${esc(r.value)}\t${esc(r.category)}\t${r.source}\t${r.note === null ? '\\N' : esc(r.note)}\t${r.expiresAt ? r.expiresAt.toISOString() : '\\N'}\n`
  }
  return out
}

export function createListsRepository(db: Kysely<DB>) {
  return {
    /**
     * Changes to entries of every kind after `afterSeq`, oldest first. A page travels as one tab-separated text value
     * rather than thousands of row objects: loading a million entries is dominated by per-row result
     * handling otherwise (most of all on PGlite). Values and categories never contain tabs or newlines
     * (import and the admin API refuse control characters).
     */
    async blockChangesSince(afterSeq: bigint, limit: number): Promise<BlockChangeRow[]> {
      const result = await sql<{ page: string | null }>`
        SELECT string_agg(concat_ws(E'\t', value, category, source, status,
                 coalesce((extract(epoch FROM expires_at) * 1000)::bigint, 0), change_seq, kind), E'\n' ORDER BY change_seq) AS page
        FROM (SELECT kind, value, category, source, status, expires_at, change_seq FROM blocklist_entries
              WHERE change_seq > ${afterSeq.toString()}::bigint
              ORDER BY change_seq LIMIT ${limit}) AS changes`.execute(db)
      const page = result.rows[0]?.page
      if (!page) return []
      return page.split('\n').map((line) => {
        const [value, category, source, status, expires, seq, kind] = line.split('\t')
        const expiresMs = Number(expires)
        // An appealed entry keeps matching until the appeal is decided.
        return {
          kind: kind as ListKind,
          value,
          category,
          source,
          active: status !== 'removed',
          expiresAt: expiresMs > 0 ? new Date(expiresMs) : null,
          changeSeq: BigInt(seq)
        }
      })
    },

    /**
     * Refreshes planner statistics. After a bulk load without them, PostgreSQL estimates a few hundred rows and
     * sorts the whole remaining change feed for every page instead of walking the change_seq index.
     */
    async analyze(): Promise<void> {
      await sql`ANALYZE blocklist_entries`.execute(db)
    },

    async verifiedNumbers(): Promise<Array<{ value: string; label: string; category: string }>> {
      return db.selectFrom('verified_numbers').select(['value', 'label', 'category']).execute()
    },

    async reportTallies(kind: ListKind): Promise<Array<{ value: string; reporters: number }>> {
      return db.selectFrom('report_tallies').select(['value', 'reporters']).where('kind', '=', kind).where('reporters', '>', 0).execute()
    },

    /**
     * Inserts or updates a batch in one statement (unnest of column arrays); rows identical to what is stored
     * are left alone so a re-run changes nothing. The batch must not repeat a (kind, value).
     */
    async upsertBlocklist(rows: readonly BlockRow[]): Promise<UpsertSummary> {
      if (rows.length === 0) return { added: 0, updated: 0, unchanged: 0 }
      return db.transaction().execute(async (trx) => {
        await sql`SELECT pg_advisory_xact_lock(${BLOCKLIST_WRITE_LOCK})`.execute(trx)
        return upsertRows(trx, rows)
      })
    },

    /** Sets an entry's status (appealed entries keep matching; removed ones stop at once). False when not listed. */
    async setBlocklistStatus(kind: ListKind, value: string, status: 'active' | 'appealed' | 'removed'): Promise<boolean> {
      return db.transaction().execute((trx) => setBlocklistStatusIn(trx, kind, value, status))
    },

    async removeBlocklistEntry(kind: ListKind, value: string): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        await sql`SELECT pg_advisory_xact_lock(${BLOCKLIST_WRITE_LOCK})`.execute(trx)
        const r = await trx
          .updateTable('blocklist_entries')
          .set({ status: 'removed' })
          .where('kind', '=', kind)
          .where('value', '=', value)
          .where('status', '<>', 'removed')
          .executeTakeFirst()
        return r.numUpdatedRows > 0n
      })
    },

    async setBlocklistExpiry(kind: ListKind, value: string, expiresAt: Date | null): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await sql`SELECT pg_advisory_xact_lock(${BLOCKLIST_WRITE_LOCK})`.execute(trx)
        await trx.updateTable('blocklist_entries').set({ expires_at: expiresAt }).where('kind', '=', kind).where('value', '=', value).execute()
      })
    },

    /** Active entries in id order, one page at a time (keyset), for a streamed export. */
    async *blocklistPages(pageSize = 5_000): AsyncGenerator<Array<BlockRow & { id: string }>> {
      let afterId = '0'
      for (;;) {
        const page = await db
          .selectFrom('blocklist_entries')
          .select(['id', 'kind', 'value', 'category', 'source', 'note', 'expires_at as expiresAt'])
          .where('status', '<>', 'removed')
          .where('id', '>', afterId)
          .orderBy('id')
          .limit(pageSize)
          .execute()
        if (page.length === 0) return
        yield page
        afterId = page[page.length - 1].id
      }
    },

    /** Active, unexpired blocklist entries among `values` (URL and account checks look these up directly). */
    async activeEntries(kind: ListKind, values: readonly string[], now: Date): Promise<Array<{ value: string; category: string }>> {
      if (values.length === 0) return []
      return db
        .selectFrom('blocklist_entries')
        .select(['value', 'category'])
        .where('kind', '=', kind)
        .where('value', 'in', [...values])
        .where('status', 'in', ['active', 'appealed'])
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
        .execute()
    },

    /** Distinct reporters per value, for values with reports. */
    async reporters(kind: ListKind, values: readonly string[]): Promise<Map<string, number>> {
      if (values.length === 0) return new Map()
      const rows = await db
        .selectFrom('report_tallies')
        .select(['value', 'reporters'])
        .where('kind', '=', kind)
        .where('value', 'in', [...values])
        .execute()
      return new Map(rows.map((r) => [r.value, r.reporters]))
    },

    async verifiedDomains(): Promise<Array<{ domain: string; label: string; category: string }>> {
      return db.selectFrom('verified_domains').select(['domain', 'label', 'category']).execute()
    },

    async officialSenders(): Promise<
      Array<{ id: string; name: string; category: string; aliases: string[]; domains: string[]; numbers: string[]; tokens: string[]; updated_at: Date }>
    > {
      return db.selectFrom('official_senders').selectAll().orderBy('id').execute()
    },

    async upsertOfficialSender(s: {
      id: string
      name: string
      category: string
      aliases: string[]
      domains: string[]
      numbers: string[]
      tokens: string[]
    }): Promise<void> {
      const { id: _id, ...rest } = s
      await db
        .insertInto('official_senders')
        .values(s)
        .onConflict((oc) => oc.column('id').doUpdateSet({ ...rest, updated_at: new Date() }))
        .execute()
    },

    async deleteOfficialSender(id: string): Promise<boolean> {
      const r = await db.deleteFrom('official_senders').where('id', '=', id).executeTakeFirst()
      return Number(r.numDeletedRows) > 0
    },

    async upsertVerifiedDomains(rows: ReadonlyArray<{ domain: string; label: string; category: string }>): Promise<void> {
      for (const r of rows) {
        await db
          .insertInto('verified_domains')
          .values(r)
          .onConflict((oc) => oc.column('domain').doUpdateSet({ label: r.label, category: r.category, updated_at: new Date() }))
          .execute()
      }
    },

    /** Entries for the admin list: newest id first, keyset-paged. */
    async listEntries(f: {
      kind?: ListKind
      status?: 'active' | 'appealed' | 'removed'
      q?: string
      category?: string
      source?: BlockSource
      beforeId?: string
      limit: number
    }) {
      let query = db.selectFrom('blocklist_entries').select(ENTRY_COLUMNS).orderBy('id', 'desc').limit(f.limit)
      if (f.kind) query = query.where('kind', '=', f.kind)
      if (f.status) query = query.where('status', '=', f.status)
      if (f.category) query = query.where('category', '=', f.category)
      if (f.source) query = query.where('source', '=', f.source)
      if (f.q) query = query.where('value', 'like', '%' + f.q.replace(/[\\%_]/g, (c) => '\\' + c) + '%')
      if (f.beforeId) query = query.where('id', '<', f.beforeId)
      return query.execute()
    },

    async entry(kind: ListKind, value: string) {
      return db.selectFrom('blocklist_entries').select(ENTRY_COLUMNS).where('kind', '=', kind).where('value', '=', value).executeTakeFirst()
    },

    /**
     * One change by an admin: `change` runs under the write lock, then the audit entry records the entry before and
     * after, all in one transaction. Returns the entry after the change (undefined when there is none).
     */
    async auditedChange(kind: ListKind, value: string, adminId: string, action: string, change: (trx: Kysely<DB>) => Promise<void>) {
      return db.transaction().execute(async (trx) => {
        await sql`SELECT pg_advisory_xact_lock(${BLOCKLIST_WRITE_LOCK})`.execute(trx)
        const read = () => trx.selectFrom('blocklist_entries').select(ENTRY_COLUMNS).where('kind', '=', kind).where('value', '=', value).executeTakeFirst()
        const before = await read()
        await change(trx)
        const after = await read()
        await trx
          .insertInto('audit_log')
          .values({
            admin_id: adminId,
            action,
            target: `${kind}:${value}`,
            before: before ? JSON.stringify(before) : null,
            after: after ? JSON.stringify(after) : null
          })
          .execute()
        return after
      })
    },

    /** An audit entry on its own (an import's summary). */
    async audit(adminId: string, action: string, target: string, after: unknown): Promise<void> {
      await db
        .insertInto('audit_log')
        .values({ admin_id: adminId, action, target, before: null, after: JSON.stringify(after) })
        .execute()
    },

    async countBlocklist(): Promise<number> {
      const r = await db
        .selectFrom('blocklist_entries')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('status', '=', 'active')
        .executeTakeFirstOrThrow()
      return Number(r.n)
    },

    async upsertVerified(rows: ReadonlyArray<{ value: string; label: string; category: string }>): Promise<void> {
      if (rows.length === 0) return
      await db
        .insertInto('verified_numbers')
        .values(rows.map((r) => ({ ...r })))
        .onConflict((oc) =>
          oc.column('value').doUpdateSet((eb) => ({ label: eb.ref('excluded.label'), category: eb.ref('excluded.category'), updated_at: sql`now()` }))
        )
        .execute()
    },

    async setReportTally(kind: ListKind, value: string, reporters: number): Promise<void> {
      await db
        .insertInto('report_tallies')
        .values({ kind, value, reporters })
        .onConflict((oc) => oc.columns(['kind', 'value']).doUpdateSet({ reporters, updated_at: sql`now()` }))
        .execute()
    }
  }
}

export type ListsRepository = ReturnType<typeof createListsRepository>
