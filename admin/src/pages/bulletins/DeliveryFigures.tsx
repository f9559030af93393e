import { Flex, Progress, Statistic, Typography } from 'antd'
import type { DeliveryStats } from '../../../../types/bulletins'

/** How far the fan-out has got: every targeted resident ends as sent, in-app only, failed or unknown. */
export function DeliveryFigures({ stats }: { stats: DeliveryStats }) {
  const done = stats.targeted - stats.pending
  const percent = stats.targeted > 0 ? Math.floor((done / stats.targeted) * 100) : 100
  return (
    <section aria-label="推送情况">
      <Progress percent={percent} status={stats.pending > 0 ? 'active' : 'normal'} aria-label={`推送进度 ${percent}%`} />
      <Typography.Paragraph role="status" aria-live="polite" data-testid="delivery-state">
        {stats.pending > 0 ? `正在推送：${done} / ${stats.targeted}` : `推送完成：共 ${stats.targeted} 位居民`}
      </Typography.Paragraph>
      <Flex gap={24} wrap>
        <Statistic title="推送对象" value={stats.targeted} data-testid="delivery-targeted" />
        <Statistic title="微信消息已送达" value={stats.sent} data-testid="delivery-sent" />
        <Statistic title="无订阅（仅应用内）" value={stats.inAppOnly} data-testid="delivery-in-app" />
        <Statistic title="发送失败" value={stats.failed} data-testid="delivery-failed" />
        <Statistic title="待发送" value={stats.pending} data-testid="delivery-pending" />
        {stats.unknown > 0 ? <Statistic title="结果未知（不重发）" value={stats.unknown} /> : null}
        <Statistic title="已阅读" value={stats.read} />
      </Flex>
    </section>
  )
}
