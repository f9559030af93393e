import type { FastifyBaseLogger } from 'fastify'
import type { CheckPhoneResponse } from '../../../types/check.ts'
import type { HistoryRepository } from '../history/repository.ts'
import type { PhoneLists } from '../lists/service.ts'
import { AppError } from '../plugins/errors.ts'
import { parsePhone, type PhoneParseResult } from './phone-facts.ts'
import { serviceClassOf, verdictFor } from './rules.ts'

const PARSE_CACHE_SIZE = 10_000
const regionNames = new Intl.DisplayNames(['zh-Hans'], { type: 'region' })

function countryName(region: string): string {
  try {
    return regionNames.of(region) ?? region
  } catch {
    return region
  }
}

const INVALID_MESSAGES = {
  NO_DIGITS: '没有找到电话号码，请输入或粘贴来电号码，例如 00852 开头的号码',
  TOO_LONG: '号码太长了：电话号码最多20位数字，请检查是否多复制了内容',
  TOO_SHORT: '号码太短了，请输入完整的电话号码'
} as const

/**
 * Phone self-check: parse (cached: parsing is pure and the costliest step), consult the in-memory lists,
 * apply the rules. Lists are read on every call, so a list change shows up in the next answer.
 */
export class PhoneCheckService {
  private readonly parsed = new Map<string, PhoneParseResult>()

  constructor(
    private readonly lists: PhoneLists,
    private readonly history: HistoryRepository,
    private readonly log: FastifyBaseLogger
  ) {}

  async check(input: string, residentId: string | null): Promise<CheckPhoneResponse> {
    const result = this.parse(input)
    if (!result.ok) throw new AppError(400, 'INVALID_NUMBER', INVALID_MESSAGES[result.reason])
    const { facts } = result
    const lists = this.lists.lookup(facts.key)
    const { verdict, reasons, advice } = verdictFor(facts, lists, countryName)
    const response: CheckPhoneResponse = {
      input,
      e164: facts.e164,
      country: facts.country,
      numberType: facts.numberType === 'UNKNOWN' && serviceClassOf(facts) !== null ? 'SERVICE' : facts.numberType,
      verdict,
      reasons,
      advice,
      reports: lists.reporters,
      checkedAt: new Date().toISOString()
    }
    if (residentId) {
      // History is a convenience: a failed write must not cost the resident the answer.
      await this.history
        .record({ residentId, kind: 'phone', input, normalized: facts.key, verdict })
        .catch((err: unknown) => this.log.warn({ err }, 'check history write failed'))
    }
    return response
  }

  private parse(input: string): PhoneParseResult {
    const hit = this.parsed.get(input)
    if (hit) return hit
    const result = parsePhone(input)
    if (this.parsed.size >= PARSE_CACHE_SIZE) this.parsed.delete(this.parsed.keys().next().value as string)
    this.parsed.set(input, result)
    return result
  }
}
