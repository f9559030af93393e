import punycode from 'punycode/'
import { parse as parseDomain } from 'tldts'

/** The part of a WHATWG URL the rules read. */
export interface WhatwgUrl {
  href: string
  protocol: string
  hostname: string
  username: string
  password: string
  pathname: string
  search: string
}
export type UrlConstructor = new (input: string) => WhatwgUrl
// The global URL where there is one (Node, browsers): module-local, so the rules compile without DOM or Node types.
declare const URL: UrlConstructor | undefined
let urlConstructor: UrlConstructor | null = typeof URL === 'function' ? URL : null

/**
 * The mini-program has no global URL (WeChat's JavaScript is not a browser): its offline checks install a WHATWG
 * implementation here (src/platform/url.ts) before the first address is read.
 */
export function installUrlConstructor(impl: UrlConstructor): void {
  urlConstructor = impl
}

/** The host as a reader sees it: every IDN label decoded; the host as it is when a label does not decode. */
export function hostToUnicode(host: string): string {
  if (!host.includes('xn--')) return host
  try {
    return host
      .split('.')
      .map((label) => (label.startsWith('xn--') ? punycode.decode(label.slice(4)) : label))
      .join('.')
  } catch {
    return host
  }
}

/** Everything the URL rules need to know about one typed or pasted address, derived once. */
export interface UrlFacts {
  /** The normalized URL (WHATWG serialization). */
  href: string
  scheme: 'http' | 'https'
  /** ASCII host: lower-cased, IDN labels as punycode (what DNS sees). */
  host: string
  /** The host as a reader sees it (punycode decoded). */
  displayHost: string
  /** Registrable domain by the public-suffix list, e.g. icbc.com.cn; null for IP literals and bare suffixes. */
  domain: string | null
  isIp: boolean
  /** Some label is an IDN (xn--). */
  punycode: boolean
  /** Some label mixes Latin letters with Cyrillic or Greek ones (classic look-alike spoofing). */
  mixedScript: boolean
  /** user:password@ before the host: https://icbc.com.cn@evil.example/ goes to evil.example. */
  userinfo: boolean
  /** What stands before "@" (decoded, as a resident would read it), '' without user info. */
  disguise: string
  path: string
}

export type UrlParseResult = { ok: true; facts: UrlFacts } | { ok: false; reason: 'EMPTY' | 'TOO_LONG' | 'INVALID' | 'SCHEME' }

export const MAX_URL_LENGTH = 2048

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i

export function parseUrl(raw: string): UrlParseResult {
  const text = raw.trim()
  if (text === '') return { ok: false, reason: 'EMPTY' }
  if (text.length > MAX_URL_LENGTH) return { ok: false, reason: 'TOO_LONG' }
  // Residents paste "www.example.com/x" without a scheme: read it as https. "host:port" without // is a host too.
  const withScheme = HAS_SCHEME.test(text) && !/^[^/]+:\d+(\/|$)/.test(text) ? text : `https://${text.replace(/^\/\//, '')}`
  if (urlConstructor === null) throw new Error('no URL implementation installed (installUrlConstructor)')
  let url: WhatwgUrl
  try {
    url = new urlConstructor(withScheme)
  } catch {
    return { ok: false, reason: 'INVALID' }
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: 'SCHEME' }
  const host = url.hostname.replace(/\.$/, '')
  if (host === '' || (!host.includes('.') && !host.startsWith('['))) return { ok: false, reason: 'INVALID' }
  const parsed = parseDomain(host, { allowPrivateDomains: false })
  const isIp = Boolean(parsed.isIp) || host.startsWith('[')
  const displayHost = isIp ? host : hostToUnicode(host)
  return {
    ok: true,
    facts: {
      href: url.href,
      scheme: url.protocol === 'http:' ? 'http' : 'https',
      host,
      displayHost,
      domain: isIp ? null : (parsed.domain ?? null),
      isIp,
      punycode: host.split('.').some((label) => label.startsWith('xn--')),
      mixedScript: displayHost.split('.').some(mixesScripts),
      userinfo: url.username !== '' || url.password !== '',
      disguise: decodeSafely(url.password ? `${url.username}:${url.password}` : url.username),
      path: decodeSafely(url.pathname + url.search)
    }
  }
}

function decodeSafely(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

function mixesScripts(label: string): boolean {
  const latin = /[a-z]/i.test(label)
  const other = /[\u0370-\u03ff\u0400-\u04ff\u0500-\u052f]/.test(label)
  return latin && other
}

/** The host and each parent domain down to the registrable one: a listed parent covers its subdomains. */
export function domainCandidates(facts: UrlFacts): string[] {
  if (facts.isIp || !facts.domain) return [facts.host]
  const labels = facts.host.split('.')
  const stop = facts.domain.split('.').length
  const out: string[] = []
  for (let i = 0; i + stop <= labels.length; i++) out.push(labels.slice(i).join('.'))
  return out
}

// Characters that look like Latin letters (Cyrillic and Greek), folded to build a comparison "skeleton".
const CONFUSABLES: Record<string, string> = {
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  у: 'y',
  х: 'x',
  і: 'i',
  ј: 'j',
  ԁ: 'd',
  ѕ: 's',
  һ: 'h',
  ӏ: 'l',
  ԛ: 'q',
  ԝ: 'w',
  к: 'k',
  м: 'm',
  т: 't',
  в: 'b',
  н: 'h',
  α: 'a',
  ο: 'o',
  ρ: 'p',
  ν: 'v',
  τ: 't',
  ι: 'i',
  κ: 'k',
  χ: 'x',
  υ: 'u',
  ε: 'e'
}

const CONFUSABLE = new RegExp(`[${Object.keys(CONFUSABLES).join('')}]`, 'g')
const DIGIT_OR_PAIR = /[01]|rn|vv/g
const UNFOLD: Record<string, string> = { '0': 'o', '1': 'l', rn: 'm', vv: 'w' }

/** The host with look-alike letters folded to Latin and common digit swaps undone (0→o, 1→l). */
export function skeleton(displayHost: string): string {
  // "rn" reads as "m" and "vv" as "w" in most phone fonts (icbc.corn.cn). One pass each, no array per character.
  return displayHost
    .toLowerCase()
    .replace(CONFUSABLE, (c) => CONFUSABLES[c])
    .replace(DIGIT_OR_PAIR, (c) => UNFOLD[c])
}

/** Are a and b at most one edit apart (a substitution, an insertion or deletion, or two neighbours swapped)? O(n), no allocation. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true
  if (Math.abs(a.length - b.length) > 1) return false
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true
    return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2)
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1)
}

/** Damerau–Levenshtein distance, stopping early above `max` (only "one edit away" matters here). */
export function editDistance(a: string, b: string, max = 1): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)])
  for (let j = 0; j <= b.length; j++) d[0][j] = j
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Infinity
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1)
      rowMin = Math.min(rowMin, d[i][j])
    }
    if (rowMin > max) return max + 1
  }
  return d[a.length][b.length]
}
