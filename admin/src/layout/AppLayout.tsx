import { useState, type MouseEvent as ReactMouseEvent, type ReactNode } from 'react'
import { Link, useLocation, useNavigate } from 'react-router-dom'
import { App, Badge, Button, Drawer, Grid, Input, Layout, Menu, Space, Typography } from 'antd'
import { KeyOutlined, LogoutOutlined, MenuOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import { useSession } from '../stores/session'
import { accessFor, ROLE_NAMES } from '../access'
import { routesFor, type ConsoleRoute } from '../routes'
import { newBuildAvailable } from '../lib/page-loader'
import { useAreas } from '../hooks/useAreas'
import { logout as logoutOnServer } from '../services/auth'
import { ChangePasswordDialog } from './ChangePasswordDialog'
import { SessionExpiry } from './SessionExpiry'
import { DutyAlerts } from './DutyAlerts'
import { useDuty } from '../hooks/useDuty'
import type { DutyOverview } from '../../../types/duty'

/** The page frame: side menu drawn from the routes table (a drawer on phones), who is signed in, 退出. */
export function AppLayout({ children }: { children: ReactNode }) {
  const session = useSession((s) => s.session)
  const signOut = useSession((s) => s.signOut)
  const queryClient = useQueryClient()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const location = useLocation()
  const screens = Grid.useBreakpoint()
  const [drawerOpen, setDrawerOpen] = useState(false)
  const [changingPassword, setChangingPassword] = useState(false)
  const { names } = useAreas()
  const duty = useDuty()
  if (!session) return null
  const access = accessFor(session.role)
  // The next page's code is fetched before this one is left: if that fails (offline, server restarting, a new build),
  // the clerk stays here with whatever they typed, and is told why.
  const open = async (event: ReactMouseEvent, route: ConsoleRoute) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    event.preventDefault()
    setDrawerOpen(false)
    const opening = window.setTimeout(() => void message.loading({ key: 'opening', content: `正在打开“${route.name}”…`, duration: 0 }), 300)
    try {
      await route.page.preload()
      navigate(route.path)
    } catch {
      const newBuild = await newBuildAvailable()
      void message.error({
        key: 'opening',
        duration: 8,
        content: newBuild
          ? `系统刚更新过，“${route.name}”需要刷新后才能打开。请先保存或复制正在填写的内容，再刷新页面（F5）。`
          : `“${route.name}”没有打开：网络断开或服务器正在重启。当前页面和已填的内容都还在，请稍后再点一次。`
      })
      return
    } finally {
      window.clearTimeout(opening)
    }
    message.destroy('opening')
  }
  const items = routesFor((c) => access[c])
    .filter((r) => r.name)
    .map((r) => {
      // The count sits beside the link, not in it: the link's name stays the page's name.
      const count = menuCount(r.path, duty.data)
      return {
        key: r.path,
        icon: r.icon,
        label: (
          <>
            <Link to={r.path} onClick={(e) => void open(e, r)}>
              {r.name}
            </Link>
            {count ? (
              <Badge
                count={count.n}
                color={count.urgent ? '#b71c1c' : '#0b4aa8'}
                style={{ marginInlineStart: 8 }}
                title={count.label}
                aria-label={count.label}
              />
            ) : null}
          </>
        )
      }
    })
  const selected = items
    .map((i) => i.key)
    .filter((k) => location.pathname === k || location.pathname.startsWith(`${k}/`))
    .sort((a, b) => b.length - a.length)
    .slice(0, 1)
  const menu = <Menu mode="inline" items={items} selectedKeys={selected} style={{ borderInlineEnd: 'none' }} />
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
      <a className="skip-link" href="#main">
        跳到主要内容
      </a>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 12,
          paddingInline: 16,
          background: '#fff',
          borderBottom: '1px solid #e5e5e5',
          height: 'auto',
          minHeight: 64,
          flexWrap: 'wrap'
        }}
      >
        {!wide ? <Button icon={<MenuOutlined aria-hidden />} aria-label="打开菜单" onClick={() => setDrawerOpen(true)} /> : null}
        <Typography.Text strong style={{ fontSize: 17, marginInlineEnd: 'auto' }}>
          守好钱袋子 · 反诈中心工作台
        </Typography.Text>
        <Space wrap>
          <Input.Search
            aria-label="查号码"
            placeholder="查号码：手机号或后4位"
            allowClear
            maxLength={20}
            style={{ width: 220 }}
            onSearch={(v) => {
              const q = v.trim()
              if (q) navigate(`/search?q=${encodeURIComponent(q)}`)
            }}
          />
          <Typography.Text data-testid="who">{who}</Typography.Text>
          {access.canSeeWarnings ? <DutyAlerts duty={duty.data} /> : null}
          <Button icon={<KeyOutlined aria-hidden />} onClick={() => setChangingPassword(true)}>
            修改密码
          </Button>
          <Button icon={<LogoutOutlined aria-hidden />} onClick={() => void logout()}>
            退出
          </Button>
        </Space>
        <ChangePasswordDialog open={changingPassword} onClose={() => setChangingPassword(false)} />
        <ChangePasswordDialog open={Boolean(session?.mustChangePassword)} forced onClose={() => undefined} />
      </Layout.Header>
      <SessionExpiry />
      <Layout>
        {wide ? (
          <Layout.Sider width={200} theme="light" style={{ borderInlineEnd: '1px solid #e5e5e5' }}>
            <nav aria-label="主菜单">{menu}</nav>
          </Layout.Sider>
        ) : (
          <Drawer open={drawerOpen} onClose={() => setDrawerOpen(false)} placement="left" size={240} title="菜单">
            <nav aria-label="主菜单">{menu}</nav>
          </Drawer>
        )}
        {/* antd's Content is the page's <main> landmark. */}
        <Layout.Content id="main" className="page-main" tabIndex={-1}>
          {/* Until the password is the staff member's own, the pages (and their API calls) wait behind the dialog. */}
          {session?.mustChangePassword ? null : children}
        </Layout.Content>
      </Layout>
    </Layout>
  )
}

/** What waits behind a menu entry, for its badge: calls, visits, reports to review, visits no station can see. */
function menuCount(path: string, duty: DutyOverview | undefined): { n: number; urgent: boolean; label: string } | null {
  if (!duty) return null
  const pick = (n: number, urgent: boolean, label: string) => (n > 0 ? { n, urgent, label } : null)
  switch (path) {
    case '/calls':
      return pick(duty.openCalls, duty.overdueCalls > 0, `${duty.openCalls} 个电话任务${duty.overdueCalls ? `，${duty.overdueCalls} 个超时` : ''}`)
    case '/visits':
      return pick(duty.openVisits, duty.overdueVisits > 0, `${duty.openVisits} 个上门任务${duty.overdueVisits ? `，${duty.overdueVisits} 个超时` : ''}`)
    case '/review':
      return pick(duty.reportsWaiting, false, `${duty.reportsWaiting} 条线索待审核`)
    case '/warnings':
      return pick(duty.unplacedVisits, true, `${duty.unplacedVisits} 个上门任务待指派派出所`)
    default:
      return null
  }
}
