import { useState } from 'react'
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, AutoComplete, Button, DatePicker, Flex, Form, Input, Modal, Progress, Radio, Select, Space, Typography, Upload } from 'antd'
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons'
import dayjs from 'dayjs'
import type { BlocklistEntry, BlocklistQuery, ImportSummary, PutEntryRequest } from '../../../../types/lists'
import { PageShell } from '../../components/PageShell'
import { StatusTag } from '../../components/StatusTag'
import {
  blocklistTemplate,
  exportBlocklist,
  importBlocklist,
  listBlocklist,
  putEntry,
  setEntryStatus,
  type BlocklistFileFormat
} from '../../services/blocklist'
import { ApiError, messageOf } from '../../services/http'
import { useFraudTypeNames } from '../../hooks/useFraudTypes'
import { download } from '../../lib/csv'
import { ENTRY_STATUS_NAMES, expiryLabel, KIND_NAMES, SOURCE_NAMES, type ValueKind } from '../../lib/labels'
import { chinaToday } from '../../lib/days'
import { ImportResult } from './ImportResult'
import { useFilterLayout } from '../../hooks/useFilterLayout'
import { DataTable } from '../../components/DataTable'

type Filters = Omit<BlocklistQuery, 'after' | 'limit'>
const kindOptions = (Object.keys(KIND_NAMES) as Array<keyof typeof KIND_NAMES>)
  .filter((k): k is ValueKind => k !== 'message')
  .map((k) => ({ value: k, label: KIND_NAMES[k] }))
const sourceOptions = Object.entries(SOURCE_NAMES).map(([value, label]) => ({ value, label }))
const TONES = { active: 'danger', appealed: 'warning', removed: 'neutral' } as const

const MIME: Record<BlocklistFileFormat, string> = {
  csv: 'text/csv;charset=utf-8',
  jsonl: 'application/x-ndjson',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
}

