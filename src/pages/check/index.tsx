import { Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { AppButton } from '../../components/AppButton'
import { Heading } from '../../components/Heading'
import { SystemFontSize } from '../../components/SystemFontSize'
import { Card } from '../../components/Card'
import { StateView } from '../../components/StateView'
import { SegmentedChoice } from '../../components/SegmentedChoice'
import { Tag, type TagTone } from '../../components/Tag'
import { toast } from '../../components/toast'
import { UrgentBanner } from '../../components/UrgentBanner'
import { WarningCards } from '../../components/WarningCard'
import { useBulletins } from '../../stores/bulletins'
import { VerdictCard } from '../../components/VerdictCard'
import { VERDICT_STYLE } from '../../components/VerdictCard/verdict-style'
import { useCheckStore, type CheckKind } from '../../stores/check'
import { useRecentChecks } from '../../stores/recent-checks'
import { useSession } from '../../stores/session'
import type { Verdict } from '../../../types/check'
import './index.scss'

const KINDS: Array<{ kind: CheckKind; label: string; title: string; placeholder: string; examples: string[]; paste: string }> = [
  { kind: 'phone', label: '号码', title: '来电是不是诈骗？一查便知', placeholder: '输入或粘贴来电号码', examples: ['00852 9876 5432', '+86 95588'], paste: '粘贴号码' },
  { kind: 'url', label: '网址', title: '链接能不能点？一查便知', placeholder: '输入或粘贴短信、聊天里的网址', examples: ['t.cn/A6abc', 'icbc.com.cn@evil.example'], paste: '粘贴网址' },
  { kind: 'account', label: '账户', title: '收款账户可靠吗？一查便知', placeholder: '银行卡号、支付宝或微信账号', examples: ['6222 0202 0011 2233 440'], paste: '粘贴账户' }
]
const TONE: Record<Verdict, TagTone> = { dangerous: 'danger', suspicious: 'warning', unknown: 'neutral', safe: 'success' }

export default function CheckPage() {
  const { kind, input, status, result, error, setKind, setInput, run } = useCheckStore()
  const current = KINDS.find((k) => k.kind === kind) ?? KINDS[0]
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
      <WarningCards />
      <Card className='check-box'>
        <View className='check-kinds'>
          <SegmentedChoice name='查什么' value={kind} options={KINDS.map((k) => ({ value: k.kind, label: k.label }))} onChange={setKind} />
        </View>
        <Heading className='check-box__title'>{current.title}</Heading>
        <Input
          className='check-box__input'
          type='text'
          value={input}
          placeholder={current.placeholder}
          ariaLabel={current.placeholder}
          maxlength={kind === 'url' ? 2048 : 100}
          confirmType='search'
          onInput={(e) => setInput(e.detail.value)}
          onConfirm={() => void run()}
        />
        <View className='check-box__actions'>
          <AppButton className='check-box__paste' onClick={() => void paste()}>{current.paste}</AppButton>
          <AppButton className='check-box__go' variant='primary' loading={status === 'loading'} onClick={() => void run()}>
            查一查
          </AppButton>
        </View>
        <View className='check-box__examples'>
          <Text className='check-box__hint'>试一试：</Text>
          {current.examples.map((ex) => (
            <Text key={ex} className='check-box__example' onClick={() => { setInput(ex); void run(ex) }}>{ex}</Text>
          ))}
        </View>
      </Card>

      {status === 'loading' && !result ? <StateView kind='loading' message='正在查询，请稍候…' /> : null}
      {status === 'error' && error ? (
        <StateView kind='error' message={error.message} onRetry={['EMPTY', 'INVALID_NUMBER', 'INVALID_URL', 'INVALID_ACCOUNT'].includes(error.code) ? undefined : () => void run()} />
      ) : null}
      {result && status !== 'error' ? <VerdictCard result={result} /> : null}

      <Card className='recent'>
        <View className='recent__head'>
          <Heading className='recent__title'>最近查过</Heading>
          {recent.length > 0 ? <AppButton onClick={clearRecent}>清空</AppButton> : null}
        </View>
        {recent.length === 0 ? (
          <Text className='recent__empty'>还没有查过。查过的号码、网址和账户只保存在这台手机上。</Text>
        ) : (
          recent.map((item) => (
            <View key={`${item.kind ?? 'phone'}:${item.input}`} className='recent__item' onClick={() => {
              setKind(item.kind ?? 'phone')
              setInput(item.input)
              void run(item.input, item.kind ?? 'phone')
            }}
            >
              <Text className='recent__number'>{item.input}</Text>
              <Tag tone={TONE[item.verdict]}>{VERDICT_STYLE[item.verdict].label}</Tag>
            </View>
          ))
        )}
      </Card>
    </View>
  )
}
