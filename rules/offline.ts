import type { CheckAccountResponse, CheckMessageResponse, CheckPhoneResponse, CheckUrlResponse, Verdict } from '../types/check'
import type { ValueKind } from '../types/kinds'
import { parseAccount } from './account-facts'
import { countryName } from './country-names'
import { ACCOUNT_INPUT_ERRORS, MESSAGE_INPUT_ERROR, PHONE_INPUT_ERRORS, URL_INPUT_ERRORS } from './input-errors'
import { accountAnswer, judgeAccount, judgeUrl, urlAnswer } from './link-and-account'
import type { ListFacts } from './list-facts'
import { judgeMessage, type MessageLists } from './message-rules'
import { offlineAdviceFor } from './messages'
import { parsePhoneWithLibrary } from './phone-facts'
import { explain, judge, shownNumberType } from './phone-rules'
import { SenderRegistry } from './senders'
import { NATIONAL_SENDERS } from './senders-data'
import { parseUrl } from './url-facts'
import { officialDomains } from './url-rules'

/**
 * The checks without a network: the same rules as the server's (this folder), with what the phone has instead of
 * the county's lists — its copy of the blocklist, if one was downloaded, and the registry of official senders it was
 * built with. What only the lists can say (verified, reported) is not said, and nothing is called safe: a value the
 * rules would pass is answered "unknown" with the reason that it could not be confirmed.
 */

/** The phone's copy of the county blocklist (a filter: "may hold" can be wrong, "does not hold" cannot). */
export interface LocalBlocklist {
  mayContain(kind: ValueKind, value: string): boolean
  /** When the copy was made, ISO 8601. */
  readonly builtAt: string
}

export type OfflineKind = ValueKind | 'message'
export type OfflineResult = CheckPhoneResponse | CheckUrlResponse | CheckAccountResponse | CheckMessageResponse

/** What an offline answer could and could not look at, in the resident's words. */
export interface OfflineNote {
  checked: string
  notChecked: string
}

export type OfflineAnswer =
  | { ok: true; result: OfflineResult; note: OfflineNote }
  | { ok: false; code: 'INVALID_NUMBER' | 'INVALID_URL' | 'INVALID_ACCOUNT' | 'INVALID_MESSAGE'; message: string }

const NO_LISTS: ListFacts = { blocked: null, verified: null, reporters: 0 }
const NOTHING_VERIFIED: ReadonlySet<string> = new Set()
let defaultRegistry: SenderRegistry | null = null
/** The registry of official senders the app was built with (the centre's edits arrive with the online answers). */
function builtInSenders(): SenderRegistry {
  if (defaultRegistry === null) defaultRegistry = new SenderRegistry(NATIONAL_SENDERS)
  return defaultRegistry
}

const RULES_CHECKED: Record<OfflineKind, string> = {
  phone: '号码本身：境外来电、伪装成客服或热线、“区号+110”、400/800、95/96位数、虚拟运营商号段',
  url: '网址本身：IP地址、“@”伪装、仿冒银行和政府的网址、免费建站、短链接',
  account: '卡号本身：银行卡号的校验位',
  message: '整条消息：其中的号码、网址、账户，冒充的单位和诈骗说法'
}

function noteFor(kind: OfflineKind, local: LocalBlocklist | null): OfflineNote {
  const list = local ? `，以及手机上保存的黑名单副本（${local.builtAt.slice(0, 10)}）` : ''
  return {
    checked: `已在手机上检查了${RULES_CHECKED[kind]}${list}。`,
    notChecked: local
      ? '没有网络，县反诈中心的最新黑名单、核实名单和居民举报都没有查。联网后会再确认。'
      : '没有网络，县反诈中心的黑名单、核实名单和居民举报都没有查。联网后会再确认。'
  }
}

/** A verdict the rules would give as safe is "unknown" offline; its reason says why. */
function offlineVerdict(verdict: Verdict): Verdict {
  return verdict === 'safe' ? 'unknown' : verdict
}

/** The offline answer for one input: what the server would answer from the rules, never "safe". */
export function checkOffline(kind: OfflineKind, input: string, local: LocalBlocklist | null, now: Date): OfflineAnswer {
  switch (kind) {
    case 'phone':
      return checkPhoneOffline(input, local, now)
    case 'url':
      return checkUrlOffline(input, local, now)
    case 'account':
      return checkAccountOffline(input, local, now)
    case 'message':
      return checkMessageOffline(input, local, now)
  }
}

function listFacts(local: LocalBlocklist | null, kind: ValueKind, value: string): ListFacts {
  return local !== null && local.mayContain(kind, value) ? { ...NO_LISTS, maybeBlocked: true } : NO_LISTS
}

