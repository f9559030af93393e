import type { Form, PhoneFacts, PhoneParseResult, PrefixFacts, Shape } from '../../../rules/phone-types.ts'

// Mirrors rules/phone-facts.ts (the library path this one must agree with).
const MIN_DIGITS = 3
const MAX_DIGITS = 20

/**
 * A fast path for numbers typed or pasted as numbers: digits (ASCII or full-width) with spaces, dashes, dots,
 * brackets or slashes, bare, with a trunk "0", or behind "+"/"00" and a calling code — mainland mobiles and
 * landlines above all, but also calls from abroad. It gives exactly the facts the library path gives, or steps aside.
 *
 * It does not re-implement any numbering plan. What a prefix means is learned from the library itself: when a valid
 * number under a prefix (of a given shape, calling code and length) is first seen, many numbers under that prefix
 * are parsed by the reference parser; only when every one comes back valid, of one type and country, and with
 * exactly the facts the fast path would build, is the prefix marked uniform and answered from then on without the
 * library. Mixed prefixes are split into longer ones; invalid numbers, odd marks and prefixes that stay mixed go the
 * library's way. A differential test compares the two over a million generated inputs.
 */

const FORM_CODE: Record<Form, string> = { national: 'n', trunk: 't', international: 'i' }

/** A prefix probe's outcome: the same facts for every number under it, 'split' (look at a longer prefix), or 'aside'. */
type PrefixVerdict = PrefixFacts | 'split' | 'aside'

// Prefixes are probed from 3 digits down to 6; the numbering plan's patterns branch within the first 6 digits.
const FIRST_LEVEL = 3
const LAST_LEVEL = 6
const RANDOM_PROBES = 16
// Learning is bounded, so a stream of odd inputs can neither grow the table without end nor take the server: past
// this many entries the table starts over, and past this many reference parses a second (0.2–0.5 s of parsing) the
// fast path stops learning until the next second.
const MAX_PREFIXES = 100_000
const MAX_PROBES_PER_SECOND = 10_000
// Background learning: numbers waiting at most, and the longest stretch it holds the event loop.
const MAX_WAITING = 1_000
const SLICE_MS = 1

export interface FastPathStats {
  /** Inputs answered by the fast path / stepped aside. */
  taken: number
  aside: number
  /** Prefixes learned and reference parses spent learning them. */
  prefixes: number
  probes: number
}

export class PhoneFastPath {
  private readonly prefixes = new Map<string, PrefixVerdict>()
  private probeWindowStart = 0
  private probesInWindow = 0
  /** Numbers whose prefixes wait to be learned between requests (background learning). */
  private readonly waiting = new Map<string, Shape>()
  private learner: Promise<void> | null = null
  readonly stats: FastPathStats = { taken: 0, aside: 0, prefixes: 0, probes: 0 }

  private readonly reference: (raw: string) => PhoneParseResult
  private readonly extract: (raw: string) => string | null
  private readonly callingCodes: ReadonlySet<string>
  private readonly clock: () => number
  private readonly learning: 'inline' | 'background'
  private readonly surelyInvalid: ((shape: Readonly<Shape>) => PrefixFacts | null) | null

  constructor(options: {
    /** The library path, whose facts are the truth. */
    reference: (raw: string) => PhoneParseResult
    /** The reference's own extraction of the number from pasted text; the reference's facts depend on it alone. */
    extract: (raw: string) => string | null
    /** Calling codes ("1", "86", "852" …): a prefix-free code set, so the code of "+852…" is found by its digits. */
    callingCodes: ReadonlySet<string>
    clock?: () => number
    /**
     * 'inline' learns a prefix during the call that meets it (tests); 'background' learns in slices of about a
     * millisecond between requests, so learning (a few hundred reference parses) never holds a resident's answer.
     */
    learning?: 'inline' | 'background'
    /**
     * The facts of a number the reference would certainly find invalid, with exactly this national number; null when
     * that is not certain. Sampling cannot claim invalid prefixes (see probe()), so this is an exact check instead.
     */
    surelyInvalid?: (shape: Readonly<Shape>) => PrefixFacts | null
  }) {
    this.reference = options.reference
    this.extract = options.extract
    this.callingCodes = options.callingCodes
    this.clock = options.clock ?? Date.now
    this.learning = options.learning ?? 'inline'
    this.surelyInvalid = options.surelyInvalid ?? null
  }

