import { useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Form, Input, InputNumber, Modal, Select, Typography } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import type { AdminArea } from '../../../../types/areas'
import { PageShell } from '../../components/PageShell'
import { DataTable } from '../../components/DataTable'
import { createArea, listAdminAreas, updateArea } from '../../services/areas'
import { ApiError, messageOf } from '../../services/http'

type Row = AdminArea & { children?: AdminArea[] }

/**
 * 乡镇村与人口 (admin): names and 16–60 populations, the denominators of coverage, edited here rather than only by the
 * CLI's file import; each change is in the audit log with what it was before.
 */
export default function AreasPage() {
  const areas = useQuery({ queryKey: ['admin-areas'], queryFn: listAdminAreas })
  const queryClient = useQueryClient()
  const [editing, setEditing] = useState<AdminArea | 'new' | null>(null)
  const all = areas.data ?? []
  const rows: Row[] = all.filter((a) => a.parentCode === null).map((t) => ({ ...t, children: all.filter((v) => v.parentCode === t.code) }))
  const done = () => {
    setEditing(null)
    void queryClient.invalidateQueries({ queryKey: ['admin-areas'] })
    void queryClient.invalidateQueries({ queryKey: ['areas'] })
    void queryClient.invalidateQueries({ queryKey: ['coverage'] })
  }
  return (
    <PageShell
      title="乡镇村与人口"
      actions={
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
          添加乡镇或村
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        16–60岁人口是登记覆盖率的分母。整批更新仍可用命令 npx qiandai areas import。每次修改都记入操作日志。
      </Typography.Paragraph>
      {areas.error ? <Alert type="error" showIcon title={messageOf(areas.error)} /> : null}
      <DataTable<Row>
        rowKey="code"
        loading={areas.isLoading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 640 }}
        label="乡镇和村（社区）及16–60岁人口"
        columns={[
          { title: '名称', dataIndex: 'name' },
          { title: '代码', dataIndex: 'code', width: 160 },
          { title: '16–60岁人口', dataIndex: 'population16to60', width: 140 },
          {
            title: '操作',
            key: 'edit',
            width: 100,
            render: (_, a) => (
              <Button size="small" onClick={() => setEditing(a)} aria-label={`修改 ${a.name}`}>
                修改
              </Button>
            )
          }
        ]}
      />
      <AreaModal editing={editing} townships={rows} onClose={() => setEditing(null)} onDone={done} />
    </PageShell>
  )
}

interface Values {
  name: string
  population16to60: number
  code?: string
  parentCode?: string
}

function AreaModal({ editing, townships, onClose, onDone }: { editing: AdminArea | 'new' | null; townships: AdminArea[]; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<Values>()
  const { message } = App.useApp()
  const [busy, setBusy] = useState(false)
  const creating = editing === 'new'
  const submit = async (v: Values) => {
    setBusy(true)
    try {
      if (creating)
        await createArea({ code: (v.code ?? '').trim(), name: v.name.trim(), parentCode: v.parentCode ?? null, population16to60: v.population16to60 })
      else if (editing) await updateArea(editing.code, { name: v.name.trim(), population16to60: v.population16to60 })
      message.success('已保存')
      onDone()
    } catch (err) {
      if (err instanceof ApiError && err.field) form.setFields([{ name: err.field as keyof Values, errors: [err.message] }])
      else message.error(messageOf(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal
      open={editing !== null}
      title={creating ? '添加乡镇或村（社区）' : `修改 ${editing?.name ?? ''}`}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(v) => void submit(v)}
        initialValues={creating || !editing ? { population16to60: 0 } : { name: editing.name, population16to60: editing.population16to60 }}
      >
        {creating ? (
          <>
            <Form.Item label="所属乡镇（添加乡镇则不选）" name="parentCode">
              <Select allowClear placeholder="添加的是乡镇" options={townships.map((t) => ({ value: t.code, label: t.name }))} />
            </Form.Item>
            <Form.Item label="统计用区划代码" name="code" rules={[{ required: true, pattern: /^[0-9]{6,15}$/, message: '代码为6–15位数字' }]}>
              <Input inputMode="numeric" autoComplete="off" />
            </Form.Item>
          </>
        ) : null}
        <Form.Item label="名称" name="name" rules={[{ required: true, whitespace: true, max: 40, message: '请填写名称（最多40个字）' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label="16–60岁人口" name="population16to60" rules={[{ required: true, message: '请填写人口' }]}>
          <InputNumber min={0} max={10_000_000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
