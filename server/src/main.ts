import { configuredTemplateIds, loadConfig, ConfigError } from './config.ts'
import { buildApp } from './app.ts'
import { prettyStream } from './logging.ts'
import { warmFastPath } from './values/phone.ts'
import { DEMO_ADMINS, seedDemoAccounts, seedDemoCheckCounts, seedDemoData } from './seed/demo.ts'
import { FieldCipher } from './lib/field-cipher.ts'
import { demoLeftovers, REMOVE_DEMO_COMMAND } from './seed/demo-leftovers.ts'
import { seedDemoBulletins } from './seed/bulletins.ts'
import { seedFraudTypes, seedLearning } from './seed/learning.ts'
import { createAdminRepository } from './admin/repository.ts'
import { createListsRepository } from './lists/repository.ts'
import { buildWeChatStandIn } from './wechat/stand-in.ts'
import { createAreasRepository } from './areas/repository.ts'
import { defaultAreas } from './areas/service.ts'
import type { FastifyInstance } from 'fastify'

/** Runs the API (and the H5 app) on PORT. `npm start` wraps this with the H5 build check. */
async function main(): Promise<void> {
  const config = loadConfig()
  // Outside production, WeChat's servers are played by the local stand-in (see docs/api.md "WeChat").
  let standIn: FastifyInstance | null = null
  if (!config.wechat.apiBase) {
    standIn = buildWeChatStandIn({
      appId: config.wechat.appId,
      appSecret: config.wechat.appSecret,
      templateIds: configuredTemplateIds(config.wechat.templates)
    })
    config.wechat.apiBase = await standIn.listen({ host: '127.0.0.1', port: 0 })
  }
  const app = await buildApp(config, { serveH5: true, ...(config.logFormat === 'pretty' ? { logStream: prettyStream(process.stdout) } : {}) })
  if (config.env === 'production') {
    const leftovers = await demoLeftovers(app.database.db)
    if (leftovers.length > 0) {
      app.log.error({ leftovers }, 'refusing to start: demo credentials still work')
      await app.close()
      await standIn?.close()
      throw new ConfigError(
        `refusing to start in production while the demo's published credentials still work: ${leftovers.join('; ')}. Remove them with: ${REMOVE_DEMO_COMMAND}`
      )
    }
  }
  if (standIn) app.addHook('onClose', async () => void (await standIn.close()))
  // The area list is county data, not demo data: load the shipped list once so registration works.
  const areas = createAreasRepository(app.database.db)
  if ((await areas.count()) === 0) await areas.upsert(defaultAreas())
  await seedFraudTypes(app.database.db)
  if (config.demoData) {
    const repo = createListsRepository(app.database.db)
    if ((await repo.countBlocklist()) === 0) {
      const summary = await seedDemoData(app.database.db)
      await app.lists.requestRefresh('*')
      app.log.info(summary, 'demo data loaded')
    }
    // Demo accounts (admins with published passwords) exist only outside production.
    if (config.env !== 'production' && (await createAdminRepository(app.database.db).list()).length === 0) {
      const accounts = await seedDemoAccounts(app.database.db, new FieldCipher(config.dataKey), config.jwtSecret)
      const bulletins = await seedDemoBulletins(app.database.db)
      const learning = await seedLearning(app.database.db, app.media)
      const checks = await seedDemoCheckCounts(app.database.db)
      app.log.info({ ...accounts, bulletins, ...learning, checks }, 'demo accounts, bulletins, tips, videos and check counts created')
    }
  }
  const shutdown = async (signal: string): Promise<void> => {
    app.log.info({ signal }, 'shutting down')
    await app.close()
    process.exit(0)
  }
  process.once('SIGINT', () => void shutdown('SIGINT'))
  process.once('SIGTERM', () => void shutdown('SIGTERM'))
  await app.listen({ host: config.host, port: config.port })
  void warmFastPath()
  const store = app.database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite (own process) in ${config.dataDir}`
  const url = `http://localhost:${config.port}/`
  const wechat = standIn ? `local stand-in at ${config.wechat.apiBase}` : (config.wechat.apiBase as string)
  const demoSignIn = config.demoData && config.env !== 'production' ? ` (demo sign-in ${DEMO_ADMINS[0].username} / ${DEMO_ADMINS[0].password})` : ''
  process.stdout.write(
    `\n守好钱袋子 is running: ${url}\n  check page: ${url}#/pages/check/index\n  console:    ${url}admin/${demoSignIn}\n  API docs:   ${url}docs\n  store:      ${store}\n  WeChat API: ${wechat}\n\n`
  )
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`configuration error: ${err.message}\n`)
  } else {
    process.stderr.write(`failed to start: ${err instanceof Error ? err.stack : String(err)}\n`)
  }
  process.exit(1)
})
