import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify'
import rateLimit from '@fastify/rate-limit'
import type { Config } from './config.ts'
import { loggerOptions, registerRequestLog } from './logging.ts'
import { openDatabase, migrateToLatest, type Database } from './db/database.ts'
import { frameworkErrors, registerErrorHandling } from './plugins/errors.ts'
import { registerTextGuard } from './plugins/text-guard.ts'
import { LiveResidentCache, registerOptionalAuth } from './plugins/auth.ts'
import { registerDocs } from './plugins/docs.ts'
import { registerSecurityHeaders } from './plugins/security-headers.ts'
import { registerH5 } from './plugins/h5.ts'
import { registerAdminConsole } from './plugins/admin.ts'
import { PhoneLists } from './lists/service.ts'
import { PhoneCheckService } from './check/service.ts'
import { checkRoutes, messageCheckRoutes, otherCheckRoutes } from './check/routes.ts'
import { MessageCheckService } from './check/message-check.ts'
import { OfficialSendersService } from './senders/service.ts'
import { officialSenderRoutes } from './senders/routes.ts'
import { OtherChecksService } from './check/other-checks.ts'
import { createListsRepository } from './lists/repository.ts'
import { ReportsService } from './reports/service.ts'
import { reportRoutes } from './reports/routes.ts'
import { blocklistAdminRoutes } from './lists/routes.ts'
import { BlocklistAdminService } from './lists/admin-service.ts'
import { appealRoutes } from './reports/appeals-routes.ts'
import { createAppealsRepository } from './reports/appeals-repository.ts'
import { AppealsService } from './reports/appeals-service.ts'
import { createReportsRepository } from './reports/repository.ts'
import { createHistoryRepository } from './history/repository.ts'
import { ApiErrorBody } from '../../types/error.ts'
import { WeChatClient } from './wechat/client.ts'
import { AuthService } from './auth/service.ts'
import { authRoutes } from './auth/routes.ts'
import { createAuthRepository } from './auth/repository.ts'
import { adminAreaRoutes, areaRoutes } from './areas/routes.ts'
import { createAreasRepository } from './areas/repository.ts'
import { residentRoutes } from './residents/routes.ts'
import { ResidentService } from './residents/service.ts'
import { createResidentsRepository } from './residents/repository.ts'
import { FieldCipher } from './lib/field-cipher.ts'
import { createSmsCodeRepository } from './sms/repository.ts'
import { SmsCodeService } from './sms/service.ts'
import { smsSenderFor } from './sms/sender.ts'
import { AdminService } from './admin/service.ts'
import { createAdminRepository } from './admin/repository.ts'
import { adminRoutes } from './admin/routes.ts'
import { setHashingAtOnce } from './admin/passwords.ts'
import { registerAdminRequest } from './admin/guard.ts'
import { coverageRoutes } from './coverage/routes.ts'
import { coverage } from './coverage/service.ts'
import { createCoverageRepository } from './coverage/repository.ts'
import { createBulletinRepository } from './bulletins/repository.ts'
import { ScheduledPublisher } from './bulletins/scheduler.ts'
import { BulletinService } from './bulletins/service.ts'
import { adminBulletinRoutes, bulletinRoutes } from './bulletins/routes.ts'
import { dutyRoutes } from './duty/routes.ts'
import { searchRoutes } from './search/routes.ts'
import { createSearchRepository } from './search/repository.ts'
import { createDutyRepository } from './duty/repository.ts'
import { createOutboxRepository } from './outbox/repository.ts'
import { SubscriptionService, subscriptionRoutes } from './push/subscriptions.ts'
import { createSubscriptionRepository } from './push/subscription-repository.ts'
import multipart from '@fastify/multipart'
import { ONE_FILE_ONLY } from './lib/upload.ts'
import { LocalDiskStorage } from './media/storage.ts'
import { createMediaRepository } from './media/repository.ts'
import { mediaRoutes, mediaUploadRoutes } from './media/routes.ts'
import { LearnService } from './learn/service.ts'
import { adminLearnRoutes, learnRoutes } from './learn/routes.ts'
import { createLearnRepository } from './learn/repository.ts'
import type { DestinationStream } from 'pino'
import { CheckCounter } from './stats/check-counter.ts'
import { createStatsRepository } from './stats/repository.ts'
import { StatsService } from './stats/service.ts'
import { statsRoutes } from './stats/routes.ts'
import { createAuditRepository } from './audit/repository.ts'
import { auditRoutes } from './audit/routes.ts'
import type { WarningService } from './warnings/service.ts'
import { warningServiceFor } from './warnings/wiring.ts'
import { workerSet, type WorkerSet } from './workers.ts'
import { createFeedKeys } from './warnings/feed-keys-repository.ts'
import { adminWarningRoutes, residentWarningRoutes, warningFeedRoutes } from './warnings/routes.ts'
import { caseRoutes } from './cases/routes.ts'
import { familyRoutes } from './family/routes.ts'
import { adminGridRoutes, gridRoutes } from './grid/routes.ts'
import { GridService } from './grid/service.ts'
import { createGridRepository } from './grid/repository.ts'
import { FamilyService } from './family/service.ts'
import { createFamilyRepository } from './family/repository.ts'
import { CasesService } from './cases/service.ts'
import { createCasesRepository } from './cases/repository.ts'
import { createFiguresRepository, createPeriodWarningsRepository } from './cases/figures-repository.ts'

