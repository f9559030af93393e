// The warning chain's test setting, shared by the warnings, family and grid suites: the app on a test clock with a
// WeChat stand-in and an SMS gateway of its own, and a warning worker driven by hand over the same outside services.
import { after, before } from 'node:test'
import { sql } from 'kysely'
import { pino } from 'pino'
import type { FastifyInstance } from 'fastify'
import type { Response as InjectResponse } from 'light-my-request'
import { createAreasRepository } from '../src/areas/repository.ts'
import { defaultAreas } from '../src/areas/service.ts'
import { FieldCipher } from '../src/lib/field-cipher.ts'
import { HttpSmsSender } from '../src/sms/sender.ts'
import { WeChatClient } from '../src/wechat/client.ts'
import type { WarningService } from '../src/warnings/service.ts'
import { createOutboxRepository } from '../src/outbox/repository.ts'
import { OutboxWorker } from '../src/outbox/worker.ts'
import { guardianAlerts, warningMessages } from '../src/warnings/outbox-kinds.ts'
import { WarningWorker } from '../src/warnings/worker.ts'
import { fixtures, type Fixtures } from './fixtures.ts'
import { TEST_WECHAT, startSmsGateway, startWeChatStandIn, useAppSuite, type AppSuite, type SmsGateway, type StoreName, type TestClock } from './helpers.ts'

const silent = pino({ level: 'silent' })

export interface ChainSuite {
  suite: AppSuite
  /** Set once before() has run. */
  standIn: { server: FastifyInstance; url: string }
  gateway: SmsGateway
  /** Staff, residents and feed keys for this suite (residents with WeChat reach this suite's stand-in). */
  fx: Fixtures
  /**
   * The chain's workers over the same stand-in and gateway, on the suite's clock (the app runs none: PUSH_WORKER=off):
   * a round fires due timers, then sends one chunk of level-1 messages and guardians' copies through the outbox.
   */
  worker(service?: WarningService): ChainWorkers
  /** Runs the workers until they find nothing to do. */
  drain(worker?: ChainWorkers): Promise<void>
  count(table: string, where?: ReturnType<typeof sql>): Promise<number>
  /** One API call as someone (headers), with a JSON body when given. */
  inject(method: 'GET' | 'POST' | 'DELETE', url: string, headers: Record<string, string>, payload?: unknown): Promise<InjectResponse>
}

export interface ChainWorkers {
  tick(): Promise<number>
}

export function useChainSuite(store: StoreName, clock: TestClock, roles: ReadonlyArray<'admin' | 'editor' | 'reviewer'> = ['admin']): ChainSuite {
  const chain = {} as ChainSuite
  before(async () => {
    chain.standIn = await startWeChatStandIn()
    chain.gateway = await startSmsGateway()
  })
  after(async () => {
    await chain.standIn?.server.close()
    await chain.gateway?.close()
  })
  chain.suite = useAppSuite(store, {
    env: () => ({ ...TEST_WECHAT, WECHAT_API_BASE: chain.standIn.url, SMS_GATEWAY_URL: chain.gateway.url, PUSH_WORKER: 'off' }),
    roles,
    build: { clock: clock.now },
    seed: (db) => createAreasRepository(db).upsert(defaultAreas())
  })
  chain.fx = fixtures(
    {
      get app() {
        return chain.suite.app
      },
      get tdb() {
        return chain.suite.tdb
      },
      get config() {
        return chain.suite.config
      }
    },
    clock,
    () => chain.standIn.url
  )
  const db = () => chain.suite.tdb.database.db
  chain.worker = (service = chain.suite.app.warnings) => {
    const wechat = new WeChatClient({ appId: TEST_WECHAT.WECHAT_APPID, appSecret: TEST_WECHAT.WECHAT_SECRET, baseUrl: chain.standIn.url, timeoutMs: 2_000 })
    const settings = { lanes: 1, leaseMs: 60_000, idleMs: 20, maxAttempts: 4, retryBaseMs: 10, retryMaxMs: 40 }
    const kind = { templateId: 'tmpl-warning', batchSize: 50, miniprogramState: 'formal' as const, cipher: new FieldCipher(chain.suite.config.dataKey) }
    const outbox = new OutboxWorker(
      createOutboxRepository(db()),
      [warningMessages(kind), guardianAlerts(kind)],
      { wechat, sms: new HttpSmsSender(chain.gateway.url, 'sms-token') },
      settings,
      silent,
      clock.now
    )
    const timers = new WarningWorker(service, { ...settings, claimIdleMinutes: chain.suite.config.warnings.claimIdleMinutes }, silent, clock.now)
    return { tick: async () => (await timers.tick()) + (await outbox.tick()) }
  }
  chain.drain = async (w = chain.worker()) => {
    while ((await w.tick()) > 0) {
      /* until idle */
    }
  }
  chain.count = async (table, where = sql`true`) =>
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE ${where}`.execute(db())).rows[0]!.n
  chain.inject = (method, url, headers, payload) =>
    chain.suite.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) })
  return chain
}
