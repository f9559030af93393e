import { useMemo, useState } from 'react'
import { useQuery } from '@tanstack/react-query'
import { Alert, App, Button, Card, Col, DatePicker, Row, Select, Space, Statistic, Typography } from 'antd'
import { DownloadOutlined } from '@ant-design/icons'
import dayjs, { type Dayjs } from 'dayjs'
import type { WarningFigures } from '../../../../types/cases'
import {
  RISK_TYPE_NAMES,
  WARNING_OUTCOME_NAMES,
  WARNING_SOURCE_NAMES,
  type RiskType,
  type WarningOutcome,
  type WarningSource
} from '../../../../types/warning-wording'
import { PageShell } from '../../components/PageShell'
import { EChart } from '../../components/EChart'
import { DataTable } from '../../components/DataTable'
import { getFigures, periodReport } from '../../services/cases'
import { download } from '../../lib/csv'
import { messageOf } from '../../services/http'
import { useAreas } from '../../hooks/useAreas'
import { useSession } from '../../stores/session'
import { chinaToday, percent, shortDay } from '../../lib/days'
import { yuan } from '../../lib/labels'

const share = (v: number | null) => (v === null ? '—' : percent(v))
const change = (now: number, before: number) =>
  before === 0 ? (now === 0 ? '持平' : '去年同期为0') : `${now >= before ? '+' : ''}${(((now - before) / before) * 100).toFixed(0)}%`

/** 无诈统计: the figures the county reports for a period and township, with the same numbers in charts and a table. */
export default function FiguresPage() {
  const role = useSession((s) => s.session?.role)
  const { townships } = useAreas()
  const today = chinaToday()
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs(`${today.slice(0, 8)}01`), dayjs(today)])
  const [township, setTownship] = useState('')
  const q = { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'), ...(township ? { townshipCode: township } : {}) }
  const figures = useQuery({ queryKey: ['figures', q], queryFn: () => getFigures(q) })
  const { message } = App.useApp()
  const [exporting, setExporting] = useState(false)
  const days = range[1].diff(range[0], 'day') + 1
  const kind = days === 7 ? '周报' : range[0].date() === 1 && range[1].isSame(range[0].endOf('month'), 'day') ? '月报' : '报表'
  const exportReport = async () => {
    setExporting(true)
    try {
      download(`反诈${kind}-${q.from}至${q.to}.xlsx`, await periodReport(q), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    } catch (err) {
      message.error(messageOf(err))
    } finally {
      setExporting(false)
    }
  }
  // Weeks run Monday to Sunday, as the county reports them.
  const lastMonday = dayjs(today).subtract(((dayjs(today).day() + 6) % 7) + 7, 'day')
  const preset = (from: Dayjs, to: Dayjs) => setRange([from, to.isAfter(dayjs(today)) ? dayjs(today) : to])
  return (
    <PageShell
      title="无诈统计"
      actions={
        <Space wrap>
          <DatePicker.RangePicker
            aria-label="统计时段"
            value={range}
            allowClear={false}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]])}
          />
          <Button onClick={() => preset(lastMonday, lastMonday.add(6, 'day'))}>上周</Button>
          <Button onClick={() => preset(dayjs(today).subtract(1, 'month').startOf('month'), dayjs(today).subtract(1, 'month').endOf('month'))}>上月</Button>
          <Button
            type="primary"
            icon={<DownloadOutlined aria-hidden />}
            loading={exporting}
            onClick={() => void exportReport()}
          >{`导出${kind}（Excel）`}</Button>
          {role !== 'officer' ? (
            <Select
              aria-label="乡镇"
              style={{ width: 140 }}
              value={township}
              onChange={setTownship}
              options={[{ value: '', label: '全县' }, ...townships.map((t) => ({ value: t.code, label: t.name }))]}
            />
          ) : null}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{`统计时段：${q.from} 至 ${q.to}（北京时间）。预警按收到日期统计，案件按立案日期统计。`}</Typography.Paragraph>
      {figures.error ? <Alert type="error" showIcon title={messageOf(figures.error)} /> : null}
      {figures.data ? <Figures f={figures.data} /> : <Card loading />}
    </PageShell>
  )
}