  /**
   * The facts for `raw`: built by the fast path when it knows the prefix (fast), else the reference parser's. A
   * valid number whose prefix is not known yet teaches the fast path that prefix (invalid ones teach nothing, so
   * junk costs one reference parse, as without a fast path).
   */
  resolve(raw: string): { result: PhoneParseResult; fast: boolean } {
    const candidate = this.extract(raw)
    const shape = candidate === null ? null : scan(candidate, this.callingCodes)
    const known = shape === null ? null : this.known(shape)
    if (shape !== null && known !== null && known !== 'unknown') {
      this.stats.taken++
      return { result: { ok: true, facts: build(shape, known) }, fast: true }
    }
    const invalid = shape === null || this.surelyInvalid === null ? null : this.surelyInvalid(shape)
    if (shape !== null && invalid !== null) {
      this.stats.taken++
      return { result: { ok: true, facts: build(shape, invalid) }, fast: true }
    }
    this.stats.aside++
    const result = this.reference(raw)
    if (shape !== null && known === 'unknown' && result.ok && result.facts.valid) {
      if (this.learning === 'inline') {
        if (this.mayProbe()) drain(this.learn(shape))
      } else {
        this.enqueue(shape)
      }
    }
    return { result, fast: false }
  }

  /** Resolves when every prefix waiting to be learned has been (background learning). */
  async settled(): Promise<void> {
    while (this.learner) await this.learner
  }

  private enqueue(shape: Shape): void {
    if (this.waiting.size >= MAX_WAITING) return
    this.waiting.set(this.prefixId(shape, Math.min(FIRST_LEVEL, shape.national.length)) + shape.national, shape)
    this.learner ??= this.learnWaiting().finally(() => {
      this.learner = null
    })
  }

  private async learnWaiting(): Promise<void> {
    const pause = (ms: number): Promise<void> => new Promise((resolve) => (ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve)))
    await pause(0)
    let sliceStart = performance.now()
    for (const [id, shape] of this.waiting) {
      this.waiting.delete(id)
      if (this.known(shape) !== 'unknown') continue
      while (!this.mayProbe()) await pause(1_000 - (this.clock() - this.probeWindowStart))
      for (const _ of this.learn(shape)) {
        if (performance.now() - sliceStart >= SLICE_MS) {
          await pause(0)
          sliceStart = performance.now()
        }
      }
    }
  }

  /** Learns the prefix of `raw` (a valid number) outside the per-second budget: for warming up between requests. */
  teach(raw: string): void {
    const candidate = this.extract(raw)
    const shape = candidate === null ? null : scan(candidate, this.callingCodes)
    if (shape === null || this.known(shape) !== 'unknown') return
    const result = this.reference(raw)
    if (result.ok && result.facts.valid) drain(this.learn(shape))
  }

  /** The facts for `raw` when the fast path answers it, else null (it steps aside). */
  parse(raw: string): PhoneFacts | null {
    const { result, fast } = this.resolve(raw)
    return fast && result.ok ? result.facts : null
  }

  private levels(national: string): [number, number] {
    return [Math.min(FIRST_LEVEL, national.length), Math.min(LAST_LEVEL, national.length)]
  }

  private prefixId(shape: Shape, level: number): string {
    return `${FORM_CODE[shape.form]}${shape.callingCode}:${shape.national.length}:${shape.national.slice(0, level)}`
  }

  /** The facts of this number's prefix, 'unknown' when not learned yet, null when it is not for the fast path. */
  private known(shape: Shape): PrefixFacts | 'unknown' | null {
    const [first, last] = this.levels(shape.national)
    for (let level = first; level <= last; level++) {
      const verdict = this.prefixes.get(this.prefixId(shape, level))
      if (verdict === undefined) return 'unknown'
      if (verdict === 'aside') return null
      if (verdict !== 'split') return verdict
    }
    return null
  }

  /** Learns the prefixes of this (valid) number, level by level; yields after each reference parse. */
  private *learn(shape: Shape): Generator<void, void> {
    const [first, last] = this.levels(shape.national)
    for (let level = first; level <= last; level++) {
      const id = this.prefixId(shape, level)
      let verdict = this.prefixes.get(id)
      if (verdict === undefined) {
        verdict = yield* this.probe(shape, shape.national.slice(0, level), level === last)
        if (this.prefixes.size >= MAX_PREFIXES) this.prefixes.clear()
        this.prefixes.set(id, verdict)
        this.stats.prefixes++
      }
      if (verdict !== 'split') return
    }
  }

  private mayProbe(): boolean {
    const now = this.clock()
    if (now - this.probeWindowStart >= 1_000) {
      this.probeWindowStart = now
      this.probesInWindow = 0
    }
    return this.probesInWindow < MAX_PROBES_PER_SECOND
  }

  /** Parses numbers under `prefix` with the reference parser and says whether they all agree. */
  private *probe(shape: Shape, prefix: string, last: boolean): Generator<void, PrefixVerdict> {
    let agreed: PrefixFacts | null = null
    for (const tail of probeTails(shape.national.length - prefix.length, prefix)) {
      const probe: Shape = { ...shape, national: prefix + tail }
      this.stats.probes++
      this.probesInWindow++
      const result = this.reference(inputFor(probe))
      yield
      // Only valid numbers are claimed: valid numbers form narrow pockets inside invalid ranges (a pattern such as
      // 3-digit area code + "123" + 4 digits), which no affordable sample of an invalid-looking prefix would find.
      if (!result.ok || !result.facts.valid) return last ? 'aside' : 'split'
      const { valid, numberType, country } = result.facts
      agreed ??= { valid, numberType, country }
      if (!sameFacts(result.facts, build(probe, agreed))) return last ? 'aside' : 'split'
    }
    return agreed ?? 'aside'
  }
}

