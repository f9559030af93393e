import { Text, View } from '@tarojs/components'
import { InnerNav } from '../../../../components/InnerNav'
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { BulletinDetail } from '../../../../../types/bulletins'
import { AppButton } from '../../../../components/AppButton'
import { ContentBlock } from '../../../../components/ContentBlock'
import { Card } from '../../../../components/Card'
import { Heading } from '../../../../components/Heading'
import { StateView } from '../../../../components/StateView'
import { SystemFontSize } from '../../../../components/SystemFontSize'
import { Tag } from '../../../../components/Tag'
import { toast } from '../../../../components/toast'
import { currentPageLink } from '../../../../platform/page-link'
import { fullDate } from '../../../../lib/dates'
import { issueTitle, periodText, SEVERITY_TAG } from '../../../../../types/bulletin-wording'
import { getBulletin } from '../../../../services/bulletins'
import { ApiError } from '../../../../services/http'
import { useBulletins } from '../../../../stores/bulletins'
import { useBulletinDetails } from '../../../../stores/bulletin-cache'
import './index.scss'

export default function BulletinDetailPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const markRead = useBulletins((s) => s.markRead)
  const [bulletin, setBulletin] = useState<BulletinDetail | null>(null)
  const [error, setError] = useState<string | null>(null)
  // Shown from the copy kept on the phone: the network failed.
  const [savedCopy, setSavedCopy] = useState(false)

  const load = () => {
    setError(null)
    getBulletin(id)
      .then((b) => {
        setBulletin(b)
        setSavedCopy(false)
        markRead(b.id)
        useBulletinDetails.getState().save(b.id, b)
      })
      .catch((err: unknown) => {
        const saved = useBulletinDetails.getState().get(id)
        if (saved && err instanceof ApiError && err.code === 'NETWORK') {
          setBulletin(saved)
          setSavedCopy(true)
        } else setError(err instanceof ApiError ? err.message : '加载失败，请稍后再试')
      })
  }
  // Load once per bulletin id; `load` and `markRead` are stable enough for that.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(load, [id])

  useShareAppMessage(() => ({
    title: bulletin ? `${bulletin.issueNo ? `第${bulletin.issueNo}期 ` : ''}${bulletin.title}` : '反诈预警',
    path: `/packages/bulletins/pages/detail/index?id=${id}`
  }))

  if (error)
    return (
      <>
        <SystemFontSize />
        <StateView kind="error" message={error} onRetry={load} />
      </>
    )
  if (!bulletin)
    return (
      <>
        <SystemFontSize />
        <StateView kind="loading" message="正在加载预警…" />
      </>
    )

  const severityTag = SEVERITY_TAG[bulletin.severity]
  const link = currentPageLink()
  const share = () => {
    if (link)
      void Taro.setClipboardData({ data: link })
        .then(() => toast('链接已复制，可以发给家人'))
        .catch(() => {})
  }

  return (
    <View className="bulletin-detail" role="main">
      <InnerNav />
      <SystemFontSize />
      {savedCopy ? (
        <View className="bulletin-detail__offline" role="status">
          <Text>网络不通，这是这台手机上保存的内容。</Text>
          <AppButton onClick={load}>重试</AppButton>
        </View>
      ) : null}
      <Card>
        <View className="bulletin-detail__meta">
          <Text className="bulletin-detail__issue">{issueTitle(bulletin.year, bulletin.issueNo)}</Text>
          {severityTag ? <Tag tone="danger">{severityTag}</Tag> : null}
        </View>
        <Heading level={1} className="bulletin-detail__title">
          {bulletin.title}
        </Heading>
        <Text className="bulletin-detail__dates">
          {`统计时段：${periodText(bulletin.periodStart, bulletin.periodEnd)}${bulletin.publishedAt ? ` · 发布：${fullDate(bulletin.publishedAt)}` : ''}`}
        </Text>
        <View className="bulletin-detail__tags">
          {bulletin.tags.map((t) => (
            <Tag key={t}>{t}</Tag>
          ))}
        </View>
        <View className="bulletin-detail__body">
          {bulletin.body.map((block, i) => (
            <ContentBlock key={i} block={block} />
          ))}
        </View>
      </Card>
      <View className="bulletin-detail__actions">
        <AppButton variant="primary" block onClick={() => void Taro.makePhoneCall({ phoneNumber: bulletin.hotline }).catch(() => {})}>
          {`拨打 ${bulletin.hotline} 反诈专线`}
        </AppButton>
        <AppButton block openType={process.env.TARO_ENV === 'weapp' ? 'share' : undefined} onClick={share}>
          转发给家人
        </AppButton>
      </View>
    </View>
  )
}
