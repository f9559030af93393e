import { render, screen } from '@testing-library/react'
import { MemoryRouter } from 'react-router-dom'
import { App } from 'antd'
import LoginPage from '../src/pages/login'
import { useSession } from '../src/stores/session'

jest.setTimeout(60_000)
jest.mock('../src/services/auth')

const SESSION = {
  accessToken: 't',
  expiresIn: 7200,
  username: 'lijianjun',
  role: 'operator',
  townshipCode: null,
  policeNumber: '061234',
  mustChangePassword: false
} as const

function renderLogin() {
  return render(
    <App>
      <MemoryRouter initialEntries={['/login?next=/calls']}>
        <LoginPage />
      </MemoryRouter>
    </App>
  )
}

afterEach(() => useSession.getState().signOut())

test('after a forced sign-out the login page says why and keeps the username, so only the password is typed', () => {
  useSession.getState().signIn(SESSION)
  useSession.getState().signOut('登录已过期或账号已变更，请重新登录；未保存的内容已为您保留')
  renderLogin()
  expect(screen.getByText(/未保存的内容已为您保留/)).toBeInTheDocument()
  expect(screen.getByLabelText('用户名')).toHaveValue('lijianjun')
  expect(screen.getByLabelText('密码')).toHaveFocus()
})

test("退出 on purpose leaves nobody's username behind", () => {
  useSession.getState().signIn(SESSION)
  useSession.getState().signOut()
  renderLogin()
  expect(screen.getByLabelText('用户名')).toHaveValue('')
})
