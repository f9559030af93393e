import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { App } from 'antd'
import { ChangePasswordDialog } from '../src/layout/ChangePasswordDialog'
import * as auth from '../src/services/auth'
import { ApiError } from '../src/services/http'
import { useSession } from '../src/stores/session'

// antd in jsdom is slow on a busy two-core machine.
jest.setTimeout(60_000)
jest.mock('../src/services/auth')
const api = auth as jest.Mocked<typeof auth>

function fill(label: string, value: string): void {
  fireEvent.change(screen.getByLabelText(label), { target: { value } })
}

const SESSION = {
  accessToken: 'old',
  expiresIn: 7200,
  username: 'editor',
  role: 'editor',
  townshipCode: null,
  policeNumber: null,
  mustChangePassword: false
} as const

/** Signed in as editor, the dialog open; returns its onClose. */
function openDialog(): jest.Mock {
  useSession.getState().signIn(SESSION)
  const onClose = jest.fn()
  render(
    <App>
      <ChangePasswordDialog open onClose={onClose} />
    </App>
  )
  return onClose
}

/** Types the three boxes and presses 保存. */
function submit(current: string, next: string, again: string): void {
  fill('当前密码', current)
  fill('新密码', next)
  fill('再输一次新密码', again)
  fireEvent.click(screen.getByRole('button', { name: /保\s?存/ }))
}

afterEach(() => {
  useSession.getState().signOut()
  jest.resetAllMocks()
})

test('修改密码: the new password twice; on success the session continues on the token the server answers with', async () => {
  api.changeOwnPassword.mockResolvedValue({ ...SESSION, accessToken: 'new' })
  const onClose = openDialog()
  submit('long enough password', 'a much better passphrase', 'a much better passphrase!')
  expect(await screen.findByText('两次输入的新密码不一样')).toBeInTheDocument()
  expect(api.changeOwnPassword).not.toHaveBeenCalled()

  fill('再输一次新密码', 'a much better passphrase')
  fireEvent.click(screen.getByRole('button', { name: /保\s?存/ }))
  await waitFor(() => expect(onClose).toHaveBeenCalled())
  expect(api.changeOwnPassword).toHaveBeenCalledWith('long enough password', 'a much better passphrase')
  expect(useSession.getState().session?.accessToken).toBe('new')
})

test("the server's refusal is shown as an alert, and the dialog stays open", async () => {
  api.changeOwnPassword.mockRejectedValue(new ApiError(400, 'PASSWORD_WEAK', '密码主要是连续字符或常见密码，太容易被猜中', 'newPassword'))
  const onClose = openDialog()
  submit('long enough password', '1234567890', '1234567890')
  expect(await screen.findByRole('alert')).toHaveTextContent('太容易被猜中')
  expect(onClose).not.toHaveBeenCalled()
  expect(useSession.getState().session?.accessToken).toBe('old')
})

test('登录即将过期: five minutes before the token runs out a banner offers 延长登录, which keeps the page and renews the token', async () => {
  const { SessionExpiry } = jest.requireActual('../src/layout/SessionExpiry') as typeof import('../src/layout/SessionExpiry')
  useSession.getState().signIn({ ...SESSION, expiresIn: 240 })
  api.renewSession.mockResolvedValue({ ...SESSION, accessToken: 'renewed' })
  render(
    <App>
      <SessionExpiry />
    </App>
  )
  expect(screen.getByText(/登录将在 4 分钟内过期/)).toBeInTheDocument()
  fireEvent.click(screen.getByText('延长登录'))
  await waitFor(() => expect(useSession.getState().session?.accessToken).toBe('renewed'))
  expect(screen.queryByText(/登录将在/)).toBeNull()
})

test('a session far from its end shows no banner', () => {
  const { SessionExpiry } = jest.requireActual('../src/layout/SessionExpiry') as typeof import('../src/layout/SessionExpiry')
  useSession.getState().signIn(SESSION)
  render(
    <App>
      <SessionExpiry />
    </App>
  )
  expect(screen.queryByText(/登录将在/)).toBeNull()
})
