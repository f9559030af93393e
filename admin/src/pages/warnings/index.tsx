import { useState } from 'react'
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query'
import { Link, useNavigate } from 'react-router-dom'
import { Alert, App, Button, Card, Flex, Form, Grid, Input, InputNumber, Modal, Select, Space, Switch, Typography } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import type { ManualWarningRequest, WarningListQuery, WarningSummary } from '../../../../types/warnings'
import { RISK_TYPE_NAMES, RISK_TYPES, WARNING_SOURCE_NAMES, WARNING_SOURCES, type RiskType } from '../../../../types/warning-wording'
import { PageShell } from '../../components/PageShell'
import { DataTable } from '../../components/DataTable'
import { StatusTag } from '../../components/StatusTag'
import { addWarning, listWarnings } from '../../services/warnings'
import { ApiError, messageOf } from '../../services/http'
import { chinaTime } from '../../lib/labels'
import { useAreas } from '../../hooks/useAreas'
import { useSession } from '../../stores/session'
import { accessFor } from '../../access'
import { LEVEL_NAMES, place, RiskTag, WarningStatus } from './labels'
import { PlaceButton } from './Handover'
import { answersText } from './Person'

type Filters = Omit<WarningListQuery, 'before' | 'limit'>
const LIVE_MS = 10_000

