import type { AccountReasonCode, CheckAccountResponse, CheckUrlResponse, UrlReasonCode, Verdict } from '../../../types/check.ts'
import type { HistoryRepository } from '../history/repository.ts'
import type { CheckCounter } from '../stats/check-counter.ts'
import type { ListsRepository } from '../lists/repository.ts'
import { AppError } from '../plugins/errors.ts'
import { accountReasonCodes, parseAccount } from './account-facts.ts'
import { adviceFor } from './messages.ts'
import { domainCandidates, parseUrl } from './url-facts.ts'
import { urlReasonCodes } from './url-rules.ts'

const URL_SEVERITY: Record<UrlReasonCode, Verdict> = {
  BLOCKLISTED: 'dangerous', DISGUISED_HOST: 'dangerous', LOOKALIKE: 'dangerous', IP_LITERAL: 'suspicious', SHORTENER: 'suspicious', INSECURE_LOGIN: 'suspicious', REPORTED: 'suspicious', VERIFIED: 'safe'
}
const ACCOUNT_SEVERITY: Record<AccountReasonCode, Verdict> = { BLOCKLISTED: 'dangerous', REPORTED: 'suspicious', CHECK_DIGIT_MISMATCH: 'suspicious' }
const RANK: Record<Verdict, number> = { safe: 0, unknown: 1, suspicious: 2, dangerous: 3 }

function worst<C extends string>(codes: readonly C[], severity: Record<C, Verdict>): Verdict {
  if (codes.length === 1 && severity[codes[0]] === 'safe') return 'safe'
  return codes.reduce<Verdict>((w, c) => (RANK[severity[c]] > RANK[w] ? severity[c] : w), 'unknown')
}

function urlMessage(code: UrlReasonCode, ctx: { category?: string; reporters: number; label?: string; host: string; disguise: string }): string {
  switch (code) {
    case 'DISGUISED_HOST': return `网址里“@”前面的“${[...ctx.disguise].slice(0, 60).join('')}”只是伪装：真正打开的是“@”后面的网站“${ctx.host}”。这是钓鱼网址的常用手法，请不要打开。`
    case 'BLOCKLISTED': return `这个网址已被列入反诈黑名单（${ctx.category ?? '诈骗'}）。不要打开，不要在里面输入账号、密码、验证码，不要付款。`
    case 'LOOKALIKE': return `这个网址冒充正规网站：“${ctx.host}”和银行、支付或政府网站的地址只差一点点，或用了看起来相同的外文字母。这是钓鱼网站的典型手法，请不要打开。`
    case 'IP_LITERAL': return '这个网址用的是一串数字（IP地址）而不是网站名称，正规银行和政府网站不会这样。请不要在里面登录或付款。'
    case 'SHORTENER': return '这是一个短链接，看不出真正打开的是哪个网站。诈骗短信常用短链接隐藏钓鱼网站，不认识的发送者发来的短链接不要点。'
    case 'INSECURE_LOGIN': return '这个网址要求登录或付款，却没有用加密连接（https）。正规网站不会这样，请不要输入任何信息。'
    case 'REPORTED': return `已有${ctx.reporters}位居民举报过这个网址，正在核实中。请不要打开或在里面输入信息。`
    case 'VERIFIED': return `这是核实过的正规网站${ctx.label ? `：${ctx.label}` : ''}。仍请注意：不要把验证码告诉任何人。`
  }
}

function accountMessage(code: AccountReasonCode, ctx: { category?: string; reporters: number }): string {
  switch (code) {
    case 'BLOCKLISTED': return `这个收款账户已被列入反诈黑名单（${ctx.category ?? '诈骗'}）。不要向它转账；已经转账的，请立即拨打110报警。`
    case 'REPORTED': return `已有${ctx.reporters}位居民举报过这个账户，正在核实中。请不要向它转账。`
    case 'CHECK_DIGIT_MISMATCH': return '这个卡号的校验位不对：可能抄错了，也可能是编造的。请向对方以外的可靠渠道核实，不要急着转账。'
  }
}

