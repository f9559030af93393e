import { Text, View } from '@tarojs/components'
import { InnerNav } from '../../../../components/InnerNav'
import dayjs from 'dayjs'
import { VERDICT_STYLE } from '../../../../components/VerdictCard/verdict-style'
import { useEffect, useState } from 'react'
import type { MeExport } from '../../../../../types/me'
import { AppButton } from '../../../../components/AppButton'
import { Card } from '../../../../components/Card'
import { InfoRow } from '../../../../components/InfoRow'
import { Heading } from '../../../../components/Heading'
import { StateView } from '../../../../components/StateView'
import { SystemFontSize } from '../../../../components/SystemFontSize'
import { toast } from '../../../../components/toast'
import { saveText } from '../../../../platform/save-text'
import { ApiError } from '../../../../services/http'
import { exportMe } from '../../../../services/me'
import './index.scss'

// Dates as people write them (local time), not as the data file stores them.
const when = (iso: string) => dayjs(iso).format('YYYY年M月D日 HH:mm')
const day = (date: string) => dayjs(date).format('YYYY年M月D日')

/** Everything the server holds about me, readable, with the full JSON to copy (or download in a browser). */
export default function MyDataPage() {
  const [data, setData] = useState<MeExport | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = () => {
    setError(null)
    exportMe()
      .then(setData)
      .catch((err: unknown) => setError(err instanceof ApiError ? err.message : '加载失败，请稍后再试'))
  }
  useEffect(load, [])

  if (error || !data) {
    return (
      <View className="my-data" role="main">
        <InnerNav title="我的数据" />
        <SystemFontSize />
        {error ? <StateView kind="error" message={error} onRetry={load} /> : <StateView kind="loading" message="正在整理您的数据…" />}
      </View>
    )
  }

  const json = JSON.stringify(data, null, 2)
  const save = () => {
    void saveText('qiandai-my-data.json', json, 'application/json')
      .then(toast)
      .catch(() => toast('没能保存，请稍后再试'))
  }

  return (
    <View className="my-data" role="main">
      <InnerNav title="我的数据" />
      <SystemFontSize />
      <Card>
        <Heading className="my-data__title">登记信息</Heading>
        {data.profile ? (
          <>
            <InfoRow label="姓名" value={data.profile.name} />
            <InfoRow label="手机号" value={data.phone ?? '未验证'} />
            <InfoRow label="出生日期" value={day(data.profile.birthDate)} />
            <InfoRow label="乡镇" value={data.profile.township.name} />
            <InfoRow label="村（社区）" value={data.profile.village.name} />
            <InfoRow label="身份证号" value={data.profile.idNumberMasked ?? '未填写'} />
          </>
        ) : (
          <InfoRow label="手机号" value={data.phone ?? '未验证'} />
        )}
        {data.consent ? <InfoRow label="同意隐私政策" value={`${data.consent.version}版，${when(data.consent.at)}`} /> : null}
        <InfoRow label="账号创建" value={when(data.account.createdAt)} />
        <InfoRow label="已登录的设备" value={`${data.sessions.length}台`} />
        {data.family?.registeredVia === 'family' || data.family?.registeredVia === 'grid' ? (
          <InfoRow label="登记方式" value={data.family.registeredVia === 'family' ? '家人代登记' : '网格员代登记'} />
        ) : null}
        {data.family ? <InfoRow label="我守护的家人" value={data.family.guarding.map((m) => m.name).join('、') || '无'} /> : null}
        {data.family ? <InfoRow label="守护我的家人" value={data.family.guardedBy.map((m) => m.name).join('、') || '无'} /> : null}
      </Card>
      <Card>
        <Heading className="my-data__title">查询记录（{data.checks.length}条）</Heading>
        {data.checks.length === 0 ? (
          <Text className="my-data__note">没有登录后的查询记录。</Text>
        ) : (
          data.checks
            .slice(0, 50)
            .map((c) => (
              <InfoRow
                key={`${c.checkedAt}-${c.input}`}
                label={when(c.checkedAt)}
                value={`${c.input}（${VERDICT_STYLE[c.verdict as keyof typeof VERDICT_STYLE]?.label ?? c.verdict}）`}
              />
            ))
        )}
      </Card>
      <Card>
        {data.notes.map((n) => (
          <Text key={n} className="my-data__note">
            {n}
          </Text>
        ))}
        <AppButton block onClick={save}>
          {process.env.TARO_ENV === 'h5' ? '下载全部数据（文件）' : '复制全部数据'}
        </AppButton>
      </Card>
    </View>
  )
}
