import type { UrlReasonCode } from '../types/check'
export type { UrlReasonCode }
import { domainCandidates, skeleton, withinOneEdit, type UrlFacts } from './url-facts'
import type { Sender, SenderRegistry } from './senders'
import { flatMap } from './es2017'

/** Link shorteners: the real target is hidden until the link is opened. */
export const SHORTENER_DOMAINS: ReadonlySet<string> = new Set([
  't.cn',
  'url.cn',
  'dwz.cn',
  'suo.im',
  'suo.nz',
  'mrw.so',
  '985.so',
  'sina.lt',
  'bit.ly',
  'tinyurl.com',
  'goo.gl',
  'ow.ly',
  'is.gd',
  't.co',
  'cutt.ly',
  'rebrand.ly',
  'reurl.cc',
  's.id',
  'u.nu',
  'v.gd',
  'shorturl.at',
  'rb.gy',
  'tiny.cc'
])

/** Free site builders and app hosts: anyone can put a page there in a minute, and phishing kits do. */
export const FREE_HOSTING_SUFFIXES: readonly string[] = [
  'netlify.app',
  'vercel.app',
  'github.io',
  'pages.dev',
  'workers.dev',
  'web.app',
  'firebaseapp.com',
  'blogspot.com',
  'weebly.com',
  'wixsite.com',
  'glitch.me',
  'herokuapp.com',
  '000webhostapp.com',
  'godaddysites.com',
  'square.site',
  'webflow.io',
  'repl.co',
  'onrender.com',
  'ngrok.io',
  'ngrok-free.app',
  'gitbook.io',
  'azurewebsites.net',
  'r2.dev',
  'ipfs.io',
  'dweb.link',
  'sites.google.com',
  'forms.gle',
  'wordpress.com',
  'mystrikingly.com',
  'jimdosite.com',
  'site123.me',
  'surge.sh',
  'fly.dev',
  'deno.dev',
  'myshopify.com',
  'yolasite.com',
  'tilda.ws',
  'framer.app'
]

/** Top-level domains that cost next to nothing and carry most phishing seen in Chinese SMS. */
const CHEAP_TLDS: ReadonlySet<string> = new Set([
  'top',
  'xyz',
  'vip',
  'cc',
  'icu',
  'club',
  'shop',
  'online',
  'site',
  'wang',
  'ltd',
  'work',
  'fun',
  'live',
  'buzz',
  'cyou',
  'life',
  'store',
  'tk',
  'ml',
  'ga',
  'cf',
  'gq',
  'link',
  'click',
  'bid',
  'win',
  'loan',
  'pw',
  'ren',
  'today',
  'rest',
  'bond',
  'sbs',
  'cfd',
  'monster',
  'info',
  'biz',
  'asia',
  'ink',
  'pro',
  'mobi',
  'tw',
  'hk',
  'co',
  'kim',
  'xin',
  'run',
  'space',
  'website',
  'tech',
  'one',
  'lol',
  'cam',
  'quest',
  'cn.com'
])

/** Pieces phishing domains put beside a brand: 积分 (jf), 客服 (kf), 验证 (yz), 查询 (cx), login, vip … */
const LURE_PIECES: ReadonlySet<string> = new Set([
  'vip',
  'jf',
  'jifen',
  'kf',
  'kefu',
  'safe',
  'secure',
  'security',
  'verify',
  'yz',
  'yanzheng',
  'rz',
  'renzheng',
  'login',
  'denglu',
  'dl',
  'help',
  'service',
  'services',
  'fw',
  'fuwu',
  'cx',
  'chaxun',
  'online',
  'app',
  'pay',
  'credit',
  'xyk',
  'card',
  'bank',
  'refund',
  'tk',
  'tuikuan',
  'lp',
  'lipei',
  'gov',
  'web',
  'wap',
  'm',
  'h5',
  'cn',
  'china',
  'official',
  'gf',
  'guanfang',
  'auth',
  'update',
  'reward',
  'bonus',
  'points',
  'mall',
  'shop',
  'sc',
  'jh',
  'jihuo',
  'bt',
  'butie',
  'hb',
  'hongbao',
  'cash',
  'xj',
  'xianjin',
  'zx',
  'zhengxin',
  'dk',
  'daikuan',
  'etc',
  'ems',
  'user',
  'my',
  'center',
  'pc',
  'mobile',
  'info',
  'id',
  'account',
  'zh',
  'zhanghu',
  'sign',
  'www',
  'hk',
  'sz',
  'bj',
  'sh',
  'new',
  'cs',
  'ok',
  'tel',
  'kh',
  'com',
  'net',
  'org'
])

