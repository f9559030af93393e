import { SignJWT, jwtVerify } from 'jose'
import { ADMIN_ROLES, type AdminAccount, type AdminRole, type AdminSession, type CreateAccountRequest, type StaffProfileRequest } from '../../../types/admin.ts'
import { AppError } from '../plugins/errors.ts'
import { DUMMY_HASH_PROMISE, HashingBusy, MIN_PASSWORD_LENGTH, hashPassword, staffPasswordProblem, verifyPassword } from './passwords.ts'
import type { AdminRepository, AdminRow, StaffProfile } from './repository.ts'

export const ADMIN_TOKEN_SECONDS = 2 * 3600
/** Failed sign-ins in a row before an account is paused; then 1, 2, 4 … minutes per further failure, at most an hour. */
export const LOGIN_FAILURES_BEFORE_PAUSE = 5
export const pauseMinutes = (failures: number): number => Math.min(60, 2 ** Math.max(0, failures - LOGIN_FAILURES_BEFORE_PAUSE))

/** Who is acting in the admin API; role and township come from the database on every request, not the token. */
export interface AdminPrincipal {
  id: string
  username: string
  role: AdminRole
  townshipCode: string | null
  /** 警号: set for staff who may contact residents about warnings. */
  policeNumber: string | null
  /** An admin chose the password: only 修改密码 (and signing out) until a new one is set. */
  mustChangePassword: boolean
}

/** A refused account field: the English message for the CLI, the Chinese one and the field for the console. */
export class AdminInputError extends Error {
  constructor(
    message: string,
    readonly field: string = 'username',
    readonly messageZh: string = message,
    readonly code: 'VALIDATION_FAILED' | 'ACCOUNT_EXISTS' = 'VALIDATION_FAILED'
  ) {
    super(message)
  }
}

export class AdminService {
  constructor(
    private readonly repository: AdminRepository,
    private readonly secret: Uint8Array
  ) {}

  /**
   * Used by the CLI and the console: checks every field and refuses weak passwords and officers without a township.
   * `publishedDemoPassword`: the demo seed's accounts, whose passwords the README prints (so their strength means
   * nothing; production refuses to start while they work, see seed/demo-leftovers.ts). Nothing else sets it.
   */
  async create(
    input: { username: string; password: string; role: string; townshipCode?: string | null } & Partial<Record<keyof StaffProfile, string | null>>,
    by?: string,
    options: { publishedDemoPassword?: boolean } = {}
  ): Promise<void> {
    const username = input.username.trim().toLowerCase()
    if (!/^[a-z0-9_.-]{3,32}$/.test(username))
      throw new AdminInputError('username: 3–32 characters of a–z, 0–9, "_", "." or "-"', 'username', '用户名为3–32个小写字母、数字或 _ . -')
    if (!(ADMIN_ROLES as readonly string[]).includes(input.role))
      throw new AdminInputError(`role must be one of ${ADMIN_ROLES.join(', ')}`, 'role', '请选择角色')
    if (!options.publishedDemoPassword) checkPassword(input.password, username)
    const role = input.role as AdminRole
    const township = input.townshipCode || null
    if (role === 'officer' && !township) throw new AdminInputError('an officer needs --township <code>', 'townshipCode', '派出所民警账号需要选择所属乡镇')
    if (role !== 'officer' && township) throw new AdminInputError('only officers are scoped to a township', 'townshipCode', '只有派出所民警账号按乡镇划分')
    if (township && !(await this.repository.townshipExists(township)))
      throw new AdminInputError(`no township with code ${township}`, 'townshipCode', '没有这个乡镇')
    const profile = checkProfile(input)
    const result = await this.repository.create({ username, passwordHash: await hashPassword(input.password), role, townshipCode: township, ...profile }, by)
    if (result === 'exists') throw new AdminInputError(`username ${username} is taken`, 'username', '这个用户名已被使用', 'ACCOUNT_EXISTS')
    if (result === 'police-number-taken')
      throw new AdminInputError(
        `police number ${profile.policeNumber} belongs to another account`,
        'policeNumber',
        '这个警号已属于另一个账号',
        'ACCOUNT_EXISTS'
      )
  }

  /** The console's 账号 page: create, then the account as listed. */
  async createAccount(input: CreateAccountRequest, by: string): Promise<AdminAccount> {
    try {
      await this.create(input, by)
    } catch (err) {
      if (err instanceof AdminInputError) throw new AppError(err.code === 'ACCOUNT_EXISTS' ? 409 : 400, err.code, err.messageZh, err.field)
      throw err
    }
    const created = (await this.accounts()).find((a) => a.username === input.username.trim().toLowerCase())
    if (!created) throw new AppError(409, 'ACCOUNT_STATE', '账号创建后没有找到，请刷新')
    return created
  }

