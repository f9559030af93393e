import { useState, type ReactNode } from 'react'
import { Link, useLocation, useNavigate } from 'react-router-dom'
import { Button, Drawer, Grid, Layout, Menu, Space, Typography } from 'antd'
import { KeyOutlined, LogoutOutlined, MenuOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import { useSession } from '../stores/session'
import { accessFor, ROLE_NAMES } from '../access'
import { routesFor } from '../routes'
import { useAreas } from '../hooks/useAreas'
import { logout as logoutOnServer } from '../services/auth'
import { ChangePasswordDialog } from './ChangePasswordDialog'

/** The page frame: side menu drawn from the routes table (a drawer on phones), who is signed in, 退出. */
export function AppLayout({ children }: { children: ReactNode }) {
  const session = useSession((s) => s.session)
  const signOut = useSession((s) => s.signOut)
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const location = useLocation()
  const screens = Grid.useBreakpoint()
  const [drawerOpen, setDrawerOpen] = useState(false)
  const [changingPassword, setChangingPassword] = useState(false)
  const { names } = useAreas()
  if (!session) return null
  const access = accessFor(session.role)
  const items = routesFor((c) => access[c]).filter((r) => r.name).map((r) => ({ key: r.path, icon: r.icon, label: <Link to={r.path} onClick={() => setDrawerOpen(false)}>{r.name}</Link> }))
  const selected = items.map((i) => i.key).filter((k) => location.pathname === k || location.pathname.startsWith(`${k}/`)).sort((a, b) => b.length - a.length).slice(0, 1)
  const menu = <Menu mode='inline' items={items} selectedKeys={selected} style={{ borderInlineEnd: 'none' }} />
  const wide = screens.lg ?? true
  const who = `${session.username}（${ROLE_NAMES[session.role]}${session.townshipCode ? ` · ${names.get(session.townshipCode) ?? session.townshipCode}` : ''}）`

  const logout = async () => {
    // The server ends the session first (a copied token stops working too); signed out here whatever it answers.
    await logoutOnServer().catch(() => {})
    queryClient.clear()
    signOut()
    navigate('/login', { replace: true })
  }

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className='skip-link' href='#main'>跳到主要内容</a>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 12, paddingInline: 16, background: '#fff', borderBottom: '1px solid #e5e5e5', height: 'auto', minHeight: 64, flexWrap: 'wrap' }}>
        {!wide ? <Button icon={<MenuOutlined aria-hidden />} aria-label='打开菜单' onClick={() => setDrawerOpen(true)} /> : null}
        <Typography.Text strong style={{ fontSize: 17, marginInlineEnd: 'auto' }}>守好钱袋子 · 反诈中心工作台</Typography.Text>
        <Space wrap>
          <Typography.Text data-testid='who'>{who}</Typography.Text>
          <Button icon={<KeyOutlined aria-hidden />} onClick={() => setChangingPassword(true)}>修改密码</Button>
          <Button icon={<LogoutOutlined aria-hidden />} onClick={() => void logout()}>退出</Button>
        </Space>
        <ChangePasswordDialog open={changingPassword} onClose={() => setChangingPassword(false)} />
      </Layout.Header>
      <Layout>
        {wide ? (
          <Layout.Sider width={200} theme='light' style={{ borderInlineEnd: '1px solid #e5e5e5' }}>
            <nav aria-label='主菜单'>{menu}</nav>
          </Layout.Sider>
        ) : (
          <Drawer open={drawerOpen} onClose={() => setDrawerOpen(false)} placement='left' size={240} title='菜单'>
            <nav aria-label='主菜单'>{menu}</nav>
          </Drawer>
        )}
        {/* antd's Content is the page's <main> landmark. */}
        <Layout.Content id='main' className='page-main' tabIndex={-1}>{children}</Layout.Content>
      </Layout>
    </Layout>
  )
}
