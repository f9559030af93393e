import type { FastifyBaseLogger } from 'fastify'
import type { Database } from '../db/database.ts'
import type { ListFacts } from '../../../rules/list-facts.ts'
import { PhoneBlockIndex, type BlockChange, type BlockEntry } from './phone-index.ts'
import { createListsRepository, type ListsRepository } from './repository.ts'
import { SenderRegistry, type Sender } from '../../../rules/senders.ts'
import { DEFAULT_SENDERS } from '../../../rules/senders-data.ts'
import type { SenderCategory } from '../../../types/senders.ts'

export const LISTS_CHANNEL = 'qiandai_lists'
// Rows per query when (re)loading the blocklist (each page is one text value, see the repository).
const PAGE = 5_000
// Safety net for a notification lost while the LISTEN connection was down.
const POLL_MS = 10_000

/**
 * The in-memory view of the blocklist, verified list and report tallies that every check reads.
 * Loaded at start; kept current by NOTIFY from the database triggers (PostgreSQL: across processes).
 */
export class PhoneLists {
  private readonly blocked = new PhoneBlockIndex()
  private verified = new Map<string, { label: string }>()
  private reporters = new Map<string, number>()
  /** Address and account entries ("url\tvalue"): few next to the phones, so a plain map. */
  private readonly otherBlocked = new Map<string, BlockEntry>()
  private otherReporters = new Map<string, number>()
  private verifiedDomainLabels = new Map<string, string>()
  private verifiedDomainSet: ReadonlySet<string> = new Set()
  private registry = new SenderRegistry(DEFAULT_SENDERS)
  private officialDomainSet: ReadonlySet<string> = new Set()
  private lastSeq = 0n
  private changes = 0
  private refreshing: Promise<void> | null = null
  private pending = new Set<string>()
  private timer: NodeJS.Timeout | null = null
  private unlisten: (() => Promise<void>) | null = null
  readonly repository: ListsRepository

  constructor(
    private readonly database: Database,
    private readonly log?: FastifyBaseLogger
  ) {
    this.repository = createListsRepository(database.db)
  }

  /** Moves whenever any list content changes; answers cached against an older version are recomputed. */
  get version(): number {
    return this.changes
  }

  get blockedCount(): number {
    return this.blocked.size
  }

  async load(): Promise<void> {
    await this.repository.analyze()
    this.lastSeq = 0n
    const bulk = this.blocked.startBulkLoad()
    await this.pullBlockChanges((changes) => bulk.add(changes))
    bulk.finish()
    this.changes++
    await Promise.all([this.reloadVerified(), this.reloadReporters(), this.reloadDomains()])
  }

  /** Subscribes to change notifications and starts the fallback poll. */
  async start(): Promise<void> {
    this.unlisten = await this.database.listen(LISTS_CHANNEL, (table) => this.requestRefresh(table))
    this.timer = setInterval(() => this.requestRefresh('*'), POLL_MS)
    this.timer.unref()
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    await this.unlisten?.()
    this.unlisten = null
    await this.refreshing
  }

  lookup(key: string, now = Date.now()): ListFacts {
    return {
      blocked: this.blocked.lookup(key, now),
      verified: this.verified.get(key) ?? null,
      reporters: this.reporters.get(key) ?? 0
    }
  }

  /** An address or account entry (kind url/account, the list key), or null; expiry checked at read time. */
  lookupOther(kind: 'url' | 'account', value: string, now = Date.now()): BlockEntry | null {
    const entry = this.otherBlocked.get(kind + '\t' + value)
    if (!entry || (entry.expiresAt !== 0 && entry.expiresAt <= now)) return null
    return entry
  }

  /** Distinct residents who reported this address or account (not yet decided). */
  reportersOf(kind: 'url' | 'account', value: string): number {
    return this.otherReporters.get(kind + '\t' + value) ?? 0
  }

  /** Verified registrable domains (VERIFIED for a link). */
  get verifiedDomains(): ReadonlySet<string> {
    return this.verifiedDomainSet
  }

  domainLabel(domain: string): string | undefined {
    return this.verifiedDomainLabels.get(domain)
  }

  /** The official senders' registry, as the centre last edited it. */
  get senders(): SenderRegistry {
    return this.registry
  }

