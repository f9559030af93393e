import { loadConfig, ConfigError } from './config.ts'
import { buildApp } from './app.ts'
import { seedDemoData } from './seed/demo.ts'
import { createListsRepository } from './lists/repository.ts'

/** Runs the API (and the H5 app) on PORT. `npm start` wraps this with the H5 build check. */
async function main(): Promise<void> {
  const config = loadConfig()
  const app = await buildApp(config, { serveH5: true })
  if (config.demoData) {
    const repo = createListsRepository(app.database.db)
    if ((await repo.countBlocklist()) === 0) {
      const summary = await seedDemoData(app.database.db)
      await app.lists.requestRefresh('*')
      app.log.info(summary, 'demo data loaded')
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
  const store = app.database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`
  const url = `http://localhost:${config.port}/`
  process.stdout.write(`\n守好钱袋子 is running: ${url}\n  check page: ${url}#/pages/check/index\n  API docs:   ${url}docs\n  store:      ${store}\n\n`)
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`configuration error: ${err.message}\n`)
  } else {
    process.stderr.write(`failed to start: ${err instanceof Error ? err.stack : String(err)}\n`)
  }
  process.exit(1)
})
