import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { CheckMessageResponse, MessagePart, Verdict } from '../../../types/check'
import { subpackageUrl, TAB_ROUTES } from '../../routes'
import { AppButton } from '../AppButton'
import { Tag, type TagTone } from '../Tag'
import { named } from '../a11y'
import { OFFLINE_UNKNOWN, VERDICT_STYLE } from './verdict-style'
import { VerdictFrame } from './VerdictFrame'
import './index.scss'

const SUMMARY: Record<Verdict, string> = {
  dangerous: '极可能是诈骗消息',
  suspicious: '有诈骗风险，请提高警惕',
  unknown: '没有发现诈骗特征',
  safe: '没有发现诈骗特征'
}
const TONE: Record<Verdict, TagTone> = { dangerous: 'danger', suspicious: 'warning', unknown: 'neutral', safe: 'success' }
const NOUN: Record<MessagePart['kind'], string> = { phone: '号码', url: '网址', account: '账户', qq: 'QQ号', wechat: '微信号', amount: '金额' }

/** The message cut into plain text and its parts, each part once, in order. */
export function messageSegments(text: string, parts: readonly MessagePart[]): Array<{ text: string; part: MessagePart | null }> {
  const out: Array<{ text: string; part: MessagePart | null }> = []
  let at = 0
  for (const p of [...parts].sort((a, b) => a.start - b.start)) {
    if (p.start < at || p.end > text.length) continue
    if (p.start > at) out.push({ text: text.slice(at, p.start), part: null })
    out.push({ text: text.slice(p.start, p.end), part: p })
    at = p.end
  }
  if (at < text.length) out.push({ text: text.slice(at), part: null })
  return out
}

/** The answer for a whole message: verdict, who it pretends to be, the message with its dangerous parts marked, why, what to do. */
export function MessageVerdict({
  result,
  message,
  tip,
  offline = false
}: {
  result: CheckMessageResponse
  message: string
  tip?: { id: string; title: string } | null
  offline?: boolean
}) {
  const style = VERDICT_STYLE[result.verdict]
  const impersonated = result.reasons.some((r) => r.code === 'IMPERSONATION') && result.sender ? `冒充${result.sender}` : null
  const flagged = result.parts.filter((p) => p.verdict === 'dangerous' || p.verdict === 'suspicious')
  // Only the message the answer is for is shown marked (the box may have been edited since).
  const segments = message.length === result.length ? messageSegments(message, result.parts) : []
  const actions = (
    <>
      {/* The matching tip when one is found; else the 学反诈 tab. */}
      {tip ? (
        <AppButton block onClick={() => void Taro.navigateTo({ url: subpackageUrl('learn', 'tip', { id: tip.id }) })}>{`学反诈：${tip.title}`}</AppButton>
      ) : result.scripts.length > 0 ? (
        <AppButton block onClick={() => void Taro.switchTab({ url: `/${TAB_ROUTES.learn}` })}>{`学反诈：${result.scripts[0].name}`}</AppButton>
      ) : null}
      {/* The message itself is reported (the report page takes it from the check box: too long for a page address). */}
      <AppButton block onClick={() => void Taro.navigateTo({ url: subpackageUrl('report', 'index', { kind: 'message' }) })}>
        举报这条消息
      </AppButton>
    </>
  )
  return (
    // A message is never 已核实: the server answers "unknown" at best, and the card would say so even if it did not.
    <VerdictFrame
      verdict={result.verdict === 'safe' ? 'unknown' : result.verdict}
      label={result.verdict === 'safe' || result.verdict === 'unknown' ? (offline ? OFFLINE_UNKNOWN.label : VERDICT_STYLE.unknown.label) : style.label}
      summary={offline && result.verdict !== 'dangerous' && result.verdict !== 'suspicious' ? OFFLINE_UNKNOWN.summary : SUMMARY[result.verdict]}
      offline={offline}
      advice={result.advice}
      actions={actions}
    >
      {impersonated || result.scripts.length > 0 ? (
        <View className="verdict-card__tags">
          {impersonated ? <Tag tone="danger">{impersonated}</Tag> : null}
          {result.scripts.map((s) => (
            <Tag key={s.code} tone={TONE[result.verdict]}>
              {s.name}
            </Tag>
          ))}
        </View>
      ) : null}
      {segments.length > 0 ? (
        <View className="verdict-card__section">
          <Text className="verdict-card__heading">{flagged.length > 0 ? '消息里危险的地方' : '检查的消息'}</Text>
          <View className="verdict-card__message">
            {segments.map((s, i) =>
              s.part && (s.part.verdict === 'dangerous' || s.part.verdict === 'suspicious') ? (
                // Marked by a sign and an underline, not by colour alone; a screen reader hears what the mark means (a
                // mark takes no aria-label: the words are in it, hidden from sight).
                <Text key={i} className={`msg-part msg-part--${s.part.verdict}`} {...named('mark')}>
                  <Text className="sr-only">{`${VERDICT_STYLE[s.part.verdict].label}${NOUN[s.part.kind]}：`}</Text>
                  <Text aria-hidden="true">{s.part.verdict === 'dangerous' ? '⚠' : '?'}</Text>
                  {s.text}
                </Text>
              ) : (
                <Text key={i}>{s.text}</Text>
              )
            )}
          </View>
        </View>
      ) : null}
      <View className="verdict-card__section">
        <Text className="verdict-card__heading">为什么</Text>
        {result.reasons.map((r, i) => (
          <Text key={`${r.code}-${i}`} className="verdict-card__reason">
            {r.message}
          </Text>
        ))}
      </View>
      {flagged.length > 0 ? (
        <View className="verdict-card__section">
          <Text className="verdict-card__heading">查到的内容</Text>
          {flagged.map((p) => (
            <View key={`${p.kind}-${p.start}`} className="verdict-card__part">
              <Text className="verdict-card__part-text">{`${NOUN[p.kind]} ${p.text.trim()}`}</Text>
              <Tag tone={TONE[p.verdict]}>{VERDICT_STYLE[p.verdict].label}</Tag>
            </View>
          ))}
        </View>
      ) : null}
    </VerdictFrame>
  )
}
