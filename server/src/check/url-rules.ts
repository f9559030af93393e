import type { UrlReasonCode } from '../../../types/check.ts'
export type { UrlReasonCode }
import { domainCandidates, editDistance, skeleton, type UrlFacts } from './url-facts.ts'


/** Link shorteners: the real target is hidden until the link is opened. */
export const SHORTENER_DOMAINS: ReadonlySet<string> = new Set([
  't.cn', 'url.cn', 'dwz.cn', 'suo.im', 'suo.nz', 'mrw.so', '985.so', 'sina.lt', 'bit.ly', 'tinyurl.com', 'goo.gl', 'ow.ly', 'is.gd', 't.co',
  'cutt.ly', 'rebrand.ly', 'reurl.cc', 's.id', 'u.nu', 'v.gd', 'shorturl.at', 'rb.gy', 'tiny.cc'
])

/** Paths that ask for credentials or money: over plain http they are a red flag. */
const LOGIN_OR_PAY = /(log-?in|sign-?in|signon|auth|passw|verify|account|bank|pay|wallet|card|denglu|zhifu|yinhang|登录|登陆|支付|验证|银行|转账)/i

/** Government domains are registered only by government bodies (CNNIC rules). */
const GOVERNMENT_SUFFIX = '.gov.cn'

export interface UrlListFacts {
  /** Is this exact host or domain on the blocklist? */
  blocked: (domain: string) => boolean
  /** Distinct residents who reported this domain (not yet confirmed). */
  reporters: (domain: string) => number
  /** Verified registrable domains (banks, government, county services). */
  verified: ReadonlySet<string>
}

/** The reasons that apply to an address, strongest first. Pure: lists come in as data. */
export function urlReasonCodes(facts: UrlFacts, lists: UrlListFacts): UrlReasonCode[] {
  const reasons: UrlReasonCode[] = []
  const candidates = domainCandidates(facts)
  if (candidates.some((d) => lists.blocked(d))) reasons.push('BLOCKLISTED')
  if (facts.isIp) reasons.push('IP_LITERAL')
  const verified = !facts.isIp && facts.domain !== null && !facts.userinfo &&
    (lists.verified.has(facts.domain) || facts.host.endsWith(GOVERNMENT_SUFFIX) || facts.host === GOVERNMENT_SUFFIX.slice(1))
  // "https://bank.example@evil.example/" opens evil.example: the disguise is its own trick, told apart from a
  // look-alike host (which the real host may also be).
  if (facts.userinfo) reasons.push('DISGUISED_HOST')
  if (!verified && isLookalike(facts, lists.verified)) reasons.push('LOOKALIKE')
  if (facts.domain && SHORTENER_DOMAINS.has(facts.domain)) reasons.push('SHORTENER')
  if (facts.scheme === 'http' && LOGIN_OR_PAY.test(facts.path)) reasons.push('INSECURE_LOGIN')
  if (candidates.some((d) => lists.reporters(d) > 0) && !reasons.includes('BLOCKLISTED')) reasons.push('REPORTED')
  if (verified && reasons.length === 0) reasons.push('VERIFIED')
  return reasons
}

/**
 * Looks like a trusted site without being it: an IDN or mixed-script host, a
 * skeleton (look-alike letters folded) equal to a verified domain, or a registrable domain one edit away from one.
 */
export function isLookalike(facts: UrlFacts, verified: ReadonlySet<string>): boolean {
  if (facts.isIp) return false
  if (facts.punycode || facts.mixedScript) return true
  const domain = facts.domain
  if (!domain) return false
  const folded = skeleton(domain)
  for (const v of verified) {
    if (v === domain) continue
    if (folded === v || editDistance(domain, v) <= 1) return true
    // The trusted domain's labels inside another domain (icbc.com.cn.evil.example, ccb.com.cn.vip), or its name
    // with the dots made dashes (icbc-com-cn.example).
    if (containsLabels(facts.host.split('.'), v.split('.'))) return true
    if (domain.split('.')[0].replace(/-/g, '') === v.replace(/\./g, '')) return true
  }
  return false
}

function containsLabels(host: string[], labels: string[]): boolean {
  for (let i = 0; i + labels.length <= host.length; i++) {
    if (labels.every((l, j) => host[i + j] === l)) return true
  }
  return false
}
