// The property every operation must hold, whatever it is sent: never a 5xx, never slower than a few seconds, and a
// refusal is a 4xx with a machine code and a Chinese message. Operations and their inputs come from the OpenAPI
// document the server publishes, so a new route is fuzzed the day it is documented.
//
// `npm test` runs FUZZ_RUNS (default 20) generated requests per operation with a fixed seed (the same inputs every
// run: a regression net); `npm run fuzz` runs thousands with a fresh seed and prints it. Reproduce a failure with
// FUZZ_SEED=<seed printed> FUZZ_RUNS=<n>.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import type { FastifyInstance } from 'fastify'
import { createAreasRepository } from '../src/areas/repository.ts'
import { defaultAreas } from '../src/areas/service.ts'
import { seedFraudTypes } from '../src/seed/learning.ts'
import { AdminService } from '../src/admin/service.ts'
import { createAdminRepository } from '../src/admin/repository.ts'
import { createAuthRepository } from '../src/auth/repository.ts'
import { brokenRequest, operationsOf, validRequest, type GeneratedRequest, type OpenApiDocument } from './openapi-inputs.ts'
import { startSmsGateway, startWeChatStandIn, storeOptions, storesUnderTest, TEST_WECHAT, useAppSuite, type SmsGateway } from './helpers.ts'
import { residentToken } from './fixtures.ts'

const RUNS = Number(process.env.FUZZ_RUNS ?? 20)
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : process.env.FUZZ_RANDOM_SEED ? Date.now() % 2_147_483_647 : 20261130
const SLOW_MS = 5_000
const PRINCIPALS = ['anonymous', 'resident', 'admin', 'officer'] as const
type Principal = (typeof PRINCIPALS)[number]
const CJK = /[\u4e00-\u9fff]/

for (const store of storesUnderTest()) {
  describe(`generated requests to every documented operation on ${store}`, storeOptions(store), () => {
    let standIn: { server: FastifyInstance; url: string }
    let sms: SmsGateway
    before(async () => {
      standIn = await startWeChatStandIn()
      sms = await startSmsGateway()
    })
    after(async () => {
      await standIn?.server.close()
      await sms?.close()
    })
    const suite = useAppSuite(store, {
      env: () => ({ ...TEST_WECHAT, WECHAT_API_BASE: standIn.url, SMS_GATEWAY_URL: sms.url }),
      async seed(db) {
        await createAreasRepository(db).upsert(defaultAreas())
        await seedFraudTypes(db)
      }
    })

    // Fuzzing may erase the resident (DELETE /me) or reset the admin's own password: then a fresh one steps in.
    const tokens: Partial<Record<Principal, string>> = {}
    let generation = 0
    async function signIn(who: Exclude<Principal, 'anonymous'>): Promise<void> {
      generation++
      if (who === 'resident') {
        const { id } = await createAuthRepository(suite.tdb.database.db).residentForOpenid(`o-fuzz-${generation}`)
        tokens.resident = await residentToken(suite.config, id)
        return
      }
      const admins = new AdminService(createAdminRepository(suite.tdb.database.db), suite.config.jwtSecret)
      const username = `fuzz-${who}-${generation}`
      await admins.create({ username, password: 'long enough password', role: who, ...(who === 'officer' ? { townshipCode: defaultAreas()[0].code } : {}) })
      tokens[who] = (
        await suite.app.inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username, password: 'long enough password' } })
      ).json().accessToken
    }
    const stillSignedIn = async (who: Exclude<Principal, 'anonymous'>) =>
      (await suite.app.inject({ url: who === 'resident' ? '/api/v1/me' : '/api/v1/admin/stats', headers: { authorization: `Bearer ${tokens[who]}` } }))
        .statusCode !== 401

    async function send(request: GeneratedRequest, who: Principal) {
      const headers = { ...request.headers, ...(who === 'anonymous' ? {} : { authorization: `Bearer ${tokens[who]}` }) }
      const started = performance.now()
      const res = await suite.app.inject({ method: request.method, url: request.url, headers, payload: request.payload })
      const ms = performance.now() - started
      if (who !== 'anonymous' && res.statusCode === 401 && !(await stillSignedIn(who))) await signIn(who)
      return { res, ms }
    }

    test(`no 5xx, no answer slower than ${SLOW_MS / 1000} s, every refusal a 4xx with a code and a Chinese message (${RUNS} requests per operation, seed ${SEED})`, async () => {
      for (const who of ['resident', 'admin', 'officer'] as const) await signIn(who)
      const doc = (await suite.app.inject({ url: '/docs/json' })).json() as OpenApiDocument
      const operations = operationsOf(doc)
      assert.ok(operations.length >= 70, `the document lists ${operations.length} operations`)
      const statuses = new Map<string, number>()
      for (const op of operations) {
        const request = fc.oneof(validRequest(op, doc), brokenRequest(op, doc), brokenRequest(op, doc))
        // Mostly as someone the route lets in (found by asking), so the inputs reach validation and the handler.
        const [probe] = fc.sample(validRequest(op, doc), { numRuns: 1, seed: SEED })
        const entitled: Principal[] = []
        for (const who of PRINCIPALS) if (![401, 403].includes((await send(probe, who)).res.statusCode)) entitled.push(who)
        const principal = fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...(entitled.length > 0 ? entitled : PRINCIPALS)) },
          { weight: 1, arbitrary: fc.constantFrom(...PRINCIPALS) }
        )
        await fc.assert(
          fc.asyncProperty(request, principal, async (req, who) => {
            const { res, ms } = await send(req, who)
            const what = `${req.kind} ${req.method} ${req.url.slice(0, 300)} as ${who} → ${res.statusCode} ${res.body.slice(0, 300)}`
            statuses.set(String(res.statusCode), (statuses.get(String(res.statusCode)) ?? 0) + 1)
            assert.ok(res.statusCode < 500, what)
            assert.ok(ms < SLOW_MS, `${what} took ${Math.round(ms)} ms`)
            if (res.statusCode >= 400) {
              const body = JSON.parse(res.body) as { error?: { code?: unknown; message?: unknown } }
              assert.match(String(body.error?.code), /^[A-Z][A-Z0-9_]+$/, what)
              assert.match(String(body.error?.message), CJK, what)
            }
          }),
          { numRuns: RUNS, seed: SEED }
        )
      }
      // The generated inputs reach the handlers, not only the validators: some are accepted, some refused on meaning.
      const ok = [...statuses].filter(([s]) => s.startsWith('2')).reduce((n, [, c]) => n + c, 0)
      assert.ok(ok > operations.length, `only ${ok} requests were answered 2xx: ${JSON.stringify(Object.fromEntries(statuses))}`)
      if (process.env.FUZZ_REPORT)
        console.log(`fuzz ${store}: ${operations.length} operations × ${RUNS}, seed ${SEED}, statuses ${JSON.stringify(Object.fromEntries(statuses))}`)
    })
  })
}
