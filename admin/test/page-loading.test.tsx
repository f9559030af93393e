import { Suspense, type ReactNode } from 'react'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { App } from 'antd'
import { loadablePage } from '../src/lib/page-loader'
import { PageErrorBoundary } from '../src/layout/PageErrorBoundary'
import { useSession } from '../src/stores/session'

// antd in jsdom is slow on a busy two-core machine.
jest.setTimeout(60_000)

// What Chromium says when a chunk cannot be fetched (the server stopped, or a deploy replaced the chunk names).
const offline = () => new TypeError('Failed to fetch dynamically imported module: http://localhost/admin/assets/index-Bx1.js')

jest.mock('../src/routes', () => ({
  routesFor: () => [
    { path: '/bulletins/new', name: '新建预警', access: 'canPublish', page: { preload: () => Promise.resolve() } },
    {
      path: '/review',
      name: '线索审核',
      access: 'canPublish',
      page: { preload: () => Promise.reject(new TypeError('Failed to fetch dynamically imported module: x')) }
    }
  ]
}))
// Imported after the mock above.
import { AppLayout } from '../src/layout/AppLayout'

function Where() {
  return <output data-testid="where">{useLocation().pathname}</output>
}

function framed(children: ReactNode, at = '/bulletins/new') {
  return render(
    <QueryClientProvider client={new QueryClient()}>
      <App>
        <MemoryRouter initialEntries={[at]}>{children}</MemoryRouter>
      </App>
    </QueryClientProvider>
  )
}

afterEach(() => useSession.getState().signOut())

test('a page whose chunk fails shows 页面没有加载出来 in the frame, and 重新加载 fetches it again without a reload', async () => {
  let attempts = 0
  const flaky = loadablePage(() => {
    attempts++
    return attempts === 1 ? Promise.reject(offline()) : Promise.resolve({ default: () => <p>线索审核页</p> })
  })
  const Page = flaky.Page
  const silence = jest.spyOn(console, 'error').mockImplementation(() => {})
  framed(
    <PageErrorBoundary resetKey="/review">
      <Suspense fallback={<span>加载中</span>}>
        <Page />
      </Suspense>
    </PageErrorBoundary>
  )
  expect(await screen.findByText('页面没有加载出来')).toBeInTheDocument()
  expect(screen.getByText(/网络断开或服务器正在重启/)).toBeInTheDocument()
  fireEvent.click(screen.getByRole('button', { name: /重新加载/ }))
  expect(await screen.findByText('线索审核页')).toBeInTheDocument()
  expect(attempts).toBe(2)
  silence.mockRestore()
})

test('a menu item whose page cannot be fetched leaves the clerk where they were, with what they typed, and says why', async () => {
  useSession
    .getState()
    .signIn({ accessToken: 't', expiresIn: 7200, username: 'editor', role: 'editor', townshipCode: null, policeNumber: null, mustChangePassword: false })
  framed(
    <AppLayout>
      <Routes>
        <Route
          path="*"
          element={
            <>
              <label>
                标题
                <input defaultValue="" />
              </label>
              <Where />
            </>
          }
        />
      </Routes>
    </AppLayout>
  )
  const title = screen.getByLabelText('标题')
  fireEvent.change(title, { target: { value: '关于冒充客服退款诈骗的预警' } })
  // jsdom is narrow: the menu sits in the drawer, as on a phone.
  const menuButton = screen.queryByRole('button', { name: '打开菜单' })
  if (menuButton) fireEvent.click(menuButton)
  fireEvent.click((await screen.findAllByRole('link', { name: '线索审核' }))[0])
  expect(await screen.findByText(/“线索审核”没有打开：网络断开或服务器正在重启/)).toBeInTheDocument()
  expect(screen.getByTestId('where')).toHaveTextContent('/bulletins/new')
  expect(screen.getByLabelText('标题')).toHaveValue('关于冒充客服退款诈骗的预警')

  // A page that loads is opened as usual.
  const again = screen.queryByRole('button', { name: '打开菜单' })
  if (again) fireEvent.click(again)
  fireEvent.click((await screen.findAllByRole('link', { name: '新建预警' }))[0])
  await waitFor(() => expect(screen.getByTestId('where')).toHaveTextContent('/bulletins/new'))
})
