import { Link } from 'react-router-dom'
import { Alert, Card, Statistic, Typography } from 'antd'
import type { AdminRole } from '../../../../types/admin'
import { DataTable } from '../../components/DataTable'
import { useDuty } from '../../hooks/useDuty'
import { messageOf } from '../../services/http'
import { yuan } from '../../lib/labels'

/**
 * 今日值班: what the shift has to do now, first on the 工作台 — the centre's open and overdue calls and visits, losses
 * and amounts stopped today, who holds what; an officer's own visits; a reviewer's queue. Refreshes with the menu.
 */
export function DutySection({ role }: { role: AdminRole }) {
  const duty = useDuty()
  if (duty.error) return <Alert type="error" showIcon title={messageOf(duty.error)} style={{ marginBottom: 16 }} />
  const d = duty.data
  if (!d) return null
  const centre = role === 'admin' || role === 'operator'
  const stat = (title: string, value: number | string, to?: string, danger = false) => (
    <Statistic title={to ? <Link to={to}>{title}</Link> : title} value={value} valueStyle={danger ? { color: '#b71c1c' } : undefined} />
  )
  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{`今日值班（${d.day}）`}</Typography.Title>} style={{ marginBottom: 16 }}>
      {d.unplacedVisits > 0 && centre ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={<Link to="/warnings">{`${d.unplacedVisits} 个上门任务还没有派出所能看到：请到“预警劝阻”指派`}</Link>}
        />
      ) : null}
      <div className="figure-grid" style={{ marginBottom: 12 }}>
        {role !== 'reviewer' && role !== 'editor' ? (
          <>
            {stat('今日预警', d.warningsToday, '/warnings')}
            {stat('其中高风险', d.highRiskToday, '/warnings', d.highRiskToday > 0)}
            {centre ? stat('待拨打电话', d.openCalls, '/calls') : null}
            {centre ? stat('超时电话', d.overdueCalls, '/calls', d.overdueCalls > 0) : null}
            {stat(role === 'officer' ? '本所待上门' : '待上门', d.openVisits, role === 'operator' ? '/warnings' : '/visits')}
            {stat('超时上门', d.overdueVisits, role === 'operator' ? '/warnings' : '/visits', d.overdueVisits > 0)}
            {stat('今日已被骗', yuan(d.lossToday), undefined, d.lossToday > 0)}
            {stat('今日劝阻成功保住', yuan(d.stoppedToday))}
          </>
        ) : null}
        {role === 'admin' || role === 'reviewer' ? stat('待审核线索', d.reportsWaiting, '/review', d.reportsWaiting > 0) : null}
      </div>
      {centre && d.staff.length > 0 ? (
        <DataTable
          rowKey="name"
          size="small"
          pagination={false}
          dataSource={d.staff}
          label="各人手上的任务和今天的记录"
          columns={[
            { title: '工作人员', dataIndex: 'name' },
            { title: '手上任务', dataIndex: 'holding', width: 120 },
            { title: '今天记录', dataIndex: 'doneToday', width: 120 }
          ]}
        />
      ) : null}
    </Card>
  )
}
