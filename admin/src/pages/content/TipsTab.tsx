import { useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Col, DatePicker, Drawer, Flex, Form, Input, Row, Select, Typography } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import dayjs from 'dayjs'
import type { AdminTip, TipInput } from '../../../../types/learn'
import type { BulletinBlock } from '../../../../types/bulletins'
import { createTip, getFraudTypes, listTips, setTipPublished, updateTip } from '../../services/learn'
import { messageOf } from '../../services/http'
import { chinaToday } from '../../lib/days'
import { BlockEditor } from '../bulletins/BlockEditor'
import { usePublishingColumns } from './publishing'
import { PreviewBlock } from '../bulletins/BulletinPreview'
import { DataTable } from '../../components/DataTable'

export function TipsTab() {
  const tips = useQuery({ queryKey: ['admin-tips'], queryFn: listTips })
  const queryClient = useQueryClient()
  const { message } = App.useApp()
  const [editing, setEditing] = useState<AdminTip | 'new' | null>(null)
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['admin-tips'] })
  const publishing = usePublishingColumns<AdminTip>('admin-tips', setTipPublished, setEditing)
  return (
    <>
      <Flex justify="end" style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
          新建文章
        </Button>
      </Flex>
      {tips.error ? <Alert type="error" showIcon title={messageOf(tips.error)} /> : null}
      <DataTable<AdminTip>
        rowKey="id"
        loading={tips.isLoading}
        dataSource={tips.data ?? []}
        scroll={{ x: 760 }}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          { title: '标题', dataIndex: 'title' },
          { title: '诈骗类型', key: 'types', render: (_, t) => t.fraudTypes.map((f) => f.name).join('、') },
          { title: '来源', dataIndex: 'source', width: 140 },
          { title: '日期', dataIndex: 'publishedOn', width: 110 },
          ...publishing
        ]}
      />
      {editing ? (
        <TipEditor
          tip={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null)
            message.success('已保存')
            refresh()
          }}
        />
      ) : null}
    </>
  )
}

interface TipForm {
  title: string
  fraudTypes: string[]
  source: string
  publishedOn: dayjs.Dayjs
}

function TipEditor({ tip, onClose, onSaved }: { tip: AdminTip | null; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<TipForm>()
  const types = useQuery({ queryKey: ['fraud-types'], queryFn: getFraudTypes, staleTime: 300_000 })
  const [body, setBody] = useState<BulletinBlock[]>(tip?.body ?? [{ type: 'paragraph', text: '' }])
  const [error, setError] = useState<string | null>(null)
  const title = Form.useWatch('title', form)
  const submit = async (v: TipForm) => {
    setError(null)
    const input: TipInput = { title: v.title.trim(), fraudTypes: v.fraudTypes, source: v.source.trim(), publishedOn: v.publishedOn.format('YYYY-MM-DD'), body }
    try {
      if (tip) await updateTip(tip.id, input)
      else await createTip(input)
      onSaved()
    } catch (err) {
      setError(messageOf(err))
    }
  }
  return (
    <Drawer
      open
      title={tip ? `编辑：${tip.title}` : '新建防骗知识文章'}
      size="large"
      onClose={onClose}
      destroyOnHidden
      extra={
        <Button type="primary" onClick={() => form.submit()}>
          保存
        </Button>
      }
    >
      {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} /> : null}
      <Row gutter={24}>
        <Col xs={24} lg={14}>
          <Form
            form={form}
            layout="vertical"
            onFinish={(v) => void submit(v)}
            initialValues={{
              title: tip?.title ?? '',
              fraudTypes: tip?.fraudTypes.map((f) => f.code) ?? [],
              source: tip?.source ?? '宁陕县反诈中心',
              publishedOn: dayjs(tip?.publishedOn ?? chinaToday())
            }}
          >
            <Form.Item
              label="标题"
              name="title"
              rules={[
                { required: true, whitespace: true, message: '请填写标题' },
                { min: 2, max: 60, message: '标题2–60个字' }
              ]}
            >
              <Input showCount maxLength={60} />
            </Form.Item>
            <Form.Item label="诈骗类型（1–4个）" name="fraudTypes" rules={[{ required: true, type: 'array', min: 1, max: 4, message: '请选择1–4个诈骗类型' }]}>
              <Select mode="multiple" options={(types.data ?? []).map((t) => ({ value: t.code, label: t.name }))} maxCount={4} />
            </Form.Item>
            <Flex gap={12} wrap>
              <Form.Item label="来源" name="source" rules={[{ required: true, whitespace: true, message: '请填写来源' }]}>
                <Input maxLength={60} />
              </Form.Item>
              <Form.Item label="日期" name="publishedOn" rules={[{ required: true, message: '请选择日期' }]}>
                <DatePicker />
              </Form.Item>
            </Flex>
            <Typography.Title level={3} style={{ fontSize: 16 }}>
              正文
            </Typography.Title>
            <BlockEditor value={body} onChange={setBody} />
          </Form>
        </Col>
        <Col xs={24} lg={10}>
          <Typography.Title level={3} style={{ fontSize: 16 }}>
            预览
          </Typography.Title>
          <div className="preview-phone">
            <article className="pv-card" aria-label="文章预览">
              <h2 className="pv-title">{title || '（标题）'}</h2>
              <div className="pv-body">
                {body.map((b, i) => (
                  <PreviewBlock key={i} block={b} />
                ))}
              </div>
            </article>
          </div>
        </Col>
      </Row>
    </Drawer>
  )
}
