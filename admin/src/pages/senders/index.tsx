import { useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Space, Typography } from 'antd'
import { SENDER_CATEGORY_NAMES, type OfficialSender, type OfficialSenderInput, type SenderCategory } from '../../../../types/senders'
import { PageShell } from '../../components/PageShell'
import { DataTable } from '../../components/DataTable'
import { deleteSender, listSenders, putSender } from '../../services/senders'
import { messageOf } from '../../services/http'

interface FormValues {
  id: string
  name: string
  category: SenderCategory
  aliases: string
  domains: string
  numbers: string
  tokens: string
}

/** One value a line, or separated by commas / 、: how clerks paste lists from Excel or a notice. */
const lines = (text: string | undefined): string[] =>
  (text ?? '')
    .split(/[\n,，、;；\s]+/)
    .map((s) => s.trim())
    .filter(Boolean)
const joined = (values: readonly string[]) => values.join('\n')

/**
 * 官方发送方: the banks, carriers, couriers and offices whose names scam messages borrow, with their official sites and
 * service numbers. The message check judges a message claiming one of them by these; the link check names them.
 */
export default function SendersPage() {
  const senders = useQuery({ queryKey: ['senders'], queryFn: listSenders })
  const queryClient = useQueryClient()
  const { message } = App.useApp()
  const [editing, setEditing] = useState<OfficialSender | 'new' | null>(null)
  const [form] = Form.useForm<FormValues>()
  const [filter, setFilter] = useState('')

  const open = (s: OfficialSender | 'new') => {
    setEditing(s)
    form.setFieldsValue(
      s === 'new'
        ? { id: '', name: '', category: 'county', aliases: '', domains: '', numbers: '', tokens: '' }
        : {
            id: s.id,
            name: s.name,
            category: s.category,
            aliases: joined(s.aliases),
            domains: joined(s.domains),
            numbers: joined(s.numbers),
            tokens: joined(s.tokens)
          }
    )
  }
  const submit = async (v: FormValues) => {
    const body: OfficialSenderInput = {
      name: v.name.trim(),
      category: v.category,
      aliases: lines(v.aliases),
      domains: lines(v.domains),
      numbers: lines(v.numbers).map((n) => n.replace(/\D/g, '')),
      tokens: lines(v.tokens)
    }
    try {
      await putSender(v.id.trim(), body)
      message.success('已保存，几秒内所有查询生效')
      setEditing(null)
      void queryClient.invalidateQueries({ queryKey: ['senders'] })
    } catch (err) {
      form.setFields([{ name: 'name', errors: [messageOf(err)] }])
    }
  }
  const remove = async (s: OfficialSender) => {
    try {
      await deleteSender(s.id)
      message.success(`已删除“${s.name}”`)
      void queryClient.invalidateQueries({ queryKey: ['senders'] })
    } catch (err) {
      message.error(messageOf(err))
    }
  }
  const shown = (senders.data ?? []).filter((s) => filter === '' || [s.name, ...s.aliases, ...s.domains, ...s.numbers].some((x) => x.includes(filter)))

  return (
    <PageShell
      title="官方发送方"
      actions={
        <Button type="primary" onClick={() => open('new')}>
          新增发送方
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        居民粘贴的短信自称是这里的单位、却带着不是它的网址或电话时，会被判为“冒充”。请只填写官方公布的网址和客服电话。
      </Typography.Paragraph>
      <Input.Search
        aria-label="查找发送方"
        placeholder="名称、网址或电话"
        allowClear
        onChange={(e) => setFilter(e.target.value.trim())}
        style={{ maxWidth: 320, marginBottom: 12 }}
      />
      {senders.error ? <Alert type="error" showIcon title={messageOf(senders.error)} /> : null}
      <DataTable<OfficialSender>
        rowKey="id"
        dataSource={shown}
        loading={senders.isLoading}
        pagination={{ pageSize: 20 }}
        scroll={{ x: 900 }}
        columns={[
          { title: '名称', dataIndex: 'name', width: 180 },
          { title: '类别', dataIndex: 'category', width: 100, render: (c: SenderCategory) => SENDER_CATEGORY_NAMES[c] },
          { title: '短信里的叫法', key: 'aliases', render: (_, s) => s.aliases.join('、') },
          {
            title: '官方网址',
            key: 'domains',
            render: (_, s) => <Typography.Text style={{ wordBreak: 'break-all' }}>{s.domains.join('、') || '—'}</Typography.Text>
          },
          { title: '官方电话', key: 'numbers', width: 140, render: (_, s) => s.numbers.join('、') || '—' },
          {
            title: '操作',
            key: 'actions',
            width: 150,
            render: (_, s) => (
              <Space>
                <Button size="small" onClick={() => open(s)} aria-label={`编辑${s.name}`}>
                  编辑
                </Button>
                <Popconfirm
                  title={`删除“${s.name}”？`}
                  description="删除后，自称它的短信不再按它核对网址和电话。"
                  okText="删除"
                  cancelText="取消"
                  onConfirm={() => void remove(s)}
                >
                  <Button size="small" danger aria-label={`删除${s.name}`}>
                    删除
                  </Button>
                </Popconfirm>
              </Space>
            )
          }
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? '新增发送方' : `编辑：${editing?.name ?? ''}`}
        okText="保存"
        cancelText="取消"
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        destroyOnHidden
        width={640}
      >
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} preserve={false}>
          <Form.Item label="编号（小写字母、数字、横线）" name="id" rules={[{ required: true, pattern: /^[a-z0-9-]{2,40}$/, message: '例如 ns-xinhe' }]}>
            <Input disabled={editing !== 'new'} />
          </Form.Item>
          <Form.Item label="名称（居民看到的全称）" name="name" rules={[{ required: true, whitespace: true, min: 2, max: 40, message: '2到40个字' }]}>
            <Input />
          </Form.Item>
          <Form.Item label="类别" name="category" rules={[{ required: true }]}>
            <Select options={Object.entries(SENDER_CATEGORY_NAMES).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item label="短信里的叫法（每行一个，如 建设银行、建行）" name="aliases" rules={[{ required: true, whitespace: true, message: '至少一个' }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
          <Form.Item label="官方网址（每行一个，如 ccb.com）" name="domains">
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
          <Form.Item label="官方电话（每行一个，只填数字，如 95533）" name="numbers">
            <Input.TextArea autoSize={{ minRows: 1 }} />
          </Form.Item>
          <Form.Item label="假网址常借用的字母（每行一个，如 ccb、95533）" name="tokens">
            <Input.TextArea autoSize={{ minRows: 1 }} />
          </Form.Item>
        </Form>
      </Modal>
    </PageShell>
  )
}