function drain(steps: Generator<void, void>): void {
  for (const _ of steps);
}

function build({ form, callingCode, national }: Shape, { valid, numberType, country }: PrefixFacts): PhoneFacts {
  const key = '+' + callingCode + national
  return {
    internationalPrefix: form === 'international',
    callingCode,
    nationalNumber: national,
    trunkPrefix: form === 'trunk',
    key,
    e164: valid ? key : null,
    country,
    numberType,
    valid
  }
}

function sameFacts(a: PhoneFacts, b: PhoneFacts): boolean {
  return (
    a.internationalPrefix === b.internationalPrefix &&
    a.callingCode === b.callingCode &&
    a.nationalNumber === b.nationalNumber &&
    a.trunkPrefix === b.trunkPrefix &&
    a.key === b.key &&
    a.e164 === b.e164 &&
    a.country === b.country &&
    a.numberType === b.numberType &&
    a.valid === b.valid
  )
}

function inputFor({ form, callingCode, national }: Shape): string {
  return form === 'international' ? '+' + callingCode + national : form === 'trunk' ? '0' + national : national
}

/**
 * Tails that expose a dependence on any later digit: every digit at every position over an all-0 and an all-9
 * background, plus pseudo-random tails (deterministic per prefix, so a restart learns the same table).
 */
function probeTails(k: number, prefix: string): Set<string> {
  const tails = new Set<string>()
  for (const background of ['0', '9']) {
    const base = background.repeat(k)
    tails.add(base)
    for (let position = 0; position < k; position++) {
      for (let d = 0; d <= 9; d++) tails.add(base.slice(0, position) + d + base.slice(position + 1))
    }
  }
  let seed = 2166136261
  for (let i = 0; i < prefix.length; i++) seed = Math.imul(seed ^ prefix.charCodeAt(i), 16777619) >>> 0
  for (let i = 0; i < RANDOM_PROBES; i++) {
    let tail = ''
    for (let p = 0; p < k; p++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
      tail += String((seed >>> 16) % 10)
    }
    tails.add(tail)
  }
  return tails
}

// Characters the reference's extraction treats as separators inside a number (after NFKC): space - . ( ) /
function isSeparator(c: number): boolean {
  return c === 0x20 || c === 0x2d || c === 0x2e || c === 0x28 || c === 0x29 || c === 0x2f
}

/**
 * Reads the extracted number (digits, ASCII or full-width, separators and an optional leading "+"/"＋") into its
 * form, calling code and national number, or null for anything else (other marks, a "+" inside, odd lengths).
 */
function scan(raw: string, callingCodes: ReadonlySet<string>): Shape | null {
  const n = raw.length
  if (n > 40) return null
  let i = 0
  // Separators before the first digit or "+" are not part of the number ("(+86) 138…", " 0915-…").
  while (i < n && isSeparator(raw.charCodeAt(i))) i++
  let plus = false
  const first = raw.charCodeAt(i)
  if (first === 0x2b || first === 0xff0b) {
    plus = true
    i++
    // The reference takes "+" as a prefix only when spaces alone stand between it and the first digit.
    while (i < n && raw.charCodeAt(i) === 0x20) i++
    const next = raw.charCodeAt(i)
    if (!((next >= 0x30 && next <= 0x39) || (next >= 0xff10 && next <= 0xff19))) return null
  }
  let digits = ''
  for (; i < n; i++) {
    const c = raw.charCodeAt(i)
    if (c >= 0x30 && c <= 0x39) digits += raw[i]
    else if (c >= 0xff10 && c <= 0xff19) digits += String.fromCharCode(c - 0xfee0)
    else if (!isSeparator(c)) return null
  }
  if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) return null
  if (plus || digits.startsWith('00')) {
    const rest = plus ? digits : digits.slice(2)
    for (let len = 1; len <= 3 && len < rest.length; len++) {
      const code = rest.slice(0, len)
      // A calling code alone or with too few digits after it holds no number: the library's path says so.
      if (callingCodes.has(code)) return rest.length - len >= 4 ? { form: 'international', callingCode: code, national: rest.slice(len) } : null
    }
    return null
  }
  if (digits.startsWith('0')) return { form: 'trunk', callingCode: '86', national: digits.slice(1) }
  return { form: 'national', callingCode: '86', national: digits }
}
