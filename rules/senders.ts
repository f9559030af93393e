import type { SenderCategory } from '../types/senders'

export interface Sender {
  id: string
  name: string
  category: SenderCategory
  aliases: readonly string[]
  domains: readonly string[]
  numbers: readonly string[]
  tokens: readonly string[]
}

/** How a message came to claim a sender, strongest first. */
export type ClaimKind = 'signature' | 'name' | 'number'
export interface SenderClaim {
  sender: Sender
  how: ClaimKind
  start: number
  end: number
}

/** Government bodies register only under .gov.cn (CNNIC rules): any such host is a government's own. */
const GOVERNMENT_CATEGORIES: ReadonlySet<SenderCategory> = new Set(['government', 'police', 'county', 'transport'])
// Service numbers that every anti-fraud notice quotes as advice: naming them is not a claim to be their office.
const ADVICE_NUMBERS: ReadonlySet<string> = new Set(['110', '96110', '12381', '12345'])
// A signature: 【…】 or [...] (full-width brackets are folded before this runs) at either end of the message.
const SIGNATURE = /^\s*[【[]([^】\]\n]{2,20})[】\]]|[【[]([^】\]\n]{2,20})[】\]]\s*$/
// Words after a name that make it a claim of who is writing ("京东客服", "中国移动提醒您").
const CLAIM_AFTER = /^.{0,3}(客服|通知|提醒|温馨提示|官方|工作人员|专员|营业厅|中心|理赔|售后|运营|系统|团队|提示)/

/** Adds a claim unless its sender already has a stronger one (a plain function: see extractParts on closures). */
function addClaim(out: SenderClaim[], claim: SenderClaim): void {
  if (!out.some((c) => c.sender.id === claim.sender.id)) out.push(claim)
}

/**
 * The registry of official senders, compiled for the checks: which domains and numbers belong to whom, and which
 * names and ASCII tokens a message or a phishing domain borrows. Built again whenever the centre edits the list.
 */
export class SenderRegistry {
  private readonly byDomainMap = new Map<string, Sender>()
  private readonly byNumberMap = new Map<string, Sender>()
  private readonly byTokenMap = new Map<string, Sender[]>()
  private readonly byAlias = new Map<string, Sender>()
  /**
   * Aliases by their first character's code, longest first: one look per character of a message, not one regex of
   * 150 names (keyed by code: text[i] of a Chinese character allocates a string every time).
   */
  private readonly aliasesByFirst = new Map<number, string[]>()

  constructor(readonly senders: readonly Sender[]) {
    for (const s of senders) {
      for (const d of s.domains) if (!this.byDomainMap.has(d)) this.byDomainMap.set(d, s)
      for (const n of s.numbers) if (!this.byNumberMap.has(n)) this.byNumberMap.set(n, s)
      for (const t of s.tokens) this.byTokenMap.set(t, [...(this.byTokenMap.get(t) ?? []), s])
      for (const a of s.aliases) if (!this.byAlias.has(a)) this.byAlias.set(a, s)
    }
    // Longest alias first, so 中国建设银行 wins over 建设银行 and 中国银行 does not match inside a longer name.
    for (const alias of [...this.byAlias.keys()].sort((a, b) => b.length - a.length)) {
      const first = alias.charCodeAt(0)
      this.aliasesByFirst.set(first, [...(this.aliasesByFirst.get(first) ?? []), alias])
    }
  }

  /** Every alias in the text, left to right, the longest at each place, none overlapping (a regex alternation's answer). */
  findAliases(text: string): Array<{ alias: string; index: number }> {
    const out: Array<{ alias: string; index: number }> = []
    for (let i = 0; i < text.length; i++) {
      const candidates = this.aliasesByFirst.get(text.charCodeAt(i))
      if (candidates === undefined) continue
      let alias: string | undefined
      for (const a of candidates) {
        if (text.startsWith(a, i)) {
          alias = a
          break
        }
      }
      if (alias === undefined) continue
      out.push({ alias, index: i })
      i += alias.length - 1
    }
    return out
  }

  /** The sender whose official domain this registrable domain (or host) is, if any. */
  ownerOfDomain(host: string, domain: string | null): Sender | null {
    return (domain ? this.byDomainMap.get(domain) : undefined) ?? this.byDomainMap.get(host) ?? null
  }

  /** Is this host one of the sender's own (its domains and their subdomains; a government body: any .gov.cn)? */
  owns(sender: Sender, host: string): boolean {
    if (GOVERNMENT_CATEGORIES.has(sender.category) && (host.endsWith('.gov.cn') || host === 'gov.cn')) return true
    return sender.domains.some((d) => host === d || host.endsWith('.' + d))
  }

  /** The sender whose service line this is (digits as dialled domestically: 95588, 09156821110). */
  ownerOfNumber(digits: string): Sender | null {
    return this.byNumberMap.get(digits) ?? null
  }

  /** Senders whose ASCII token this piece of a domain is. */
  ownersOfToken(piece: string): readonly Sender[] {
    return this.byTokenMap.get(piece) ?? []
  }

  /**
   * Who the message says it is from, best claim first: a 【签名】 naming a sender, a sender named as the writer
   * ("京东客服", "中国移动提醒您", or the message's first words), or a sender's service number in the text.
   */
  claims(text: string, numbers: ReadonlyArray<{ digits: string; start: number; end: number }>): SenderClaim[] {
    const out: SenderClaim[] = []
    const signature = SIGNATURE.exec(text)
    if (signature) {
      const inner = signature[1] ?? signature[2]
      const offset = signature.index + signature[0].indexOf(inner)
      for (const m of this.findAliases(inner))
        addClaim(out, { sender: this.byAlias.get(m.alias) as Sender, how: 'signature', start: offset + m.index, end: offset + m.index + m.alias.length })
    }
    for (const m of this.findAliases(text)) {
      const at = m.index
      const lead = text.slice(0, at).replace(/^\s*(尊敬的.{0,6}[：:，,]|[【[][^】\]]*[】\]])?\s*/, '')
      if (lead.length <= 2 || CLAIM_AFTER.test(text.slice(at + m.alias.length, at + m.alias.length + 8))) {
        addClaim(out, { sender: this.byAlias.get(m.alias) as Sender, how: 'name', start: at, end: at + m.alias.length })
      }
    }
    for (const n of numbers) {
      const sender = this.ownerOfNumber(n.digits)
      if (sender && !ADVICE_NUMBERS.has(n.digits) && sender.category !== 'police' && sender.category !== 'government')
        addClaim(out, { sender, how: 'number', start: n.start, end: n.end })
    }
    return out
  }
}
