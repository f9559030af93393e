import { useState } from 'react'
import { useInfiniteQuery } from '@tanstack/react-query'
import { Alert, Button, DatePicker, Flex, Form, Input, Select, Typography } from 'antd'
import type { AuditEntry, AuditQuery } from '../../../../types/admin'
import { PageShell } from '../../components/PageShell'
import { getAudit } from '../../services/accounts'
import { messageOf } from '../../services/http'
import { useFilterLayout } from '../../hooks/useFilterLayout'
import { DataTable } from '../../components/DataTable'
import { useAreas } from '../../hooks/useAreas'
import { ACTION_FILTERS, ACTION_NAMES, changeRows, TargetText } from './wording'

type Filters = Omit<AuditQuery, 'before' | 'limit'>

export default function AuditPage() {
  const filterLayout = useFilterLayout()
  const { names } = useAreas()
  const [filters, setFilters] = useState<Filters>({})
  const query = useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam }) => getAudit({ ...filters, limit: 50, ...(pageParam ? { before: pageParam } : {}) }),
    initialPageParam: '',
    getNextPageParam: (last) => last.next ?? undefined
  })
  const rows = query.data?.pages.flatMap((p) => p.items) ?? []
  return (
    <PageShell title="操作日志">
      <Form
        layout={filterLayout}
        style={{ marginBottom: 12, rowGap: 8 }}
        onFinish={(v: { admin?: string; action?: string; target?: string; days?: [{ format(f: string): string }, { format(f: string): string }] }) =>
          setFilters({
            ...(v.admin?.trim() ? { admin: v.admin.trim() } : {}),
            ...(v.action ? { action: v.action } : {}),
            ...(v.target?.trim() ? { target: v.target.trim() } : {}),
            ...(v.days ? { from: v.days[0].format('YYYY-MM-DD'), to: v.days[1].format('YYYY-MM-DD') } : {})
          })
        }
      >
        <Form.Item label="操作人" name="admin">
          <Input placeholder="用户名" allowClear />
        </Form.Item>
        <Form.Item label="操作类别" name="action">
          <Select style={{ width: 160 }} allowClear placeholder="全部" options={ACTION_FILTERS} />
        </Form.Item>
        <Form.Item label="对象" name="target">
          <Input placeholder="号码、网址、账号名…" allowClear />
        </Form.Item>
        <Form.Item label="日期" name="days">
          <DatePicker.RangePicker />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit">
            查询
          </Button>
        </Form.Item>
      </Form>
      {query.error ? <Alert type="error" showIcon title={messageOf(query.error)} /> : null}
      <DataTable<AuditEntry>
        rowKey="id"
        loading={query.isLoading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 900 }}
        expandable={{
          rowExpandable: (e) => changeRows(e.before, e.after, names).length > 0,
          expandedRowRender: (e) => (
            <DataTable
              rowKey="field"
              size="small"
              pagination={false}
              dataSource={changeRows(e.before, e.after, names)}
              label="这次操作改了什么"
              columns={[
                { title: '内容', dataIndex: 'field', width: 160 },
                ...(e.before ? [{ title: '之前', dataIndex: 'before' }] : []),
                { title: e.before ? '之后' : '详情', dataIndex: 'after' }
              ]}
            />
          )
        }}
        columns={[
          {
            title: '时间',
            dataIndex: 'at',
            width: 180,
            render: (at: string) => new Date(at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })
          },
          { title: '操作人', dataIndex: 'adminUsername', width: 120, render: (u: string | null) => u ?? '系统' },
          { title: '操作', dataIndex: 'action', width: 200, render: (a: string) => ACTION_NAMES[a] ?? a },
          {
            title: '对象',
            dataIndex: 'target',
            render: (t: string) => (
              <Typography.Text style={{ wordBreak: 'break-all' }}>
                <TargetText target={t} />
              </Typography.Text>
            )
          }
        ]}
      />
      <Flex justify="center" style={{ marginTop: 12 }}>
        {query.hasNextPage ? (
          <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
            加载更早的记录
          </Button>
        ) : rows.length > 0 ? (
          <Typography.Text type="secondary">没有更早的记录了</Typography.Text>
        ) : null}
      </Flex>
    </PageShell>
  )
}
