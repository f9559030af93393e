import type { CheckMessageResponse, MessagePart, MessageReasonCode, PartReasonCode, Verdict } from '../types/check'
import { SCAM_SCRIPTS } from '../types/scam-scripts'
import { parseAccount } from './account-facts'
import { countryName } from './country-names'
import { judgeAccount, judgeUrl, RANK, type UrlLookup } from './link-and-account'
import type { ListFacts } from './list-facts'
import { extractParts, foldWidth, type FoundPart } from './message-extract'
import { adviceFor, reasonMessage } from './messages'
import type { PhoneFacts, PhoneParseResult } from './phone-types'
import { judge } from './phone-rules'
import { asksForMoneyOrCode, assertingText, matchScripts, type ScriptMatch } from './scam-scripts'
import type { Sender, SenderClaim, SenderRegistry } from './senders'
import { parseUrl, type UrlFacts } from './url-facts'
import { isOfficialHost, SHORTENER_DOMAINS } from './url-rules'

/** The police's rule for each script, in plain words: what the resident is told decided. */
const SCRIPT_RULE_TEXT: Record<ScriptMatch['code'], string> = {
  FAKE_SERVICE_REFUND: '凡是自称客服、主动找您退款理赔，让您点链接、共享屏幕、借“备用金”或转账的，都是诈骗。退款请在购物App里找官方客服。',
  FAKE_POLICE_SAFE_ACCOUNT: '公检法不会通过电话、短信、微信办案，更没有“安全账户”。凡是让您把钱转到“安全账户”或要求您保密的，都是诈骗。',
  TASK_REBATE: '凡是刷单、点赞、做任务返佣金，要您先垫钱的，都是诈骗。',
  FAKE_INVESTMENT: '凡是“老师带单”“稳赚不赔”“内幕消息”的投资，都是诈骗。',
  FAKE_LOAN_CREDIT: '凡是放款前要交手续费、保证金、解冻费，或说能“修复征信”“注销校园贷账户”的，都是诈骗。',
  SUBSIDY_AUTH: '凡是通过短信链接办理ETC认证、医保社保、补贴领取，要您填银行卡号、密码和验证码的，都是诈骗。请到官方App或窗口办理。',
  POINTS_PRIZE: '凡是积分兑换现金、中奖领奖要先点链接或先交钱的，都是诈骗。',
  FAKE_BOSS_ACQUAINTANCE: '凡是自称领导、熟人、亲友换了号码，开口就要转账借钱的，一定先打电话或当面核实。',
  GAME_TRADE: '凡是低价买卖游戏账号、装备，要到陌生平台交易或交“解冻费”的，都是诈骗。',
  ASK_FOR_CODE: '凡是索要短信验证码的都是诈骗：验证码谁要都不给。',
  SCREEN_SHARE: '凡是让您下载会议软件、开启屏幕共享的陌生人，都是骗子：屏幕共享会让对方看到您的密码和验证码。',
  SEXTORTION: '裸聊敲诈：不要付钱，付了也不会删除。保存证据，立即报警。',
  PHISHING_LINK: '凡是陌生链接要您登录、填写银行卡号、密码、验证码的，都是诈骗。'
}
const SCRIPT_INFO = new Map<string, (typeof SCAM_SCRIPTS)[number]>(SCAM_SCRIPTS.map((s) => [s.code, s]))
const KIND_NOUN: Record<MessagePart['kind'], string> = { phone: '号码', url: '网址', account: '账户', qq: 'QQ号', wechat: '微信号', amount: '金额' }
// Senders whose genuine messages never ask you to call a personal or foreign number.
const NUMBER_STRICT: ReadonlySet<string> = new Set(['bank', 'payment', 'carrier', 'ecommerce', 'transport'])
const MAX_PART_REASONS = 4

// Module-level helpers, not closures in check(): the server runs under tsx, whose esbuild keepNames wraps every
// named closure in a defineProperty call each time it is created.
function worse(a: Verdict, b: Verdict): Verdict {
  return RANK[b] > RANK[a] ? b : a
}

