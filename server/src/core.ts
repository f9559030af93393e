import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import multipart from '@fastify/multipart'
import { ApiErrorBody } from '../../types/error.ts'
import type { Config } from './config.ts'
import { openDatabase, migrateToLatest, type Database } from './db/database.ts'
import { registerRequestLog } from './logging.ts'
import { FieldCipher } from './lib/field-cipher.ts'
import { ONE_FILE_ONLY } from './lib/upload.ts'
import { AdminService } from './admin/service.ts'
import { createAdminRepository } from './admin/repository.ts'
import { setHashingAtOnce } from './admin/passwords.ts'
import { registerAdminRequest } from './admin/guard.ts'
import { createHistoryRepository, type HistoryRepository } from './history/repository.ts'
import { createOutboxRepository } from './outbox/repository.ts'
import { createResidentsRepository } from './residents/repository.ts'
import { smsSenderFor, type SmsSender } from './sms/sender.ts'
import { SmsCodeService } from './sms/service.ts'
import { createSmsCodeRepository } from './sms/repository.ts'
import { CheckCounter } from './stats/check-counter.ts'
import { wechatClientFor, type WeChatClient } from './wechat/client.ts'
import type { WorkerSet } from './workers.ts'
import { registerErrorHandling } from './plugins/errors.ts'
import { registerTextGuard } from './plugins/text-guard.ts'
import { LiveResidentCache, registerOptionalAuth } from './plugins/auth.ts'
import { registerDocs } from './plugins/docs.ts'
import { registerSecurityHeaders } from './plugins/security-headers.ts'

declare module 'fastify' {
  interface FastifyInstance {
    config: Config
    database: Database
    /** The clock for expiries, ages and the county's day (tests move it). */
    clock: () => Date
    /** Encrypts names and phone numbers at rest (DATA_KEY). */
    cipher: FieldCipher
    /** The one client for WeChat's server APIs (base URL from configuration). */
    wechat: WeChatClient
    /** The SMS gateway, or null when none is configured. */
    smsSender: SmsSender | null
    /** Login and consent codes by SMS (rate limits, expiry, 图形验证码). */
    smsCodes: SmsCodeService
    /** Staff accounts and their tokens; every staff guard asks it. */
    admins: AdminService
    /** Signed-in residents' check history. */
    history: HistoryRepository
    /** This process's check counts, flushed to the database by the stats feature. */
    checkCounter: CheckCounter
    /** "Is this resident live" answers; an erase here forgets the resident at once. */
    liveResidents: LiveResidentCache
    /** Hosts whose https images bulletins and tips may show besides the server's own media (IMAGE_HOSTS). */
    imageHosts: ReadonlySet<string>
    /** This process's workers (the outbox for every message, the warning chain's clock; PUSH_WORKER=inline), or null. */
    workers: WorkerSet | null
    /** New messages to send: this process's workers at once, every other process's by NOTIFY. */
    wakeSenders(): void
  }
}

export interface CoreOptions {
  config: Config
  /** Use an already open database (tests share one per file); otherwise one is opened from config. */
  database?: Database
  clock?: () => Date
  /** The digits of each 图形验证码 (tests answer a known picture; random otherwise). */
  captchaDigits?: () => string
}

/**
 * What every feature stands on: the database (migrated), the clients for WeChat and SMS, encryption, staff and resident
 * authentication, error answers, request logs, the API docs and upload limits. Registered first, closed last.
 */
export const core = fp<CoreOptions>(
  async function core(app: FastifyInstance, options: CoreOptions): Promise<void> {
    const { config } = options
    const database = options.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }))
    // onClose hooks run last-registered first: every feature's are done before the database closes.
    if (!options.database) app.addHook('onClose', async () => database.close())
    await migrateToLatest(database.db)
    const clock = options.clock ?? (() => new Date())
    const cipher = new FieldCipher(config.dataKey)
    app.decorate('config', config)
    app.decorate('database', database)
    app.decorate('clock', clock)
    app.decorate('cipher', cipher)
    app.decorate('imageHosts', new Set(config.imageHosts))
    app.decorate('history', createHistoryRepository(database.db))
    app.decorate('checkCounter', new CheckCounter())

    const wechat = wechatClientFor(config)
    app.decorate('wechat', wechat)
    app.addHook('onClose', async () => wechat.close())
    const smsSender = smsSenderFor(config, app.log)
    app.decorate('smsSender', smsSender)
    app.addHook('onClose', async () => smsSender?.close?.())
    app.decorate('smsCodes', new SmsCodeService(createSmsCodeRepository(database.db), smsSender, cipher, app.log, clock, options.captchaDigits))

    await registerSecurityHeaders(app, config.imageHosts)
    registerErrorHandling(app)
    registerRequestLog(app)
    registerTextGuard(app)
    app.addSchema(ApiErrorBody)
    await registerDocs(app)

    const residents = createResidentsRepository(database.db)
    const liveResidents = new LiveResidentCache((id) => residents.isLive(id))
    app.decorate('liveResidents', liveResidents)
    registerOptionalAuth(app, config.jwtSecret, liveResidents)
    setHashingAtOnce(config.passwordHashingAtOnce)
    app.decorate('admins', new AdminService(createAdminRepository(database.db), config.jwtSecret))
    registerAdminRequest(app)
    // Every upload route takes one file and nothing else; the same limits apply to any route added later.
    await app.register(multipart, { limits: ONE_FILE_ONLY })

    // The outbox feature sets the workers when this process sends (PUSH_WORKER=inline).
    app.decorate('workers', null)
    const outbox = createOutboxRepository(database.db)
    app.decorate('wakeSenders', function wakeSenders(this: FastifyInstance) {
      app.workers?.wake()
      void outbox.notifyWorkers().catch((err: unknown) => app.log.warn({ err }, 'waking the workers failed'))
    })
  },
  { name: 'core', fastify: '5.x' }
)
