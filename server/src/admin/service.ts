import { SignJWT, jwtVerify } from 'jose'
import { ADMIN_ROLES, type AdminRole, type AdminSession } from '../../../types/admin.ts'
import { AppError } from '../plugins/errors.ts'
import { DUMMY_HASH_PROMISE, MIN_PASSWORD_LENGTH, hashPassword, verifyPassword } from './passwords.ts'
import type { AdminRepository } from './repository.ts'

export const ADMIN_TOKEN_SECONDS = 2 * 3600

/** Who is acting in the admin API; role and township come from the database on every request, not the token. */
export interface AdminPrincipal {
  id: string
  username: string
  role: AdminRole
  townshipCode: string | null
}

export class AdminInputError extends Error {}

export class AdminService {
  constructor(private readonly repository: AdminRepository, private readonly secret: Uint8Array) {}

  /** Used by the CLI: checks every field and refuses weak passwords and officers without a township. */
  async create(input: { username: string; password: string; role: string; townshipCode?: string | null }): Promise<void> {
    const username = input.username.trim().toLowerCase()
    if (!/^[a-z0-9_.-]{3,32}$/.test(username)) throw new AdminInputError('username: 3–32 characters of a–z, 0–9, "_", "." or "-"')
    if (!(ADMIN_ROLES as readonly string[]).includes(input.role)) throw new AdminInputError(`role must be one of ${ADMIN_ROLES.join(', ')}`)
    if ([...input.password].length < MIN_PASSWORD_LENGTH) throw new AdminInputError(`password: at least ${MIN_PASSWORD_LENGTH} characters`)
    const role = input.role as AdminRole
    const township = input.townshipCode ?? null
    if (role === 'officer' && !township) throw new AdminInputError('an officer needs --township <code>')
    if (role !== 'officer' && township) throw new AdminInputError('only officers are scoped to a township')
    if (township && !(await this.repository.townshipExists(township))) throw new AdminInputError(`no township with code ${township}`)
    const result = await this.repository.create({ username, passwordHash: await hashPassword(input.password), role, townshipCode: township })
    if (result === 'exists') throw new AdminInputError(`username ${username} is taken`)
  }

  async login(usernameInput: string, password: string): Promise<AdminSession> {
    const admin = await this.repository.byUsername(usernameInput.trim().toLowerCase())
    // Unknown user, wrong password and disabled account take the same time and get the same answer.
    const ok = await verifyPassword(password, admin?.passwordHash ?? (await DUMMY_HASH_PROMISE))
    if (!admin || !ok || admin.disabled) throw new AdminError401()
    await this.repository.touchLogin(admin.id)
    const iat = Math.floor(Date.now() / 1000)
    const accessToken = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(admin.id)
      .setAudience('admin')
      .setIssuedAt(iat)
      .setExpirationTime(iat + ADMIN_TOKEN_SECONDS)
      .sign(this.secret)
    return { accessToken, expiresIn: ADMIN_TOKEN_SECONDS, username: admin.username, role: admin.role, townshipCode: admin.townshipCode }
  }

  /** The admin behind a bearer token, or null for a missing, expired, forged, resident or disabled one. */
  async authenticate(token: string): Promise<AdminPrincipal | null> {
    let sub: string | undefined
    try {
      const { payload } = await jwtVerify(token, this.secret, { algorithms: ['HS256'], audience: 'admin' })
      sub = payload.sub
    } catch {
      return null
    }
    const admin = sub ? await this.repository.byId(sub) : undefined
    if (!admin || admin.disabled) return null
    return { id: admin.id, username: admin.username, role: admin.role, townshipCode: admin.townshipCode }
  }

  async list() {
    return this.repository.list()
  }
}

class AdminError401 extends AppError {
  constructor() {
    super(401, 'ADMIN_LOGIN_FAILED', '用户名或密码错误')
  }
}