function markNotTheSender(out: Array<{ part: JudgedPart; verdict: Verdict; message: string }>, part: JudgedPart, verdict: Verdict, message: string): void {
  out.push({ part, verdict, message })
  part.reasons.unshift({ code: 'NOT_THE_SENDER' as PartReasonCode, message })
  part.verdict = worse(part.verdict, verdict)
}

interface JudgedPart extends MessagePart {
  /** Phone facts, for the claimed sender's number rule. */
  phone?: PhoneFacts
  url?: UrlFacts
}

/** The short name a sender goes by in a sentence ("中国建设银行" → "建设银行"). */
function shortName(sender: Sender): string {
  return sender.aliases.find((a) => a.length >= 3 && a.length < sender.name.length && !/^[A-Za-z0-9]+$/.test(a)) ?? sender.name
}

/**
 * What the message check reads from the lists, however they are held: the server's in-memory index, or on the phone
 * the local snapshot (which knows only what is blocked, and nothing verified or reported).
 */
export interface MessageLists {
  lookup(key: string, now: number): ListFacts
  lookupOther(kind: 'url' | 'account', value: string, now: number): { category: string } | null
  reportersOf(kind: 'url' | 'account', value: string): number
  /** The phone's offline copy of the blocklist (offline answers only). */
  maybeListed?(kind: 'url' | 'account', value: string): boolean
  readonly verifiedDomains: ReadonlySet<string>
  readonly officialDomains: ReadonlySet<string>
  domainLabel(domain: string): string | undefined
  readonly senders: SenderRegistry
  /** The number parser: the library's on the phone, the server's prefix cache in front of it (same facts). */
  parsePhone(raw: string): PhoneParseResult
}

/**
 * The whole-message check (粘贴一查): every number, link, account and id in a pasted SMS or chat is found and judged
 * by the same engines as the single checks (from memory, no database), the sender it claims is held against the
 * registry of official senders, and the scam script it follows is named. The message's verdict is the worst of all
 * of these and never "safe": a genuine service number in a message vouches for nothing else in it.
 */
