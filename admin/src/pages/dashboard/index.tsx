import { useMemo, useState } from 'react'
import { useQuery } from '@tanstack/react-query'
import { Alert, Card, Col, DatePicker, Flex, Grid, Row, Segmented, Select, Space, Statistic, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import type { DashboardStats } from '../../../../types/stats'
import { PageShell } from '../../components/PageShell'
import { EChart } from '../../components/EChart'
import { DataTable } from '../../components/DataTable'
import { getCoverage, getStats } from '../../services/stats'
import { messageOf } from '../../services/http'
import { useSession } from '../../stores/session'
import { accessFor } from '../../access'
import { lastDays, percent, shortDay } from '../../lib/days'
import { PublicitySection } from './PublicitySection'
import { VillageTable } from './VillageTable'
import { DutySection } from './DutySection'

const VERDICT_NAMES = { dangerous: '高危', suspicious: '可疑', unknown: '暂无风险记录', safe: '已核实安全' } as const
const VERDICT_COLOURS = { dangerous: '#b3261e', suspicious: '#b26a00', unknown: '#5f6368', safe: '#1e6b2e' } as const
const KIND_NAMES = { all: '全部', phone: '号码', url: '网址', account: '账户', message: '整段消息' } as const
const SOURCE_NAMES: Record<string, string> = { centre: '县反诈中心', city: '市反诈中心', bank: '银行', report: '群众举报', import: '导入' }

type Preset = '7' | '30' | '90' | 'range'

export default function DashboardPage() {
  const role = useSession((s) => s.session?.role)
  const access = accessFor(role)
  const [preset, setPreset] = useState<Preset>('7')
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null)
  const period =
    preset === 'range' && range ? { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') } : lastDays(Number(preset === 'range' ? 7 : preset))
  const stats = useQuery({ queryKey: ['stats', period.from, period.to], queryFn: () => getStats(period.from, period.to) })
  const coverage = useQuery({ queryKey: ['coverage'], queryFn: getCoverage, enabled: access.canSeeCoverage })

  return (
    <PageShell
      title="工作台"
      actions={
        <Space wrap>
          <Segmented<Preset>
            aria-label="统计时段"
            value={preset}
            onChange={setPreset}
            options={[
              { label: '近7天', value: '7' },
              { label: '近30天', value: '30' },
              { label: '近90天', value: '90' },
              { label: '自选时段', value: 'range' }
            ]}
          />
          {preset === 'range' ? (
            <DatePicker.RangePicker
              aria-label="自选统计时段"
              value={range}
              allowClear={false}
              disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]])}
            />
          ) : null}
        </Space>
      }
    >
      {role && role !== 'editor' ? <DutySection role={role} /> : null}
      <Typography.Paragraph type="secondary">
        统计时段：{period.from} 至 {period.to}（北京时间）
      </Typography.Paragraph>
      {access.canSeeCoverage ? <CoverageSection query={coverage} /> : null}
      {access.canSeeWarnings ? <PublicitySection from={period.from} to={period.to} /> : null}
      {stats.error ? <Alert type="error" showIcon title={messageOf(stats.error)} style={{ margin: '16px 0' }} /> : null}
      {stats.data ? <Widgets stats={stats.data} /> : null}
    </PageShell>
  )
}

