import type { FastifyBaseLogger } from 'fastify'
import type { Verdict } from '../../../types/check.ts'
import type { HistoryRepository } from '../history/repository.ts'
import type { CheckCounter } from '../stats/check-counter.ts'
import type { PhoneLists } from '../lists/service.ts'
import { countryName } from '../../../rules/country-names.ts'
import { GenerationalCache } from '../lib/generational-cache.ts'
import { SeenFilter } from '../lib/seen-filter.ts'
import { AppError } from '../plugins/errors.ts'
import { extractCandidate } from '../../../rules/phone-facts.ts'
import { fastPath } from '../values/phone.ts'
import { explain, explanationKey, judge, shownNumberType, type ListFacts } from '../../../rules/phone-rules.ts'
import { PHONE_INPUT_ERRORS } from '../../../rules/input-errors.ts'
import { knownExplanation, serializeAnswer, serializeExplanation, type SerializedAnswer } from './serialize.ts'

// Each generation holds this many distinct inputs (two generations are kept).
const CACHE_GENERATION_SIZE = 20_000
const SAMPLE_INPUT = '0085298765432'
const NO_LISTS: ListFacts = { blocked: null, verified: null, reporters: 0 }

/**
 * Is the number only part of what was typed — a link, a message, words around it? Labels such as "来电" or "工行
 * 客服" may stand beside a number; letters, other digits or a sentence may not.
 */
export function numberInText(input: string): boolean {
  const text = input.normalize('NFKC')
  const candidate = extractCandidate(text)
  if (candidate === null) return false
  const rest = text.replace(candidate, '').replace(/[\s\p{P}\p{S}]/gu, '')
  return /[a-z0-9]/i.test(rest) || rest.length > 6
}

/** The answer for one input, everything but the time of the check. */
export interface PhoneAnswer {
  verdict: Verdict
  /** Canonical list key, kept in the resident's history. */
  key: string
  /** The serialized response up to the checkedAt value (see serialize.ts). */
  body: SerializedAnswer
  /** Lists version the answer was computed against. */
  listsVersion: number
  /** Epoch ms after which the answer must be recomputed (an entry that expires), or Infinity. */
  validUntil: number
}

type CachedAnswer = PhoneAnswer | AppError

/**
 * Phone self-check. Answers are computed from the parsed number, the in-memory lists and the rules, and
 * cached per input until the lists change (their version moves) or a matching entry expires, so a hot
 * number costs a map lookup; a list change shows up in the very next answer.
 */
export class PhoneCheckService {
  private readonly answers = new GenerationalCache<string, CachedAnswer>(CACHE_GENERATION_SIZE)
  /**
   * Inputs seen once and not cached: an answer is kept from the second sight on. Most numbers are asked once; keeping
   * their answers only fed the garbage collector (each one outlived a young-generation collection, then died old),
   * and so did keeping the inputs themselves: the filter keeps a hash of each, in a fixed table.
   */
  private readonly seenOnce = new SeenFilter(CACHE_GENERATION_SIZE)
  /** The documented example answer: a call from Hong Kong, judged by the rules alone. */
  readonly sample: PhoneAnswer

  constructor(
    private readonly lists: PhoneLists,
    private readonly history: HistoryRepository,
    private readonly log: FastifyBaseLogger,
    private readonly counter: CheckCounter | null = null
  ) {
    this.sample = this.compute(SAMPLE_INPUT, Date.now(), NO_LISTS).answer as PhoneAnswer
  }

  /** The answer for `input`; throws AppError(400, INVALID_NUMBER) for input that holds no phone number. */
  answer(input: string, now = Date.now()): PhoneAnswer {
    let cached = this.answers.get(input)
    if (cached === undefined || (!(cached instanceof AppError) && (cached.listsVersion !== this.lists.version || cached.validUntil <= now))) {
      const stale = cached !== undefined
      cached = this.compute(input, now).answer
      if (this.seenOnce.seen(input) || stale) this.answers.set(input, cached)
    }
    if (cached instanceof AppError) throw cached
    this.counter?.count('phone', cached.verdict, now)
    return cached
  }

  /** Answers and, for a signed-in resident, records the check in their history. */
  async check(input: string, residentId: string | null, now = new Date()): Promise<PhoneAnswer> {
    const answer = this.answer(input, now.getTime())
    if (residentId) {
      // History is a convenience: a failed write must not cost the resident the answer.
      await this.history
        .record({ residentId, kind: 'phone', input, normalized: answer.key, verdict: answer.verdict })
        .catch((err: unknown) => this.log.warn({ err }, 'check history write failed'))
    }
    return answer
  }

  private compute(input: string, now: number, fixedLists?: ListFacts): { answer: CachedAnswer; fast: boolean } {
    const listsVersion = this.lists.version
    const { result: parsed, fast } = fastPath.resolve(input)
    if (!parsed.ok) return { answer: new AppError(400, 'INVALID_NUMBER', PHONE_INPUT_ERRORS[parsed.reason]), fast: false }
    const { facts } = parsed
    const lists = fixedLists ?? this.lists.lookup(facts.key, now)
    // Only a verified number's answer depends on the text around it (it is not vouched for inside a message).
    const { verdict, codes } = judge(facts, lists, lists.verified !== null && numberInText(input))
    // Answers judged alike share one serialized explanation: the text is written once per kind of answer.
    const sharedKey = explanationKey(codes, facts, lists)
    let shared = knownExplanation(sharedKey)
    if (shared === undefined) {
      const { reasons, advice } = explain(verdict, codes, facts, lists, countryName)
      shared = serializeExplanation(sharedKey, { reasons, advice, reports: lists.reporters })
    }
    const numberType = shownNumberType(facts)
    const body = serializeAnswer({ input, e164: facts.e164, country: facts.country, numberType, verdict }, shared)
    const expiresAt = lists.blocked?.expiresAt ?? 0
    return { answer: { verdict, key: facts.key, body, listsVersion, validUntil: expiresAt > 0 ? expiresAt : Infinity }, fast }
  }
}