/** Paths that ask for credentials or money: over plain http they are a red flag. */
const LOGIN_OR_PAY = /(log-?in|sign-?in|signon|auth|passw|verify|account|bank|pay|wallet|card|denglu|zhifu|yinhang|登录|登陆|支付|验证|银行|转账)/i

/** Government domains are registered only by government bodies (CNNIC rules). */
const GOVERNMENT_SUFFIX = '.gov.cn'

export interface UrlListFacts {
  /** Is this exact host or domain on the blocklist? */
  blocked: (domain: string) => boolean
  /** The phone's offline copy of the blocklist may hold this host or domain (offline answers only). */
  maybeBlocked?: (domain: string) => boolean
  /** Distinct residents who reported this domain (not yet confirmed). */
  reporters: (domain: string) => number
  /** Verified registrable domains (banks, government, county services). */
  verified: ReadonlySet<string>
  /** The official senders' registry: whose domain this is, and whose name a domain borrows. */
  senders?: SenderRegistry
  /** officialDomains(lists), when the caller keeps it ready. */
  official?: ReadonlySet<string>
}

/** Is the address a government's own (.gov.cn) or a verified / registered official domain? */
export function isOfficialHost(facts: UrlFacts, lists: Pick<UrlListFacts, 'verified' | 'senders'>): boolean {
  if (facts.isIp || facts.domain === null || facts.userinfo) return false
  if (facts.host.endsWith(GOVERNMENT_SUFFIX) || facts.host === GOVERNMENT_SUFFIX.slice(1)) return true
  if (lists.verified.has(facts.domain)) return true
  return lists.senders?.ownerOfDomain(facts.host, facts.domain) != null
}

/** The reasons that apply to an address, strongest first. Pure: lists come in as data. */
export function urlReasonCodes(facts: UrlFacts, lists: UrlListFacts): UrlReasonCode[] {
  return urlFindings(facts, lists).codes
}

/** The reasons, with the sender a domain borrows a name from and the official domain it imitates (each found once). */
export function urlFindings(facts: UrlFacts, lists: UrlListFacts): { codes: UrlReasonCode[]; brand: Sender | null; imitated: string | null } {
  const reasons: UrlReasonCode[] = []
  const candidates = domainCandidates(facts)
  if (candidates.some((d) => lists.blocked(d))) reasons.push('BLOCKLISTED')
  if (facts.isIp) reasons.push('IP_LITERAL')
  const verified = isOfficialHost(facts, lists)
  // "https://bank.example@evil.example/" opens evil.example: the disguise is its own trick, told apart from a
  // look-alike host (which the real host may also be).
  if (facts.userinfo) reasons.push('DISGUISED_HOST')
  if (!verified && governmentDisguise(facts)) reasons.push('GOVERNMENT_DISGUISE')
  const brand = lists.senders ? impersonatedSender(facts, lists.senders) : null
  if (!verified && brand) reasons.push('IMPERSONATION')
  const imitated = verified ? null : lookalikeOf(facts, lists.official ?? officialDomains(lists))
  if (imitated !== null && !brand) reasons.push('LOOKALIKE')
  if (facts.domain && SHORTENER_DOMAINS.has(facts.domain)) reasons.push('SHORTENER')
  if (freeHosting(facts)) reasons.push('FREE_HOSTING')
  if (facts.scheme === 'http' && LOGIN_OR_PAY.test(facts.path)) reasons.push('INSECURE_LOGIN')
  if (candidates.some((d) => lists.reporters(d) > 0) && !reasons.includes('BLOCKLISTED')) reasons.push('REPORTED')
  if (lists.maybeBlocked && !reasons.includes('BLOCKLISTED') && candidates.some(lists.maybeBlocked)) reasons.push('MAYBE_BLOCKLISTED')
  if (verified && reasons.length === 0) reasons.push('VERIFIED')
  return { codes: reasons, brand, imitated: reasons.includes('LOOKALIKE') ? imitated : null }
}

/** The verified domains and every registered sender's domains: what look-alikes are measured against. */
export function officialDomains(lists: Pick<UrlListFacts, 'verified' | 'senders'>): ReadonlySet<string> {
  if (!lists.senders) return lists.verified
  return new Set([...lists.verified, ...flatMap(lists.senders.senders, (s) => s.domains)])
}

function freeHosting(facts: UrlFacts): boolean {
  return !facts.isIp && FREE_HOSTING_SUFFIXES.some((s) => facts.host === s || facts.host.endsWith('.' + s))
}

/** "gov.cn" worn by a host that is not under .gov.cn: etc-gov.cn.xyz, gov.cn.etc-cx.top, www-gov-cn.top. */
export function governmentDisguise(facts: UrlFacts): boolean {
  if (facts.isIp || facts.host.endsWith(GOVERNMENT_SUFFIX)) return false
  const host = facts.host
  return (
    /(^|[.-])gov[.-]cn([.-]|$)/.test(host) ||
    /(^|[.-])govcn([.-]|$)/.test(host) ||
    (host.split(/[.-]/).includes('gov') && CHEAP_TLDS.has(host.slice(host.lastIndexOf('.') + 1)))
  )
}

