import type { MyReport, QueueItem, ReportRequest, ReviewRequest } from '../../../types/reports.ts'
import { parseAccount } from '../check/account-facts.ts'
import { parsePhone } from '../check/phone-facts.ts'
import { parseUrl } from '../check/url-facts.ts'
import type { ListsRepository } from '../lists/repository.ts'
import { AppError } from '../plugins/errors.ts'
import type { ReportsRepository } from './repository.ts'

type Row = Awaited<ReturnType<ReportsRepository['mine']>>[number]

/** The key a value is listed and counted under: the same normalisation as the checks and the CSV import. */
export function reportKey(kind: 'phone' | 'url' | 'account', value: string): string | null {
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

export class ReportsService {
  constructor(private readonly repository: ReportsRepository, private readonly lists: ListsRepository) {}

  async submit(residentId: string, r: ReportRequest): Promise<MyReport> {
    const value = reportKey(r.kind, r.value)
    const what = { phone: '号码', url: '网址', account: '账户' }[r.kind]
    if (!value) throw new AppError(400, 'REPORT_INVALID', `没有认出这个${what}，请检查后再提交`)
    // eslint-disable-next-line no-control-regex
    const clean = (s: string | undefined) => (s === undefined || s.trim() === '' ? null : s.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').trim())
    const row = await this.repository.submit({
      residentId, kind: r.kind, value, input: r.value.trim(), channel: clean(r.channel), occurredAt: r.occurredAt ? new Date(r.occurredAt) : null,
      lossAmount: r.lossAmount ?? null, description: clean(r.description)
    })
    return this.toMine(row)
  }

  async mine(residentId: string): Promise<MyReport[]> {
    return (await this.repository.mine(residentId)).map((r) => this.toMine(r))
  }

  async queue(): Promise<QueueItem[]> {
    return (await this.repository.queue(100)).map((g) => ({
      kind: g.kind, value: g.value, reporters: g.reporters, totalLoss: g.total_loss, status: g.reviewing ? 'reviewing' : 'submitted', latestAt: g.latest.toISOString(),
      reports: g.reports.map((r) => ({
        id: String(r.id), residentId: String(r.resident_id), input: r.input, channel: r.channel, lossAmount: r.loss_amount, description: r.description, createdAt: r.created_at.toISOString()
      }))
    }))
  }

  async startReview(kind: 'phone' | 'url' | 'account', value: string): Promise<void> {
    await this.repository.markReviewing(kind, value)
  }

  /** Confirm (the value joins the blocklist with source "report") or reject (with a reason the reporters see). */
  async review(adminId: string, r: ReviewRequest): Promise<{ reports: number }> {
    const value = reportKey(r.kind, r.value) ?? r.value
    if (r.action === 'confirm') {
      const decided = await this.repository.decide(r.kind, value, 'confirmed', r.outcome ?? CONFIRMED, adminId, 'report.confirm')
      if (decided.length === 0) throw new AppError(404, 'NOT_FOUND', '没有待处理的举报')
      await this.lists.upsertBlocklist([{ kind: r.kind, value, category: r.category, source: 'report', note: `居民举报${decided.length}次，已核实` }])
      return { reports: decided.length }
    }
    const decided = await this.repository.decide(r.kind, value, 'rejected', `经核实未发现问题：${r.reason}`, adminId, 'report.reject')
    if (decided.length === 0) throw new AppError(404, 'NOT_FOUND', '没有待处理的举报')
    return { reports: decided.length }
  }

  private toMine(r: Row): MyReport {
    return {
      id: String(r.id), kind: r.kind, value: r.value, input: r.input, channel: r.channel, lossAmount: r.loss_amount, status: r.status, outcome: r.outcome,
      createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString()
    }
  }
}
