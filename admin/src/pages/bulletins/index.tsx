import { useState } from 'react'
import { Link, useNavigate } from 'react-router-dom'
import { useQuery } from '@tanstack/react-query'
import { Alert, Button, Segmented } from 'antd'
import { StatusTag } from '../../components/StatusTag'
import { PlusOutlined } from '@ant-design/icons'
import type { AdminBulletin, BulletinStatus } from '../../../../types/bulletins'
import { audienceText, issueTitle, SEVERITY_NAME } from '../../../../types/bulletin-wording'
import { PageShell } from '../../components/PageShell'
import { listBulletins } from '../../services/bulletins'
import { messageOf } from '../../services/http'
import { useAreas } from '../../hooks/useAreas'
import { STATUS_NAMES, STATUS_TONES } from './status'
import { DataTable } from '../../components/DataTable'

type Filter = BulletinStatus | 'all'

export default function BulletinsPage() {
  const [status, setStatus] = useState<Filter>('all')
  const navigate = useNavigate()
  const { names } = useAreas()
  const list = useQuery({ queryKey: ['bulletins', status], queryFn: () => listBulletins(status === 'all' ? undefined : status) })
  return (
    <PageShell
      title="发布预警信息"
      actions={
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => navigate('/bulletins/new')}>
          新建预警
        </Button>
      }
    >
      <Segmented<Filter>
        aria-label="按状态筛选"
        value={status}
        onChange={setStatus}
        style={{ marginBottom: 12 }}
        options={[{ value: 'all', label: '全部' }, ...(Object.keys(STATUS_NAMES) as BulletinStatus[]).map((s) => ({ value: s, label: STATUS_NAMES[s] }))]}
      />
      {list.error ? <Alert type="error" showIcon title={messageOf(list.error)} /> : null}
      <DataTable<AdminBulletin>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        scroll={{ x: 860 }}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          { title: '期号', key: 'issue', width: 130, render: (_, b) => (b.issueNo ? issueTitle(b.year, b.issueNo) : '—') },
          { title: '标题', dataIndex: 'title', render: (title: string, b) => <Link to={`/bulletins/${b.id}`}>{title}</Link> },
          { title: '状态', dataIndex: 'status', width: 90, render: (s: BulletinStatus) => <StatusTag tone={STATUS_TONES[s]}>{STATUS_NAMES[s]}</StatusTag> },
          {
            title: '级别',
            dataIndex: 'severity',
            width: 70,
            render: (s: AdminBulletin['severity']) => (s === 'urgent' ? <StatusTag tone="danger">{SEVERITY_NAME[s]}</StatusTag> : SEVERITY_NAME[s])
          },
          { title: '范围', key: 'audience', render: (_, b) => audienceText(b.audience, names) },
          {
            title: '推送（送达 / 对象）',
            key: 'reach',
            width: 150,
            render: (_, b) => (b.status === 'draft' || b.status === 'scheduled' ? '—' : `${b.stats.sent} / ${b.stats.targeted}`)
          },
          {
            title: '时间',
            key: 'when',
            width: 170,
            render: (_, b) => new Date(b.publishedAt ?? b.scheduledAt ?? b.updatedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })
          }
        ]}
      />
    </PageShell>
  )
}
