// Who may call what. The route table comes from the app itself (every route Fastify registers); ACCESS below says
// who each route is for. Every route × every kind of caller is sent a request shaped as the OpenAPI document says,
// and the answer must be what ACCESS implies. A route missing from ACCESS (or an entry naming no route) fails.
import { after, before, describe, test } from 'node:test'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { SignJWT } from 'jose'
import type { FastifyInstance, RouteOptions } from 'fastify'
import { ADMIN_ROLES, roleCan, type AdminRole, type Capability } from '../../types/admin.ts'
import { createAreasRepository } from '../src/areas/repository.ts'
import { defaultAreas } from '../src/areas/service.ts'
import { seedFraudTypes } from '../src/seed/learning.ts'
import { AdminService } from '../src/admin/service.ts'
import { createAdminRepository } from '../src/admin/repository.ts'
import { createAuthRepository } from '../src/auth/repository.ts'
import { operationsOf, validRequest, type OpenApiDocument } from './openapi-inputs.ts'
import { multipart, startWeChatStandIn, storeOptions, storesUnderTest, TEST_WECHAT, useAppSuite } from './helpers.ts'
import { residentToken } from './fixtures.ts'

/**
 * public: anyone, and what the Authorization header holds changes nothing (no 401/403);
 * credentials: public, but the body carries the credentials (a login), so a 401 is the route's own answer;
 * resident: a signed-in, live resident; grid: a resident the centre appointed grid worker (the matrix's resident is
 * not one: 403); feed: a feed key (none of the callers holds one); a list of roles: staff with one of them.
 */
type Access = 'public' | 'credentials' | 'resident' | 'grid' | 'feed' | Capability

