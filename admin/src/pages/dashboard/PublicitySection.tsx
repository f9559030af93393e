import { useMemo } from 'react'
import { useQuery } from '@tanstack/react-query'
import { Alert, Card, Col, Row, Statistic, Typography } from 'antd'
import { PUBLICITY_KIND_NAMES } from '../../../../types/grid-wording'
import { DataTable } from '../../components/DataTable'
import { EChart } from '../../components/EChart'
import { getPublicityFigures, listGridWorkers } from '../../services/grid'
import { messageOf } from '../../services/http'
import { GridWorkerTable } from '../grid/GridWorkerTable'

/** 反诈宣传: sessions and people reached per township and month (grid workers' logs), and who the grid workers are. */
export function PublicitySection({ from, to }: { from: string; to: string }) {
  const figures = useQuery({ queryKey: ['publicity', from, to], queryFn: () => getPublicityFigures({ from, to }) })
  const workers = useQuery({ queryKey: ['grid-workers'], queryFn: listGridWorkers })
  const data = figures.data
  const option = useMemo(() => {
    if (!data) return null
    const months = [...new Set(data.byTownshipMonth.map((r) => r.month))].sort()
    const townships = [...new Map(data.byTownshipMonth.map((r) => [r.townshipCode, r.townshipName])).entries()]
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, bottom: 32, top: 56 },
      xAxis: { type: 'category', data: months },
      yAxis: { type: 'value', name: '覆盖人数', minInterval: 1 },
      series: townships.map(([code, name]) => ({
        name,
        type: 'bar',
        stack: 'people',
        data: months.map((m) => data.byTownshipMonth.find((r) => r.townshipCode === code && r.month === m)?.people ?? 0)
      }))
    }
  }, [data])
  const heading = (text: string) => (
    <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
      {text}
    </Typography.Title>
  )
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      <Col xs={24} xxl={12}>
        <Card title={heading('反诈宣传（网格员记录）')}>
          {figures.error ? <Alert type="error" showIcon title={messageOf(figures.error)} /> : null}
          {data && option ? (
            <>
              <div className="figure-grid">
                <Statistic title="宣传场次" value={data.totals.sessions} data-testid="publicity-sessions" />
                <Statistic title="覆盖人数" value={data.totals.people} data-testid="publicity-people" />
                {data.byKind.map((k) => (
                  <Statistic key={k.kind} title={PUBLICITY_KIND_NAMES[k.kind]} value={`${k.sessions}场 / ${k.people}人`} />
                ))}
              </div>
              {data.byTownshipMonth.length > 0 ? (
                <>
                  <EChart label={`各乡镇每月宣传覆盖人数堆叠柱状图，共${data.totals.sessions}场${data.totals.people}人`} option={option} height={240} />
                  <DataTable
                    rowKey={(r) => `${r.month}${r.townshipCode}`}
                    dataSource={data.byTownshipMonth}
                    pagination={false}
                    size="small"
                    label="各乡镇每月宣传场次和覆盖人数"
                    columns={[
                      { title: '月份', dataIndex: 'month' },
                      { title: '乡镇', dataIndex: 'townshipName' },
                      { title: '场次', dataIndex: 'sessions' },
                      { title: '覆盖人数', dataIndex: 'people' }
                    ]}
                  />
                </>
              ) : (
                <Typography.Paragraph type="secondary">本时段还没有宣传活动记录。</Typography.Paragraph>
              )}
            </>
          ) : null}
        </Card>
      </Col>
      <Col xs={24} xxl={12}>
        <Card title={heading('网格员')}>
          {workers.error ? <Alert type="error" showIcon title={messageOf(workers.error)} /> : <GridWorkerTable items={workers.data ?? []} />}
        </Card>
      </Col>
    </Row>
  )
}
