import { useState } from 'react'
import { useInfiniteQuery } from '@tanstack/react-query'
import { Alert, Button, DatePicker, Flex, Form, Input, Select, Typography } from 'antd'
import type { AuditEntry, AuditQuery } from '../../../../types/admin'
import { PageShell } from '../../components/PageShell'
import { getAudit } from '../../services/accounts'
import { messageOf } from '../../services/http'
import { useFilterLayout } from '../../hooks/useFilterLayout'
import { DataTable } from '../../components/DataTable'

const ACTIONS: Array<{ value: string; label: string }> = [
  { value: 'blocklist.', label: '黑名单' }, { value: 'report.', label: '线索审核' }, { value: 'appeal.', label: '申诉' }, { value: 'account.', label: '账号' }
]
const ACTION_NAMES: Record<string, string> = {
  'account.create': '新建账号', 'account.disable': '停用账号', 'account.enable': '启用账号', 'account.reset_password': '重设密码',
  'blocklist.put': '添加或修改黑名单', 'blocklist.remove': '移出黑名单', 'blocklist.restore': '恢复黑名单', 'blocklist.import': '导入黑名单',
  'report.confirm': '核实线索', 'report.reject': '不予采纳', 'report.merge': '合并线索', 'appeal.remove': '申诉成立（移出黑名单）', 'appeal.keep': '申诉驳回'
}

type Filters = Omit<AuditQuery, 'before' | 'limit'>

export default function AuditPage() {
  const filterLayout = useFilterLayout()
  const [filters, setFilters] = useState<Filters>({})
  const query = useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam }) => getAudit({ ...filters, limit: 50, ...(pageParam ? { before: pageParam } : {}) }),
    initialPageParam: '',
    getNextPageParam: (last) => last.next ?? undefined
  })
  const rows = query.data?.pages.flatMap((p) => p.items) ?? []
  return (
    <PageShell title='操作日志'>
      <Form layout={filterLayout} style={{ marginBottom: 12, rowGap: 8 }} onFinish={(v: { admin?: string; action?: string; target?: string; days?: [{ format(f: string): string }, { format(f: string): string }] }) => setFilters({
        ...(v.admin?.trim() ? { admin: v.admin.trim() } : {}), ...(v.action ? { action: v.action } : {}), ...(v.target?.trim() ? { target: v.target.trim() } : {}),
        ...(v.days ? { from: v.days[0].format('YYYY-MM-DD'), to: v.days[1].format('YYYY-MM-DD') } : {})
      })}>
        <Form.Item label='操作人' name='admin'><Input placeholder='用户名' allowClear /></Form.Item>
        <Form.Item label='操作类别' name='action'><Select style={{ width: 140 }} allowClear placeholder='全部' options={ACTIONS} /></Form.Item>
        <Form.Item label='对象' name='target'><Input placeholder='号码、网址、账号名…' allowClear /></Form.Item>
        <Form.Item label='日期' name='days'><DatePicker.RangePicker /></Form.Item>
        <Form.Item><Button type='primary' htmlType='submit'>查询</Button></Form.Item>
      </Form>
      {query.error ? <Alert type='error' showIcon title={messageOf(query.error)} /> : null}
      <DataTable<AuditEntry> rowKey='id' loading={query.isLoading} dataSource={rows} pagination={false} scroll={{ x: 900 }}
        expandable={{ expandedRowRender: (e) => <pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{JSON.stringify({ 之前: e.before, 之后: e.after }, null, 2)}</pre> }}
        columns={[
          { title: '时间', dataIndex: 'at', width: 180, render: (at: string) => new Date(at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) },
          { title: '操作人', dataIndex: 'adminUsername', width: 120, render: (u: string | null) => u ?? '系统' },
          { title: '操作', dataIndex: 'action', width: 200, render: (a: string) => ACTION_NAMES[a] ?? a },
          { title: '对象', dataIndex: 'target', render: (t: string) => <Typography.Text style={{ wordBreak: 'break-all' }}>{t}</Typography.Text> }
        ]} />
      <Flex justify='center' style={{ marginTop: 12 }}>
        {query.hasNextPage ? <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>加载更早的记录</Button> : rows.length > 0 ? <Typography.Text type='secondary'>没有更早的记录了</Typography.Text> : null}
      </Flex>
    </PageShell>
  )
}