function CoverageSection({ query }: { query: ReturnType<typeof useQuery<Awaited<ReturnType<typeof getCoverage>>>> }) {
  const [picked, setPicked] = useState<string | null>(null)
  // On a phone twelve township names at 40° run into each other: upright, with room below.
  const narrow = !(Grid.useBreakpoint().md ?? true)
  const data = query.data
  const township = data ? (data.townships.length === 1 ? data.townships[0] : (data.townships.find((t) => t.code === picked) ?? null)) : null
  const option = useMemo(
    () =>
      data && {
        tooltip: { trigger: 'axis' },
        legend: { top: 0, data: ['16–60岁人口', '已登记', '覆盖率'] },
        grid: { left: 56, right: 56, bottom: narrow ? 96 : 72, top: 48 },
        xAxis: { type: 'category', data: data.townships.map((t) => t.name), axisLabel: { rotate: narrow ? 90 : 40, interval: 0, fontSize: narrow ? 11 : 12 } },
        yAxis: [
          { type: 'value', name: '人' },
          { type: 'value', name: '覆盖率', axisLabel: { formatter: (v: number) => `${v}%` }, splitLine: { show: false } }
        ],
        series: [
          { name: '16–60岁人口', type: 'bar', data: data.townships.map((t) => t.population16to60), itemStyle: { color: '#9fb7e8' } },
          { name: '已登记', type: 'bar', data: data.townships.map((t) => t.registered16to60), itemStyle: { color: '#0b57d0' } },
          // Registered people are a sliver of the population bar: the ratio on its own axis shows who lags behind.
          {
            name: '覆盖率',
            type: 'line',
            yAxisIndex: 1,
            data: data.townships.map((t) => Number((t.ratio * 100).toFixed(2))),
            itemStyle: { color: '#b3261e' },
            symbolSize: 8
          }
        ]
      },
    [data, narrow]
  )
  if (query.error) return <Alert type="error" showIcon title={messageOf(query.error)} />
  if (!data || !option) return <Card loading title="覆盖情况" />
  const codeOf = (name: string) => data.townships.find((t) => t.name === name)?.code ?? null
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
          16–60岁居民登记覆盖（截至 {data.asOf}）
        </Typography.Title>
      }
      style={{ marginBottom: 16 }}
    >
      <div className="figure-grid" style={{ marginBottom: 12 }}>
        <Statistic title="已登记（16–60岁）" value={data.totals.registered16to60} data-testid="coverage-registered" />
        <Statistic title="16–60岁人口" value={data.totals.population16to60} data-testid="coverage-population" />
        <Statistic title="覆盖率" value={percent(data.totals.ratio)} data-testid="coverage-ratio" />
        <Statistic title="已登记（全部年龄）" value={data.totals.registeredAllAges} />
      </div>
      {data.townships.length > 1 ? (
        <>
          <EChart
            option={option}
            label={`各乡镇16–60岁人口与已登记人数柱状图，共${data.townships.length}个乡镇；点击柱子或在下方选择乡镇查看各村`}
            onClickName={(name) => setPicked(codeOf(name))}
          />
          {/* The figures beside the chart: a 0.4 % bar cannot be seen, its number can. */}
          <DataTable
            rowKey="code"
            size="small"
            pagination={false}
            dataSource={data.townships}
            label="各乡镇登记覆盖表"
            style={{ marginTop: 12 }}
            columns={[
              { title: '乡镇', dataIndex: 'name' },
              { title: '16–60岁人口', dataIndex: 'population16to60' },
              { title: '已登记', dataIndex: 'registered16to60' },
              { title: '覆盖率', dataIndex: 'ratio', render: (r: number) => percent(r), sorter: (a, b) => a.ratio - b.ratio },
              { title: '其中代登记', dataIndex: 'proxyRegistered16to60' }
            ]}
          />
          <Flex gap={8} align="center" wrap style={{ marginBlock: 12 }}>
            <label htmlFor="township-pick">查看乡镇各村：</label>
            <Select
              id="township-pick"
              style={{ minWidth: 200 }}
              placeholder="选择乡镇"
              value={picked ?? undefined}
              onChange={setPicked}
              allowClear
              options={data.townships.map((t) => ({ value: t.code, label: `${t.name}（${percent(t.ratio)}）` }))}
            />
          </Flex>
        </>
      ) : null}
      {township ? <VillageTable township={township} asOf={data.asOf} /> : null}
    </Card>
  )
}