  async accounts(): Promise<AdminAccount[]> {
    return (await this.repository.list()).map((r) => ({
      id: String(r.id),
      username: r.username,
      role: r.role,
      townshipCode: r.township_code,
      disabled: r.disabled_at !== null,
      createdAt: new Date(r.created_at).toISOString(),
      lastLoginAt: r.last_login_at ? r.last_login_at.toISOString() : null,
      lockedUntil: r.locked_until && r.locked_until.getTime() > Date.now() ? r.locked_until.toISOString() : null,
      displayName: r.display_name,
      policeNumber: r.police_number,
      unit: r.unit
    }))
  }

  /** Name, police number and unit (核验民警); absent fields are cleared. */
  async setProfile(id: string, input: StaffProfileRequest, by: AdminPrincipal): Promise<AdminAccount> {
    let profile: StaffProfile
    try {
      profile = checkProfile(input)
    } catch (err) {
      if (err instanceof AdminInputError) throw new AppError(400, 'VALIDATION_FAILED', err.messageZh, err.field)
      throw err
    }
    const result = await this.repository.setProfile(id, profile, by.id)
    if (result === 'not-found') throw new AppError(404, 'NOT_FOUND', '没有这个账号')
    if (result === 'police-number-taken') throw new AppError(409, 'ACCOUNT_EXISTS', '这个警号已属于另一个账号', 'policeNumber')
    return this.account(id)
  }

  /** Disabling ends the account's sessions at once; nobody disables their own account (no lock-out by mistake). */
  async setDisabled(id: string, disabled: boolean, by: AdminPrincipal): Promise<AdminAccount> {
    if (id === by.id && disabled) throw new AppError(409, 'ACCOUNT_STATE', '不能停用自己正在使用的账号')
    if (!(await this.repository.setDisabled(id, disabled, by.id))) throw new AppError(404, 'NOT_FOUND', '没有这个账号')
    return this.account(id)
  }

  async resetPassword(id: string, password: string, by: AdminPrincipal): Promise<AdminAccount> {
    const target = await this.repository.byId(id)
    if (!target) throw new AppError(404, 'NOT_FOUND', '没有这个账号')
    try {
      checkPassword(password, target.username)
    } catch (err) {
      if (err instanceof AdminInputError) throw new AppError(400, 'VALIDATION_FAILED', err.messageZh, 'password')
      throw err
    }
    if (!(await this.repository.setPassword(id, await hashPassword(password), by.id))) throw new AppError(404, 'NOT_FOUND', '没有这个账号')
    return this.account(id)
  }

  private async account(id: string): Promise<AdminAccount> {
    const found = (await this.accounts()).find((a) => a.id === id)
    if (!found) throw new AppError(404, 'NOT_FOUND', '没有这个账号')
    return found
  }

  /** An audit entry for an action of `by` (who, when, what): the console's 操作日志. */
  audit(by: AdminPrincipal | null, action: string, target: string, after: Record<string, unknown> | null = null): Promise<void> {
    return this.repository.record(by?.id ?? null, action, target, after)
  }

  /** `from`: the client's address, recorded with every sign-in and failed sign-in. */
  async login(usernameInput: string, password: string, now = new Date(), from = ''): Promise<AdminSession> {
    const admin = await this.repository.byUsername(usernameInput.trim().toLowerCase())
    // Who tried is named only when the account exists: a password typed into the username box must not be stored.
    const failed = (reason: 'password' | 'disabled' | 'locked' | 'unknown') =>
      this.repository.record(admin?.id ?? null, 'login.failed', `admin:${admin ? admin.username : '（不存在的账号）'}`, { ip: from, reason })
    // A paused account is refused before any hashing: guesses against it cost nothing and tell nothing.
    if (admin?.lockedUntil && admin.lockedUntil.getTime() > now.getTime()) {
      await failed('locked')
      throw lockedError(admin.lockedUntil, now)
    }
    // Unknown user, wrong password and disabled account take the same time and get the same answer.
    let ok: boolean
    try {
      ok = await verifyPassword(password, admin?.passwordHash ?? (await DUMMY_HASH_PROMISE))
    } catch (err) {
      if (err instanceof HashingBusy) throw new AppError(503, 'LOGIN_BUSY', '登录的人太多，请几秒后再试', undefined, 5)
      throw err
    }
    if (admin && !ok && !admin.disabled) {
      const until = await this.repository.recordLoginFailure(admin.id, now, LOGIN_FAILURES_BEFORE_PAUSE, pauseMinutes)
      await failed('password')
      if (until) throw lockedError(until, now)
    }
    if (!admin || !ok || admin.disabled) {
      if (!admin) await failed('unknown')
      else if (admin.disabled) await failed('disabled')
      throw new AdminError401()
    }
    await this.repository.clearLoginFailures(admin.id)
    await this.repository.record(admin.id, 'login.ok', `admin:${admin.username}`, { ip: from })
    return this.session(admin)
  }

