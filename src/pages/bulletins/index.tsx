import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { BulletinListItem } from '../../../types/bulletins'
import { AppButton } from '../../components/AppButton'
import { Card } from '../../components/Card'
import { Heading } from '../../components/Heading'
import { StateView } from '../../components/StateView'
import { SystemFontSize } from '../../components/SystemFontSize'
import { Tag } from '../../components/Tag'
import { toast } from '../../components/toast'
import { UrgentBanner } from '../../components/UrgentBanner'
import { WarningCards } from '../../components/WarningCard'
import { fromNow, period } from '../../lib/dates'
import { subpackageUrl } from '../../routes'
import { getPushConfig, reportSubscriptions } from '../../services/bulletins'
import { ApiError } from '../../services/http'
import { useBulletins } from '../../stores/bulletins'
import { useSession } from '../../stores/session'
import { pressable } from '../../components/a11y'
import './index.scss'

function BulletinItem({ item }: { item: BulletinListItem }) {
  return (
    <View className="bulletin-item" {...pressable(() => void Taro.navigateTo({ url: subpackageUrl('bulletins', 'detail', { id: item.id }) }), 'link')}>
      <View className="bulletin-item__head">
        <Text className="bulletin-item__issue">{item.issueNo ? `第${item.issueNo}期` : '预警'}</Text>
        {item.severity === 'urgent' ? <Tag tone="danger">紧急</Tag> : null}
        {item.unread ? <View className="bulletin-item__dot" aria-label="未读" /> : null}
        <Text className="bulletin-item__when">{item.publishedAt ? fromNow(item.publishedAt) : ''}</Text>
      </View>
      <Text className="bulletin-item__title">{item.title}</Text>
      <Text className="bulletin-item__summary">{item.summary}</Text>
      <View className="bulletin-item__foot">
        {/* 11月23日至11月29日 keeps its dates whole: where it must break, it breaks after 至. */}
        <Text className="bulletin-item__period">{period(item.periodStart, item.periodEnd).replace('至', '至\u200b')}</Text>
        {item.tags.map((t) => (
          <Tag key={t}>{t}</Tag>
        ))}
      </View>
    </View>
  )
}

/**
 * Subscribe to bulletin messages. requestSubscribeMessage must run inside the tap handler, so the template ids
 * are fetched when the page loads, not on tap.
 */
function SubscribeCard() {
  // Read at render (a build-time constant in Taro builds) so tests can render both platforms.
  const isWeapp = process.env.TARO_ENV === 'weapp'
  const tokens = useSession((s) => s.tokens)
  const [templateIds, setTemplateIds] = useState<string[]>([])
  useEffect(() => {
    if (isWeapp)
      getPushConfig()
        .then((c) => setTemplateIds(c.templates.bulletin ? [c.templates.bulletin] : []))
        .catch(() => {})
  }, [isWeapp])

  const subscribe = () => {
    if (!tokens) {
      void Taro.navigateTo({ url: subpackageUrl('account', 'register') })
      return
    }
    Taro.requestSubscribeMessage({ tmplIds: templateIds, entityIds: [] })
      .then((res) => {
        const results = Object.fromEntries(templateIds.map((id) => [id, String((res as unknown as Record<string, unknown>)[id])]))
        return reportSubscriptions(results).then((state) => {
          const credits = state.templates[0]?.credits ?? 0
          toast(results[templateIds[0]] === 'accept' ? `已订阅，可收到${credits}次提醒` : '您没有订阅，可以随时再点')
        })
      })
      .catch((err: unknown) => toast(err instanceof ApiError ? err.message : '订阅没有成功，请稍后再试'))
  }

  return (
    <Card className="subscribe-card">
      <Text className="subscribe-card__text">新一期预警发布时，用微信消息提醒您。每订阅一次，可收到一次提醒。</Text>
      {isWeapp ? (
        <AppButton variant="primary" block onClick={subscribe} disabled={templateIds.length === 0}>
          订阅预警提醒
        </AppButton>
      ) : (
        <Text className="subscribe-card__hint">在微信里打开“守好钱袋子”小程序，可以订阅预警提醒。</Text>
      )}
    </Card>
  )
}

export default function BulletinsPage() {
  const { items, status, error, nextCursor, loadingMore, refresh, loadMore, loadUnread, savedCopy } = useBulletins()

  useDidShow(() => {
    void refresh()
    void loadUnread()
  })
  usePullDownRefresh(() => {
    void Promise.all([refresh(), loadUnread()]).finally(() => void Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void loadMore())

  return (
    <View className="bulletins-page" role="main">
      <SystemFontSize />
      <UrgentBanner />
      <WarningCards />
      {/* In the mini-program the subscription comes first; in a browser it is only a pointer to the mini-program,
          so it goes after the bulletins instead of filling the first screen. */}
      {process.env.TARO_ENV === 'weapp' ? <SubscribeCard /> : null}
      <Heading level={1} className="bulletins-page__title">
        预警信息
      </Heading>
      {savedCopy ? (
        <View className="bulletins-page__offline" role="status">
          <Text>网络不通，这是这台手机上保存的预警。</Text>
          <AppButton onClick={() => void refresh()}>重试</AppButton>
        </View>
      ) : null}
      {status === 'loading' || status === 'idle' ? (
        <View className="bulletins-page__skeleton" aria-label="正在加载">
          {[0, 1, 2].map((i) => (
            <View key={i} className="bulletin-item bulletin-item--skeleton" />
          ))}
        </View>
      ) : status === 'error' ? (
        <StateView kind="error" message={error ?? '加载失败'} onRetry={() => void refresh()} />
      ) : items.length === 0 ? (
        <StateView kind="empty" message="还没有发布预警信息" />
      ) : (
        <View className="bulletins-page__list">
          {items.map((item) => (
            <BulletinItem key={item.id} item={item} />
          ))}
          {nextCursor ? (
            <AppButton block loading={loadingMore} onClick={() => void loadMore()}>
              加载更多
            </AppButton>
          ) : (
            <Text className="bulletins-page__end">没有更多了</Text>
          )}
        </View>
      )}
      {process.env.TARO_ENV === 'weapp' ? null : <SubscribeCard />}
    </View>
  )
}