export function judgeMessage(message: string, lists: MessageLists, now: Date): CheckMessageResponse {
  const at = now.getTime()
  const text = foldWidth(message)
  const found = extractParts(message, text)
  const parts: JudgedPart[] = []
  const urls = found.some((p) => p.kind === 'url') ? urlLookup(lists, at) : null
  for (const p of found) {
    const judged = judgePart(lists, p, at, urls)
    if (judged) parts.push(judged)
  }
  const claims = lists.senders.claims(
    text,
    parts.filter((p) => p.kind === 'phone').map((p) => ({ digits: p.text.replace(/\D/g, ''), start: p.start, end: p.end }))
  )
  const sender = claims[0] ?? null
  const impersonation = sender ? holdAgainstSender(lists, sender, parts) : []
  const asserting = assertingText(text)
  const scripts = matchScripts(asserting, {
    unofficialLink: parts.some(
      (p) => p.kind === 'url' && p.url !== undefined && !isOfficialHost(p.url, { verified: lists.verifiedDomains, senders: lists.senders })
    ),
    contactId: parts.some((p) => p.kind === 'qq' || p.kind === 'wechat')
  })

  let verdict: Verdict = 'unknown'
  for (const p of parts) if (p.verdict !== 'safe') verdict = worse(verdict, p.verdict)
  for (const s of scripts) verdict = worse(verdict, s.verdict)
  for (const i of impersonation) verdict = worse(verdict, i.verdict)

  const reasons: CheckMessageResponse['reasons'] = []
  for (const i of impersonation.slice(0, 2)) reasons.push({ code: 'IMPERSONATION', message: i.message })
  for (const s of scripts) {
    const info = SCRIPT_INFO.get(s.code)
    reasons.push({ code: 'SCRIPT', message: `这是“${info?.name ?? s.code}”诈骗的说法（消息里有：${s.matched.join('、')}）。${SCRIPT_RULE_TEXT[s.code]}` })
  }
  const named = new Set(impersonation.map((i) => i.part))
  let partReasons = 0
  for (const level of ['dangerous', 'suspicious'] as const) {
    for (const p of parts) {
      if (p.verdict !== level || named.has(p) || partReasons >= MAX_PART_REASONS) continue
      const why = p.reasons.find((r) => r.code !== 'NOT_THE_SENDER')?.message ?? ''
      const code: MessageReasonCode = level === 'dangerous' ? 'DANGEROUS_PART' : 'SUSPICIOUS_PART'
      reasons.push({ code, message: `${level === 'dangerous' ? '高危' : '可疑'}${KIND_NOUN[p.kind]} ${p.text.trim()}：${why}` })
      partReasons++
    }
  }
  const ask = scripts.length === 0 ? asksForMoneyOrCode(asserting) : null
  if (ask !== null) {
    verdict = worse(verdict, 'suspicious')
    reasons.push({
      code: 'ASKS_FOR_MONEY_OR_CODE',
      message: `消息让您转账、交钱或说出验证码（消息里有：${ask}）。没有当面或打电话核实过对方身份之前，不要转账，验证码谁要都不给。`
    })
  }
  if (reasons.length === 0) {
    reasons.push({
      code: 'NOTHING_FOUND',
      message: parts.some((p) => p.verdict === 'safe')
        ? '消息里的号码或网址是官方的，也没有发现诈骗说法。但官方号码也会被骗子抄进诈骗短信：凡是要您转账、说验证码、点链接登录的，都先停一停，打官方电话核实。'
        : '没有发现已知的诈骗号码、网址或诈骗说法。但这不代表一定安全：凡是要您转账、说验证码、点链接登录的，都先停一停，打官方电话核实。'
    })
  }
  return {
    kind: 'message',
    verdict,
    length: message.length,
    sender: sender ? sender.sender.name : null,
    parts: parts.map(({ phone: _phone, url: _url, ...p }) => p),
    scripts: scripts.map((s) => {
      const info = SCRIPT_INFO.get(s.code)
      return { code: s.code, name: info?.name ?? s.code, fraudType: info?.fraudType ?? 'kefu', matched: s.matched, message: SCRIPT_RULE_TEXT[s.code] }
    }),
    reasons,
    advice: adviceFor(verdict, 'message'),
    checkedAt: now.toISOString()
  }
}

function judgePart(lists: MessageLists, p: FoundPart, now: number, urls: UrlLookup | null): JudgedPart | null {
  const base = { kind: p.kind, text: p.text, start: p.start, end: p.end }
  switch (p.kind) {
    case 'phone': {
      const parsed = lists.parsePhone(p.raw)
      if (!parsed.ok) return null
      const facts = parsed.facts
      const listed = lists.lookup(facts.key, now)
      const { verdict, codes } = judge(facts, listed)
      // A registered sender's own service line (11183, 95338) dialled domestically, and on no list: official.
      const owner =
        !facts.internationalPrefix && facts.callingCode === '86' && !listed.blocked && listed.reporters === 0 && verdict !== 'safe'
          ? lists.senders.ownerOfNumber((facts.trunkPrefix ? '0' : '') + facts.nationalNumber)
          : null
      if (owner) {
        return {
          ...base,
          value: facts.key,
          verdict: 'safe',
          phone: facts,
          reasons: [{ code: 'OFFICIAL', message: `这是${owner.name}登记的官方电话。但骗子也会把官方号码抄进短信，是否可信要看整条消息。` }]
        }
      }
      const context = { facts, lists: listed, countryName }
      return { ...base, value: facts.key, verdict, phone: facts, reasons: codes.map((code) => ({ code, message: reasonMessage(code, context) })) }
    }
    case 'url': {
      const parsed = parseUrl(p.raw)
      if (!parsed.ok) return null
      const judged = judgeUrl(parsed.facts, urls ?? urlLookup(lists, now))
      return { ...base, value: parsed.facts.host.replace(/^www\./, ''), verdict: judged.verdict, url: parsed.facts, reasons: judged.reasons }
    }
    case 'account': {
      const parsed = parseAccount(p.raw)
      if (!parsed.ok) return null
      const key = parsed.facts.normalized
      const judged = judgeAccount(parsed.facts, {
        category: lists.lookupOther('account', key, now)?.category,
        reporters: lists.reportersOf('account', key),
        maybeBlocked: lists.maybeListed?.('account', key) ?? false
      })
      return { ...base, value: key, verdict: judged.verdict, reasons: judged.reasons }
    }
    case 'qq':
    case 'wechat': {
      // Listed ids are account entries (a WeChat id lower-cased, a QQ number as digits).
      const listed = lists.lookupOther('account', p.raw, now)
      const reporters = lists.reportersOf('account', p.raw)
      const judged = judgeAccount(
        { type: 'wechat', normalized: p.raw, luhnValid: null },
        { category: listed?.category, reporters, maybeBlocked: lists.maybeListed?.('account', p.raw) ?? false }
      )
      return { ...base, value: p.raw, verdict: judged.verdict, reasons: judged.reasons }
    }
    case 'amount':
      return { ...base, value: p.raw, verdict: 'unknown', reasons: [] }
  }
}

