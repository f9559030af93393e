import type { CheckAccountResponse, CheckUrlResponse } from '../../../types/check.ts'
import type { HistoryRepository } from '../history/repository.ts'
import type { CheckCounter } from '../stats/check-counter.ts'
import type { ListsRepository } from '../lists/repository.ts'
import { AppError } from '../plugins/errors.ts'
import { ACCOUNT_INPUT_ERRORS, URL_INPUT_ERRORS } from '../../../rules/input-errors.ts'
import { parseAccount } from '../../../rules/account-facts.ts'
import { adviceFor } from '../../../rules/messages.ts'
import { domainCandidates, parseUrl } from '../../../rules/url-facts.ts'
import { accountAnswer, judgeAccount, judgeUrl, urlAnswer } from '../../../rules/link-and-account.ts'
import type { SenderRegistry } from '../../../rules/senders.ts'

/** The address and account checks: same verdicts and answer shape as the phone check. */
export class OtherChecksService {
  constructor(
    private readonly lists: ListsRepository,
    private readonly history: HistoryRepository,
    private readonly counter: CheckCounter | null = null,
    /** The official senders' registry as last loaded (impersonated brands); none: those rules are skipped. */
    private readonly registry?: () => SenderRegistry
  ) {}

  async checkUrl(input: string, residentId: string | null, now = new Date()): Promise<CheckUrlResponse> {
    const parsed = parseUrl(input)
    if (!parsed.ok) {
      throw new AppError(400, 'INVALID_URL', URL_INPUT_ERRORS[parsed.reason])
    }
    const facts = parsed.facts
    const candidates = domainCandidates(facts)
    const [entries, reporters, verified] = await Promise.all([
      this.lists.activeEntries('url', candidates, now),
      this.lists.reporters('url', candidates),
      this.lists.verifiedDomains()
    ])
    const blocked = new Map(entries.map((e) => [e.value, e.category]))
    const labels = new Map(verified.map((v) => [v.domain, v.label]))
    const senders = this.registry?.()
    const judged = judgeUrl(facts, {
      blocked: (d) => blocked.has(d),
      reporters: (d) => reporters.get(d) ?? 0,
      verified: new Set(labels.keys()),
      senders,
      category: (d) => blocked.get(d),
      label: (d) => labels.get(d)
    })
    this.counter?.count('url', judged.verdict, now.getTime())
    if (residentId) await this.history.record({ residentId, kind: 'url', input, normalized: facts.href, verdict: judged.verdict })
    return urlAnswer(input, facts, judged, adviceFor(judged.verdict, 'url'), now)
  }

  async checkAccount(input: string, residentId: string | null, now = new Date()): Promise<CheckAccountResponse> {
    const parsed = parseAccount(input)
    if (!parsed.ok) {
      throw new AppError(400, 'INVALID_ACCOUNT', ACCOUNT_INPUT_ERRORS[parsed.reason])
    }
    const facts = parsed.facts
    const [entries, reporters] = await Promise.all([
      this.lists.activeEntries('account', [facts.normalized], now),
      this.lists.reporters('account', [facts.normalized])
    ])
    const judged = judgeAccount(facts, { category: entries[0]?.category, reporters: reporters.get(facts.normalized) ?? 0 })
    const verdict = judged.verdict
    this.counter?.count('account', verdict, now.getTime())
    if (residentId) await this.history.record({ residentId, kind: 'account', input, normalized: facts.normalized, verdict })
    return accountAnswer(input, facts, judged, adviceFor(verdict, 'account'), now)
  }
}
