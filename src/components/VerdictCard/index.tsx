import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { CheckAccountResponse, CheckPhoneResponse, CheckUrlResponse } from '../../../types/check'
import { subpackageUrl } from '../../routes'
import { AppButton } from '../AppButton'
import { OFFLINE_UNKNOWN, VERDICT_STYLE, verdictSummary } from './verdict-style'
import { VerdictFrame } from './VerdictFrame'
import './index.scss'

export { ANTI_FRAUD_HOTLINE } from './VerdictFrame'

type AnyCheck = CheckPhoneResponse | CheckUrlResponse | CheckAccountResponse

/**
 * A number grouped the way people read it: mainland mobiles 3-4-4 without the +86 (165 0000 1111), other mainland
 * numbers with their trunk 0, numbers abroad with their country code apart (+852 9876 5432).
 */
export function readableNumber(e164: string): string {
  if (e164.startsWith('+86')) {
    const national = e164.slice(3)
    return /^1\d{10}$/.test(national) ? `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}` : `0${national}`
  }
  const digits = e164.slice(1)
  // Calling codes are 1–3 digits; the common ones seen here: 1, 7, 2-digit (44, 60…), 3-digit (852, 886…).
  const cc = /^(1|7)/.test(digits)
    ? digits.slice(0, 1)
    : /^(2[0-7]|3[0-469]|4[0-13-9]|5[1-8]|6[0-6]|8[1246]|9[0-58])/.test(digits)
      ? digits.slice(0, 2)
      : digits.slice(0, 3)
  const rest = digits.slice(cc.length).replace(/(\d{4})(?=\d)/g, '$1 ')
  return `+${cc} ${rest}`
}

/** A bank card number in groups of four, as printed on the card (6222 0202 0011 2233 440); other accounts as they are. */
export function readableAccount(normalized: string): string {
  return /^\d{12,19}$/.test(normalized) ? normalized.replace(/(\d{4})(?=\d)/g, '$1 ') : normalized
}

/** What was typed, in plain characters: full-width digits, "＋" and ideographic spaces folded, spaces single. */
export function plainInput(input: string): string {
  return input.normalize('NFKC').replace(/\s+/g, ' ').trim()
}

/** What was checked, as the card names it, and the value shown in large type. */
export function checkedThing(result: AnyCheck): { noun: string; shown: string } {
  if ('kind' in result && result.kind === 'url') return { noun: '网址', shown: result.host }
  if ('kind' in result && result.kind === 'account') return { noun: '账户', shown: readableAccount(result.normalized) }
  const e164 = (result as CheckPhoneResponse).e164
  return { noun: '号码', shown: e164 ? readableNumber(e164) : plainInput(result.input) }
}

/** The answer to "is this a scam?": verdict, why, and what to do now. One card for numbers, addresses and accounts. */
export function VerdictCard({ result, offline = false }: { result: AnyCheck; offline?: boolean }) {
  const style = offline && result.verdict === 'unknown' ? OFFLINE_UNKNOWN : VERDICT_STYLE[result.verdict]
  const { noun, shown } = checkedThing(result)
  return (
    <VerdictFrame
      verdict={result.verdict}
      label={style.label}
      summary={offline && result.verdict === 'unknown' ? OFFLINE_UNKNOWN.summary : verdictSummary(result.verdict, noun)}
      offline={offline}
      advice={result.advice}
      actions={
        // A verified number, site or account is not reported.
        result.verdict === 'safe' ? null : (
          <AppButton
            block
            onClick={() =>
              void Taro.navigateTo({ url: subpackageUrl('report', 'index', { value: result.input, kind: 'kind' in result ? result.kind : 'phone' }) })
            }
          >
            {`举报这个${noun}`}
          </AppButton>
        )
      }
    >
      <Text className="verdict-card__number">{shown}</Text>
      {result.reasons.length > 0 ? (
        <View className="verdict-card__section">
          <Text className="verdict-card__heading">为什么</Text>
          {result.reasons.map((r) => (
            <Text key={r.code} className="verdict-card__reason">
              {r.message}
            </Text>
          ))}
        </View>
      ) : null}
      {result.reports > 0 && !result.reasons.some((r) => r.code === 'REPORTED') ? (
        <Text className="verdict-card__reports">
          已有{result.reports}位居民举报过这个{noun}
        </Text>
      ) : null}
    </VerdictFrame>
  )
}
