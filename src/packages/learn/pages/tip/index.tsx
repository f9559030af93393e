import { Text, View } from '@tarojs/components'
import { InnerNav } from '../../../../components/InnerNav'
import Taro, { useRouter } from '@tarojs/taro'
import { subpackageUrl } from '../../../../routes'
import { useEffect, useState } from 'react'
import type { TipDetail } from '../../../../../types/learn'
import { AppButton } from '../../../../components/AppButton'
import { Card } from '../../../../components/Card'
import { ContentBlock } from '../../../../components/ContentBlock'
import { Heading } from '../../../../components/Heading'
import { StateView } from '../../../../components/StateView'
import { SystemFontSize } from '../../../../components/SystemFontSize'
import { Tag } from '../../../../components/Tag'
import { toast } from '../../../../components/toast'
import { fullDate } from '../../../../lib/dates'
import { ApiError } from '../../../../services/http'
import { getTip, setTipLearned } from '../../../../services/learn'
import { useLearn } from '../../../../stores/learn'
import { useSession } from '../../../../stores/session'
import { useTipCache } from '../../../../stores/tip-cache'
import './index.scss'

/** One tip; read once, it stays readable without a network (tip cache). */
export default function TipPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const [tip, setTip] = useState<TipDetail | null>(null)
  const [offline, setOffline] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const signedIn = useSession((s) => s.tokens !== null)

  const load = () => {
    setError(null)
    getTip(id)
      .then((t) => {
        setTip(t)
        setOffline(false)
        useTipCache.getState().save(t)
      })
      .catch((err: unknown) => {
        const cached = useTipCache.getState().get(id)
        if (cached && err instanceof ApiError && err.code === 'NETWORK') {
          setTip(cached)
          setOffline(true)
        } else {
          setError(err instanceof ApiError ? err.message : '加载失败，请稍后再试')
        }
      })
  }
  // Once per tip id.
  useEffect(load, [id])

  if (error)
    return (
      <>
        <SystemFontSize />
        <StateView kind="error" message={error} onRetry={load} />
      </>
    )
  if (!tip)
    return (
      <>
        <SystemFontSize />
        <StateView kind="loading" message="正在加载…" />
      </>
    )

  const toggleLearned = () => {
    if (!signedIn) {
      // Offer the way to keep it, and come back here afterwards.
      void Taro.showModal({
        title: '记录学习进度',
        content: '登记后可以记下您学会了哪些反诈知识。现在登记吗？',
        confirmText: '去登记',
        cancelText: '以后再说'
      }).then(({ confirm }) => {
        if (confirm) void Taro.navigateTo({ url: subpackageUrl('account', 'register', { then: 'back' }) })
      })
      return
    }
    setTipLearned(tip.id, !tip.learned)
      .then((t) => {
        setTip(t)
        useTipCache.getState().save(t)
        useLearn.getState().markLearned(t.id, t.learned)
        toast(t.learned ? '已标记为学会' : '已取消标记')
      })
      .catch((err: unknown) => toast(err instanceof ApiError ? err.message : '没有保存成功，请稍后再试'))
  }

  return (
    <View className="tip-page" role="main">
      <InnerNav />
      <SystemFontSize />
      {offline ? (
        <View className="tip-page__offline" role="status">
          网络不通，这是这台手机上保存的内容
        </View>
      ) : null}
      <Card>
        <Heading level={1} className="tip-page__title">
          {tip.title}
        </Heading>
        <View className="tip-page__meta">
          {tip.fraudTypes.map((f) => (
            <Tag key={f.code}>{f.name}</Tag>
          ))}
          <Text className="tip-page__source">{`${tip.source} · ${fullDate(tip.publishedOn)}`}</Text>
        </View>
        <View className="tip-page__body">
          {tip.body.map((block, i) => (
            <ContentBlock key={i} block={block} />
          ))}
        </View>
      </Card>
      <View className="tip-page__actions">
        <AppButton variant={tip.learned ? 'secondary' : 'primary'} block onClick={toggleLearned}>
          {tip.learned ? '已学会（点此取消）' : '我学会了'}
        </AppButton>
        <AppButton block onClick={() => void Taro.makePhoneCall({ phoneNumber: '96110' }).catch(() => {})}>
          拿不准？拨打 96110
        </AppButton>
      </View>
    </View>
  )
}
