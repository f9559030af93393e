import { Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { AppButton } from '../../components/AppButton'
import { Heading } from '../../components/Heading'
import { SystemFontSize } from '../../components/SystemFontSize'
import { Card } from '../../components/Card'
import { StateView } from '../../components/StateView'
import { Tag, type TagTone } from '../../components/Tag'
import { toast } from '../../components/toast'
import { UrgentBanner } from '../../components/UrgentBanner'
import { useBulletins } from '../../stores/bulletins'
import { VerdictCard } from '../../components/VerdictCard'
import { VERDICT_STYLE } from '../../components/VerdictCard/verdict-style'
import { useCheckStore } from '../../stores/check'
import { useRecentChecks } from '../../stores/recent-checks'
import { useSession } from '../../stores/session'
import type { Verdict } from '../../../types/check'
import './index.scss'

const EXAMPLES = ['00852 9876 5432', '+86 95588']
const TONE: Record<Verdict, TagTone> = { dangerous: 'danger', suspicious: 'warning', unknown: 'neutral', safe: 'success' }

export default function CheckPage() {
  const { input, status, result, error, setInput, run } = useCheckStore()
  const recent = useRecentChecks((s) => s.items)
  const clearRecent = useRecentChecks((s) => s.clear)
  // An urgent bulletin is announced on the first screen residents see (and the 预警 badge kept current).
  useDidShow(() => {
    const bulletins = useBulletins.getState()
    void (useSession.getState().tokens ? bulletins.loadUnread() : bulletins.refresh())
  })

  const paste = async () => {
    try {
      const { data } = await Taro.getClipboardData()
      if (!data || data.trim() === '') {
        toast('剪贴板里没有内容')
        return
      }
      setInput(data.trim())
      await run(data.trim())
    } catch {
      toast('无法读取剪贴板，请长按输入框粘贴')
    }
  }

  return (
    <View className='check-page'>
      <SystemFontSize />
      <UrgentBanner />
      <Card className='check-box'>
        <Heading className='check-box__title'>来电是不是诈骗？一查便知</Heading>
        <Input
          className='check-box__input'
          type='text'
          value={input}
          placeholder='输入或粘贴来电号码'
          ariaLabel='来电号码'
          maxlength={60}
          confirmType='search'
          onInput={(e) => setInput(e.detail.value)}
          onConfirm={() => void run()}
        />
        <View className='check-box__actions'>
          <AppButton className='check-box__paste' onClick={() => void paste()}>粘贴号码</AppButton>
          <AppButton className='check-box__go' variant='primary' loading={status === 'loading'} onClick={() => void run()}>
            查一查
          </AppButton>
        </View>
        <View className='check-box__examples'>
          <Text className='check-box__hint'>试一试：</Text>
          {EXAMPLES.map((ex) => (
            <Text key={ex} className='check-box__example' onClick={() => { setInput(ex); void run(ex) }}>{ex}</Text>
          ))}
        </View>
      </Card>

      {status === 'loading' && !result ? <StateView kind='loading' message='正在查询，请稍候…' /> : null}
      {status === 'error' && error ? (
        <StateView kind='error' message={error.message} onRetry={error.code === 'EMPTY' || error.code === 'INVALID_NUMBER' ? undefined : () => void run()} />
      ) : null}
      {result && status !== 'error' ? <VerdictCard result={result} /> : null}

      <Card className='recent'>
        <View className='recent__head'>
          <Heading className='recent__title'>最近查过</Heading>
          {recent.length > 0 ? <AppButton onClick={clearRecent}>清空</AppButton> : null}
        </View>
        {recent.length === 0 ? (
          <Text className='recent__empty'>还没有查过号码。查过的号码只保存在这台手机上。</Text>
        ) : (
          recent.map((item) => (
            <View key={item.input} className='recent__item' onClick={() => { setInput(item.input); void run(item.input) }}>
              <Text className='recent__number'>{item.input}</Text>
              <Tag tone={TONE[item.verdict]}>{VERDICT_STYLE[item.verdict].label}</Tag>
            </View>
          ))
        )}
      </Card>
    </View>
  )
}
