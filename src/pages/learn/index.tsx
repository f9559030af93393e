import { Image, Input, ScrollView, Text, View } from '@tarojs/components'
import Taro, { useLoad, useReachBottom } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { AppButton } from '../../components/AppButton'
import { Heading } from '../../components/Heading'
import { StateView } from '../../components/StateView'
import { SystemFontSize } from '../../components/SystemFontSize'
import { WarningCards } from '../../components/WarningCard'
import { Tag } from '../../components/Tag'
import { subpackageUrl } from '../../routes'
import { mediaSrc } from '../../services/learn'
import { useLearn } from '../../stores/learn'
import { pressable, fieldName } from '../../components/a11y'
import './index.scss'

const SEARCH_DELAY_MS = 400

function minutes(seconds: number): string {
  const s = Math.round(seconds)
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

export default function LearnPage() {
  const { types, type, tips, videos, status, error, fromCache, nextCursor, loadingMore, load, search, loadMore } = useLearn()
  const [text, setText] = useState(useLearn.getState().q)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)

  useLoad(() => void load())
  useReachBottom(() => void loadMore())
  // Debounced: one search after the resident stops typing, not one per character.
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current)
    },
    []
  )
  const onType = (value: string) => {
    setText(value)
    if (timer.current) clearTimeout(timer.current)
    timer.current = setTimeout(() => void search({ q: value }), SEARCH_DELAY_MS)
  }

  return (
    <View className="learn-page" role="main">
      <Heading level={1} className="sr-only">
        学反诈
      </Heading>
      <SystemFontSize />
      <WarningCards />
      <View className="learn-search">
        <Input
          className="learn-search__input"
          value={text}
          placeholder="搜索，例如：投资、刷单、验证码"
          confirmType="search"
          {...fieldName('搜索反诈知识')}
          onInput={(e) => onType(e.detail.value)}
          onConfirm={() => void search({ q: text })}
        />
      </View>
      <ScrollView scrollX className="learn-chips" ariaLabel="诈骗类型">
        {[{ code: null, name: '全部' }, ...types.map((t) => ({ code: t.code as string | null, name: t.name }))].map((t) => (
          <View
            key={t.code ?? 'all'}
            {...pressable(() => void search({ type: t.code }))}
            aria-pressed={type === t.code}
            className={`learn-chip ${type === t.code ? 'learn-chip--on' : ''}`}
          >
            {t.name}
          </View>
        ))}
      </ScrollView>

      {videos.length > 0 && !text && !type ? (
        <View className="learn-videos">
          <Heading className="learn-page__title">反诈短视频</Heading>
          {/* A row that scrolls sideways is reachable (and scrollable with arrow keys) from the keyboard. */}
          <ScrollView
            scrollX
            className="learn-videos__row"
            {...(process.env.TARO_ENV === 'weapp' ? {} : { tabIndex: 0, 'aria-label': '反诈短视频，左右滑动查看' })}
          >
            {videos.map((v) => (
              <View
                key={v.id}
                className="video-card"
                {...pressable(
                  () => void Taro.navigateTo({ url: subpackageUrl('learn', 'video', { id: v.id }) }),
                  'link',
                  `视频：${v.title}，${minutes(v.durationSeconds)}`
                )}
              >
                <Image
                  className="video-card__cover"
                  src={mediaSrc(v.coverUrl)}
                  mode="aspectFill"
                  lazyLoad
                  {...{ alt: `视频封面：${v.title}` }}
                  aria-hidden="true"
                />
                <Text className="video-card__title">{v.title}</Text>
                {/* A new video says nothing about views rather than "0次观看". */}
                <Text className="video-card__meta">
                  {v.viewCount > 0 ? `${minutes(v.durationSeconds)} · ${v.viewCount}次观看` : minutes(v.durationSeconds)}
                </Text>
              </View>
            ))}
          </ScrollView>
        </View>
      ) : null}

      <Heading className="learn-page__title">{text ? `“${text}”的搜索结果` : '反诈知识'}</Heading>
      {fromCache ? (
        <View className="learn-page__offline" role="status">
          网络不通，下面是这台手机上保存的内容
        </View>
      ) : null}
      {status === 'loading' && tips.length === 0 ? (
        <View aria-label="正在加载">
          {[0, 1, 2].map((i) => (
            <View key={i} className="tip-item tip-item--skeleton" />
          ))}
        </View>
      ) : status === 'error' ? (
        <StateView kind="error" message={error ?? '加载失败'} onRetry={() => void search({})} />
      ) : tips.length === 0 ? (
        <StateView kind="empty" message={text ? '没有找到相关内容，换个词试试' : '还没有反诈知识'} />
      ) : (
        <View>
          {tips.map((t) => (
            <View key={t.id} className="tip-item" {...pressable(() => void Taro.navigateTo({ url: subpackageUrl('learn', 'tip', { id: t.id }) }), 'link')}>
              <Text className="tip-item__title">{t.title}</Text>
              <Text className="tip-item__excerpt">{t.excerpt}</Text>
              <View className="tip-item__foot">
                {t.fraudTypes.map((f) => (
                  <Tag key={f.code}>{f.name}</Tag>
                ))}
                {t.learned ? <Tag tone="success">已学会</Tag> : null}
              </View>
            </View>
          ))}
          {nextCursor ? (
            <AppButton block loading={loadingMore} onClick={() => void loadMore()}>
              加载更多
            </AppButton>
          ) : null}
        </View>
      )}
    </View>
  )
}