/** 预警劝阻: every warning, newest first, live; filters for what the centre is chasing (open, overdue, a township). */
export default function WarningsPage() {
  const session = useSession((s) => s.session)
  const access = accessFor(session?.role)
  const { townships } = useAreas()
  const [filters, setFilters] = useState<Filters>({ status: 'open' })
  const [adding, setAdding] = useState(false)
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const list = useInfiniteQuery({
    queryKey: ['warnings', filters],
    queryFn: ({ pageParam }) => listWarnings({ ...filters, limit: 50, ...(pageParam ? { before: pageParam } : {}) }),
    initialPageParam: '',
    getNextPageParam: (last) => last.next ?? undefined,
    refetchInterval: LIVE_MS
  })
  const narrow = !(Grid.useBreakpoint().md ?? true)
  const rows = list.data?.pages.flatMap((p) => p.items) ?? []
  const unplaced = list.data?.pages[0]?.unplaced ?? []
  const set = (patch: Partial<Filters>) =>
    setFilters((f) => Object.fromEntries(Object.entries({ ...f, ...patch }).filter(([, v]) => v !== undefined && v !== '')) as Filters)

  return (
    <PageShell
      title="预警劝阻"
      actions={
        access.canCall ? (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)}>
            新增预警
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">市反诈中心推送、银行和居民求助的预警单。每10秒自动刷新。</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }} aria-label="筛选">
        <Select
          aria-label="状态"
          style={{ width: 120 }}
          value={filters.status ?? 'all'}
          onChange={(v: string) => set({ status: v === 'open' || v === 'closed' ? v : undefined })}
          options={[
            { value: 'open', label: '处理中' },
            { value: 'closed', label: '已结束' },
            { value: 'all', label: '全部' }
          ]}
        />
        <Select
          aria-label="级别"
          style={{ width: 130 }}
          value={filters.level ?? 0}
          onChange={(v) => set({ level: v || undefined })}
          options={[{ value: 0, label: '全部级别' }, ...[1, 2, 3].map((l) => ({ value: l, label: LEVEL_NAMES[l] }))]}
        />
        <Select
          aria-label="风险类型"
          style={{ width: 160 }}
          value={filters.riskType ?? ''}
          onChange={(v) => set({ riskType: (v || undefined) as RiskType | undefined })}
          options={[{ value: '', label: '全部类型' }, ...RISK_TYPES.map((t) => ({ value: t, label: RISK_TYPE_NAMES[t] }))]}
        />
        <Select
          aria-label="来源"
          style={{ width: 140 }}
          value={filters.source ?? ''}
          onChange={(v) => set({ source: (v || undefined) as Filters['source'] })}
          options={[{ value: '', label: '全部来源' }, ...WARNING_SOURCES.map((s) => ({ value: s, label: WARNING_SOURCE_NAMES[s] }))]}
        />
        {session?.role !== 'officer' ? (
          <Select
            aria-label="乡镇"
            style={{ width: 140 }}
            value={filters.townshipCode ?? ''}
            onChange={(v) => set({ townshipCode: v || undefined })}
            options={[{ value: '', label: '全县' }, ...townships.map((t) => ({ value: t.code, label: t.name }))]}
          />
        ) : null}
        <Input.Search
          aria-label="按手机号查找"
          placeholder="手机号或后4位（本人或家人）"
          allowClear
          style={{ width: 240 }}
          maxLength={20}
          onSearch={(v) => set({ phone: v.trim() || undefined })}
        />
        <Select
          aria-label="排序"
          style={{ width: 170 }}
          value={filters.sort ?? 'newest'}
          onChange={(v) => set({ sort: v === 'newest' ? undefined : v })}
          options={[
            { value: 'newest', label: '最新在前' },
            { value: 'amount', label: '涉案金额从大到小' },
            { value: 'risk', label: '风险最高在前' }
          ]}
        />
        <Space>
          <Switch aria-label="只看超时" checked={filters.overdue === true} onChange={(on) => set({ overdue: on ? true : undefined })} />
          <Typography.Text>只看超时</Typography.Text>
        </Space>
      </Space>
      {list.error ? <Alert type="error" showIcon title={messageOf(list.error)} style={{ marginBottom: 12 }} /> : null}
      {unplaced.length > 0 ? (
        <section aria-label="待指派派出所的上门任务" style={{ marginBottom: 16, border: '2px solid #b71c1c', borderRadius: 8, padding: 12 }}>
          <Typography.Title
            level={2}
            style={{ fontSize: 16, margin: '0 0 4px', color: '#b71c1c' }}
          >{`待指派派出所：${unplaced.length} 个上门任务没有派出所能看到`}</Typography.Title>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            当事人所在乡镇未知。请查明后指派，派出所民警才能领取上门。
          </Typography.Paragraph>
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {unplaced.map((w) => (
              <li key={w.id} style={{ marginBottom: 6 }}>
                <Space wrap>
                  <Link to={`/warnings/${w.id}`}>{`${w.phoneMasked} · ${RISK_TYPE_NAMES[w.riskType]}`}</Link>
                  <RiskTag level={w.riskLevel} />
                  <Typography.Text type="secondary">{`收到 ${chinaTime(w.receivedAt)}`}</Typography.Text>
                  {access.canCall ? (
                    <PlaceButton warning={w} label="指派派出所" onPlaced={() => void queryClient.invalidateQueries({ queryKey: ['warnings'] })} />
                  ) : null}
                </Space>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {/* On a phone a nine-column table shows three columns and hides the rest sideways: one card per warning instead. */}
      {narrow && list.data && rows.length === 0 ? <Typography.Text type="secondary">没有符合条件的预警</Typography.Text> : null}
      {narrow ? (
        <Flex vertical gap={8} role="list" aria-label="预警列表">
          {rows.map((w) => (
            <Card key={w.id} size="small" role="listitem">
              <Flex vertical gap={4}>
                <Space wrap>
                  <Link to={`/warnings/${w.id}`} aria-label={`查看预警 ${w.phoneMasked}`}>{`${w.phoneMasked}${w.matched ? '' : '（未登记）'}`}</Link>
                  <RiskTag level={w.riskLevel} />
                  <WarningStatus warning={w} />
                </Space>
                <Typography.Text>{`${RISK_TYPE_NAMES[w.riskType]} · ${LEVEL_NAMES[w.level]} · ${WARNING_SOURCE_NAMES[w.source]}`}</Typography.Text>
                <Typography.Text>{w.unplacedVisit ? '所在地：待指派派出所' : `所在地：${place(w)}`}</Typography.Text>
                {w.answers.length > 0 ? <Typography.Text>{`居民回复：${answersText(w)}`}</Typography.Text> : null}
                <Typography.Text type="secondary">{chinaTime(w.receivedAt)}</Typography.Text>
              </Flex>
            </Card>
          ))}
        </Flex>
      ) : (
        <DataTable<WarningSummary>
          rowKey="id"
          loading={list.isLoading}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 1130 }}
          onRow={(w) => ({ onDoubleClick: () => navigate(`/warnings/${w.id}`) })}
          columns={[
            { title: '收到时间', dataIndex: 'receivedAt', width: 170, render: chinaTime },
            { title: '来源', dataIndex: 'source', width: 110, render: (s: WarningSummary['source']) => WARNING_SOURCE_NAMES[s] },
            { title: '号码', dataIndex: 'phoneMasked', width: 130, render: (p: string, w) => `${p}${w.matched ? '' : '（未登记）'}` },
            { title: '所在地', key: 'place', render: (_, w) => (w.unplacedVisit ? <StatusTag tone="danger">待指派派出所</StatusTag> : place(w)) },
            { title: '类型', dataIndex: 'riskType', width: 140, render: (t: RiskType) => RISK_TYPE_NAMES[t] },
            { title: '风险', dataIndex: 'riskLevel', width: 90, render: (l: WarningSummary['riskLevel']) => <RiskTag level={l} /> },
            { title: '级别', dataIndex: 'level', width: 100, render: (l: number) => LEVEL_NAMES[l] },
            { title: '居民回复', key: 'answers', width: 150, render: (_, w) => answersText(w) || '—' },
            { title: '状态', key: 'status', width: 110, render: (_, w) => <WarningStatus warning={w} /> },
            {
              title: '操作',
              key: 'open',
              width: 80,
              render: (_, w) => (
                <Link to={`/warnings/${w.id}`} aria-label={`查看预警 ${w.phoneMasked}`}>
                  查看
                </Link>
              )
            }
          ]}
        />
      )}
      {list.hasNextPage ? (
        <Button block style={{ marginTop: 12 }} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          加载更多
        </Button>
      ) : null}
      <AddWarningModal
        open={adding}
        onClose={() => setAdding(false)}
        onAdded={(id) => {
          setAdding(false)
          void queryClient.invalidateQueries({ queryKey: ['warnings'] })
          navigate(`/warnings/${id}`)
        }}
      />
    </PageShell>
  )
}

type AddValues = Omit<ManualWarningRequest, 'evidence'> & {
  evidenceKind?: 'phone' | 'sms' | 'url' | 'account' | 'app'
  evidenceValue?: string
  amount?: number
}

function AddWarningModal({ open, onClose, onAdded }: { open: boolean; onClose: () => void; onAdded: (id: string) => void }) {
  const [form] = Form.useForm<AddValues>()
  const { townships } = useAreas()
  const { message } = App.useApp()
  const [error, setError] = useState<string | null>(null)
  const submit = async (v: AddValues) => {
    setError(null)
    const { evidenceKind, evidenceValue, amount, ...rest } = v
    const body: ManualWarningRequest = {
      ...(Object.fromEntries(Object.entries(rest).filter(([, x]) => x !== '' && x !== undefined)) as unknown as ManualWarningRequest),
      ...(evidenceKind && evidenceValue?.trim() ? { evidence: { kind: evidenceKind, value: evidenceValue.trim(), ...(amount ? { amount } : {}) } } : {})
    }
    try {
      const created = await addWarning(body)
      message.success('预警已录入')
      form.resetFields()
      onAdded(created.warning.id)
    } catch (err) {
      if (err instanceof ApiError && err.field) {
        form.setFields([{ name: err.field as keyof AddValues, errors: [err.message] }])
        // The dialog is taller than a 768-px screen: bring the field with the error into view.
        form.scrollToField(err.field, { block: 'center' })
      } else setError(messageOf(err))
    }
  }
  return (
    <Modal open={open} title="新增预警" okText="录入" cancelText="取消" onCancel={onClose} onOk={() => form.submit()} destroyOnHidden>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ source: 'county', riskLevel: 'high', riskType: 'call', evidenceKind: 'phone' }}
      >
        <Form.Item label="来源" name="source">
          <Select options={(['county', 'bank', 'city'] as const).map((s) => ({ value: s, label: WARNING_SOURCE_NAMES[s] }))} />
        </Form.Item>
        <Form.Item label="当事人手机号" name="phone" rules={[{ required: true, whitespace: true, message: '请输入当事人的手机号' }]}>
          <Input autoComplete="off" inputMode="tel" />
        </Form.Item>
        <Form.Item label="所在乡镇" name="townshipCode" extra="未登记的号码请填写，上门任务才会交给该乡镇派出所；已登记居民以其登记的乡镇为准。">
          <Select allowClear placeholder="不清楚可先不填" options={townships.map((t) => ({ value: t.code, label: t.name }))} />
        </Form.Item>
        <Form.Item label="风险类型" name="riskType">
          <Select options={RISK_TYPES.map((t) => ({ value: t, label: RISK_TYPE_NAMES[t] }))} />
        </Form.Item>
        <Form.Item label="风险等级" name="riskLevel" extra="高风险：立即生成电话预警任务；中风险：先推送，居民未回复再电话。">
          <Select
            options={[
              { value: 'high', label: '高' },
              { value: 'medium', label: '中' }
            ]}
          />
        </Form.Item>
        <Form.Item label="涉诈对象类型" name="evidenceKind">
          <Select
            options={[
              { value: 'phone', label: '电话号码' },
              { value: 'sms', label: '短信号码' },
              { value: 'url', label: '网址' },
              { value: 'account', label: '账户' },
              { value: 'app', label: 'APP' }
            ]}
          />
        </Form.Item>
        <Form.Item label="涉诈号码 / 网址 / 账户 / APP" name="evidenceValue" rules={[{ max: 500, message: '最多500个字' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label="涉及金额（元，选填）" name="amount">
          <InputNumber min={0} max={100_000_000} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          label="来源编号（选填）"
          name="ref"
          extra="同一来源的同一编号只录入一次。"
          rules={[{ pattern: /^[\x21-\x7e]{1,100}$/, message: '编号为1–100个字母、数字或符号' }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label="备注" name="note" rules={[{ max: 500, message: '最多500个字' }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