const ACCESS: Record<string, Access> = {
  // Documentation, media, the H5 app and the console's files
  'GET /docs': 'public',
  'GET /docs/static/index.html': 'public',
  'GET /docs/static/swagger-initializer.js': 'public',
  'GET /docs/json': 'public',
  'GET /docs/yaml': 'public',
  'GET /docs/static/*': 'public',
  'GET /media/:name': 'public',
  'GET /admin': 'public',
  'GET /admin/*': 'public',
  'GET /*': 'public',
  'GET /api/v1/health': 'public',
  // The self-check and what residents read without an account
  'GET /api/v1/check/phone': 'public',
  'GET /api/v1/check/phone/sample': 'public',
  'GET /api/v1/check/url': 'public',
  'GET /api/v1/check/account': 'public',
  'GET /api/v1/lists/snapshot': 'public',
  'POST /api/v1/check/message': 'public',
  'GET /api/v1/areas': 'public',
  'GET /api/v1/bulletins': 'public',
  'GET /api/v1/bulletins/:id': 'public',
  'GET /api/v1/push/config': 'public',
  'GET /api/v1/fraud-types': 'public',
  'GET /api/v1/tips': 'public',
  'GET /api/v1/tips/:id': 'public',
  'GET /api/v1/videos': 'public',
  'GET /api/v1/videos/:id': 'public',
  'POST /api/v1/appeals': 'public',
  // Signing in
  'POST /api/v1/auth/wechat': 'credentials',
  'POST /api/v1/auth/refresh': 'credentials',
  'POST /api/v1/auth/sms/send': 'credentials',
  'POST /api/v1/auth/sms/login': 'credentials',
  'POST /api/v1/admin/login': 'credentials',
  'POST /api/v1/auth/logout': 'credentials',
  'POST /api/v1/auth/captcha': 'public',
  // A staff member's own session and password
  'POST /api/v1/admin/logout': 'canViewDashboard',
  'POST /api/v1/admin/me/password': 'canViewDashboard',
  'POST /api/v1/admin/session/renew': 'canViewDashboard',
  'GET /api/v1/admin/duty': 'canViewDashboard',
  'GET /api/v1/admin/search': 'canViewDashboard',
  'GET /api/v1/admin/areas': 'canManageAreas',
  'PUT /api/v1/admin/areas/:code': 'canManageAreas',
  'POST /api/v1/admin/areas': 'canManageAreas',
  // A resident's own things
  'POST /api/v1/auth/wechat/phone': 'resident',
  'GET /api/v1/me': 'resident',
  'PATCH /api/v1/me': 'resident',
  'DELETE /api/v1/me': 'resident',
  'POST /api/v1/me/registration': 'resident',
  'GET /api/v1/me/export': 'resident',
  'GET /api/v1/bulletins/unread': 'resident',
  'POST /api/v1/me/subscriptions': 'resident',
  'GET /api/v1/me/subscriptions': 'resident',
  'PUT /api/v1/me/tips/:id/learned': 'resident',
  'PUT /api/v1/me/videos/:id/progress': 'resident',
  'POST /api/v1/reports': 'resident',
  'POST /api/v1/reports/screenshots': 'resident',
  'GET /api/v1/me/screenshots/:id': 'resident',
  'GET /api/v1/me/reports': 'resident',
  // The centre
  'GET /api/v1/admin/accounts': 'canManageAccounts',
  'POST /api/v1/admin/accounts': 'canManageAccounts',
  'POST /api/v1/admin/accounts/:id/status': 'canManageAccounts',
  'POST /api/v1/admin/accounts/:id/password': 'canManageAccounts',
  'GET /api/v1/admin/audit': 'canReadAudit',
  'PUT /api/v1/admin/accounts/:id/profile': 'canManageAccounts',
  'POST /api/v1/admin/accounts/:id/unlock': 'canManageAccounts',
  'GET /api/v1/admin/coverage': 'canSeeCoverage',
  'GET /api/v1/admin/stats': 'canViewDashboard',
  'GET /api/v1/admin/bulletins': 'canPublish',
  'POST /api/v1/admin/bulletins': 'canPublish',
  'GET /api/v1/admin/bulletins/:id': 'canPublish',
  'PATCH /api/v1/admin/bulletins/:id': 'canPublish',
  'GET /api/v1/admin/bulletins/:id/preview': 'canPublish',
  'GET /api/v1/admin/bulletins/:id/audience': 'canPublish',
  'POST /api/v1/admin/bulletins/:id/schedule': 'canPublish',
  'POST /api/v1/admin/bulletins/:id/publish': 'canPublish',
  'POST /api/v1/admin/bulletins/:id/withdraw': 'canPublish',
  'POST /api/v1/admin/media': 'canEditContent',
  'PUT /api/v1/admin/fraud-types/:code': 'canEditContent',
  'GET /api/v1/admin/tips': 'canEditContent',
  'POST /api/v1/admin/tips': 'canEditContent',
  'PATCH /api/v1/admin/tips/:id': 'canEditContent',
  'POST /api/v1/admin/tips/:id/publish': 'canEditContent',
  'POST /api/v1/admin/tips/:id/unpublish': 'canEditContent',
  'GET /api/v1/admin/videos': 'canEditContent',
  'POST /api/v1/admin/videos': 'canEditContent',
  'PATCH /api/v1/admin/videos/:id': 'canEditContent',
  'POST /api/v1/admin/videos/:id/publish': 'canEditContent',
  'POST /api/v1/admin/videos/:id/unpublish': 'canEditContent',
  'GET /api/v1/admin/senders': 'canReview',
  'PUT /api/v1/admin/senders/:id': 'canReview',
  'DELETE /api/v1/admin/senders/:id': 'canReview',
  'GET /api/v1/admin/blocklist': 'canReview',
  'PUT /api/v1/admin/blocklist': 'canReview',
  'POST /api/v1/admin/blocklist/status': 'canReview',
  'POST /api/v1/admin/blocklist/import': 'canReview',
  'GET /api/v1/admin/blocklist/export': 'canReview',
  'GET /api/v1/admin/blocklist/template': 'canReview',
  'GET /api/v1/admin/appeals': 'canReview',
  'POST /api/v1/admin/appeals/:id/decide': 'canReview',
  'GET /api/v1/admin/reports/queue': 'canReview',
  'GET /api/v1/admin/reports/screenshots/:id': 'canReview',
  'POST /api/v1/admin/reports/merge': 'canReview',
  'POST /api/v1/admin/reports/start': 'canReview',
  'POST /api/v1/admin/reports/review': 'canReview',
  // The warning chain
  'POST /api/v1/feeds/warnings': 'feed',
  'GET /api/v1/me/warnings': 'resident',
  'POST /api/v1/me/warnings/:id/answer': 'resident',
  'POST /api/v1/me/help': 'resident',
  'POST /api/v1/me/verify-caller': 'resident',
  'GET /api/v1/admin/warnings': 'canSeeWarnings',
  'POST /api/v1/admin/warnings': 'canCall',
  'GET /api/v1/admin/warnings/:id': 'canSeeWarnings',
  'POST /api/v1/admin/warnings/:id/close': 'canCall',
  'POST /api/v1/admin/warnings/:id/place': 'canCall',
  'POST /api/v1/admin/warnings/:id/reveal': 'canSeeWarnings',
  'GET /api/v1/admin/call-tasks/:id/holders': 'canCall',
  'POST /api/v1/admin/call-tasks/:id/reassign': 'canCall',
  'GET /api/v1/admin/visit-tasks/:id/holders': 'canCall',
  'POST /api/v1/admin/visit-tasks/:id/reassign': 'canCall',
  'GET /api/v1/admin/call-tasks': 'canCall',
  'POST /api/v1/admin/call-tasks/claim': 'canCall',
  'POST /api/v1/admin/call-tasks/:id/claim': 'canCall',
  'POST /api/v1/admin/call-tasks/:id/release': 'canCall',
  'POST /api/v1/admin/call-tasks/:id/attempts': 'canCall',
  'GET /api/v1/admin/visit-tasks': 'canVisit',
  'POST /api/v1/admin/visit-tasks/claim': 'canVisit',
  'POST /api/v1/admin/visit-tasks/:id/claim': 'canVisit',
  'POST /api/v1/admin/visit-tasks/:id/release': 'canVisit',
  'POST /api/v1/admin/visit-tasks/:id/outcome': 'canVisit',
  'GET /api/v1/admin/cases': 'canSeeWarnings',
  'POST /api/v1/admin/cases': 'canCall',
  'POST /api/v1/admin/cases/import': 'canCall',
  'GET /api/v1/admin/warning-figures': 'canSeeWarnings',
  'GET /api/v1/admin/period-report': 'canSeeWarnings',
  // Family guardians (家人守护) and 代登记
  'GET /api/v1/me/family': 'resident',
  'POST /api/v1/me/family/invites': 'resident',
  'DELETE /api/v1/me/family/invites/:id': 'resident',
  'POST /api/v1/me/family/invites/preview': 'resident',
  'POST /api/v1/me/family/accept': 'resident',
  'DELETE /api/v1/me/family/links/:id': 'resident',
  'POST /api/v1/me/family/proxy/code': 'resident',
  'POST /api/v1/me/family/proxy': 'resident',
  'POST /api/v1/me/family/alerts/:id/answer': 'resident',
  // Grid workers (网格员)
  'GET /api/v1/me/grid': 'grid',
  'POST /api/v1/me/grid/sessions': 'grid',
  'POST /api/v1/me/grid/photos': 'grid',
  'GET /api/v1/admin/grid-workers': 'canSeeWarnings',
  'POST /api/v1/admin/grid-workers': 'canManageGridWorkers',
  'POST /api/v1/admin/grid-workers/:id/revoke': 'canManageGridWorkers',
  'GET /api/v1/admin/publicity-figures': 'canSeeWarnings',
  'GET /api/v1/admin/publicity-sessions': 'canSeeWarnings',
  'GET /api/v1/admin/publicity-photos/:id': 'canSeeWarnings',
  'POST /api/v1/admin/visit-tasks/:id/accompany': 'canVisit'
}

