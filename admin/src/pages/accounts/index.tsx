import { useState } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Form, Input, Modal, Select, Space } from 'antd'
import { StatusTag } from '../../components/StatusTag'
import { PlusOutlined } from '@ant-design/icons'
import { ADMIN_ROLE_LIST } from './roles'

/** Roles that telephone or visit residents: only they are asked for a name, 警号 and unit (residents verify them by it). */
const CONTACTS_RESIDENTS: readonly AdminRole[] = ['admin', 'operator', 'officer']
import type { AdminAccount, AdminRole, CreateAccountRequest, StaffProfileRequest } from '../../../../types/admin'
import { PageShell } from '../../components/PageShell'
import { createAccount, listAccounts, resetPassword, setAccountDisabled, setProfile, unlockAccount } from '../../services/accounts'
import { ApiError, messageOf } from '../../services/http'
import { useAreas } from '../../hooks/useAreas'
import { ROLE_NAMES } from '../../access'
import { useSession } from '../../stores/session'
import { DataTable } from '../../components/DataTable'

const time = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '从未登录')

export default function AccountsPage() {
  const queryClient = useQueryClient()
  const { modal, message } = App.useApp()
  const me = useSession((s) => s.session?.username)
  const { townships, names } = useAreas()
  const accounts = useQuery({ queryKey: ['accounts'], queryFn: listAccounts })
  const [creating, setCreating] = useState(false)
  const [resetting, setResetting] = useState<AdminAccount | null>(null)
  const [profiling, setProfiling] = useState<AdminAccount | null>(null)
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['accounts'] })
  const toggle = useMutation({
    mutationFn: (a: AdminAccount) => setAccountDisabled(a.id, !a.disabled),
    onSuccess: (a) => {
      message.success(a.disabled ? `已停用 ${a.username}，其登录立即失效` : `已启用 ${a.username}`)
      refresh()
    },
    onError: (err) => message.error(messageOf(err))
  })
  const unlock = useMutation({
    mutationFn: (a: AdminAccount) => unlockAccount(a.id),
    onSuccess: (a) => {
      message.success(`已解锁 ${a.username}，可以重新登录`)
      refresh()
    },
    onError: (err) => message.error(messageOf(err))
  })

  return (
    <PageShell
      title="账号"
      actions={
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
          新建账号
        </Button>
      }
    >
      {accounts.error ? <Alert type="error" showIcon title={messageOf(accounts.error)} /> : null}
      <DataTable<AdminAccount>
        rowKey="id"
        loading={accounts.isLoading}
        dataSource={accounts.data ?? []}
        pagination={false}
        scroll={{ x: 760 }}
        columns={[
          { title: '用户名', dataIndex: 'username' },
          { title: '角色', dataIndex: 'role', render: (r: AdminRole) => ROLE_NAMES[r] },
          { title: '所属乡镇', dataIndex: 'townshipCode', render: (c: string | null) => (c ? (names.get(c) ?? c) : '全县') },
          {
            title: '姓名 · 警号 · 单位',
            key: 'profile',
            render: (_, a) =>
              a.policeNumber ? `${a.displayName ?? ''} · ${a.policeNumber} · ${a.unit ?? ''}` : CONTACTS_RESIDENTS.includes(a.role) ? '未填写' : '不需要'
          },
          {
            title: '状态',
            key: 'status',
            render: (_, a) =>
              a.disabled ? (
                <StatusTag tone="warning">已停用</StatusTag>
              ) : a.lockedUntil ? (
                <StatusTag tone="warning">{`密码输错太多次，暂停登录至 ${time(a.lockedUntil)}`}</StatusTag>
              ) : (
                <StatusTag tone="success">正常</StatusTag>
              )
          },
          { title: '最近登录', dataIndex: 'lastLoginAt', render: time },
          {
            title: '操作',
            key: 'actions',
            render: (_, a) => (
              <Space wrap>
                {a.lockedUntil && !a.disabled ? (
                  <Button size="small" loading={unlock.isPending && unlock.variables?.id === a.id} onClick={() => unlock.mutate(a)}>
                    解锁
                  </Button>
                ) : null}
                <Button size="small" onClick={() => setResetting(a)}>
                  重设密码
                </Button>
                {CONTACTS_RESIDENTS.includes(a.role) ? (
                  <Button size="small" onClick={() => setProfiling(a)}>
                    警号信息
                  </Button>
                ) : null}
                {a.username === me ? null : (
                  <Button
                    size="small"
                    danger={!a.disabled}
                    onClick={() =>
                      modal.confirm({
                        title: a.disabled ? `启用 ${a.username}？` : `停用 ${a.username}？`,
                        content: a.disabled ? '启用后需要重新登录。' : '停用后该账号立即退出，不能再登录。',
                        okText: a.disabled ? '启用' : '停用',
                        cancelText: '取消',
                        onOk: () => toggle.mutateAsync(a)
                      })
                    }
                  >
                    {a.disabled ? '启用' : '停用'}
                  </Button>
                )}
              </Space>
            )
          }
        ]}
      />
      <CreateAccountModal
        open={creating}
        townships={townships}
        onClose={() => setCreating(false)}
        onCreated={(a) => {
          setCreating(false)
          message.success(`已创建 ${a.username}`)
          refresh()
        }}
      />
      <ProfileModal
        account={profiling}
        onClose={() => setProfiling(null)}
        onDone={(a) => {
          setProfiling(null)
          message.success(`已保存 ${a.username} 的警号信息`)
          refresh()
        }}
      />
      <ResetPasswordModal
        account={resetting}
        onClose={() => setResetting(null)}
        onDone={(a) => {
          setResetting(null)
          message.success(`已为 ${a.username} 设置新密码，原登录已失效`)
        }}
      />
    </PageShell>
  )
}