  /** The signed-in account's own password: the current one proves it is them; the answer is a new session. */
  async changeOwnPassword(by: AdminPrincipal, currentPassword: string, newPassword: string): Promise<AdminSession> {
    const admin = await this.repository.byId(by.id)
    if (!admin) throw new AdminError401()
    if (!(await verifyPassword(currentPassword, admin.passwordHash))) throw new AppError(400, 'VALIDATION_FAILED', '当前密码不对', 'currentPassword')
    const problem = staffPasswordProblem(newPassword, admin.username)
    if (problem) throw new AppError(400, 'PASSWORD_WEAK', problem, 'newPassword')
    if (currentPassword === newPassword) throw new AppError(400, 'PASSWORD_WEAK', '新密码不能和当前密码一样', 'newPassword')
    await this.repository.setPassword(admin.id, await hashPassword(newPassword), admin.id)
    const updated = await this.repository.byId(admin.id)
    if (!updated) throw new AdminError401()
    return this.session(updated)
  }

  /** 延长登录: a fresh token for a session still valid (the console offers it before the token runs out). */
  async renew(by: AdminPrincipal): Promise<AdminSession> {
    const admin = await this.repository.byId(by.id)
    if (!admin || admin.disabled) throw new AdminError401()
    return this.session(admin)
  }

  /** 退出: every token of this account stops working, this one included. */
  async logout(by: AdminPrincipal): Promise<void> {
    await this.repository.endSessions(by.id)
  }

  /** Lifts a pause after too many failed sign-ins (audited). */
  async unlock(id: string, by: AdminPrincipal): Promise<AdminAccount> {
    if (!(await this.repository.unlock(id, by.id))) throw new AppError(404, 'NOT_FOUND', '没有这个账号')
    return this.account(id)
  }

  private async session(admin: AdminRow): Promise<AdminSession> {
    await this.repository.touchLogin(admin.id)
    const iat = Math.floor(Date.now() / 1000)
    const accessToken = await new SignJWT({ ver: admin.tokenVersion })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(admin.id)
      .setAudience('admin')
      .setIssuedAt(iat)
      .setExpirationTime(iat + ADMIN_TOKEN_SECONDS)
      .sign(this.secret)
    return {
      accessToken,
      expiresIn: ADMIN_TOKEN_SECONDS,
      username: admin.username,
      role: admin.role,
      townshipCode: admin.townshipCode,
      policeNumber: admin.policeNumber,
      mustChangePassword: admin.mustChangePassword
    }
  }

  /** The admin behind a bearer token, or null for a missing, expired, forged, resident or disabled one. */
  async authenticate(token: string): Promise<AdminPrincipal | null> {
    let sub: string | undefined
    let version: unknown
    try {
      const { payload } = await jwtVerify(token, this.secret, { algorithms: ['HS256'], audience: 'admin' })
      sub = payload.sub
      version = payload.ver ?? 0
    } catch {
      return null
    }
    const admin = sub ? await this.repository.byId(sub) : undefined
    // A password reset or a disable moves the version: every token issued before stops working.
    if (!admin || admin.disabled || version !== admin.tokenVersion) return null
    return {
      id: admin.id,
      username: admin.username,
      role: admin.role,
      townshipCode: admin.townshipCode,
      policeNumber: admin.policeNumber,
      mustChangePassword: admin.mustChangePassword
    }
  }
}

function checkProfile(input: Partial<Record<keyof StaffProfile, string | null>>): StaffProfile {
  const text = (v: string | null | undefined) => (v ?? '').trim() || null
  const displayName = text(input.displayName)
  const policeNumber = text(input.policeNumber)?.toUpperCase() ?? null
  const unit = text(input.unit)
  if (displayName && [...displayName].length > 20) throw new AdminInputError('name: at most 20 characters', 'displayName', '姓名最多20个字')
  if (policeNumber && !/^[0-9A-Z]{3,12}$/.test(policeNumber))
    throw new AdminInputError('police number: 3–12 digits or letters', 'policeNumber', '警号为3–12位数字或字母')
  if (unit && [...unit].length > 40) throw new AdminInputError('unit: at most 40 characters', 'unit', '单位最多40个字')
  return { displayName, policeNumber, unit }
}

function checkPassword(password: string, username: string): void {
  const problem = staffPasswordProblem(password, username)
  if (!problem) return
  // The CLI prints the English message; the console shows the Chinese one.
  const english =
    [...password].length < MIN_PASSWORD_LENGTH
      ? `password: at least ${MIN_PASSWORD_LENGTH} characters`
      : 'password: too easy to guess (avoid repeated characters, keyboard runs, counting, common passwords and the username)'
  throw new AdminInputError(english, 'password', problem)
}

function lockedError(until: Date, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000))
  return new AppError(429, 'ADMIN_LOCKED', `这个账号连续输错密码，已暂停登录约${Math.ceil(seconds / 60)}分钟；急用请管理员在“账号”页解锁`, undefined, seconds)
}

class AdminError401 extends AppError {
  constructor() {
    super(401, 'ADMIN_LOGIN_FAILED', '用户名或密码错误')
  }
}