declare module 'fastify' {
  interface FastifyInstance {
    database: Database
    lists: PhoneLists
    /** The one client for WeChat's server APIs (base URL from configuration). */
    wechat: WeChatClient
    /** This process's workers (the outbox for every message, the warning chain's clock; PUSH_WORKER=inline), or null. */
    workers: WorkerSet | null
    warnings: WarningService
    bulletins: BulletinService
    media: LocalDiskStorage
    learn: LearnService
  }
}

/** How often this process's check counts reach the database (the dashboard also flushes before reading). */
const CHECK_COUNT_FLUSH_MS = 10_000
const INCOMING_MAX_AGE_MS = 3_600_000

export interface BuildOptions {
  /** Use an already open database (tests share one per file); otherwise one is opened from config. */
  database?: Database
  /** Serve the H5 build at "/" (off in most tests). */
  serveH5?: boolean
  /** The clock for SMS code expiry and limits and for registration ages (tests move time forward). */
  clock?: () => Date
  /** The digits of each 图形验证码 (tests answer a known picture; random otherwise). */
  captchaDigits?: () => string
  /** Where logs go instead of standard output (tests read them). */
  logStream?: DestinationStream
  /** Told of every route as it is added (the authorization matrix test builds its route table from this). */
  onRoute?: (route: RouteOptions) => void
}