/** Callers who are nobody on a protected route, whatever it is. */
const NOBODY = ['anonymous', 'forged resident', 'forged admin', 'expired resident', 'expired admin', 'garbage', 'erased resident', 'disabled staff'] as const
type Caller = (typeof NOBODY)[number] | 'resident' | AdminRole

/** A 1×1 PNG, the smallest screenshot there is. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64')
const SECRET_OF_SOMEONE_ELSE = new TextEncoder().encode('not-the-server-secret-not-the-server')

function expected(access: Access, caller: Caller): 'allowed' | 401 | 403 {
  if (access === 'public' || access === 'credentials') return 'allowed'
  if (access === 'feed') return 401
  if ((NOBODY as readonly string[]).includes(caller)) return 401
  if (access === 'resident') return caller === 'resident' ? 'allowed' : 401
  if (access === 'grid') return caller === 'resident' ? 403 : 401
  if (caller === 'resident') return 401
  return roleCan(caller as AdminRole, access) ? 'allowed' : 403
}

for (const store of storesUnderTest()) {
  describe(`authorization matrix on ${store}`, storeOptions(store), () => {
    const routes: string[] = []
    const [chengguan, other] = defaultAreas().filter((a) => a.parentCode === null)
    let standIn: { server: FastifyInstance; url: string }
    before(async () => {
      standIn = await startWeChatStandIn()
    })
    after(async () => standIn?.server.close())
    // Built H5 and console folders (a page each), so the static routes are the ones a deployment has, built or not here.
    const built = (page: string) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'qiandai-static-'))
      writeFileSync(path.join(dir, 'index.html'), `<!doctype html><title>${page}</title>`)
      return dir
    }
    const suite = useAppSuite(store, {
      env: () => ({ ...TEST_WECHAT, WECHAT_API_BASE: standIn.url, H5_DIR: built('h5'), ADMIN_DIR: built('admin') }),
      roles: ['admin', 'editor', 'reviewer'],
      residents: { resident: 'o-matrix-a', residentB: 'o-matrix-b', erased: 'o-matrix-erased' },
      build: {
        serveH5: true,
        onRoute: (route: RouteOptions) => {
          for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push(`${method} ${route.url}`)
        }
      },
      async seed(db) {
        await createAreasRepository(db).upsert(defaultAreas())
        await seedFraudTypes(db)
      }
    })

    let callersOnce: Promise<Record<Caller, Record<string, string>>> | undefined
    const callers = () => (callersOnce ??= makeCallers())
    async function makeCallers(): Promise<Record<Caller, Record<string, string>>> {
      const admins = new AdminService(createAdminRepository(suite.tdb.database.db), suite.config.jwtSecret)
      const login = async (username: string) =>
        (await suite.app.inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username, password: 'long enough password' } })).json()
          .accessToken as string
      await admins.create({ username: 'officer', password: 'long enough password', role: 'officer', townshipCode: chengguan.code })
      await admins.create({ username: 'operator', password: 'long enough password', role: 'operator' })
      await admins.create({ username: 'gone', password: 'long enough password', role: 'admin' })
      const disabledToken = await login('gone')
      const chief = await admins.authenticate(suite.tokens.admin)
      const gone = (await admins.accounts()).find((a) => a.username === 'gone')
      await admins.setDisabled(gone!.id, true, chief!)
      assert.equal((await suite.app.inject({ method: 'DELETE', url: '/api/v1/me', headers: suite.as('erased') })).statusCode, 204)
      const residentId = (await createAuthRepository(suite.tdb.database.db).residentForOpenid('o-matrix-a')).id
      const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
      const signed = (audience: string, expires: string | number, secret = suite.config.jwtSecret, sub = '1') =>
        new SignJWT({ role: 'admin', v: 0 })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject(sub)
          .setAudience(audience)
          .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
          .setExpirationTime(expires)
          .sign(secret)
      return {
        anonymous: {},
        'forged resident': bearer(await signed('resident', '1h', SECRET_OF_SOMEONE_ELSE)),
        'forged admin': bearer(await signed('admin', '1h', SECRET_OF_SOMEONE_ELSE)),
        'expired resident': bearer(await signed('resident', Math.floor(Date.now() / 1000) - 60, suite.config.jwtSecret, residentId)),
        'expired admin': bearer(await signed('admin', Math.floor(Date.now() / 1000) - 60)),
        garbage: { authorization: 'Bearer not.a.token' },
        'erased resident': suite.as('erased'),
        'disabled staff': bearer(disabledToken),
        resident: suite.as('resident'),
        admin: suite.as('admin'),
        editor: suite.as('editor'),
        reviewer: suite.as('reviewer'),
        officer: bearer(await login('officer')),
        operator: bearer(await login('operator'))
      }
    }

    async function throwawayStaffSession(role: string): Promise<Record<string, string>> {
      const admins = new AdminService(createAdminRepository(suite.tdb.database.db), suite.config.jwtSecret)
      const username = `out-${role}`
      await admins.create({ username, password: 'long enough password', role, townshipCode: role === 'officer' ? chengguan.code : null })
      const r = await suite.app.inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username, password: 'long enough password' } })
      return { authorization: `Bearer ${r.json().accessToken as string}` }
    }

    async function throwawayResident(): Promise<Record<string, string>> {
      const { id } = await createAuthRepository(suite.tdb.database.db).residentForOpenid(`o-matrix-${Date.now()}`)
      return { authorization: `Bearer ${await residentToken(suite.config, id)}` }
    }

    test('every route is in the matrix, and every entry is a route', () => {
      const listed = new Set(Object.keys(ACCESS))
      const registered = new Set(routes)
      assert.deepEqual(
        [...registered].filter((r) => !listed.has(r)),
        [],
        'routes with no entry in ACCESS: say who they are for'
      )
      assert.deepEqual(
        [...listed].filter((r) => !registered.has(r)),
        [],
        'entries in ACCESS that name no route'
      )
    })

    test('every route × every kind of caller answers as ACCESS says', async () => {
      const doc = (await suite.app.inject({ url: '/docs/json' })).json() as OpenApiDocument
      const operations = new Map(operationsOf(doc).map((op) => [`${op.method} ${op.route}`, op]))
      const who = await callers()
      const wrong: string[] = []
      let sent = 0
      for (const route of routes) {
        const op = operations.get(route)
        const [method, url] = route.split(' ') as ['GET', string]
        // A documented operation gets a request shaped as its schema says; the rest get their plain path.
        const request = op
          ? fc.sample(validRequest(op, doc), { numRuns: 1, seed: 7 })[0]
          : { method, url: url.replace(/:\w+/g, '1').replace('*', 'index.html'), headers: {}, payload: undefined }
        for (const caller of Object.keys(who) as Caller[]) {
          // Erasing an account is allowed, once: the resident caller erases a stand-in of theirs. 退出 ends every
          // session of an account: each role signs out with an account of its own, so the shared tokens keep working.
          const headers =
            route === 'DELETE /api/v1/me' && caller === 'resident'
              ? await throwawayResident()
              : route === 'POST /api/v1/admin/logout' && (ADMIN_ROLES as readonly string[]).includes(caller)
                ? await throwawayStaffSession(caller)
                : who[caller]
          const res = await suite.app.inject({
            method: request.method,
            url: request.url,
            headers: { ...request.headers, ...headers },
            payload: request.payload
          })
          sent++
          if (!(route in ACCESS)) continue // reported by the test above
          const want = expected(ACCESS[route], caller)
          const got = res.statusCode
          const ok = got < 500 && (want === 'allowed' ? got !== 403 && (got !== 401 || ACCESS[route] === 'credentials') : got === want)
          if (!ok) wrong.push(`${route} as ${caller}: ${got}, expected ${want}`)
        }
      }
      assert.deepEqual(wrong, [])
      assert.ok(sent >= routes.length * 14)
    })

    test("one resident never reaches another's things; an officer sees their own township only", async () => {
      const upload = multipart('shot.png', PNG, 'image/png')
      const shot = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/reports/screenshots',
        headers: { ...upload.headers, ...suite.as('resident') },
        payload: upload.payload
      })
      assert.equal(shot.statusCode, 200, shot.body)
      const id = shot.json().id as string
      const mine = await suite.app.inject({ url: `/api/v1/me/screenshots/${id}`, headers: suite.as('resident') })
      assert.equal(mine.statusCode, 200)
      // B can neither see A's screenshot nor attach it to a report of their own.
      const theirs = await suite.app.inject({ url: `/api/v1/me/screenshots/${id}`, headers: suite.as('residentB') })
      assert.equal(theirs.statusCode, 404)
      const attach = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        headers: suite.as('residentB'),
        payload: { kind: 'phone', value: '17012345678', screenshots: [id] }
      })
      assert.equal(attach.statusCode, 400, attach.body)
      const report = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        headers: suite.as('resident'),
        payload: { kind: 'phone', value: '17012345678', screenshots: [id] }
      })
      assert.equal(report.statusCode, 200, report.body)
      const listB = (await suite.app.inject({ url: '/api/v1/me/reports', headers: suite.as('residentB') })).json()
      assert.deepEqual(listB.items, [])
      const listA = (await suite.app.inject({ url: '/api/v1/me/reports', headers: suite.as('resident') })).json()
      assert.deepEqual(
        listA.items.map((r: { screenshots: string[] }) => r.screenshots),
        [[id]]
      )

      // An officer of 城关 asking for the county sees 城关 only, and nothing of another township.
      const officer = (await callers()).officer
      const coverage = (await suite.app.inject({ url: '/api/v1/admin/coverage', headers: officer })).json()
      assert.deepEqual(
        coverage.townships.map((t: { code: string }) => t.code),
        [chengguan.code]
      )
      const county = (await suite.app.inject({ url: '/api/v1/admin/coverage', headers: suite.as('admin') })).json()
      assert.ok(county.townships.some((t: { code: string }) => t.code === other.code))
    })
  })
}