function Figures({ f }: { f: WarningFigures }) {
  const townshipOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 56 },
      xAxis: { type: 'category', data: f.byTownship.map((t) => t.name), axisLabel: { rotate: 30 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '预警', type: 'bar', data: f.byTownship.map((t) => t.warnings), itemStyle: { color: '#0b4aa8' } },
        { name: '劝阻成功', type: 'bar', data: f.byTownship.map((t) => t.dissuaded), itemStyle: { color: '#1e6b2e' } },
        { name: '立案', type: 'bar', data: f.byTownship.map((t) => t.cases), itemStyle: { color: '#b3261e' } }
      ]
    }),
    [f]
  )
  const dayOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 32 },
      xAxis: { type: 'category', data: f.byDay.map((d) => shortDay(d.day)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '预警', type: 'line', data: f.byDay.map((d) => d.warnings) },
        { name: '劝阻成功', type: 'line', data: f.byDay.map((d) => d.dissuaded) }
      ]
    }),
    [f]
  )
  const stat = (title: string, value: string | number, testId: string) => (
    <Col xs={12} md={6}>
      <Card size="small">
        <Statistic title={title} value={value} data-testid={testId} />
      </Card>
    </Col>
  )
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Row gutter={[12, 12]}>
        {stat('预警', f.warnings, 'fig-warnings')}
        {stat('处理中', f.open, 'fig-open')}
        {stat('劝阻成功率', share(f.dissuasionRate), 'fig-dissuasion')}
        {stat('首次联系用时（中位数）', f.medianMinutesToContact === null ? '—' : `${f.medianMinutesToContact} 分钟`, 'fig-contact')}
        {stat('一级推送送达', share(f.reached.level1), 'fig-level1')}
        {stat('二级电话按时', `${share(f.reached.level2)}（${f.reached.level2Count}）`, 'fig-level2')}
        {stat('三级上门按时', `${share(f.reached.level3)}（${f.reached.level3Count}）`, 'fig-level3')}
        {stat('避免损失', yuan(f.lossAvoided), 'fig-avoided')}
        {stat('预警中被骗', yuan(f.lossInWarnings), 'fig-lost')}
        {stat('立案（去年同期）', `${f.cases.count}（${f.cases.lastYearCount}，${change(f.cases.count, f.cases.lastYearCount)}）`, 'fig-cases')}
        {stat('案件损失（去年同期）', `${yuan(f.cases.loss)}（${change(f.cases.loss, f.cases.lastYearLoss)}）`, 'fig-case-loss')}
        {stat('零发案乡镇 / 村', `${f.zeroCase.townships}/${f.zeroCase.townshipsTotal} · ${f.zeroCase.villages}/${f.zeroCase.villagesTotal}`, 'fig-zero')}
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} md={8}>
          <Card size="small" title="按来源">
            {Object.entries(f.bySource).map(([k, n]) => (
              <div key={k}>{`${WARNING_SOURCE_NAMES[k as WarningSource] ?? k}：${n}`}</div>
            ))}
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card size="small" title="按类型">
            {Object.entries(f.byRiskType).map(([k, n]) => (
              <div key={k}>{`${RISK_TYPE_NAMES[k as RiskType] ?? k}：${n}`}</div>
            ))}
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card size="small" title="处置结果">
            {Object.entries(f.outcomes).map(([k, n]) => (
              <div key={k}>{`${WARNING_OUTCOME_NAMES[k as WarningOutcome] ?? k}：${n}`}</div>
            ))}
          </Card>
        </Col>
      </Row>
      <Card size="small" title="各乡镇预警、劝阻与立案">
        <EChart option={townshipOption} label={`各乡镇预警、劝阻成功与立案柱状图，共${f.byTownship.length}个乡镇；数字见下表`} />
      </Card>
      <Card size="small" title="每日预警">
        <EChart option={dayOption} height={240} label={`每日预警与劝阻成功折线图，共${f.warnings}条预警`} />
      </Card>
      <DataTable
        rowKey={(t) => t.code ?? 'unplaced'}
        dataSource={f.byTownship}
        pagination={false}
        scroll={{ x: 640 }}
        label="各乡镇统计表（可左右滚动）"
        columns={[
          { title: '乡镇', dataIndex: 'name' },
          { title: '预警', dataIndex: 'warnings' },
          { title: '劝阻成功', dataIndex: 'dissuaded' },
          { title: '被骗', dataIndex: 'defrauded' },
          { title: '立案', dataIndex: 'cases', render: (n: number) => (n === 0 ? '零发案' : n) },
          { title: '去年同期立案', dataIndex: 'lastYearCases' },
          { title: '案件损失', dataIndex: 'loss', render: (n: number) => yuan(n) }
        ]}
      />
    </Space>
  )
}
