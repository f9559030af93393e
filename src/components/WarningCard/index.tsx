import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { RESIDENT_ANSWER_NAMES, type ResidentAnswer } from '../../../types/warning-wording'
import type { FamilyAlert } from '../../../types/family'
import type { ResidentWarning } from '../../../types/warnings'
import { subpackageUrl } from '../../routes'
import { ApiError } from '../../services/http'
import { useWarnings } from '../../stores/warnings'
import { AppButton } from '../AppButton'
import { toast } from '../toast'
import './index.scss'

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
    <View className='warning-cards'>
      {items.map((w) => <WarningCard key={w.id} warning={w} />)}
      {family.map((a) => <FamilyAlertCard key={`f${a.id}`} alert={a} />)}
    </View>
  )
}

/** A guardian's copy: red until they say they reached their family member, then a calm reminder until it ends. */
function FamilyAlertCard({ alert }: { alert: FamilyAlert }) {
  const answerFamily = useWarnings((s) => s.answerFamily)
  const [busy, setBusy] = useState(false)
  const send = async () => {
    setBusy(true)
    try {
      await answerFamily(alert.id)
      toast('好的，民警会看到。请继续提醒家人不要转账。')
    } catch (err) {
      toast(err instanceof ApiError ? err.message : '没有发送成功，请再点一次，或直接拨打 96110')
    } finally {
      setBusy(false)
    }
  }
  const call = () => void Taro.makePhoneCall({ phoneNumber: alert.hotline }).catch(() => {})
  const urgent = alert.answer === null
  return (
    <View className={`warning-card ${urgent ? 'warning-card--urgent' : ''}`} role={urgent ? 'alert' : 'region'} aria-label={`${alert.title}：${alert.wardName}`}>
      <Text className='warning-card__title'>{alert.title}</Text>
      <Text className='warning-card__happened'>{alert.happened}</Text>
      <View className='warning-card__advice' role='list'>
        {alert.advice.map((a, i) => <View key={i} className='warning-card__step' role='listitem'>{`${i + 1}. ${a}`}</View>)}
      </View>
      {urgent ? (
        <View className='warning-card__answers'>
          <AppButton block loading={busy} disabled={busy} onClick={() => void send()}>已联系家人，没有转账</AppButton>
        </View>
      ) : (
        <Text className='warning-card__answered'>您已回复：已联系家人，没有转账</Text>
      )}
      <AppButton block variant={urgent ? 'secondary' : 'primary'} onClick={call}>{`拨打反诈专线 ${alert.hotline}`}</AppButton>
    </View>
  )
}

function WarningCard({ warning }: { warning: ResidentWarning }) {
  const answer = useWarnings((s) => s.answer)
  const [busy, setBusy] = useState<ResidentAnswer | null>(null)
  const send = async (a: ResidentAnswer) => {
    setBusy(a)
    try {
      await answer(warning.id, a)
      toast(AFTER_ANSWER[a])
    } catch (err) {
      toast(err instanceof ApiError ? err.message : '没有发送成功，请再点一次，或直接拨打 96110')
    } finally {
      setBusy(null)
    }
  }
  const call = () => void Taro.makePhoneCall({ phoneNumber: warning.hotline }).catch(() => {})
  const urgent = warning.answer === null
  return (
    <View className={`warning-card ${urgent ? 'warning-card--urgent' : ''}`} role={urgent ? 'alert' : 'region'} aria-label={warning.title}>
      <Text className='warning-card__title'>{warning.title}</Text>
      <Text className='warning-card__happened'>{warning.happened}</Text>
      <View className='warning-card__advice' role='list'>
        {warning.advice.map((a, i) => <View key={i} className='warning-card__step' role='listitem'>{`${i + 1}. ${a}`}</View>)}
      </View>
      {warning.contact ? (
        <View className='warning-card__contact' aria-label='正在联系您的民警'>
          <Text className='warning-card__contact-line'>
            {`${warning.contact.kind === 'visit' ? '正在上门的民警' : '正在给您打电话的民警'}：${warning.contact.name}（${warning.contact.unit}，警号尾号 ${warning.contact.policeNumberTail}）`}
          </Text>
          <Text className='warning-card__code'>{`核验码 ${warning.contact.code}`}</Text>
          <Text className='warning-card__contact-line'>民警会报出警号和这个核验码；对不上就是假警察，请挂断。</Text>
          <AppButton block onClick={() => void Taro.navigateTo({ url: subpackageUrl('warnings', 'verify') })}>核验来电民警</AppButton>
        </View>
      ) : null}
      {urgent ? (
        <View className='warning-card__answers'>
          {ANSWERS.map((a) => (
            <AppButton key={a} block loading={busy === a} disabled={busy !== null} onClick={() => void send(a)}>
              {RESIDENT_ANSWER_NAMES[a]}
            </AppButton>
          ))}
        </View>
      ) : (
        <Text className='warning-card__answered'>{`您已回复：${RESIDENT_ANSWER_NAMES[warning.answer as ResidentAnswer]}`}</Text>
      )}
      {/* On the red card every button is white (a red one would vanish into it). */}
      <AppButton block variant={urgent ? 'secondary' : 'primary'} onClick={call}>{`拨打反诈专线 ${warning.hotline}`}</AppButton>
    </View>
  )
}
