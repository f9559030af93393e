import { useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Empty, Form, Input, Modal, Typography } from 'antd'
import type { AdminAppeal } from '../../../../types/reports'
import { PageShell } from '../../components/PageShell'
import { decideAppeal, getAppeals } from '../../services/reports'
import { messageOf } from '../../services/http'
import { chinaTime, KIND_NAMES } from '../../lib/labels'
import { DataTable } from '../../components/DataTable'

type Decision = { appeal: AdminAppeal; decision: 'remove' | 'keep' } | null

/** 申诉: people who say their number, address or account was listed by mistake; oldest first. */
export default function AppealsPage() {
  const appeals = useQuery({ queryKey: ['appeals'], queryFn: getAppeals })
  const queryClient = useQueryClient()
  const { message } = App.useApp()
  const [deciding, setDeciding] = useState<Decision>(null)
  const [form] = Form.useForm<{ note: string }>()
  const submit = async ({ note }: { note: string }) => {
    if (!deciding) return
    try {
      await decideAppeal(deciding.appeal.id, { decision: deciding.decision, note: note.trim() })
      message.success(deciding.decision === 'remove' ? '申诉成立，已移出黑名单' : '已维持列入黑名单')
      setDeciding(null)
      void queryClient.invalidateQueries({ queryKey: ['appeals'] })
    } catch (err) {
      form.setFields([{ name: 'note', errors: [messageOf(err)] }])
    }
  }
  return (
    <PageShell title="申诉">
      <Typography.Paragraph type="secondary">申诉期间条目仍会提示居民，直到作出决定。请先电话联系申诉人核实。</Typography.Paragraph>
      {appeals.error ? <Alert type="error" showIcon title={messageOf(appeals.error)} /> : null}
      {appeals.data?.length === 0 ? <Empty description="没有待处理的申诉" /> : null}
      {appeals.data && appeals.data.length > 0 ? (
        <DataTable<AdminAppeal>
          rowKey="id"
          dataSource={appeals.data}
          pagination={false}
          scroll={{ x: 860 }}
          columns={[
            { title: '时间', dataIndex: 'createdAt', width: 170, render: chinaTime },
            {
              title: '号码/网址/账户',
              key: 'value',
              render: (_, a) => <Typography.Text style={{ wordBreak: 'break-all' }}>{`${KIND_NAMES[a.kind]}：${a.value}`}</Typography.Text>
            },
            { title: '联系方式', dataIndex: 'contact', width: 140 },
            { title: '理由', dataIndex: 'reason' },
            {
              title: '决定',
              key: 'actions',
              width: 200,
              render: (_, a) => (
                <>
                  <Button size="small" onClick={() => setDeciding({ appeal: a, decision: 'remove' })} style={{ marginInlineEnd: 8 }}>
                    申诉成立
                  </Button>
                  <Button size="small" onClick={() => setDeciding({ appeal: a, decision: 'keep' })}>
                    维持
                  </Button>
                </>
              )
            }
          ]}
        />
      ) : null}
      <Modal
        open={deciding !== null}
        title={deciding?.decision === 'remove' ? '申诉成立：移出黑名单' : '维持列入黑名单'}
        okText="确定"
        cancelText="取消"
        onCancel={() => setDeciding(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} preserve={false}>
          <Form.Item
            label="核实情况（记入操作日志）"
            name="note"
            rules={[
              { required: true, whitespace: true, message: '请写明核实情况' },
              { max: 200, message: '最多200个字' }
            ]}
          >
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
        </Form>
      </Modal>
    </PageShell>
  )
}