/**
 * The sender a domain borrows a name from without being theirs: a brand token or service number among the pieces
 * of its name (icbc-jf.top, 10086-jf.cc, ems-cn.top, ccb-vip.com, 95588-icbc.top), told from an innocent word by
 * what stands beside it — a cheap top-level domain, a lure word, a second brand, or a place in a subdomain.
 */
export function impersonatedSender(facts: UrlFacts, senders: SenderRegistry): Sender | null {
  if (facts.isIp || !facts.domain) return null
  const labels = facts.host.split('.')
  const suffixLabels = facts.domain.split('.').length - 1
  const own = labels.slice(0, labels.length - suffixLabels) // registrable label and any subdomains
  const registrable = own[own.length - 1]
  const tld = facts.domain.slice(facts.domain.indexOf('.') + 1)
  const cheap = CHEAP_TLDS.has(tld) || CHEAP_TLDS.has(tld.slice(tld.lastIndexOf('.') + 1))
  for (let i = 0; i < own.length; i++) {
    const label = own[i]
    // Letters and digits apart (95588icbc → 95588, icbc); no lookbehind: this code is meant to run on phones too.
    const pieces = flatMap(label.split('-'), (p) => p.match(/[a-z]+|\d+/g) ?? [])
    for (const piece of pieces) {
      for (const sender of senders.ownersOfToken(piece)) {
        if (senders.owns(sender, facts.host)) continue
        const others = pieces.filter((p) => p !== piece)
        const lure = others.some((p) => LURE_PIECES.has(p) || /^\d+$/.test(p) || senders.ownersOfToken(p).length > 0)
        const inSubdomain = i < own.length - 1 && label === piece
        // The brand alone as the registrable label (icbc.top) on a cheap domain is as telling as a lure word.
        if (lure || inSubdomain || (cheap && (label === registrable || pieces.length > 1))) return sender
      }
    }
  }
  return null
}

/**
 * The official domain this one imitates: an IDN or mixed-script host (null domain → ''), a skeleton (look-alike
 * letters folded: icbc.corn.cn) equal to an official domain, a registrable domain one edit away from one, or the
 * official domain's labels inside another domain. Null when it imitates none.
 */
export function lookalikeOf(facts: UrlFacts, official: ReadonlySet<string>): string | null {
  if (facts.isIp) return null
  const domain = facts.domain
  if (!domain) return null
  const folded = skeleton(domain)
  const foldedHost = skeleton(facts.host).replace(/^www\./, '')
  const hostLabels = facts.host.split('.')
  const dashless = domain.split('.')[0].replace(/-/g, '')
  for (const v of officialIndex(official)) {
    if (v.domain === domain) continue
    // One edit away is telling only for names long enough to be read (icbc → icdc), not for t.cn beside 3.cn.
    if (folded === v.domain || (v.readable && withinOneEdit(domain, v.domain))) return v.domain
    if (foldedHost === v.domain || foldedHost.endsWith(v.dotted)) return v.domain
    // The trusted domain's labels inside another domain (icbc.com.cn.evil.example, ccb.com.cn.vip), or its name
    // with the dots made dashes (icbc-com-cn.example).
    if (containsLabels(hostLabels, v.labels)) return v.domain
    if (dashless === v.dotless) return v.domain
  }
  if (facts.punycode || facts.mixedScript) return ''
  return null
}

interface OfficialEntry {
  domain: string
  dotted: string
  labels: string[]
  dotless: string
  readable: boolean
}
const indexes = new WeakMap<ReadonlySet<string>, OfficialEntry[]>()

/** The official domains with what each comparison needs, worked out once per set (sets are rebuilt on a change). */
function officialIndex(official: ReadonlySet<string>): OfficialEntry[] {
  let index = indexes.get(official)
  if (!index) {
    index = [...official].map((d) => ({
      domain: d,
      dotted: '.' + d,
      labels: d.split('.'),
      dotless: d.replace(/\./g, ''),
      readable: d.split('.')[0].length >= 4
    }))
    indexes.set(official, index)
  }
  return index
}

/** Looks like a trusted site without being it (see lookalikeOf). */
export function isLookalike(facts: UrlFacts, verified: ReadonlySet<string>): boolean {
  return lookalikeOf(facts, verified) !== null
}

function containsLabels(host: string[], labels: string[]): boolean {
  for (let i = 0; i + labels.length <= host.length; i++) {
    if (labels.every((l, j) => host[i + j] === l)) return true
  }
  return false
}