/** Builds the whole API (and optionally the H5 app) without listening; tests call it and use inject(). */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config.logLevel, options.logStream),
    disableRequestLogging: true,
    trustProxy: config.trustProxy,
    frameworkErrors
  })
  if (options.onRoute) app.addHook('onRoute', options.onRoute)
  const database = options.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }))
  const ownsDatabase = !options.database
  await migrateToLatest(database.db)

  const lists = new PhoneLists(database, app.log)
  await lists.load()
  await lists.start()
  app.decorate('database', database)
  app.decorate('lists', lists)
  app.decorate(
    'wechat',
    new WeChatClient({
      baseUrl: config.wechat.apiBase ?? 'https://api.weixin.qq.com',
      appId: config.wechat.appId,
      appSecret: config.wechat.appSecret
    })
  )
  let workers: WorkerSet | null = null
  app.addHook('onClose', async () => {
    // The workers first: they finish their chunks and record outcomes while the database is still open.
    await workers?.stop()
    await app.wechat.close()
    await lists.stop()
    if (ownsDatabase) await database.close()
  })

  await registerSecurityHeaders(app, config.imageHosts)
  registerErrorHandling(app)
  registerRequestLog(app)
  registerTextGuard(app)
  app.addSchema(ApiErrorBody)
  await registerDocs(app)
  const residentsRepository = createResidentsRepository(database.db)
  const liveResidents = new LiveResidentCache((id) => residentsRepository.isLive(id))
  registerOptionalAuth(app, config.jwtSecret, liveResidents)
  registerAdminRequest(app)

  const history = createHistoryRepository(database.db)
  const checkCounter = new CheckCounter()
  const stats = new StatsService(createStatsRepository(database.db), checkCounter, app.log)
  const checkCountFlush = setInterval(() => void stats.flushChecks(), CHECK_COUNT_FLUSH_MS)
  checkCountFlush.unref()
  app.addHook('onClose', async () => {
    clearInterval(checkCountFlush)
    await stats.flushChecks()
  })
  const phoneCheck = new PhoneCheckService(lists, history, app.log, checkCounter)
  const clock = options.clock ?? (() => new Date())
  const cipher = new FieldCipher(config.dataKey)
  const smsSender = smsSenderFor(config, app.log)
  app.addHook('onClose', async () => smsSender?.close?.())
  const sms = new SmsCodeService(createSmsCodeRepository(database.db), smsSender, cipher, app.log, clock, options.captchaDigits)
  const areas = createAreasRepository(database.db)
  setHashingAtOnce(config.passwordHashingAtOnce)
  const admins = new AdminService(createAdminRepository(database.db), config.jwtSecret)
  const imageHosts = new Set(config.imageHosts)
  const outbox = createOutboxRepository(database.db)
  /** New messages to send: this process's workers at once, every other process's by NOTIFY. */
  const wakeSenders = () => {
    workers?.wake()
    void outbox.notifyWorkers().catch((err: unknown) => app.log.warn({ err }, 'waking the workers failed'))
  }
  const bulletins = new BulletinService(createBulletinRepository(database.db), areas, residentsRepository, () => workers?.wake(), clock, imageHosts)
  // Scheduled bulletins go out from every API process, whether or not it sends (PUSH_WORKER=off included).
  const scheduler = new ScheduledPublisher(bulletins, app.log, clock)
  bulletins.onScheduleChange(() => scheduler.wake())
  app.addHook('onClose', async () => scheduler.stop())
  const warnings = warningServiceFor(database, config, clock, () => workers?.wake())
  if (config.push.worker === 'inline') workers = await workerSet(database, config, { wechat: app.wechat, sms: smsSender, log: app.log, warnings, clock })
  app.decorate('workers', workers)
  app.decorate('warnings', warnings)
  app.decorate('bulletins', bulletins)
  const media = new LocalDiskStorage(config.media.dir)
  // Unfinished uploads (a crash or a dropped connection mid-file) are swept at start and every hour.
  const sweepIncoming = () => void media.sweepIncoming(INCOMING_MAX_AGE_MS).catch((err: unknown) => app.log.warn({ err }, 'sweeping unfinished uploads failed'))
  sweepIncoming()
  const incomingSweep = setInterval(sweepIncoming, INCOMING_MAX_AGE_MS)
  incomingSweep.unref()
  app.addHook('onClose', async () => clearInterval(incomingSweep))
  const mediaRepository = createMediaRepository(database.db)
  const learn = new LearnService(createLearnRepository(database.db), mediaRepository, imageHosts)
  app.decorate('media', media)
  app.decorate('learn', learn)
  // Every upload route takes one file and nothing else; the same limits apply to any route added later.
  await app.register(multipart, { limits: ONE_FILE_ONLY })
  await app.register(mediaRoutes(media, mediaRepository))
  const subscriptions = new SubscriptionService(
    createSubscriptionRepository(database.db),
    {
      templates: config.wechat.templates,
      longTermTemplateIds: new Set(config.wechat.longTermTemplateIds)
    },
    clock
  )

  await app.register(
    async (api) => {
      // Every API route is limited per client; routes with their own `config.rateLimit` (the checks) are stricter.
      await api.register(rateLimit, { global: true, max: config.apiRateLimit.max, timeWindow: config.apiRateLimit.windowMs })
      api.get('/health', { schema: { tags: ['ops'], summary: 'Liveness: answers without touching the lists' } }, async () => ({ status: 'ok' }))
      await api.register(checkRoutes(phoneCheck, config.checkRateLimit))
      await api.register(
        otherCheckRoutes(new OtherChecksService(createListsRepository(database.db), history, checkCounter, () => lists.senders), config.checkRateLimit)
      )
      await api.register(messageCheckRoutes(new MessageCheckService(lists, checkCounter), config.checkRateLimit))
      await api.register(areaRoutes(areas))
      await api.register(adminAreaRoutes(areas, admins))
      const residents = new ResidentService(residentsRepository, history, app.wechat, cipher, app.log, clock, (id) => liveResidents.forget(id))
      await api.register(residentRoutes(residents))
      const grid = new GridService(createGridRepository(database.db), areas, createCoverageRepository(database.db), cipher, app.log, clock)
      await api.register(gridRoutes(grid, config.reportScreenshotMaxBytes))
      await api.register(adminGridRoutes(grid, admins))
      await api.register(familyRoutes(new FamilyService(createFamilyRepository(database.db), residents, sms, cipher, app.log, clock)))
      await api.register(authRoutes(new AuthService(createAuthRepository(database.db), app.wechat, config.jwtSecret, app.log, sms, cipher), sms))
      await api.register(adminRoutes(admins, config.adminLoginRateLimitMax))
      await api.register(coverageRoutes(admins, areas, createCoverageRepository(database.db)))
      await api.register(statsRoutes(stats, admins))
      await api.register(auditRoutes(createAuditRepository(database.db), admins))
      await api.register(adminBulletinRoutes(bulletins, admins))
      await api.register(bulletinRoutes(bulletins))
      await api.register(subscriptionRoutes(subscriptions))
      await api.register(mediaUploadRoutes(media, mediaRepository, admins, config.media))
      await api.register(adminLearnRoutes(learn, admins))
      await api.register(learnRoutes(learn))
      await api.register(
        officialSenderRoutes(new OfficialSendersService(createListsRepository(database.db), () => lists.requestRefresh('official_senders')), admins)
      )
      await api.register(blocklistAdminRoutes(new BlocklistAdminService(database), admins, config.blocklistImportMaxBytes))
      await api.register(appealRoutes(new AppealsService(createAppealsRepository(database.db), cipher), admins))
      await api.register(warningFeedRoutes(warnings, createFeedKeys(database.db)))
      await api.register(residentWarningRoutes(warnings))
      await api.register(adminWarningRoutes(warnings, admins))
      await api.register(dutyRoutes(createDutyRepository(database.db), admins, clock))
      await api.register(searchRoutes(createSearchRepository(database.db), cipher, admins))
      await api.register(
        caseRoutes(
          new CasesService(createCasesRepository(database.db), createFiguresRepository(database.db), clock, {
            warnings: createPeriodWarningsRepository(database.db),
            coverage: (township) => coverage(areas, createCoverageRepository(database.db), township, clock())
          }),
          admins
        )
      )
      await api.register(
        reportRoutes(
          new ReportsService(
            createReportsRepository(database.db),
            createListsRepository(database.db),
            clock,
            wakeSenders,
            (ids) => warnings.fromConfirmedReports(ids).catch((err: unknown) => app.log.error({ err }, 'opening warnings for confirmed reports failed')),
            // Its own instance: finding a reported message's parts is not a resident's check (not counted).
            new MessageCheckService(lists)
          ),
          admins,
          config.reportRateLimitPerHour,
          config.reportScreenshotMaxBytes
        )
      )
    },
    { prefix: '/api/v1' }
  )

  if (options.serveH5) {
    await registerAdminConsole(app, config.adminDir)
    await registerH5(app, config.h5Dir)
  }
  app.addHook('onReady', async () => {
    scheduler.start()
    workers?.start()
  })
  return app
}
