import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { CheckAccountResponse, CheckPhoneResponse, CheckUrlResponse } from '../../../types/check'
import { subpackageUrl } from '../../routes'
import { AppButton } from '../AppButton'
import { VERDICT_STYLE } from './verdict-style'
import './index.scss'

export const ANTI_FRAUD_HOTLINE = '96110'

type AnyCheck = CheckPhoneResponse | CheckUrlResponse | CheckAccountResponse

/** What was checked, as the card names it, and the value shown in large type. */
export function checkedThing(result: AnyCheck): { noun: string; shown: string } {
  if ('kind' in result && result.kind === 'url') return { noun: '网址', shown: result.host }
  if ('kind' in result && result.kind === 'account') return { noun: '账户', shown: result.normalized }
  return { noun: '号码', shown: (result as CheckPhoneResponse).e164 ?? result.input }
}

/** The answer to "is this a scam?": verdict, why, and what to do now. One card for numbers, addresses and accounts. */
export function VerdictCard({ result }: { result: AnyCheck }) {
  const style = VERDICT_STYLE[result.verdict]
  const { noun, shown } = checkedThing(result)
  return (
    <View className={`verdict-card verdict-card--${result.verdict}`} role='region' ariaLabel={`查询结果：${style.label}`}>
      <View className='verdict-card__head'>
        <View className='verdict-card__icon' role='presentation'>{style.icon}</View>
        <View className='verdict-card__title'>
          <Text className='verdict-card__label'>{style.label}</Text>
          <Text className='verdict-card__summary'>{style.summary}</Text>
        </View>
      </View>
      <Text className='verdict-card__number'>{shown}</Text>
      {result.reasons.length > 0 ? (
        <View className='verdict-card__section'>
          <Text className='verdict-card__heading'>为什么</Text>
          {result.reasons.map((r) => (
            <Text key={r.code} className='verdict-card__reason'>{r.message}</Text>
          ))}
        </View>
      ) : null}
      {result.reports > 0 && !result.reasons.some((r) => r.code === 'REPORTED') ? (
        <Text className='verdict-card__reports'>已有{result.reports}位居民举报过这个{noun}</Text>
      ) : null}
      <View className='verdict-card__section'>
        <Text className='verdict-card__heading'>怎么办</Text>
        {result.advice.map((a) => (
          <Text key={a} className='verdict-card__advice'>• {a}</Text>
        ))}
      </View>
      <View className='verdict-card__actions'>
        <AppButton variant='primary' block onClick={() => void Taro.makePhoneCall({ phoneNumber: ANTI_FRAUD_HOTLINE }).catch(() => {})}>
          拨打 96110 反诈专线
        </AppButton>
        <AppButton block onClick={() => void Taro.navigateTo({ url: subpackageUrl('report', 'index', { value: result.input, kind: 'kind' in result ? result.kind : 'phone' }) })}>
          {`举报这个${noun}`}
        </AppButton>
      </View>
    </View>
  )
}
