import { useState } from 'react'
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom'
import { Alert, Button, Card, Form, Input, Typography } from 'antd'
import { login } from '../../services/auth'
import { ApiError, messageOf } from '../../services/http'
import { useSession } from '../../stores/session'

/** Only paths inside the console: a `next` pointing elsewhere is ignored (no open redirect). */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/'
}

export default function LoginPage() {
  const [params] = useSearchParams()
  const navigate = useNavigate()
  const session = useSession((s) => s.session)
  const notice = useSession((s) => s.notice)
  const lastUsername = useSession((s) => s.lastUsername)
  const signIn = useSession((s) => s.signIn)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const next = safeNext(params.get('next'))
  if (session) return <Navigate to={next} replace />

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true)
    setError(null)
    try {
      signIn(await login(values.username, values.password))
      navigate(next, { replace: true })
    } catch (err) {
      setError(err instanceof ApiError && err.code === 'ADMIN_LOGIN_FAILED' ? '用户名或密码错误，请重新输入' : messageOf(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <main
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: '#f0f2f5',
        padding: 16,
        boxSizing: 'border-box'
      }}
    >
      <Card style={{ width: 400, maxWidth: '100%' }}>
        <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>
          守好钱袋子 · 反诈中心工作台
        </Typography.Title>
        <Typography.Paragraph type="secondary">县反诈中心和各派出所工作人员登录</Typography.Paragraph>
        {notice ? <Alert type="warning" showIcon title={notice} style={{ marginBottom: 16 }} /> : null}
        {error ? <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} /> : null}
        <Form layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false} initialValues={{ username: lastUsername ?? '' }}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input autoComplete="username" autoFocus={!lastUsername} />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password autoComplete="current-password" autoFocus={Boolean(lastUsername)} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            登录
          </Button>
        </Form>
      </Card>
    </main>
  )
}
