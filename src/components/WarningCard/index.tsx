import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState, type ReactNode } from 'react'
import { RESIDENT_ANSWER_NAMES, type ResidentAnswer } from '../../../types/warning-wording'
import type { FamilyAlert } from '../../../types/family'
import type { ResidentWarning } from '../../../types/warnings'
import { subpackageUrl } from '../../routes'
import { ApiError } from '../../services/http'
import { useWarnings } from '../../stores/warnings'
import { AppButton } from '../AppButton'
import { toast } from '../toast'
import dayjs from 'dayjs'
import './index.scss'

/** "12月6日 14:05收到": what tells two cards apart, on screen and in every name a screen reader reads. */
const receivedText = (iso: string) => `${dayjs(iso).format('M月D日 HH:mm')}收到`

const ANSWERS: ResidentAnswer[] = ['safe', 'transferred', 'call_me']
const AFTER_ANSWER: Record<ResidentAnswer, string> = {
  safe: '好的。请继续提高警惕，不要转账。',
  transferred: '请马上拨打 96110 或 110，民警会尽快联系您，帮您止付。',
  call_me: '民警会尽快给您打电话。来电时请核对警号和核验码。'
}

/**
 * The red card (level 1 of the warning chain): on top of every tab while a warning waits for the resident's answer;
 * once answered, a calmer card says who is contacting them and the code to check, until the warning ends.
 */
export function WarningCards() {
  const items = useWarnings((s) => s.items)
  const family = useWarnings((s) => s.family)
  // Every tab shows it: load whenever a tab comes to the front (a pushed warning opens the 我的 tab).
  useDidShow(() => void useWarnings.getState().load())
  if (items.length === 0 && family.length === 0) return null
  return (
    <View className="warning-cards">
      {items.map((w) => (
        <WarningCard key={w.id} warning={w} />
      ))}
      {family.map((a) => (
        <FamilyAlertCard key={`f${a.id}`} alert={a} />
      ))}
    </View>
  )
}

const NOT_SENT = '没有发送成功，请再点一次，或直接拨打 96110'

/** Posts an answer while the card shows it busy; the toast says what happens next, or why it did not go. */
function useAnswerSender<T>(post: (value: T) => Promise<void>, after: (value: T) => string) {
  const [busy, setBusy] = useState<T | null>(null)
  const send = async (value: T) => {
    setBusy(value)
    try {
      await post(value)
      toast(after(value))
    } catch (err) {
      toast(err instanceof ApiError ? err.message : NOT_SENT)
    } finally {
      setBusy(null)
    }
  }
  return { busy, send }
}

/** What both cards show: title, what happened, the steps, their own part, and the hotline last. */
function CardFrame({
  title,
  label,
  received,
  happened,
  advice,
  hotline,
  urgent,
  children
}: {
  title: string
  label: string
  received: string
  happened: string
  advice: string[]
  hotline: string
  urgent: boolean
  children: ReactNode
}) {
  const call = () => void Taro.makePhoneCall({ phoneNumber: hotline }).catch(() => {})
  return (
    <View className={`warning-card ${urgent ? 'warning-card--urgent' : ''}`} role={urgent ? 'alert' : 'region'} aria-label={`${label}（${received}）`}>
      <Text className="warning-card__title">{title}</Text>
      <Text className="warning-card__received">{received}</Text>
      <Text className="warning-card__happened">{happened}</Text>
      <View className="warning-card__advice" role="list">
        {advice.map((a, i) => (
          <View key={i} className="warning-card__step" role="listitem">{`${i + 1}. ${a}`}</View>
        ))}
      </View>
      {children}
      {/* On the red card every button is white (a red one would vanish into it). */}
      <AppButton block variant={urgent ? 'secondary' : 'primary'} onClick={call}>{`拨打反诈专线 ${hotline}`}</AppButton>
    </View>
  )
}

/** A guardian's copy: red until they say they reached their family member, then a calm reminder until it ends. */
function FamilyAlertCard({ alert }: { alert: FamilyAlert }) {
  const answerFamily = useWarnings((s) => s.answerFamily)
  const { busy, send } = useAnswerSender<'reached'>(
    () => answerFamily(alert.id),
    () => '好的，民警会看到。请继续提醒家人不要转账。'
  )
  const urgent = alert.answer === null
  const received = receivedText(alert.receivedAt)
  const callFamily = (phoneNumber: string) => void Taro.makePhoneCall({ phoneNumber }).catch(() => {})
  return (
    <CardFrame
      title={alert.title}
      label={`${alert.title}：${alert.wardName}`}
      received={received}
      happened={alert.happened}
      advice={alert.advice}
      hotline={alert.hotline}
      urgent={urgent}
    >
      {/* The first thing to do is reach them: one tap, not a search through the contacts. */}
      {alert.wardPhone ? (
        <AppButton block variant={urgent ? 'secondary' : 'primary'} onClick={() => callFamily(alert.wardPhone as string)}>
          {`给${alert.wardName}打电话`}
        </AppButton>
      ) : null}
      {urgent ? (
        <View className="warning-card__answers">
          <AppButton
            block
            loading={busy !== null}
            disabled={busy !== null}
            label={`已联系家人，没有转账（${alert.wardName}，${received}的提醒）`}
            onClick={() => void send('reached')}
          >
            已联系家人，没有转账
          </AppButton>
        </View>
      ) : (
        <Text className="warning-card__answered">您已回复：已联系家人，没有转账</Text>
      )}
    </CardFrame>
  )
}

function WarningCard({ warning }: { warning: ResidentWarning }) {
  const answer = useWarnings((s) => s.answer)
  const { busy, send } = useAnswerSender<ResidentAnswer>(
    (a) => answer(warning.id, a),
    (a) => AFTER_ANSWER[a]
  )
  const urgent = warning.answer === null
  const received = receivedText(warning.receivedAt)
  return (
    <CardFrame
      title={warning.title}
      label={warning.title}
      received={received}
      happened={warning.happened}
      advice={warning.advice}
      hotline={warning.hotline}
      urgent={urgent}
    >
      {warning.contact ? (
        <View className="warning-card__contact" aria-label="正在联系您的民警">
          <Text className="warning-card__contact-line">
            {`${warning.contact.kind === 'visit' ? '正在上门的民警' : '正在给您打电话的民警'}：${warning.contact.name}（${warning.contact.unit}，警号尾号 ${warning.contact.policeNumberTail}）`}
          </Text>
          <Text className="warning-card__code">{`核验码 ${warning.contact.code}`}</Text>
          <Text className="warning-card__contact-line">民警会报出警号和这个核验码；对不上就是假警察，请挂断。</Text>
          <AppButton block onClick={() => void Taro.navigateTo({ url: subpackageUrl('warnings', 'verify') })}>
            核验来电民警
          </AppButton>
        </View>
      ) : null}
      {urgent ? (
        <View className="warning-card__answers">
          {ANSWERS.map((a) => (
            // Named with the card's time: with two cards open, each button says which warning it answers.
            <AppButton
              key={a}
              block
              loading={busy === a}
              disabled={busy !== null}
              label={`${RESIDENT_ANSWER_NAMES[a]}（${received}的预警）`}
              onClick={() => void send(a)}
            >
              {RESIDENT_ANSWER_NAMES[a]}
            </AppButton>
          ))}
        </View>
      ) : (
        <Text className="warning-card__answered">{`您已回复：${RESIDENT_ANSWER_NAMES[warning.answer as ResidentAnswer]}`}</Text>
      )}
    </CardFrame>
  )
}