function Widgets({ stats }: { stats: DashboardStats }) {
  const [kind, setKind] = useState<keyof typeof KIND_NAMES>('all')
  const days = stats.registrations.map((r) => r.day)
  const checks = stats.checks
  const checksOption = useMemo(
    () =>
      checks && {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 48, right: 16, bottom: 32, top: 56 },
        xAxis: { type: 'category', data: days.map(shortDay) },
        yAxis: { type: 'value', minInterval: 1 },
        series: (Object.keys(VERDICT_NAMES) as Array<keyof typeof VERDICT_NAMES>).map((verdict) => ({
          name: VERDICT_NAMES[verdict],
          type: 'bar',
          stack: 'checks',
          itemStyle: { color: VERDICT_COLOURS[verdict] },
          data: days.map((day) =>
            checks.filter((c) => c.day === day && c.verdict === verdict && (kind === 'all' || c.kind === kind)).reduce((s, c) => s + c.count, 0)
          )
        }))
      },
    [checks, days, kind]
  )
  const lineOption = (series: Array<{ name: string; data: number[] }>) => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 16, bottom: 32, top: 40 },
    xAxis: { type: 'category', data: days.map(shortDay) },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map((s) => ({ ...s, type: 'line', smooth: false, showSymbol: days.length <= 31 }))
  })
  const totalChecks = checks?.reduce((s, c) => s + c.count, 0) ?? 0
  const dangerous = checks?.filter((c) => c.verdict === 'dangerous').reduce((s, c) => s + c.count, 0) ?? 0
  const registrations = stats.registrations.reduce((s, r) => s + r.count, 0)
  const b = stats.bulletins
  const heading = (text: string) => (
    <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
      {text}
    </Typography.Title>
  )

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <Card title={heading('新登记居民')}>
          <Statistic title="本时段新登记" value={registrations} data-testid="registrations-total" />
          <EChart
            label={`每日新登记人数折线图，本时段共${registrations}人`}
            option={lineOption([{ name: '新登记', data: stats.registrations.map((r) => r.count) }])}
            height={240}
          />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title={heading('群众自查')}>
          {checks && checksOption ? (
            <>
              <Flex gap={24} wrap>
                <Statistic title="查询次数" value={totalChecks} data-testid="checks-total" />
                <Statistic title="其中高危" value={dangerous} data-testid="checks-dangerous" />
              </Flex>
              <Segmented
                aria-label="查询类别"
                value={kind}
                onChange={setKind}
                options={Object.entries(KIND_NAMES).map(([value, label]) => ({ value: value as keyof typeof KIND_NAMES, label }))}
                style={{ marginTop: 8 }}
              />
              <EChart
                label={`每日查询次数按结果分类的堆叠柱状图（${KIND_NAMES[kind]}），共${totalChecks}次，其中高危${dangerous}次`}
                option={checksOption}
                height={240}
              />
            </>
          ) : (
            <Typography.Paragraph type="secondary">查询不记录地点，只有全县数字（由县反诈中心查看）。</Typography.Paragraph>
          )}
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title={heading('群众举报线索')}>
          <Flex gap={24} wrap>
            <Statistic title="收到" value={stats.reports.received} data-testid="reports-received" />
            <Statistic title="核实" value={stats.reports.confirmed} />
            <Statistic title="未采纳" value={stats.reports.rejected} />
            <Statistic title="待审核（当前）" value={stats.reports.open} />
          </Flex>
          <EChart
            label={`每日收到与核实线索折线图，收到${stats.reports.received}条，核实${stats.reports.confirmed}条`}
            height={220}
            option={lineOption([
              { name: '收到', data: stats.reports.perDay.map((d) => d.received) },
              { name: '核实', data: stats.reports.perDay.map((d) => d.confirmed) }
            ])}
          />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title={heading('预警信息推送')}>
          <div className="figure-grid">
            <Statistic title="发布期数" value={b.published} data-testid="bulletins-published" />
            <Statistic title="推送对象" value={b.targeted} />
            <Statistic title="微信消息已送达" value={b.sent} />
            <Statistic title="无订阅（仅应用内）" value={b.inAppOnly} />
            <Statistic title="发送失败" value={b.failed} />
            <Statistic title="阅读率" value={percent(b.readRate)} />
          </div>
        </Card>
      </Col>
      <Col xs={24}>
        <Card title={heading('黑名单')}>
          {stats.blocklist ? (
            <Row gutter={[16, 16]}>
              <Col xs={24} md={8}>
                <Flex gap={24} wrap>
                  <Statistic title="在库条目" value={stats.blocklist.total} data-testid="blocklist-total" />
                  <Statistic title="本时段新增" value={stats.blocklist.addedInPeriod} />
                </Flex>
                <Typography.Title level={3} style={{ fontSize: 15 }}>
                  按来源
                </Typography.Title>
                <ul>
                  {stats.blocklist.bySource.map((s) => (
                    <li key={s.source}>
                      {SOURCE_NAMES[s.source] ?? s.source}：{s.count}
                    </li>
                  ))}
                </ul>
              </Col>
              <Col xs={24} md={16}>
                <EChart
                  label={`黑名单按诈骗类型的条形图，共${stats.blocklist.byCategory.length}类`}
                  height={Math.max(200, stats.blocklist.byCategory.length * 28 + 40)}
                  option={{
                    tooltip: {},
                    grid: { left: 130, right: 24, top: 8, bottom: 24 },
                    xAxis: { type: 'value' },
                    yAxis: { type: 'category', inverse: true, data: stats.blocklist.byCategory.map((c) => c.category) },
                    series: [{ type: 'bar', name: '条目', data: stats.blocklist.byCategory.map((c) => c.count), itemStyle: { color: '#0b57d0' } }]
                  }}
                />
              </Col>
            </Row>
          ) : (
            <Typography.Paragraph type="secondary">黑名单是全县共享名单，由县反诈中心查看统计。</Typography.Paragraph>
          )}
        </Card>
      </Col>
    </Row>
  )
}