function checkPhoneOffline(input: string, local: LocalBlocklist | null, now: Date): OfflineAnswer {
  const parsed = parsePhoneWithLibrary(input)
  if (!parsed.ok) return { ok: false, code: 'INVALID_NUMBER', message: PHONE_INPUT_ERRORS[parsed.reason] }
  const facts = parsed.facts
  const lists = listFacts(local, 'phone', facts.key)
  const { verdict, codes } = judge(facts, lists)
  const { reasons } = explain(verdict, codes, facts, lists, countryName)
  const result: CheckPhoneResponse = {
    input,
    e164: facts.e164,
    country: facts.country,
    numberType: shownNumberType(facts),
    verdict: offlineVerdict(verdict),
    reasons,
    advice: offlineAdviceFor(verdict, 'phone'),
    reports: 0,
    checkedAt: now.toISOString()
  }
  return { ok: true, result, note: noteFor('phone', local) }
}

function checkUrlOffline(input: string, local: LocalBlocklist | null, now: Date): OfflineAnswer {
  const parsed = parseUrl(input)
  if (!parsed.ok) return { ok: false, code: 'INVALID_URL', message: URL_INPUT_ERRORS[parsed.reason] }
  const facts = parsed.facts
  const senders = builtInSenders()
  const judged = judgeUrl(facts, {
    blocked: () => false,
    maybeBlocked: local ? (d) => local.mayContain('url', d) : undefined,
    reporters: () => 0,
    verified: NOTHING_VERIFIED,
    senders,
    category: () => undefined,
    label: () => undefined
  })
  // What the rules would vouch for (a .gov.cn host, a registered sender's domain) waits for the lists.
  const reasons =
    judged.verdict === 'safe'
      ? judged.reasons.map((r) => (r.code === 'VERIFIED' ? { code: 'UNCONFIRMED' as const, message: unconfirmedUrl(facts.displayHost) } : r))
      : judged.reasons
  const verdict = offlineVerdict(judged.verdict)
  const result = urlAnswer(input, facts, { ...judged, verdict, reasons }, offlineAdviceFor(verdict, 'url'), now)
  return { ok: true, result, note: noteFor('url', local) }
}

function unconfirmedUrl(host: string): string {
  return `“${host}”看起来是正规网站的网址，但现在没有网络，不能向县反诈中心的名单确认，所以先不说“安全”。联网后会再确认；在那之前不要在里面输入密码和验证码。`
}

function checkAccountOffline(input: string, local: LocalBlocklist | null, now: Date): OfflineAnswer {
  const parsed = parseAccount(input)
  if (!parsed.ok) return { ok: false, code: 'INVALID_ACCOUNT', message: ACCOUNT_INPUT_ERRORS[parsed.reason] }
  const facts = parsed.facts
  const judged = judgeAccount(facts, { category: undefined, reporters: 0, maybeBlocked: local?.mayContain('account', facts.normalized) ?? false })
  const verdict = offlineVerdict(judged.verdict)
  const result = accountAnswer(input, facts, { ...judged, verdict }, offlineAdviceFor(verdict, 'account'), now)
  return { ok: true, result, note: noteFor('account', local) }
}

/** The lists a message is judged against offline: the local copy for what is blocked, nothing verified or reported. */
export function offlineMessageLists(local: LocalBlocklist | null): MessageLists {
  const senders = builtInSenders()
  return {
    lookup: (key) => listFacts(local, 'phone', key),
    lookupOther: () => null,
    maybeListed: local ? (kind, value) => local.mayContain(kind, value) : undefined,
    reportersOf: () => 0,
    verifiedDomains: NOTHING_VERIFIED,
    officialDomains: officialDomains({ verified: NOTHING_VERIFIED, senders }),
    domainLabel: () => undefined,
    senders,
    parsePhone: parsePhoneWithLibrary
  }
}

function checkMessageOffline(input: string, local: LocalBlocklist | null, now: Date): OfflineAnswer {
  if (input.trim() === '') return { ok: false, code: 'INVALID_MESSAGE', message: MESSAGE_INPUT_ERROR }
  const judged = judgeMessage(input, offlineMessageLists(local), now)
  // A message is never safe; a part the rules would vouch for (a sender's own line) is not vouched for offline.
  const parts = judged.parts.map((p) => (p.verdict === 'safe' ? { ...p, verdict: 'unknown' as const } : p))
  return { ok: true, result: { ...judged, parts, advice: offlineAdviceFor(judged.verdict, 'message') }, note: noteFor('message', local) }
}
