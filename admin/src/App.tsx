import { Suspense } from 'react'
import { Navigate, Route, Routes, useLocation } from 'react-router-dom'
import { Result, Spin } from 'antd'
import { useSession } from './stores/session'
import { accessFor } from './access'
import { routesFor, ROUTES } from './routes'
import { AppLayout } from './layout/AppLayout'
import { PageErrorBoundary } from './layout/PageErrorBoundary'
import LoginPage from './pages/login'

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/*" element={<RequireSession />} />
    </Routes>
  )
}

/** Signed-in pages; without a session, the login page, which brings the clerk back here afterwards. */
function RequireSession() {
  const session = useSession((s) => s.session)
  const location = useLocation()
  if (!session) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />
  const access = accessFor(session.role)
  const allowed = routesFor((c) => access[c])
  return (
    <AppLayout>
      <PageErrorBoundary resetKey={location.pathname}>
        <Suspense fallback={<Spin size="large" style={{ display: 'block', margin: '80px auto' }} aria-label="正在加载" />}>
          <Routes>
            <Route index element={<Navigate to={allowed[0]?.path ?? '/dashboard'} replace />} />
            {ROUTES.map((r) => {
              const Page = r.page.Page
              return (
                <Route
                  key={r.path}
                  path={r.path}
                  element={access[r.access] ? <Page /> : <Result status="403" title="没有权限" subTitle="您的账号不能使用这个页面。" />}
                />
              )
            })}
            <Route path="*" element={<Result status="404" title="没有这个页面" subTitle="请从左侧菜单选择。" />} />
          </Routes>
        </Suspense>
      </PageErrorBoundary>
    </AppLayout>
  )
}
