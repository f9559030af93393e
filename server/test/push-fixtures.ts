import { sql, type Kysely } from 'kysely'
import type { DB } from '../src/db/schema.ts'
import type { OutboxTable } from '../src/outbox/kind.ts'
import type { BulletinInput } from '../../types/bulletins.ts'
import { standInControl } from './fixtures.ts'

export interface AudienceMember {
  user: string
  /** Registered in the mini-program (false: H5-only, no openid). */
  wechat?: boolean
  /** Send credits our server holds for the bulletin template (from reported "accept"s). */
  credits: number
  longTerm?: boolean
  /** Credits the stand-in ("WeChat") holds; defaults to ours. */
  standInCredits?: number | 'long-term'
}

const control = (standInUrl: string, path: string, body: unknown): Promise<unknown> => standInControl(standInUrl, path, body)

/**
 * Registered residents of one township (its first village) with openids the stand-in knows and credits on both sides, inserted in bulk
 * (tests of the push need thousands). Returns user → { residentId, openid }.
 */
export async function seedAudience(
  db: Kysely<DB>,
  standInUrl: string,
  members: AudienceMember[],
  township = '610923100',
  templateId = 'tmpl-bulletin'
): Promise<Map<string, { residentId: string; openid: string | null }>> {
  const openids = new Map<string, string>()
  // Group by stand-in credit so each group is one control call.
  const groups = new Map<string, string[]>()
  for (const m of members) {
    if (m.wechat === false) continue
    const count = m.standInCredits ?? (m.longTerm ? 'long-term' : m.credits)
    const key = String(count)
    const group = groups.get(key)
    if (group) group.push(m.user)
    else groups.set(key, [m.user])
  }
  for (const [count, users] of groups) {
    for (let i = 0; i < users.length; i += 20_000) {
      const slice = users.slice(i, i + 20_000)
      const { openids: list } = (await control(standInUrl, 'subscribers', {
        users: slice,
        template_id: templateId,
        count: count === 'long-term' ? count : Number(count)
      })) as { openids: string[] }
      slice.forEach((u, j) => openids.set(u, list[j]))
    }
  }
  const result = new Map<string, { residentId: string; openid: string | null }>()
  for (let i = 0; i < members.length; i += 10_000) {
    const slice = members.slice(i, i + 10_000)
    // Ids drawn first, so each member knows its row without trusting RETURNING order.
    const ids = (await sql<{ id: string }>`SELECT nextval('residents_id_seq')::text AS id FROM generate_series(1, ${slice.length})`.execute(db)).rows.map(
      (r) => r.id
    )
    await sql`
      INSERT INTO residents (id, openid, registered_at, birth_date, township_code, village_code, consent_version, consent_at)
      SELECT i, o, now(), '1980-01-01', ${township}, ${`${township}001`}, 'test', now()
      FROM unnest(${ids}::bigint[], ${slice.map((m) => (m.wechat === false ? null : (openids.get(m.user) ?? null)))}::text[]) AS x(i, o)`.execute(db)
    slice.forEach((m, j) => result.set(m.user, { residentId: ids[j], openid: m.wechat === false ? null : (openids.get(m.user) ?? null) }))
    const funded = slice.map((m, j) => ({ m, id: ids[j] })).filter(({ m }) => m.credits > 0 || m.longTerm)
    if (funded.length > 0) {
      await sql`
        INSERT INTO subscriptions (resident_id, template_id, credits, long_term, last_result)
        SELECT r, ${templateId}, c, l, 'accept' FROM unnest(${funded.map((f) => f.id)}::bigint[], ${funded.map((f) => f.m.credits)}::int[], ${funded.map((f) => Boolean(f.m.longTerm))}::boolean[]) AS x(r, c, l)`.execute(
        db
      )
    }
  }
  return result
}

/** Waits until no row of an outbox queue is pending or being sent (polling gently: the count competes with the workers). */
export async function drained(db: Kysely<DB>, timeoutMs: number, pollMs = 50, table: OutboxTable = 'deliveries'): Promise<void> {
  const start = Date.now()
  for (;;) {
    const r = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)} WHERE status IN ('pending', 'sending')`.execute(db)
    const open = Number(r.rows[0].n)
    if (open === 0) return
    if (Date.now() - start > timeoutMs) throw new Error(`${open} ${table} rows still open after ${timeoutMs} ms`)
    await new Promise((res) => setTimeout(res, pollMs))
  }
}

export async function messageCounts(standInUrl: string): Promise<{ total: number; counts: Record<string, number> }> {
  return (await fetch(`${standInUrl}/__standin/message-counts`)).json() as Promise<{ total: number; counts: Record<string, number> }>
}

/** A valid bulletin (with markup in a paragraph: it must stay text), with overrides. */
export function bulletinInput(over: Partial<BulletinInput> = {}): BulletinInput {
  return {
    title: '警惕刷单返利诈骗',
    summaryShort: '刷单就是诈骗',
    summary: '本周我县发生多起刷单返利诈骗，受害人多为在家带孩子的年轻妈妈。',
    periodStart: '2026-11-20',
    periodEnd: '2026-11-26',
    body: [
      { type: 'paragraph', text: '<script>alert("x")</script>本周共接报电信网络诈骗警情12起。' },
      { type: 'case', fraudType: '刷单返利', channel: 'QQ群', lossAmount: 38000, story: '城关镇王女士在QQ群看到“点赞返利”……' },
      { type: 'tips', items: ['凡是刷单都是诈骗', '拿不准拨打96110'] }
    ],
    tags: ['刷单返利'],
    audience: null,
    severity: 'routine',
    ...over
  }
}

/** Residents the stand-in got more than `each` messages for (duplicates) and fewer (losses). */
export async function duplicatesAndLosses(
  standInUrl: string,
  audience: ReadonlyMap<string, { openid: string | null }>,
  each = 1
): Promise<{ duplicates: number; losses: number }> {
  const { counts } = await messageCounts(standInUrl)
  let duplicates = 0
  let losses = 0
  for (const { openid } of audience.values()) {
    const n = openid === null ? 0 : (counts[openid] ?? 0)
    if (n > each) duplicates++
    if (n < each) losses++
  }
  return { duplicates, losses }
}
