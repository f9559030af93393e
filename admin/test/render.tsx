import type { ReactNode } from 'react'
import { render } from '@testing-library/react'
import { MemoryRouter } from 'react-router-dom'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { App } from 'antd'
import type { AdminSession } from '../../types/admin'
import { useSession } from '../src/stores/session'

/** Signs a staff member in for a test: `${role}-user`, no township, no police number, unless given. */
export function signInAs(role: AdminSession['role'], over: Partial<AdminSession> = {}): void {
  useSession
    .getState()
    .signIn({ accessToken: 't', expiresIn: 7200, username: `${role}-user`, role, townshipCode: null, policeNumber: null, mustChangePassword: false, ...over })
}

/** A console page or part as the app frames it: queries (no retries), antd's App, a router at `at`. */
export function renderConsole(ui: ReactNode, at = '/') {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <App>
        <MemoryRouter initialEntries={[at]}>{ui}</MemoryRouter>
      </App>
    </QueryClientProvider>
  )
}
