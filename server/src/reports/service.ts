import { createHash, randomBytes } from 'node:crypto'
import type { MergeRequest, MyReport, QueueItem, ReportPart, ReportRequest, ReviewRequest, ScreenshotReceipt } from '../../../types/reports.ts'
import type { MessageCheckService } from '../check/message-check.ts'
import { parseAccount } from '../../../rules/account-facts.ts'
import { parsePhone } from '../values/phone.ts'
import { parseUrl } from '../../../rules/url-facts.ts'
import type { ListsRepository } from '../lists/repository.ts'
import { AppError } from '../plugins/errors.ts'
import { MAX_SCREENSHOTS, ScreenshotsRefused, type ReportsRepository } from './repository.ts'
import { stripImageMetadata } from '../media/image-metadata.ts'
import type { CheckKind, ValueKind } from '../../../types/kinds.ts'

type Row = Awaited<ReturnType<ReportsRepository['mine']>>[number]

/**
 * The key a value is listed and counted under: the same normalisation as the checks and the CSV import. A message's
 * key is a digest of its words (spaces and width folded), so the same message reported by many is one group.
 */
/**
 * What a resident reads when the centre could not confirm their report. Never "未发现问题": not finding evidence does not
 * make a number safe, and a resident must never be reassured about a scam.
 */
export const REJECTED_PREFIX = '暂未核实到诈骗证据，这不代表对方可信：'

export function reportKey(kind: CheckKind, value: string): string | null {
  if (kind === 'message') {
    const words = value.normalize('NFKC').replace(/\s+/g, '')
    return words === '' ? null : 'msg:' + createHash('sha256').update(words).digest('hex').slice(0, 24)
  }
  if (kind === 'phone') {
    const p = parsePhone(value)
    return p.ok ? p.facts.key : null
  }
  if (kind === 'url') {
    const u = parseUrl(value)
    return u.ok ? u.facts.host.replace(/^www\./, '') : null
  }
  const a = parseAccount(value)
  return a.ok ? a.facts.normalized : null
}

const CONFIRMED = '已核实：已列入反诈黑名单，其他居民查询时会看到提醒。感谢您的举报！'
const CONFIRMED_MESSAGE = '已核实：这是诈骗消息，已记录在案。感谢您的举报！'

export class ReportsService {
  constructor(
    private readonly repository: ReportsRepository,
    private readonly lists: ListsRepository,
    private readonly now: () => Date = () => new Date(),
    /** Told of new reporter notices in the outbox (wakes the workers). */
    private readonly onNotices: () => void = () => {},
    /** Told of confirmed reports (the warning chain opens a warning for each with a loss). */
    private readonly onConfirmed?: (reportIds: string[]) => Promise<unknown>,
    /** Finds a reported message's parts (the reviewer sees them marked); without it a message is stored without parts. */
    private readonly messages?: MessageCheckService
  ) {}

