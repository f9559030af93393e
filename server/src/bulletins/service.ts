import type {
  AdminBulletin,
  BulletinDetail,
  BulletinInput,
  BulletinListItem,
  BulletinPage,
  BulletinPatch,
  BulletinStatus,
  UnreadSummary
} from '../../../types/bulletins.ts'
import type { AreasRepository } from '../areas/repository.ts'
import { AppError } from '../plugins/errors.ts'
import type { ResidentsRepository } from '../residents/repository.ts'
import { countyToday } from '../../../types/county-day.ts'
import { decodeCursor, encodeCursor, type BulletinRepository, type BulletinRow } from './repository.ts'
import { bulletinProblems } from './validate.ts'

const PAGE_SIZE = 10
/** Unread counts cover the last 60 days: older bulletins are history, not news. */
const UNREAD_WINDOW_MS = 60 * 86_400_000
/** A new account starts with the last week's issues unread, not two months of them. */
const NEW_ACCOUNT_BACKLOG_MS = 7 * 86_400_000
/** An urgent bulletin is announced as a banner while it is this fresh (the app uses the same for visitors). */
export const URGENT_BANNER_MS = 3 * 86_400_000

const notFound = () => new AppError(404, 'NOT_FOUND', '没有找到这期预警，可能已撤回')

function issueFields(r: BulletinRow) {
  return {
    id: String(r.id),
    year: r.year,
    issueNo: r.issue_no,
    title: r.title,
    summary: r.summary,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    tags: r.tags,
    severity: r.severity,
    publishedAt: r.published_at ? r.published_at.toISOString() : null
  }
}

export function toDetail(r: BulletinRow): BulletinDetail {
  return { ...issueFields(r), summaryShort: r.summary_short, body: r.body as BulletinDetail['body'], hotline: r.hotline, audience: r.audience }
}

export class BulletinService {
  constructor(
    private readonly repository: BulletinRepository,
    private readonly areas: AreasRepository,
    private readonly residents: ResidentsRepository,
    /** Wakes this process's push worker after a publish (other processes hear the NOTIFY). */
    private readonly onPublished: () => void = () => {},
    private readonly now: () => Date = () => new Date(),
    /** Hosts whose https images a bulletin may show besides the server's own media (IMAGE_HOSTS). */
    private readonly imageHosts: ReadonlySet<string> = new Set()
  ) {}

  private scheduleListener: () => void = () => {}

  /** Told when a bulletin's schedule changes (this process's ScheduledPublisher sleeps until the next one). */
  onScheduleChange(listener: () => void): void {
    this.scheduleListener = listener
  }

  async create(input: BulletinInput, adminId: string): Promise<AdminBulletin> {
    await this.validate(input)
    return this.get(await this.repository.create(input, adminId))
  }

  async update(id: string, patch: BulletinPatch): Promise<AdminBulletin> {
    const current = await this.row(id)
    // Dates are checked together, so validate the merged bulletin.
    await this.validate({ ...patch, periodStart: patch.periodStart ?? current.period_start, periodEnd: patch.periodEnd ?? current.period_end })
    if (!(await this.repository.update(id, patch))) throw new AppError(409, 'BULLETIN_STATE', '已发布或已撤回的预警不能再修改')
    return this.get(id)
  }

  async preview(id: string): Promise<BulletinDetail> {
    return toDetail(await this.row(id))
  }

  async schedule(id: string, at: Date): Promise<AdminBulletin> {
    await this.row(id)
    if (at.getTime() <= this.now().getTime()) throw new AppError(400, 'BULLETIN_INVALID', '定时发布的时间要晚于现在')
    if (!(await this.repository.schedule(id, at))) throw new AppError(409, 'BULLETIN_STATE', '只有草稿或待发布的预警可以定时发布')
    this.scheduleListener()
    return this.get(id)
  }

  async publishNow(id: string): Promise<AdminBulletin> {
    await this.row(id)
    const result = await this.repository.publish(id, Number(countyToday(this.now()).slice(0, 4)), this.now())
    if (result === 'not-publishable') throw new AppError(409, 'BULLETIN_STATE', '这期预警已经发布或已撤回')
    this.onPublished()
    return this.get(id)
  }

  /** When the next scheduled bulletin falls due (null: none scheduled). */
  nextScheduled(): Promise<Date | null> {
    return this.repository.nextScheduled()
  }