  /** Verified domains and every registered sender's domains: what look-alikes are measured against. */
  get officialDomains(): ReadonlySet<string> {
    return this.officialDomainSet
  }

  /** Coalesces bursts of notifications into one refresh at a time; resolves when the data is current. */
  requestRefresh(table: string): Promise<void> {
    this.pending.add(table)
    if (!this.refreshing) {
      this.refreshing = this.drain().finally(() => {
        this.refreshing = null
      })
    }
    return this.refreshing
  }

  private async drain(): Promise<void> {
    while (this.pending.size > 0) {
      const tables = new Set(this.pending)
      this.pending.clear()
      const all = tables.has('*')
      try {
        if (all || tables.has('blocklist_entries')) await this.pullBlockChanges()
        if (all || tables.has('verified_numbers')) await this.reloadVerified()
        if (all || tables.has('report_tallies')) await this.reloadReporters()
        if (all || tables.has('verified_domains') || tables.has('official_senders')) await this.reloadDomains()
      } catch (err) {
        // Keep serving the last good index; the next notification or poll tries again.
        this.log?.warn({ err }, 'list refresh failed')
      }
    }
  }

  private async pullBlockChanges(apply = (changes: BlockChange[]) => this.blocked.apply(changes)): Promise<void> {
    for (;;) {
      const rows = await this.repository.blockChangesSince(this.lastSeq, PAGE)
      if (rows.length === 0) return
      const changes: BlockChange[] = []
      for (const r of rows) {
        const entry = r.active ? { category: r.category, source: r.source, expiresAt: r.expiresAt ? r.expiresAt.getTime() : 0 } : null
        if (r.kind === 'phone') changes.push({ key: r.value, entry })
        else if (entry) this.otherBlocked.set(r.kind + '\t' + r.value, entry)
        else this.otherBlocked.delete(r.kind + '\t' + r.value)
      }
      apply(changes)
      this.changes++
      this.lastSeq = rows[rows.length - 1].changeSeq
      if (rows.length < PAGE) return
    }
  }

  private async reloadVerified(): Promise<void> {
    const rows = await this.repository.verifiedNumbers()
    const next = new Map(rows.map((r) => [r.value, { label: r.label }]))
    // The fallback poll reloads these small lists; only a real difference invalidates cached answers.
    if (!sameEntries(this.verified, next, (a, b) => a.label === b.label)) {
      this.verified = next
      this.changes++
    }
  }

  private async reloadReporters(): Promise<void> {
    const [phones, urls, accounts] = await Promise.all([
      this.repository.reportTallies('phone'),
      this.repository.reportTallies('url'),
      this.repository.reportTallies('account')
    ])
    const next = new Map(phones.map((r) => [r.value, r.reporters]))
    if (!sameEntries(this.reporters, next, (a, b) => a === b)) {
      this.reporters = next
      this.changes++
    }
    const others = new Map([
      ...urls.map((r) => ['url\t' + r.value, r.reporters] as const),
      ...accounts.map((r) => ['account\t' + r.value, r.reporters] as const)
    ])
    if (!sameEntries(this.otherReporters, others, (a, b) => a === b)) {
      this.otherReporters = others
      this.changes++
    }
  }

  private async reloadDomains(): Promise<void> {
    const [domains, senders] = await Promise.all([this.repository.verifiedDomains(), this.repository.officialSenders()])
    this.verifiedDomainLabels = new Map(domains.map((d) => [d.domain, d.label]))
    this.verifiedDomainSet = new Set(this.verifiedDomainLabels.keys())
    this.registry = new SenderRegistry(senders.map((s): Sender => ({ ...s, category: s.category as SenderCategory })))
    this.officialDomainSet = new Set([...this.verifiedDomainSet, ...senders.flatMap((s) => s.domains)])
    // No version bump: cached phone answers do not depend on domains or senders (nothing that reads them caches).
  }
}

function sameEntries<V>(a: Map<string, V>, b: Map<string, V>, equal: (x: V, y: V) => boolean): boolean {
  if (a.size !== b.size) return false
  for (const [k, v] of a) {
    const w = b.get(k)
    if (w === undefined || !equal(v, w)) return false
  }
  return true
}
