import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import {
  AccountStatusRequest,
  AdminAccount,
  AdminAccountList,
  AdminLoginRequest,
  AdminSession,
  ChangeOwnPasswordRequest,
  CreateAccountRequest,
  ResetPasswordRequest,
  StaffProfileRequest
} from '../../../types/admin.ts'
import { ApiErrorBody } from '../../../types/error.ts'
import { requireCapability } from './guard.ts'
import type { AdminPrincipal, AdminService } from './service.ts'

const IdParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,18}$' }) })
const errors = { 400: ApiErrorBody, 401: ApiErrorBody, 403: ApiErrorBody, 404: ApiErrorBody, 409: ApiErrorBody }

export function adminRoutes(service: AdminService, loginRateLimitMax: number) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const api = app.withTypeProvider<TypeBoxTypeProvider>()
    api.post(
      '/admin/login',
      {
        schema: {
          tags: ['admin'],
          summary: 'Admin login (accounts come from the console or `npx qiandai admin create`); returns a 2-hour token',
          body: AdminLoginRequest,
          description:
            'Five failed sign-ins in a row pause the account (429 ADMIN_LOCKED with Retry-After: 1, 2, 4 … minutes, at most an hour; ' +
            'an admin may unlock it). When too many sign-ins wait for the password hash at once: 503 LOGIN_BUSY.',
          response: { 200: AdminSession, 400: ApiErrorBody, 401: ApiErrorBody, 429: ApiErrorBody, 503: ApiErrorBody }
        },
        // Password guessing is slow by design (scrypt) and limited per client on top.
        config: { rateLimit: { max: loginRateLimitMax, timeWindow: 60_000 } }
      },
      async (request) => service.login(request.body.username, request.body.password, new Date(), request.ip)
    )

    // Staff accounts (role admin). Every change is audited; a disable or a reset ends the account's sessions at once.
    const tags = ['admin: accounts']
    const security = [{ bearer: [] }]
    const adminOnly = requireCapability(service, 'canManageAccounts')
    const invalid = { validationErrorCode: 'VALIDATION_FAILED' as const, validationErrorMessage: '账号信息不完整：请填写用户名、密码和角色' }
    const me = (request: { admin: AdminPrincipal | null }) => request.admin as AdminPrincipal

    // Any signed-in staff member, for their own account.
    const anyStaff = requireCapability(service, 'canViewDashboard', { whilePasswordChangePending: true })
    api.post(
      '/admin/logout',
      {
        schema: {
          tags: ['admin'],
          summary: "退出: ends this account's sessions on the server (every token issued so far stops working)",
          security,
          response: { 204: Type.Null(), 401: ApiErrorBody }
        },
        onRequest: anyStaff
      },
      async (request, reply) => {
        await service.logout(me(request))
        return reply.status(204).send()
      }
    )
    api.post(
      '/admin/session/renew',
      {
        schema: {
          tags: ['admin'],
          summary: '延长登录: a new 2-hour token for a session that is still valid (the console asks before it runs out)',
          security,
          response: { 200: AdminSession, 401: ApiErrorBody }
        },
        onRequest: anyStaff
      },
      async (request) => service.renew(me(request))
    )
    api.post(
      '/admin/me/password',
      {
        schema: {
          tags: ['admin'],
          summary: "修改密码: the signed-in account's own password; answers with a new session (other sessions end)",
          security,
          body: ChangeOwnPasswordRequest,
          response: { 200: AdminSession, ...errors }
        },
        config: { validationErrorCode: 'VALIDATION_FAILED', validationErrorMessage: '请输入当前密码和新密码' },
        onRequest: anyStaff
      },
      async (request) => service.changeOwnPassword(me(request), request.body.currentPassword, request.body.newPassword)
    )

    api.get(
      '/admin/accounts',
      {
        schema: { tags, summary: 'Staff accounts', security, response: { 200: AdminAccountList, ...errors } },
        onRequest: adminOnly
      },
      async () => ({ items: await service.accounts() })
    )

    api.post(
      '/admin/accounts',
      {
        schema: {
          tags,
          summary: 'Create a staff account (officers need their township)',
          security,
          body: CreateAccountRequest,
          response: { 200: AdminAccount, ...errors }
        },
        config: invalid,
        onRequest: adminOnly
      },
      async (request) => service.createAccount(request.body, me(request).id)
    )

    api.post(
      '/admin/accounts/:id/status',
      {
        schema: {
          tags,
          summary: 'Disable or enable an account (ends its sessions at once)',
          security,
          params: IdParams,
          body: AccountStatusRequest,
          response: { 200: AdminAccount, ...errors }
        },
        config: invalid,
        onRequest: adminOnly
      },
      async (request) => service.setDisabled(request.params.id, request.body.disabled, me(request))
    )

    api.post(
      '/admin/accounts/:id/password',
      {
        schema: {
          tags,
          summary: "Set a new password (ends the account's sessions)",
          security,
          params: IdParams,
          body: ResetPasswordRequest,
          response: { 200: AdminAccount, ...errors }
        },
        config: { validationErrorCode: 'VALIDATION_FAILED', validationErrorMessage: '请输入新密码' },
        onRequest: adminOnly
      },
      async (request) => service.resetPassword(request.params.id, request.body.password, me(request))
    )

    api.post(
      '/admin/accounts/:id/unlock',
      {
        schema: {
          tags,
          summary: 'Lift the pause after too many failed sign-ins (audited)',
          security,
          params: IdParams,
          response: { 200: AdminAccount, ...errors }
        },
        onRequest: adminOnly
      },
      async (request) => service.unlock(request.params.id, me(request))
    )

    api.put(
      '/admin/accounts/:id/profile',
      {
        schema: {
          tags,
          summary: 'Set the name, police number (警号) and unit residents check a warning caller against',
          security,
          params: IdParams,
          body: StaffProfileRequest,
          response: { 200: AdminAccount, ...errors }
        },
        config: { validationErrorCode: 'VALIDATION_FAILED', validationErrorMessage: '姓名最多20字，警号为3–12位数字或字母，单位最多40字' },
        onRequest: adminOnly
      },
      async (request) => service.setProfile(request.params.id, request.body, me(request))
    )
  }
}
