// One place that makes the people and keys server tests need — staff signed in, residents registered (optionally with
// WeChat and warning credits), the city platform's feed key — instead of each suite building its own.
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import type { Response as InjectResponse } from 'light-my-request'
import { PRIVACY_POLICY_VERSION } from '../../types/privacy.ts'
import { createAdminRepository } from '../src/admin/repository.ts'
import { AdminService } from '../src/admin/service.ts'
import { defaultAreas } from '../src/areas/service.ts'
import { createAuthRepository } from '../src/auth/repository.ts'
import type { Config } from '../src/config.ts'
import type { Database } from '../src/db/database.ts'
import { FieldCipher } from '../src/lib/field-cipher.ts'
import { createResidentsRepository } from '../src/residents/repository.ts'
import { createFeedKeys } from '../src/warnings/feed-keys-repository.ts'
import { SignJWT } from 'jose'

/** What a signed-in caller sends. */
export interface Headers {
  authorization: string
  [name: string]: string
}

/** An access token as the auth feature will issue it (HS256, audience "resident"). */
export async function residentToken(config: Config, residentId: string, expiresIn = '15m'): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(residentId)
    .setAudience('resident')
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(config.jwtSecret)
}

/** POSTs to one of the WeChat stand-in's control endpoints (`/__standin/<path>`), failing loudly on an error. */
export async function standInControl<T = { code: string; openid: string }>(standInUrl: string, path: string, body: unknown): Promise<T> {
  const res = await fetch(`${standInUrl}/__standin/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  if (!res.ok) throw new Error(`stand-in ${path}: HTTP ${res.status}`)
  return res.json() as Promise<T>
}

/** The password every test staff account gets. */
export const STAFF_PASSWORD = 'long enough password'

/** The county's first two townships in the default areas (城关镇 and the next), and a township's first village. */
export const [CHENGGUAN, OTHER] = defaultAreas().filter((a) => a.parentCode === null) as [
  ReturnType<typeof defaultAreas>[number],
  ReturnType<typeof defaultAreas>[number]
]
export const villageOf = (township: string): string => defaultAreas().find((a) => a.parentCode === township)!.code
const townshipOf = (village: string): string => defaultAreas().find((a) => a.code === village)!.parentCode!

export interface StaffProfile {
  displayName?: string
  policeNumber?: string
  unit?: string
}

/** The centre's and the stations' people the chain suites work with, as the console shows them. */
export const CAST = {
  operator: { role: 'operator', townshipCode: null, displayName: '李建军', policeNumber: '061234', unit: '县公安局反诈中心' },
  operator2: { role: 'operator', townshipCode: null, displayName: '周海燕', policeNumber: '061235', unit: '县公安局反诈中心' },
  'operator-bare': { role: 'operator', townshipCode: null },
  'officer-cg': { role: 'officer', townshipCode: CHENGGUAN.code, displayName: '王志强', policeNumber: '062345', unit: '城关派出所' },
  'officer-cg2': { role: 'officer', townshipCode: CHENGGUAN.code, displayName: '钱伟', policeNumber: '062346', unit: '城关派出所' },
  'officer-other': { role: 'officer', townshipCode: OTHER.code, displayName: '赵明', policeNumber: '063456', unit: '其他派出所' }
} as const satisfies Record<string, { role: string; townshipCode: string | null } & StaffProfile>
export type CastMember = keyof typeof CAST

/** Creates a staff account and signs it in through the API: its id and Authorization header. */
export async function signedInStaff(
  app: FastifyInstance,
  database: Database,
  config: Config,
  account: { username: string; role: string; townshipCode?: string | null } & StaffProfile
): Promise<{ id: string; headers: Headers }> {
  const admins = new AdminService(createAdminRepository(database.db), config.jwtSecret)
  await admins.create({ ...account, password: STAFF_PASSWORD })
  const res = await app.inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username: account.username, password: STAFF_PASSWORD } })
  assert.equal(res.statusCode, 200, res.body)
  const { id } = await database.db.selectFrom('admins').select('id').where('username', '=', account.username).executeTakeFirstOrThrow()
  return { id: String(id), headers: { authorization: `Bearer ${res.json().accessToken as string}` } }
}

export interface ResidentFixture {
  phone: string
  name?: string
  birthDate?: string
  /** The village (its township follows); default the first village of `township`. */
  village?: string
  township?: string
  /** With WeChat (an openid the stand-in knows) and this many warning credits; null: a phone-only (H5) resident. */
  wechatCredits?: number | null
}

export interface Fixtures {
  /** Staff from CAST, signed in: their Authorization headers by username. */
  cast(...members: CastMember[]): Promise<Record<string, Headers>>
  /** One member of CAST, signed in: the account's id and Authorization header. */
  member(username: CastMember): Promise<{ id: string; headers: Headers }>
  staff(username: string, role: string, townshipCode?: string | null, profile?: StaffProfile): Promise<{ id: string; headers: Headers }>
  /** A registered resident with a verified phone, signed in. */
  resident(resident: ResidentFixture): Promise<{ id: string; token: string; headers: Headers }>
  /** A new feed key for the city platform (or another source). */
  feedKey(source?: string, kind?: 'city' | 'bank'): Promise<string>
  /** Posts NDJSON lines to the warning feed. */
  feed(key: string, lines: readonly unknown[] | string): Promise<InjectResponse>
}

/**
 * The fixtures of one app suite (call where its fields are set: in hooks and tests). `standInUrl` is needed only for
 * residents with WeChat.
 */
export function fixtures(
  suite: { app: FastifyInstance; tdb: { database: Database }; config: Config },
  clock: { now(): Date },
  standInUrl: () => string = () => {
    throw new Error('these fixtures have no WeChat stand-in')
  }
): Fixtures {
  let wechatUsers = 0
  const fx: Fixtures = {
    async cast(...members) {
      const headers: Record<string, Headers> = {}
      for (const username of members) headers[username] = (await fx.member(username)).headers
      return headers
    },
    member: (username) => signedInStaff(suite.app, suite.tdb.database, suite.config, { username, ...CAST[username] }),
    staff: (username, role, townshipCode = null, profile = {}) =>
      signedInStaff(suite.app, suite.tdb.database, suite.config, { username, role, townshipCode, ...profile }),
    async resident({ phone, name = '张秀兰', birthDate = '1970-05-01', township = CHENGGUAN.code, village = villageOf(township), wechatCredits = null }) {
      const db = suite.tdb.database.db
      const cipher = new FieldCipher(suite.config.dataKey)
      const sealed = { enc: cipher.encrypt(phone), index: cipher.blindIndex(phone) }
      let id: string
      if (wechatCredits !== null) {
        const { openids } = await standInControl<{ openids: string[] }>(standInUrl(), 'subscribers', {
          users: [`fixture-user-${wechatUsers++}`],
          template_id: 'tmpl-warning',
          count: 5
        })
        id = (await createAuthRepository(db).residentForOpenid(openids[0]!)).id
        assert.equal(await createResidentsRepository(db).setPhone(id, sealed), 'ok')
        if (wechatCredits > 0) await db.insertInto('subscriptions').values({ resident_id: id, template_id: 'tmpl-warning', credits: wechatCredits }).execute()
      } else {
        id = (await createAuthRepository(db).residentForPhone(sealed)).id
      }
      await createResidentsRepository(db).register(
        id,
        {
          nameEnc: cipher.encrypt(name),
          birthDate,
          townshipCode: townshipOf(village),
          villageCode: village,
          consentVersion: PRIVACY_POLICY_VERSION,
          idNumber: null
        },
        clock.now()
      )
      const token = await residentToken(suite.config, id)
      return { id, token, headers: { authorization: `Bearer ${token}` } }
    },
    async feedKey(source = 'city-platform', kind = 'city') {
      const key = await createFeedKeys(suite.tdb.database.db).create(source, kind)
      assert.notEqual(key, 'exists')
      return key as string
    },
    feed: (key, lines) =>
      suite.app.inject({
        method: 'POST',
        url: '/api/v1/feeds/warnings',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
        payload: typeof lines === 'string' ? lines : lines.map((l) => JSON.stringify(l)).join('\n')
      })
  }
  return fx
}
