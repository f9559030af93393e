import type { AccountReasonCode, CheckAccountResponse, CheckUrlResponse, UrlReasonCode, Verdict } from '../types/check'
import type { AccountFacts } from './account-facts'
import { domainCandidates, type UrlFacts } from './url-facts'
import { urlFindings, type UrlListFacts } from './url-rules'
import { accountReasonCodes } from './account-facts'
import { urlMessage, accountMessage } from './messages'

export const URL_SEVERITY: Record<UrlReasonCode, Verdict> = {
  BLOCKLISTED: 'dangerous',
  DISGUISED_HOST: 'dangerous',
  IMPERSONATION: 'dangerous',
  GOVERNMENT_DISGUISE: 'dangerous',
  LOOKALIKE: 'dangerous',
  IP_LITERAL: 'suspicious',
  SHORTENER: 'suspicious',
  FREE_HOSTING: 'suspicious',
  INSECURE_LOGIN: 'suspicious',
  REPORTED: 'suspicious',
  VERIFIED: 'safe',
  MAYBE_BLOCKLISTED: 'suspicious',
  UNCONFIRMED: 'unknown'
}
export const ACCOUNT_SEVERITY: Record<AccountReasonCode, Verdict> = {
  BLOCKLISTED: 'dangerous',
  REPORTED: 'suspicious',
  CHECK_DIGIT_MISMATCH: 'suspicious',
  MAYBE_BLOCKLISTED: 'suspicious'
}
export const RANK: Record<Verdict, number> = { safe: 0, unknown: 1, suspicious: 2, dangerous: 3 }

export function worst<C extends string>(codes: readonly C[], severity: Record<C, Verdict>): Verdict {
  if (codes.length === 1 && severity[codes[0]] === 'safe') return 'safe'
  return codes.reduce<Verdict>((w, c) => (RANK[severity[c]] > RANK[w] ? severity[c] : w), 'unknown')
}

/** What the lists say about an address, however they are held (the database for a single check, memory for a message). */
export interface UrlLookup extends UrlListFacts {
  category: (domain: string) => string | undefined
  label: (domain: string) => string | undefined
}

export interface JudgedUrl {
  verdict: Verdict
  reasons: Array<{ code: UrlReasonCode; message: string }>
  reports: number
}

/** The address check's whole judgement: verdict, reasons in Chinese, reports. */
export function judgeUrl(facts: UrlFacts, lists: UrlLookup): JudgedUrl {
  const candidates = domainCandidates(facts)
  const { codes, brand: borrowed, imitated } = urlFindings(facts, lists)
  const reports = Math.max(0, ...candidates.map((d) => lists.reporters(d)))
  const brand = borrowed?.name
  const imitatedName = imitated ? (lists.label(imitated) ?? lists.senders?.ownerOfDomain(imitated, imitated)?.name) : undefined
  const ctx = {
    category: candidates.map((d) => lists.category(d)).find((c) => c !== undefined),
    reporters: reports,
    host: facts.displayHost,
    disguise: facts.disguise,
    label:
      (facts.domain ? (lists.label(facts.domain) ?? lists.senders?.ownerOfDomain(facts.host, facts.domain)?.name) : undefined) ??
      (facts.host.endsWith('.gov.cn') ? '政府网站' : undefined),
    brand,
    imitated: imitated || undefined,
    imitatedName
  }
  return { verdict: worst(codes, URL_SEVERITY), reasons: codes.map((code) => ({ code, message: urlMessage(code, ctx) })), reports }
}

export interface JudgedAccount {
  verdict: Verdict
  reasons: Array<{ code: AccountReasonCode; message: string }>
  reports: number
}

export function judgeAccount(facts: AccountFacts, lists: { category: string | undefined; reporters: number; maybeBlocked?: boolean }): JudgedAccount {
  const codes = accountReasonCodes(facts, { blocked: lists.category !== undefined, reporters: lists.reporters, maybeBlocked: lists.maybeBlocked })
  return {
    verdict: worst(codes, ACCOUNT_SEVERITY),
    reasons: codes.map((code) => ({ code, message: accountMessage(code, { category: lists.category, reporters: lists.reporters }) })),
    reports: lists.reporters
  }
}

/** The address check's answer, from its judgement (the server's, or the phone's offline one with its own advice). */
export function urlAnswer(input: string, facts: UrlFacts, judged: JudgedUrl, advice: string[], checkedAt: Date): CheckUrlResponse {
  return {
    kind: 'url',
    input,
    normalized: facts.href,
    host: facts.displayHost,
    domain: facts.domain,
    verdict: judged.verdict,
    reasons: judged.reasons,
    advice,
    reports: judged.reports,
    checkedAt: checkedAt.toISOString()
  }
}

/** The account check's answer, from its judgement. */
export function accountAnswer(input: string, facts: AccountFacts, judged: JudgedAccount, advice: string[], checkedAt: Date): CheckAccountResponse {
  return {
    kind: 'account',
    input,
    normalized: facts.normalized,
    accountType: facts.type,
    verdict: judged.verdict,
    reasons: judged.reasons,
    advice,
    reports: judged.reports,
    checkedAt: checkedAt.toISOString()
  }
}