function urlLookup(lists: MessageLists, now: number): UrlLookup {
  return {
    blocked: (d) => lists.lookupOther('url', d, now) !== null,
    category: (d) => lists.lookupOther('url', d, now)?.category,
    reporters: (d) => lists.reportersOf('url', d),
    maybeBlocked: lists.maybeListed ? (d) => lists.maybeListed?.('url', d) ?? false : undefined,
    verified: lists.verifiedDomains,
    label: (d) => lists.domainLabel(d),
    senders: lists.senders,
    official: lists.officialDomains
  }
}

/** The claimed sender's rule: its links are its own domains, and (banks, carriers, platforms) its numbers its own lines. */
function holdAgainstSender(lists: MessageLists, claim: SenderClaim, parts: JudgedPart[]): Array<{ part: JudgedPart; verdict: Verdict; message: string }> {
  const sender = claim.sender
  const registry = lists.senders
  const name = shortName(sender)
  const who = claim.how === 'number' ? `消息里写着${name}的号码` : `消息自称${sender.name}`
  const out: Array<{ part: JudgedPart; verdict: Verdict; message: string }> = []
  for (const part of parts) {
    if (part.kind === 'url' && part.url) {
      const facts = part.url
      if (registry.owns(sender, facts.host)) continue
      if (isOfficialHost(facts, { verified: lists.verifiedDomains, senders: registry })) continue
      const official = sender.domains.length > 0 ? `（官方：${sender.domains[0]}）` : ''
      if (facts.domain !== null && SHORTENER_DOMAINS.has(facts.domain)) {
        markNotTheSender(
          out,
          part,
          'suspicious',
          `${who}，却用短链接 ${facts.displayHost} 让您点开，看不出真正去哪里。${name}的官方网址${official ? official.slice(1, -1) : '不是这样的'}；请从官方App进入，不要点短信里的链接。`
        )
      } else {
        markNotTheSender(
          out,
          part,
          'dangerous',
          `${who}，但网址 ${facts.displayHost} 不是${name}的官方网址${official}。这是冒充${name}的钓鱼网址，不要点开，不要输入卡号、密码、验证码。`
        )
      }
    } else if (part.kind === 'phone' && part.phone && NUMBER_STRICT.has(sender.category)) {
      const facts = part.phone
      const digits = (facts.trunkPrefix ? '0' : '') + facts.nationalNumber
      if (facts.callingCode === '86' && !facts.internationalPrefix && (sender.numbers.includes(digits) || registry.ownerOfNumber(digits) !== null)) continue
      if (part.reasons.some((r) => r.code === 'VERIFIED')) continue
      const official = sender.numbers.length > 0 ? `（官方：${sender.numbers[0]}）` : ''
      markNotTheSender(
        out,
        part,
        facts.internationalPrefix ? 'dangerous' : 'suspicious',
        `${who}，却让您联系 ${part.text.trim()}，这不是${name}的官方电话${official}。${name}不会让您打这样的号码，请不要回拨，需要时拨打官方电话核实。`
      )
    }
  }
  return out
}