/** The address and account checks: same verdicts and answer shape as the phone check. */
export class OtherChecksService {
  constructor(private readonly lists: ListsRepository, private readonly history: HistoryRepository, private readonly counter: CheckCounter | null = null) {}

  async checkUrl(input: string, residentId: string | null, now = new Date()): Promise<CheckUrlResponse> {
    const parsed = parseUrl(input)
    if (!parsed.ok) {
      const message = parsed.reason === 'EMPTY' ? '请输入或粘贴要查询的网址'
        : parsed.reason === 'SCHEME' ? '只能查询以 http 或 https 开头的网址'
        : parsed.reason === 'TOO_LONG' ? '网址太长了，请只粘贴网址本身' : '这不是一个有效的网址，请检查是否完整'
      throw new AppError(400, 'INVALID_URL', message)
    }
    const facts = parsed.facts
    const candidates = domainCandidates(facts)
    const [entries, reporters, verified] = await Promise.all([
      this.lists.activeEntries('url', candidates, now), this.lists.reporters('url', candidates), this.lists.verifiedDomains()
    ])
    const blocked = new Map(entries.map((e) => [e.value, e.category]))
    const verifiedSet = new Set(verified.map((v) => v.domain))
    const codes = urlReasonCodes(facts, { blocked: (d) => blocked.has(d), reporters: (d) => reporters.get(d) ?? 0, verified: verifiedSet })
    const reportCount = Math.max(0, ...candidates.map((d) => reporters.get(d) ?? 0))
    const ctx = {
      category: entries[0]?.category, reporters: reportCount, host: facts.displayHost, disguise: facts.disguise,
      label: verified.find((v) => v.domain === facts.domain)?.label ?? (facts.host.endsWith('.gov.cn') ? '政府网站' : undefined)
    }
    const verdict = worst(codes, URL_SEVERITY)
    this.counter?.count('url', verdict, now.getTime())
    if (residentId) await this.history.record({ residentId, kind: 'url', input, normalized: facts.href, verdict })
    return {
      kind: 'url', input, normalized: facts.href, host: facts.displayHost, domain: facts.domain, verdict,
      reasons: codes.map((code) => ({ code, message: urlMessage(code, ctx) })), advice: adviceFor(verdict, 'url'), reports: reportCount, checkedAt: now.toISOString()
    }
  }

  async checkAccount(input: string, residentId: string | null, now = new Date()): Promise<CheckAccountResponse> {
    const parsed = parseAccount(input)
    if (!parsed.ok) {
      throw new AppError(400, 'INVALID_ACCOUNT', parsed.reason === 'EMPTY' ? '请输入要查询的银行卡号、支付宝或微信账号'
        : '没有认出这个账户：银行卡号是12到25位数字（可以带空格），也可以输入支付宝账号（手机号或邮箱）或微信号')
    }
    const facts = parsed.facts
    const [entries, reporters] = await Promise.all([this.lists.activeEntries('account', [facts.normalized], now), this.lists.reporters('account', [facts.normalized])])
    const reportCount = reporters.get(facts.normalized) ?? 0
    const codes = accountReasonCodes(facts, { blocked: entries.length > 0, reporters: reportCount })
    const verdict = worst(codes, ACCOUNT_SEVERITY)
    this.counter?.count('account', verdict, now.getTime())
    if (residentId) await this.history.record({ residentId, kind: 'account', input, normalized: facts.normalized, verdict })
    return {
      kind: 'account', input, normalized: facts.normalized, accountType: facts.type, verdict,
      reasons: codes.map((code) => ({ code, message: accountMessage(code, { category: entries[0]?.category, reporters: reportCount }) })),
      advice: adviceFor(verdict, 'account'), reports: reportCount, checkedAt: now.toISOString()
    }
  }
}