function CreateAccountModal({
  open,
  townships,
  onClose,
  onCreated
}: {
  open: boolean
  townships: Array<{ code: string; name: string }>
  onClose: () => void
  onCreated: (a: AdminAccount) => void
}) {
  const [form] = Form.useForm<CreateAccountRequest>()
  const role = Form.useWatch('role', form)
  const [error, setError] = useState<string | null>(null)
  const submit = async (values: CreateAccountRequest) => {
    setError(null)
    try {
      // An emptied optional field is left out, not sent as '' (the API wants 1+ characters when given).
      const given = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '' && v !== undefined)) as CreateAccountRequest
      onCreated(await createAccount({ ...given, townshipCode: values.role === 'officer' ? values.townshipCode : null }))
      form.resetFields()
    } catch (err) {
      if (err instanceof ApiError && err.field) form.setFields([{ name: err.field as keyof CreateAccountRequest, errors: [err.message] }])
      else setError(messageOf(err))
    }
  }
  return (
    <Modal open={open} title="新建账号" okText="创建" cancelText="取消" onCancel={onClose} onOk={() => form.submit()} destroyOnHidden>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ role: 'editor' }}>
        <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]} extra="3–32个小写字母、数字或 _ . -">
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label="初始密码" name="password" rules={[{ required: true, min: 10, message: '密码至少10个字符' }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
          <Select options={ADMIN_ROLE_LIST.map((r) => ({ value: r, label: ROLE_NAMES[r] }))} />
        </Form.Item>
        {role === 'officer' ? (
          <Form.Item label="所属乡镇" name="townshipCode" rules={[{ required: true, message: '派出所民警账号需要选择所属乡镇' }]}>
            <Select options={townships.map((t) => ({ value: t.code, label: t.name }))} />
          </Form.Item>
        ) : null}
        {CONTACTS_RESIDENTS.includes(role) ? <ProfileFields /> : null}
      </Form>
    </Modal>
  )
}

/** Name, police number and unit: residents check a warning caller against them (核验来电民警). */
function ProfileFields() {
  return (
    <>
      <Form.Item label="姓名" name="displayName" rules={[{ max: 20, message: '最多20个字' }]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item
        label="警号"
        name="policeNumber"
        rules={[{ pattern: /^[0-9A-Za-z]{3,12}$/, message: '警号为3–12位数字或字母' }]}
        extra="领取预警电话和上门任务需要警号：居民用它核验来电。"
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item label="单位" name="unit" rules={[{ max: 40, message: '最多40个字' }]}>
        <Input autoComplete="off" placeholder="例如 县公安局反诈中心、城关派出所" />
      </Form.Item>
    </>
  )
}

function ProfileModal({ account, onClose, onDone }: { account: AdminAccount | null; onClose: () => void; onDone: (a: AdminAccount) => void }) {
  const [form] = Form.useForm<StaffProfileRequest>()
  const submit = async (values: StaffProfileRequest) => {
    if (!account) return
    const clean = Object.fromEntries(Object.entries(values).filter(([, v]) => typeof v === 'string' && v.trim() !== '')) as StaffProfileRequest
    try {
      onDone(await setProfile(account.id, clean))
    } catch (err) {
      if (err instanceof ApiError && err.field) form.setFields([{ name: err.field as keyof StaffProfileRequest, errors: [err.message] }])
      else form.setFields([{ name: 'displayName', errors: [messageOf(err)] }])
    }
  }
  return (
    <Modal
      open={account !== null}
      title={`${account?.username ?? ''} 的警号信息`}
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        preserve={false}
        initialValues={{ displayName: account?.displayName ?? '', policeNumber: account?.policeNumber ?? '', unit: account?.unit ?? '' }}
      >
        <ProfileFields />
      </Form>
    </Modal>
  )
}

function ResetPasswordModal({ account, onClose, onDone }: { account: AdminAccount | null; onClose: () => void; onDone: (a: AdminAccount) => void }) {
  const [form] = Form.useForm<{ password: string }>()
  const submit = async ({ password }: { password: string }) => {
    if (!account) return
    try {
      onDone(await resetPassword(account.id, password))
      form.resetFields()
    } catch (err) {
      form.setFields([{ name: 'password', errors: [messageOf(err)] }])
    }
  }
  return (
    <Modal
      open={account !== null}
      title={`重设 ${account?.username ?? ''} 的密码`}
      okText="确定"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          label="新密码"
          name="password"
          rules={[{ required: true, min: 10, message: '密码至少10个字符' }]}
          extra="设置后该账号原有的登录立即失效，请把新密码当面告诉本人。"
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  )
}