export default function BlocklistPage() {
  const filterLayout = useFilterLayout()
  const [filters, setFilters] = useState<Filters>({})
  const [editing, setEditing] = useState<BlocklistEntry | 'new' | null>(null)
  const [statusOf, setStatusOf] = useState<BlocklistEntry | null>(null)
  const [importing, setImporting] = useState(false)
  const queryClient = useQueryClient()
  const { message } = App.useApp()
  const categories = useFraudTypeNames()
  const list = useInfiniteQuery({
    queryKey: ['blocklist', filters],
    queryFn: ({ pageParam }) => listBlocklist({ ...filters, limit: 50, ...(pageParam ? { after: pageParam } : {}) }),
    initialPageParam: '',
    getNextPageParam: (last) => last.next ?? undefined
  })
  const rows = list.data?.pages.flatMap((p) => p.items) ?? []
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['blocklist'] })
  const exportAs = async (format: BlocklistFileFormat) => {
    try {
      download(`黑名单-${chinaToday()}.${format}`, await exportBlocklist(format), MIME[format])
    } catch (err) {
      message.error(messageOf(err))
    }
  }
  const template = async (format: 'csv' | 'xlsx') => {
    try {
      download(`黑名单导入模板.${format}`, await blocklistTemplate(format), MIME[format])
    } catch (err) {
      message.error(messageOf(err))
    }
  }

  return (
    <PageShell
      title="黑名单"
      actions={
        <Space wrap>
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
            添加
          </Button>
          <Button icon={<UploadOutlined aria-hidden />} onClick={() => setImporting(true)}>
            导入文件
          </Button>
          <Button icon={<DownloadOutlined aria-hidden />} onClick={() => void exportAs('xlsx')}>
            导出Excel
          </Button>
          <Button icon={<DownloadOutlined aria-hidden />} onClick={() => void exportAs('csv')}>
            导出CSV
          </Button>
          <Button icon={<DownloadOutlined aria-hidden />} onClick={() => void exportAs('jsonl')}>
            导出JSON行
          </Button>
          <Button icon={<DownloadOutlined aria-hidden />} onClick={() => void template('xlsx')}>
            下载导入模板
          </Button>
        </Space>
      }
    >
      <Form
        layout={filterLayout}
        style={{ marginBottom: 12, rowGap: 8 }}
        onFinish={(v: Filters) => setFilters(Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== '')) as Filters)}
      >
        <Form.Item label="号码/网址/账户" name="q">
          <Input allowClear placeholder="输入其中一部分" maxLength={64} />
        </Form.Item>
        <Form.Item label="类别" name="kind">
          <Select allowClear placeholder="全部" style={{ width: 100 }} options={kindOptions} />
        </Form.Item>
        <Form.Item label="诈骗类型" name="category">
          <AutoComplete allowClear placeholder="全部" style={{ width: 160 }} options={categories.map((c) => ({ value: c }))} />
        </Form.Item>
        <Form.Item label="来源" name="source">
          <Select allowClear placeholder="全部" style={{ width: 130 }} options={sourceOptions} />
        </Form.Item>
        <Form.Item label="状态" name="status">
          <Select
            allowClear
            placeholder="全部"
            style={{ width: 110 }}
            options={Object.entries(ENTRY_STATUS_NAMES).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit">
            查询
          </Button>
        </Form.Item>
      </Form>
      {list.error ? <Alert type="error" showIcon title={messageOf(list.error)} /> : null}
      <DataTable<BlocklistEntry>
        rowKey="id"
        loading={list.isLoading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 980 }}
        columns={[
          { title: '类别', dataIndex: 'kind', width: 70, render: (k: ValueKind) => KIND_NAMES[k] },
          { title: '号码/网址/账户', dataIndex: 'value', render: (v: string) => <Typography.Text style={{ wordBreak: 'break-all' }}>{v}</Typography.Text> },
          { title: '诈骗类型', dataIndex: 'category', width: 140 },
          { title: '来源', dataIndex: 'source', width: 110, render: (s: string) => SOURCE_NAMES[s] ?? s },
          {
            title: '状态',
            dataIndex: 'status',
            width: 90,
            render: (s: BlocklistEntry['status']) => <StatusTag tone={TONES[s]}>{ENTRY_STATUS_NAMES[s]}</StatusTag>
          },
          { title: '有效期至', dataIndex: 'expiresAt', width: 170, render: (e: string | null) => (e ? expiryLabel(e) : '长期') },
          { title: '备注', dataIndex: 'note', render: (n: string | null) => n ?? '' },
          {
            title: '操作',
            key: 'actions',
            width: 140,
            render: (_, e) => (
              <Space>
                <Button size="small" onClick={() => setEditing(e)} aria-label={`编辑 ${e.value}`}>
                  编辑
                </Button>
                <Button
                  size="small"
                  danger={e.status !== 'removed'}
                  onClick={() => setStatusOf(e)}
                  aria-label={`${e.status === 'removed' ? '恢复' : '移出'} ${e.value}`}
                >
                  {e.status === 'removed' ? '恢复' : '移出'}
                </Button>
              </Space>
            )
          }
        ]}
      />
      <Flex justify="center" style={{ marginTop: 12 }}>
        {list.hasNextPage ? (
          <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            加载更多
          </Button>
        ) : rows.length > 0 ? (
          <Typography.Text type="secondary">{`共 ${rows.length} 条`}</Typography.Text>
        ) : null}
      </Flex>
      <EntryModal
        entry={editing}
        categories={categories}
        onClose={() => setEditing(null)}
        onSaved={(e) => {
          setEditing(null)
          message.success(`已保存 ${e.value}`)
          refresh()
        }}
      />
      <StatusModal
        entry={statusOf}
        onClose={() => setStatusOf(null)}
        onDone={(e) => {
          setStatusOf(null)
          message.success(e.status === 'removed' ? `已移出 ${e.value}，立即停止提示` : `已恢复 ${e.value}`)
          refresh()
        }}
      />
      <ImportModal
        open={importing}
        onClose={() => {
          setImporting(false)
          refresh()
        }}
      />
    </PageShell>
  )
}