  /** Publishes scheduled bulletins whose time has come (ScheduledPublisher, in every process). */
  async publishDue(): Promise<number> {
    let published = 0
    for (const id of await this.repository.dueScheduled(this.now())) {
      // Another worker may have taken it first: that is fine.
      if ((await this.repository.publish(id, Number(countyToday(this.now()).slice(0, 4)), this.now())) !== 'not-publishable') published++
    }
    if (published > 0) this.onPublished()
    return published
  }

  async withdraw(id: string): Promise<AdminBulletin> {
    await this.row(id)
    if (!(await this.repository.withdraw(id, this.now()))) throw new AppError(409, 'BULLETIN_STATE', '只有已发布的预警可以撤回')
    return this.get(id)
  }

  /** How many residents publishing now would notify (the console's confirmation says it). */
  async audienceSize(id: string): Promise<{ residents: number }> {
    return { residents: await this.repository.audienceSize((await this.row(id)).audience) }
  }

  async list(status: BulletinStatus | undefined): Promise<AdminBulletin[]> {
    const rows = await this.repository.list(status)
    const stats = await this.repository.stats(rows.map((r) => String(r.id)))
    return rows.map((r) => this.toAdmin(r, stats.get(String(r.id))))
  }

  async get(id: string): Promise<AdminBulletin> {
    const row = await this.row(id)
    return this.toAdmin(row, (await this.repository.stats([id])).get(id))
  }

  /** What a reader sees: county-wide bulletins, plus their township's when signed in and registered. */
  async page(residentId: string | null, cursor: string | undefined): Promise<BulletinPage> {
    const after = cursor ? decodeCursor(cursor) : null
    if (cursor && !after) throw new AppError(400, 'BAD_REQUEST', '翻页参数不正确，请下拉刷新')
    const township = await this.townshipOf(residentId)
    const { rows, more, read } = await this.repository.page({ township, residentId }, after, PAGE_SIZE)
    const items: BulletinListItem[] = rows.map((r) => ({ ...issueFields(r), unread: read !== null && !read.has(String(r.id)) }))
    const last = rows.at(-1)
    return { items, nextCursor: more && last?.published_at ? encodeCursor(last.published_at, String(last.id)) : null }
  }

  /** A published bulletin this reader may see; opening it marks it read. */
  async detail(id: string, residentId: string | null): Promise<BulletinDetail> {
    const row = await this.repository.visibleOne(id, await this.townshipOf(residentId))
    if (!row) throw notFound()
    if (residentId) await this.repository.markRead(String(row.id), residentId)
    return toDetail(row)
  }

  async unread(residentId: string): Promise<UnreadSummary> {
    const now = this.now().getTime()
    const resident = await this.residents.find(residentId)
    const joined = resident?.created_at ? new Date(resident.created_at).getTime() - NEW_ACCOUNT_BACKLOG_MS : 0
    const since = new Date(Math.max(now - UNREAD_WINDOW_MS, joined))
    const { count, urgent } = await this.repository.unread(residentId, resident?.township_code ?? null, since)
    const fresh = urgent?.published_at && new Date(urgent.published_at).getTime() >= now - URGENT_BANNER_MS
    return { count, urgent: urgent && fresh ? { id: String(urgent.id), title: urgent.title } : null }
  }

  private async townshipOf(residentId: string | null): Promise<string | null> {
    if (!residentId) return null
    return (await this.residents.find(residentId))?.township_code ?? null
  }

  private async row(id: string): Promise<BulletinRow> {
    const row = await this.repository.find(id)
    if (!row) throw notFound()
    return row
  }

  private async validate(input: Partial<BulletinInput>): Promise<void> {
    const townships = new Set((await this.areas.all()).filter((a) => a.parentCode === null).map((a) => a.code))
    const problems = bulletinProblems(input, townships, this.imageHosts)
    if (problems.length > 0) throw new AppError(400, 'BULLETIN_INVALID', problems.join('；'))
  }

  private toAdmin(r: BulletinRow, stats: AdminBulletin['stats'] | undefined): AdminBulletin {
    return {
      ...toDetail(r),
      status: r.status,
      scheduledAt: r.scheduled_at ? r.scheduled_at.toISOString() : null,
      withdrawnAt: r.withdrawn_at ? r.withdrawn_at.toISOString() : null,
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
      stats: stats ?? { targeted: 0, sent: 0, inAppOnly: 0, failed: 0, pending: 0, unknown: 0, read: 0 }
    }
  }
}
