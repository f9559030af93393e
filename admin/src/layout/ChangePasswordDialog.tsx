import { Alert, Form, Input, Modal } from 'antd'
import { useState } from 'react'
import { changeOwnPassword } from '../services/auth'
import { messageOf } from '../services/http'
import { useSession } from '../stores/session'

interface Values {
  currentPassword: string
  newPassword: string
  confirm: string
}

/** 修改密码: the signed-in account's own password. The server checks its strength; this session continues on a new token. */
export function ChangePasswordDialog({
  open,
  onClose,
  forced = false
}: {
  open: boolean
  onClose(): void
  /** First sign-in (or after an admin's reset): cannot be dismissed; the console waits behind it. */
  forced?: boolean
}) {
  const [form] = Form.useForm<Values>()
  const [saving, setSaving] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const signIn = useSession((s) => s.signIn)

  const submit = async (values: Values) => {
    setSaving(true)
    setProblem(null)
    try {
      signIn(await changeOwnPassword(values.currentPassword, values.newPassword))
      form.resetFields()
      onClose()
      if (!forced) Modal.success({ title: '密码已修改', content: '其他设备上的登录已失效，需要用新密码重新登录。' })
    } catch (err) {
      setProblem(messageOf(err))
    } finally {
      setSaving(false)
    }
  }

  return (
    <Modal
      open={open}
      title={forced ? '请先设置您自己的密码' : '修改密码'}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      closable={!forced}
      mask={{ closable: !forced }}
      keyboard={!forced}
      cancelButtonProps={forced ? { style: { display: 'none' } } : {}}
    >
      {forced ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="这个密码是管理员为您设的（新账号或重设密码）。请换成只有您知道的密码，然后继续工作；未保存的内容不会丢失。"
        />
      ) : null}
      {problem ? <Alert type="error" role="alert" showIcon title={problem} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
        <Form.Item name="currentPassword" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label="新密码"
          extra="至少10个字符；不能是连续或重复的字符，不能含用户名"
          rules={[{ required: true, min: 10, message: '新密码至少10个字符' }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="再输一次新密码"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再输一次新密码' },
            ({ getFieldValue }) => ({
              validator: async (_r, v) => {
                if (v && v !== getFieldValue('newPassword')) throw new Error('两次输入的新密码不一样')
              }
            })
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  )
}