  async submit(residentId: string, r: ReportRequest): Promise<MyReport> {
    const value = reportKey(r.kind, r.value)
    const what = { phone: '号码', url: '网址', account: '账户', message: '消息' }[r.kind]
    if (!value) throw new AppError(400, 'REPORT_INVALID', `没有认出这个${what}，请检查后再提交`)
    if (r.kind !== 'message' && r.value.length > 2048) throw new AppError(400, 'REPORT_INVALID', `这个${what}太长了，请检查后再提交`)
    // A message's parts are found again here, not taken from the client.
    const parts: ReportPart[] | undefined =
      r.kind === 'message' && this.messages
        ? this.messages
            .check(r.value.trim(), this.now())
            .parts.map((p) => ({ kind: p.kind, text: p.text, start: p.start, end: p.end, value: p.value, verdict: p.verdict }))
        : undefined
    // eslint-disable-next-line no-control-regex
    const clean = (s: string | undefined) => (s === undefined || s.trim() === '' ? null : s.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').trim())
    let row: Row
    try {
      row = await this.repository.submit({
        residentId,
        kind: r.kind,
        value,
        input: r.value.trim(),
        channel: clean(r.channel),
        occurredAt: r.occurredAt ? new Date(r.occurredAt) : null,
        lossAmount: r.lossAmount ?? null,
        description: clean(r.description),
        screenshots: r.screenshots ?? [],
        parts
      })
    } catch (err) {
      if (err instanceof ScreenshotsRefused) throw new AppError(400, 'SCREENSHOT_INVALID', `截图无效或已用过，每条举报最多${MAX_SCREENSHOTS}张：请重新选择截图`)
      throw err
    }
    return this.toMine(row, (await this.repository.screenshotIds([String(row.id)])).get(String(row.id)) ?? [])
  }

  async mine(residentId: string): Promise<MyReport[]> {
    const rows = await this.repository.mine(residentId)
    const shots = await this.repository.screenshotIds(rows.map((r) => String(r.id)))
    return rows.map((r) => this.toMine(r, shots.get(String(r.id)) ?? []))
  }

  /** Checks the bytes (images only), strips where/when/which-phone metadata and keeps it for the resident's next report. */
  async uploadScreenshot(residentId: string, bytes: Buffer): Promise<ScreenshotReceipt> {
    const stripped = stripImageMetadata(bytes)
    if (!stripped.ok) throw new AppError(400, 'SCREENSHOT_INVALID', stripped.reason)
    const id = randomBytes(16).toString('base64url')
    await this.repository.addScreenshot({ id, residentId, contentType: stripped.contentType, bytes: stripped.bytes }, this.now())
    return { id, contentType: stripped.contentType, size: stripped.bytes.length }
  }

  /** A screenshot for its uploader, or (reviewer = true) for the centre's reviewers; nobody else learns it exists. */
  async screenshot(id: string, viewer: { residentId?: string; reviewer?: boolean }): Promise<{ contentType: string; bytes: Buffer }> {
    const row = await this.repository.screenshot(id)
    if (!row || !(viewer.reviewer || String(row.resident_id) === viewer.residentId)) throw new AppError(404, 'NOT_FOUND', '没有找到这张截图')
    return { contentType: row.content_type, bytes: row.bytes }
  }

  async merge(adminId: string, r: MergeRequest): Promise<{ moved: number }> {
    const into = reportKey(r.kind, r.into) ?? r.into
    // Merging a value into itself is no merge (and an empty list must not reach the SQL).
    const groups = [...new Set(r.values.map((v) => reportKey(r.kind, v) ?? v))].filter((g) => g !== into)
    if (groups.length === 0) throw new AppError(400, 'REPORT_MERGE_INVALID', '请选择要并入的其他线索（不能把线索并入它自己）')
    const moved = await this.repository.merge(r.kind, into, groups, adminId)
    if (moved < 0) throw new AppError(404, 'NOT_FOUND', '要并入的举报不存在或已处理')
    if (moved === 0) throw new AppError(400, 'REPORT_MERGE_INVALID', '没有可以合并的待处理举报')
    return { moved }
  }

  async queue(): Promise<QueueItem[]> {
    const groups = await this.repository.queue(100)
    const shots = await this.repository.screenshotIds(groups.flatMap((g) => g.reports.map((r) => String(r.id))))
    return groups.map((g) => ({
      kind: g.kind,
      value: g.value,
      reporters: g.reporters,
      totalLoss: g.total_loss,
      status: g.reviewing ? 'reviewing' : 'submitted',
      latestAt: g.latest.toISOString(),
      reports: g.reports.map((r) => ({
        id: String(r.id),
        residentId: String(r.resident_id),
        input: r.input,
        channel: r.channel,
        lossAmount: r.loss_amount,
        description: r.description,
        createdAt: r.created_at.toISOString(),
        value: r.value,
        screenshots: shots.get(String(r.id)) ?? [],
        parts: Array.isArray(r.parts) ? (r.parts as ReportPart[]) : []
      }))
    }))
  }

  async startReview(kind: CheckKind, value: string): Promise<void> {
    await this.repository.markReviewing(kind, value)
  }

  /** Confirm (the value joins the blocklist with source "report") or reject (with a reason the reporters see). */
  async review(adminId: string, r: ReviewRequest): Promise<{ reports: number }> {
    // A message group is named by its key (the queue's value) already.
    const value = r.kind === 'message' ? r.value : (reportKey(r.kind, r.value) ?? r.value)
    if (r.action === 'confirm') {
      // A message is confirmed by listing the parts the reviewer chose (each normalized like the checks).
      const listed =
        r.kind === 'message'
          ? (r.parts ?? []).map((p) => {
              const key = reportKey(p.kind, p.value)
              if (!key)
                throw new AppError(400, 'REPORT_INVALID', `没有认出要列入黑名单的${{ phone: '号码', url: '网址', account: '账户' }[p.kind]}：${p.value}`)
              return { kind: p.kind, value: key }
            })
          : null
      const decided = await this.repository.decide(
        r.kind,
        value,
        'confirmed',
        r.outcome ?? (listed && listed.length === 0 ? CONFIRMED_MESSAGE : CONFIRMED),
        adminId,
        'report.confirm'
      )
      if (decided.length === 0) throw new AppError(404, 'NOT_FOUND', '没有待处理的举报')
      // Every value of the group joins the blocklist (a merged group may name several); a message: its chosen parts.
      const rows = listed ?? [...new Set(decided.map((d) => d.value))].map((v) => ({ kind: r.kind as ValueKind, value: v }))
      if (rows.length > 0)
        await this.lists.upsertBlocklist(
          rows.map((x) => ({ ...x, category: r.category, source: 'report' as const, note: `居民举报${decided.length}次，已核实` }))
        )
      this.onNotices()
      // The decision stands whatever happens next; a failed warning is retried by confirming again (idempotent).
      await this.onConfirmed?.(decided.map((d) => String(d.id))).catch(() => {})
      return { reports: decided.length }
    }
    const decided = await this.repository.decide(r.kind, value, 'rejected', `${REJECTED_PREFIX}${r.reason}`, adminId, 'report.reject')
    if (decided.length === 0) throw new AppError(404, 'NOT_FOUND', '没有待处理的举报')
    this.onNotices()
    return { reports: decided.length }
  }

  private toMine(r: Row, screenshots: string[]): MyReport {
    return {
      id: String(r.id),
      kind: r.kind,
      value: r.value,
      input: r.input,
      channel: r.channel,
      lossAmount: r.loss_amount,
      status: r.status,
      outcome: r.outcome,
      screenshots,
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString()
    }
  }
}
