import { Tabs } from 'antd'
import { PageShell } from '../../components/PageShell'
import { TipsTab } from './TipsTab'
import { VideosTab } from './VideosTab'
import { FraudTypesTab } from './FraudTypesTab'

/** 学反诈内容: the tips, short videos and fraud-type catalogue residents browse in the 学反诈 tab. */
export default function ContentPage() {
  return (
    <PageShell title="学反诈内容">
      <Tabs
        items={[
          { key: 'tips', label: '防骗知识', children: <TipsTab /> },
          { key: 'videos', label: '短视频', children: <VideosTab /> },
          { key: 'types', label: '诈骗类型', children: <FraudTypesTab /> }
        ]}
      />
    </PageShell>
  )
}
