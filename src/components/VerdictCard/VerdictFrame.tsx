import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ReactNode } from 'react'
import type { Verdict } from '../../../types/check'
import { AppButton } from '../AppButton'
import { named } from '../a11y'
import { OFFLINE_MARK, VERDICT_STYLE } from './verdict-style'
import './index.scss'

export const ANTI_FRAUD_HOTLINE = '96110'

/**
 * The frame every answer shares (a number, a site, an account, a whole message): the verdict's sign, label and
 * summary, what the card puts in between, what to do, and the hotline before the card's own actions.
 */
export function VerdictFrame({
  verdict,
  label,
  summary,
  advice,
  actions,
  offline = false,
  children
}: {
  verdict: Verdict
  label: string
  summary: string
  advice: readonly string[]
  actions?: ReactNode
  /** Answered on the phone without a network: marked so, and never 已核实. */
  offline?: boolean
  children?: ReactNode
}) {
  return (
    // Focusable from script (not by Tab) so the page can bring the answer to the resident when it arrives.
    <View
      className={`verdict-card verdict-card--${verdict}`}
      {...named('region', `查询结果：${label}${offline ? `（${OFFLINE_MARK}）` : ''}`)}
      {...(process.env.TARO_ENV === 'weapp' ? {} : { tabIndex: -1 })}
    >
      <View className="verdict-card__head">
        <View className="verdict-card__icon" {...named('presentation')} aria-hidden="true">
          {VERDICT_STYLE[verdict].icon}
        </View>
        <View className="verdict-card__title">
          <Text className="verdict-card__label">{label}</Text>
          <Text className="verdict-card__summary">{summary}</Text>
        </View>
      </View>
      {offline ? <Text className="verdict-card__offline">{OFFLINE_MARK}</Text> : null}
      {children}
      <View className="verdict-card__section">
        <Text className="verdict-card__heading">怎么办</Text>
        {advice.map((a) => (
          <Text key={a} className="verdict-card__advice">
            • {a}
          </Text>
        ))}
      </View>
      <View className="verdict-card__actions">
        <AppButton variant="primary" block onClick={() => void Taro.makePhoneCall({ phoneNumber: ANTI_FRAUD_HOTLINE }).catch(() => {})}>
          拨打 96110 反诈专线
        </AppButton>
        {actions}
      </View>
    </View>
  )
}
