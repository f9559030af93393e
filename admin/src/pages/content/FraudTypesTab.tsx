import { useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Flex, Form, Input, Modal } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import type { FraudType } from '../../../../types/learn'
import { getFraudTypes, saveFraudType } from '../../services/learn'
import { messageOf } from '../../services/http'
import { DataTable } from '../../components/DataTable'

export function FraudTypesTab() {
  const types = useQuery({ queryKey: ['fraud-types'], queryFn: getFraudTypes })
  const queryClient = useQueryClient()
  const { message } = App.useApp()
  const [editing, setEditing] = useState<FraudType | 'new' | null>(null)
  return (
    <>
      <Flex justify="end" style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
          新增诈骗类型
        </Button>
      </Flex>
      {types.error ? <Alert type="error" showIcon title={messageOf(types.error)} /> : null}
      <DataTable<FraudType>
        rowKey="code"
        loading={types.isLoading}
        dataSource={types.data ?? []}
        pagination={false}
        scroll={{ x: 760 }}
        columns={[
          { title: '名称', dataIndex: 'name', width: 140 },
          { title: '说明', dataIndex: 'description' },
          { title: '识别要点', dataIndex: 'signs', render: (signs: string[]) => signs.join('；') },
          {
            title: '操作',
            key: 'actions',
            width: 80,
            render: (_, t) => (
              <Button size="small" onClick={() => setEditing(t)} aria-label={`编辑${t.name}`}>
                编辑
              </Button>
            )
          }
        ]}
      />
      {editing ? (
        <FraudTypeEditor
          type={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(t) => {
            setEditing(null)
            message.success(`已保存“${t.name}”`)
            void queryClient.invalidateQueries({ queryKey: ['fraud-types'] })
          }}
        />
      ) : null}
    </>
  )
}

interface TypeForm {
  code: string
  name: string
  description: string
  signs: string
}

function FraudTypeEditor({ type, onClose, onSaved }: { type: FraudType | null; onClose: () => void; onSaved: (t: FraudType) => void }) {
  const [form] = Form.useForm<TypeForm>()
  const [error, setError] = useState<string | null>(null)
  const submit = async (v: TypeForm) => {
    setError(null)
    try {
      onSaved(
        await saveFraudType(v.code.trim(), {
          name: v.name.trim(),
          description: v.description.trim(),
          signs: v.signs
            .split('\n')
            .map((s) => s.trim())
            .filter(Boolean)
        })
      )
    } catch (err) {
      setError(messageOf(err))
    }
  }
  return (
    <Modal
      open
      title={type ? `编辑：${type.name}` : '新增诈骗类型'}
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={
          type
            ? { code: type.code, name: type.name, description: type.description, signs: type.signs.join('\n') }
            : { code: '', name: '', description: '', signs: '' }
        }
      >
        <Form.Item
          label="代码（英文小写，如 fake-refund）"
          name="code"
          rules={[{ required: true, pattern: /^[a-z0-9-]{2,40}$/, message: '2–40个小写字母、数字或 -' }]}
        >
          <Input disabled={type !== null} />
        </Form.Item>
        <Form.Item
          label="名称"
          name="name"
          rules={[
            { required: true, whitespace: true, message: '请填写名称' },
            { max: 20, message: '最多20个字' }
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          label="说明"
          name="description"
          rules={[
            { required: true, whitespace: true, message: '请填写说明' },
            { max: 300, message: '最多300个字' }
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item label="识别要点（每行一条，最多10条）" name="signs" rules={[{ required: true, whitespace: true, message: '至少写一条' }]}>
          <Input.TextArea autoSize={{ minRows: 3 }} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
