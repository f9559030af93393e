import { Image, Text, View } from '@tarojs/components'
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { BulletinBlock, BulletinDetail } from '../../../../../types/bulletins'
import { AppButton } from '../../../../components/AppButton'
import { Card } from '../../../../components/Card'
import { Heading } from '../../../../components/Heading'
import { StateView } from '../../../../components/StateView'
import { SystemFontSize } from '../../../../components/SystemFontSize'
import { Tag } from '../../../../components/Tag'
import { toast } from '../../../../components/toast'
import { fullDate, period } from '../../../../lib/dates'
import { getBulletin } from '../../../../services/bulletins'
import { ApiError } from '../../../../services/http'
import { useBulletins } from '../../../../stores/bulletins'
import './index.scss'

/** 38000 → "3.8万元", 900 → "900元". */
export function formatLoss(yuan: number): string {
  return yuan >= 10_000 ? `${Number((yuan / 10_000).toFixed(2))}万元` : `${yuan}元`
}

/** One body block, rendered natively: every string is text, never markup. */
export function Block({ block }: { block: BulletinBlock }) {
  switch (block.type) {
    case 'paragraph':
      return <Text className='block-paragraph'>{block.text}</Text>
    case 'case':
      return (
        <View className='block-case'>
          <Text className='block-case__label'>案例</Text>
          {block.title ? <Text className='block-case__title'>{block.title}</Text> : null}
          <View className='block-case__facts'>
            <Tag tone='warning'>{block.fraudType}</Tag>
            <Text className='block-case__fact'>渠道：{block.channel}</Text>
            {block.lossAmount !== undefined ? <Text className='block-case__fact'>{block.lossAmount > 0 ? `损失：${formatLoss(block.lossAmount)}` : '未造成损失'}</Text> : null}
          </View>
          <Text className='block-case__story'>{block.story}</Text>
        </View>
      )
    case 'table':
      return (
        <View className='block-table' role='table' aria-label={block.caption ?? '统计表'}>
          {block.caption ? <Text className='block-table__caption'>{block.caption}</Text> : null}
          <View className='block-table__row block-table__row--head' role='row'>
            {block.columns.map((c) => <View key={c} className='block-table__cell' role='columnheader'>{c}</View>)}
          </View>
          {block.rows.map((row, i) => (
            <View key={i} className='block-table__row' role='row'>
              {row.map((cell, j) => <View key={j} className='block-table__cell' role='cell'>{cell}</View>)}
            </View>
          ))}
        </View>
      )
    case 'tips':
      return (
        <View className='block-tips'>
          {block.title ? <Text className='block-tips__title'>{block.title}</Text> : null}
          {block.items.map((item, i) => <Text key={i} className='block-tips__item'>{`${i + 1}. ${item}`}</Text>)}
        </View>
      )
    case 'image':
      return (
        <View className='block-image'>
          <Image className='block-image__img' src={block.url} mode='widthFix' lazyLoad ariaLabel={block.alt} />
          {block.caption ? <Text className='block-image__caption'>{block.caption}</Text> : null}
        </View>
      )
  }
}

export default function BulletinDetailPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const markRead = useBulletins((s) => s.markRead)
  const [bulletin, setBulletin] = useState<BulletinDetail | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = () => {
    setError(null)
    getBulletin(id)
      .then((b) => {
        setBulletin(b)
        markRead(b.id)
      })
      .catch((err: unknown) => setError(err instanceof ApiError ? err.message : '加载失败，请稍后再试'))
  }
  // Load once per bulletin id; `load` and `markRead` are stable enough for that.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(load, [id])

  useShareAppMessage(() => ({
    title: bulletin ? `${bulletin.issueNo ? `第${bulletin.issueNo}期 ` : ''}${bulletin.title}` : '反诈预警',
    path: `/packages/bulletins/pages/detail/index?id=${id}`
  }))

  if (error) return <StateView kind='error' message={error} onRetry={load} />
  if (!bulletin) return <StateView kind='loading' message='正在加载预警…' />

  const share = () => {
    if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') {
      void Taro.setClipboardData({ data: window.location.href }).then(() => toast('链接已复制，可以发给家人')).catch(() => {})
    }
  }

  return (
    <View className='bulletin-detail'>
      <SystemFontSize />
      <Card>
        <View className='bulletin-detail__meta'>
          <Text className='bulletin-detail__issue'>{bulletin.year && bulletin.issueNo ? `${bulletin.year}年第${bulletin.issueNo}期` : '预警信息'}</Text>
          {bulletin.severity === 'urgent' ? <Tag tone='danger'>紧急</Tag> : null}
        </View>
        <Heading level={1} className='bulletin-detail__title'>{bulletin.title}</Heading>
        <Text className='bulletin-detail__dates'>
          {`统计时段：${period(bulletin.periodStart, bulletin.periodEnd)}${bulletin.publishedAt ? ` · 发布：${fullDate(bulletin.publishedAt)}` : ''}`}
        </Text>
        <View className='bulletin-detail__tags'>{bulletin.tags.map((t) => <Tag key={t}>{t}</Tag>)}</View>
        <View className='bulletin-detail__body'>
          {bulletin.body.map((block, i) => <Block key={i} block={block} />)}
        </View>
      </Card>
      <View className='bulletin-detail__actions'>
        <AppButton variant='primary' block onClick={() => void Taro.makePhoneCall({ phoneNumber: bulletin.hotline }).catch(() => {})}>
          {`拨打 ${bulletin.hotline} 反诈专线`}
        </AppButton>
        <AppButton block openType={process.env.TARO_ENV === 'weapp' ? 'share' : undefined} onClick={share}>转发给家人</AppButton>
      </View>
    </View>
  )
}