interface EntryForm {
  kind: ValueKind
  value: string
  category: string
  source: NonNullable<PutEntryRequest['source']>
  note: string
  expiresAt?: dayjs.Dayjs | null
}

function EntryModal({
  entry,
  categories,
  onClose,
  onSaved
}: {
  entry: BlocklistEntry | 'new' | null
  categories: string[]
  onClose: () => void
  onSaved: (e: BlocklistEntry) => void
}) {
  const [form] = Form.useForm<EntryForm>()
  const [error, setError] = useState<string | null>(null)
  const existing = entry !== 'new' ? entry : null
  const submit = async (v: EntryForm) => {
    setError(null)
    try {
      onSaved(
        await putEntry({
          kind: v.kind,
          value: v.value.trim(),
          category: v.category.trim(),
          source: v.source,
          note: v.note.trim(),
          expiresAt: v.expiresAt ? v.expiresAt.format('YYYY-MM-DD') : null
        })
      )
    } catch (err) {
      if (err instanceof ApiError && err.field) form.setFields([{ name: err.field as keyof EntryForm, errors: [err.message] }])
      else setError(messageOf(err))
    }
  }
  return (
    <Modal
      open={entry !== null}
      title={existing ? '编辑黑名单条目' : '添加到黑名单'}
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        preserve={false}
        initialValues={
          existing
            ? {
                kind: existing.kind,
                value: existing.value,
                category: existing.category,
                source: existing.source,
                note: existing.note ?? '',
                expiresAt: existing.expiresAt ? dayjs(existing.expiresAt) : null
              }
            : { kind: 'phone', source: 'centre', note: '' }
        }
      >
        <Form.Item label="类别" name="kind" rules={[{ required: true }]}>
          <Radio.Group options={kindOptions} disabled={existing !== null} />
        </Form.Item>
        <Form.Item label="号码/网址/账户" name="value" rules={[{ required: true, whitespace: true, message: '请填写号码、网址或账户' }]}>
          <Input disabled={existing !== null} maxLength={2048} />
        </Form.Item>
        <Form.Item
          label="诈骗类型"
          name="category"
          rules={[
            { required: true, whitespace: true, message: '请选择或填写诈骗类型' },
            { max: 32, message: '最多32个字' }
          ]}
        >
          <AutoComplete options={categories.map((c) => ({ value: c }))} filterOption={(input, o) => String(o?.value ?? '').includes(input)} />
        </Form.Item>
        <Form.Item label="来源" name="source">
          <Select options={sourceOptions} />
        </Form.Item>
        <Form.Item label="有效期至（不填为长期）" name="expiresAt">
          <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item
          label="备注（记入操作日志）"
          name="note"
          rules={[
            { required: true, whitespace: true, message: '请写明依据，如“群众举报已核实”' },
            { max: 200, message: '最多200个字' }
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

function StatusModal({ entry, onClose, onDone }: { entry: BlocklistEntry | null; onClose: () => void; onDone: (e: BlocklistEntry) => void }) {
  const [form] = Form.useForm<{ note: string }>()
  const removing = entry?.status !== 'removed'
  const submit = async ({ note }: { note: string }) => {
    if (!entry) return
    try {
      onDone(await setEntryStatus({ kind: entry.kind, value: entry.value, status: removing ? 'removed' : 'active', note: note.trim() }))
    } catch (err) {
      form.setFields([{ name: 'note', errors: [messageOf(err)] }])
    }
  }
  return (
    <Modal
      open={entry !== null}
      title={removing ? '移出黑名单' : '恢复到黑名单'}
      okText={removing ? '移出' : '恢复'}
      okButtonProps={{ danger: removing }}
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph style={{ wordBreak: 'break-all' }}>{entry ? `${KIND_NAMES[entry.kind]}：${entry.value}` : ''}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} preserve={false}>
        <Form.Item
          label="原因（记入操作日志）"
          name="note"
          rules={[
            { required: true, whitespace: true, message: '请写明原因' },
            { max: 200, message: '最多200个字' }
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

/** Only read a file back for the rejected lines' text when it is small enough to hold in the browser. */
const READ_BACK_LIMIT = 20 * 1024 * 1024

function ImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [file, setFile] = useState<File | null>(null)
  const [format, setFormat] = useState<BlocklistFileFormat>('csv')
  const [progress, setProgress] = useState<number | null>(null)
  const [result, setResult] = useState<{ summary: ImportSummary; text: string | null } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const reset = () => {
    setFile(null)
    setProgress(null)
    setResult(null)
    setError(null)
  }
  const pick = (f: File) => {
    reset()
    setFile(f)
    setFormat(/\.(jsonl|ndjson)$/i.test(f.name) ? 'jsonl' : /\.xlsx$/i.test(f.name) ? 'xlsx' : 'csv')
    return false
  }
  const run = async () => {
    if (!file) return
    setError(null)
    setProgress(0)
    try {
      const summary = await importBlocklist(file, format, setProgress)
      // The rejected lines' text, read as the server read it (a GBK file decoded as GBK); none for a workbook.
      const readBack = format !== 'xlsx' && file.size <= READ_BACK_LIMIT && summary.rejections.length > 0
      setResult({ summary, text: readBack ? new TextDecoder(summary.encoding === 'gb18030' ? 'gb18030' : 'utf-8').decode(await file.arrayBuffer()) : null })
    } catch (err) {
      setError(messageOf(err))
    } finally {
      setProgress(null)
    }
  }
  return (
    <Modal
      open={open}
      title="导入黑名单文件"
      width={720}
      onCancel={() => {
        reset()
        onClose()
      }}
      destroyOnHidden
      footer={
        <Space>
          <Button
            onClick={() => {
              reset()
              onClose()
            }}
          >
            关闭
          </Button>
          <Button type="primary" disabled={!file || progress !== null} loading={progress !== null} onClick={() => void run()}>
            开始导入
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph>
        Excel（.xlsx，读第一个工作表）或 CSV（UTF-8 或 GBK
        均可，自动识别）：类型、号码/网址/账户、诈骗类型、来源、备注、到期日期，表头可有可无；JSON行：每行一个对象。
        不清楚格式请先“下载导入模板”。同一文件重复导入不会重复添加。
      </Typography.Paragraph>
      <Upload beforeUpload={pick} maxCount={1} accept=".xlsx,.csv,.jsonl,.ndjson,.txt" showUploadList={false}>
        <Button icon={<UploadOutlined aria-hidden />}>选择文件</Button>
      </Upload>
      {file ? <Typography.Paragraph style={{ marginTop: 8 }}>{`已选择：${file.name}（${(file.size / 1024).toFixed(1)} KB）`}</Typography.Paragraph> : null}
      <Radio.Group
        value={format}
        onChange={(e) => setFormat(e.target.value)}
        aria-label="文件格式"
        options={[
          { value: 'xlsx', label: 'Excel' },
          { value: 'csv', label: 'CSV' },
          { value: 'jsonl', label: 'JSON行' }
        ]}
        style={{ margin: '8px 0' }}
      />
      {progress !== null ? (
        <div role="status" aria-live="polite">
          <Progress percent={progress} status="active" />
          <Typography.Text>{progress < 100 ? '正在上传…' : '已上传，正在写入数据库…'}</Typography.Text>
        </div>
      ) : null}
      {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 12 }} /> : null}
      {result && file ? <ImportResult summary={result.summary} fileName={file.name} fileText={result.text} /> : null}
    </Modal>
  )
}
