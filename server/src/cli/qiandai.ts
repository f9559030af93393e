import { createWriteStream, type WriteStream } from 'node:fs'
import type { Writable } from 'node:stream'
import { Command } from 'commander'
import { SingleBar, Presets } from 'cli-progress'
import { loadConfig, ConfigError } from '../config.ts'
import { openDatabase, migrateToLatest, DataDirInUseError, type Database } from '../db/database.ts'
import { createListsRepository } from '../lists/repository.ts'
import { importBlocklistCsv } from '../lists/import.ts'
import { exportBlocklistCsv } from '../lists/export.ts'
import { seedDemoData } from '../seed/demo.ts'
import { createAreasRepository } from '../areas/repository.ts'
import { exportAreasCsv, importAreasCsv } from '../areas/csv.ts'
import { AdminInputError, AdminService } from '../admin/service.ts'
import { createAdminRepository } from '../admin/repository.ts'
import { pino } from 'pino'
import { WeChatClient } from '../wechat/client.ts'
import { PushWorker, pushSettings } from '../push/worker.ts'
import { createPushRepository } from '../push/repository.ts'
import { BulletinService } from '../bulletins/service.ts'
import { createBulletinRepository, PUSH_CHANNEL } from '../bulletins/repository.ts'
import { createResidentsRepository } from '../residents/repository.ts'

/** Operators' command line: `npx qiandai <command>`. Uses the same configuration as the server. */
async function withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  const config = loadConfig()
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  try {
    await migrateToLatest(database.db)
    return await fn(database)
  } finally {
    await database.close()
  }
}

/**
 * `<parent> export [-o FILE]`: runs `write` into a file (closed and flushed before the count is printed) or
 * standard output, and reports how many `noun` it wrote on standard error.
 */
function addExportCommand(parent: Command, description: string, noun: string, write: (database: Database, out: Writable) => Promise<number>): void {
  parent
    .command('export')
    .option('-o, --out <file>', 'write to a file instead of standard output')
    .description(description)
    .action(async (opts: { out?: string }) => {
      const out = opts.out ? createWriteStream(opts.out) : process.stdout
      const n = await withDatabase((d) => write(d, out))
      if (opts.out) await new Promise<void>((resolve, reject) => (out as WriteStream).end((err?: Error | null) => (err ? reject(err) : resolve())))
      process.stderr.write(`exported ${n} ${noun}\n`)
    })
}

const program = new Command()
program.name('qiandai').description('守好钱袋子 operator tools').showHelpAfterError()

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(async () => {
    const config = loadConfig()
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
    try {
      const result = await migrateToLatest(database.db)
      const applied = result.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? []
      process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n')
    } finally {
      await database.close()
    }
  })

program
  .command('seed')
  .description('load the demo data (blocklist, verified numbers, report tallies); safe to re-run')
  .action(async () => {
    const summary = await withDatabase((d) => seedDemoData(d.db))
    process.stdout.write(`demo data: ${summary.blocked} blocklisted, ${summary.verified} verified, ${summary.reported} reported numbers, ${summary.areas} areas\n`)
  })

const blocklist = program.command('blocklist').description('import or export the shared blocklist')

blocklist
  .command('import')
  .argument('<file>', 'CSV file with columns kind,value,category,source,note (header optional)')
  .option('--no-progress', 'do not draw a progress bar')
  .description('add or update entries from a CSV file; bad rows are reported by line and skipped')
  .action(async (file: string, opts: { progress: boolean }) => {
    const summary = await withDatabase(async (database) => {
      const repo = createListsRepository(database.db)
      const protectedKeys = new Set((await repo.verifiedNumbers()).map((v) => v.value))
      const bar = opts.progress && process.stderr.isTTY ? new SingleBar({ format: '{bar} {percentage}% | {value}/{total} bytes' }, Presets.shades_classic) : null
      let started = false
      const result = await importBlocklistCsv(file, repo, {
        protectedKeys,
        onProgress: (done, total) => {
          if (!bar) return
          if (!started) {
            bar.start(total, 0)
            started = true
          }
          bar.update(done)
        }
      })
      bar?.stop()
      return result
    })
    for (const r of summary.rejections.slice(0, 100)) process.stderr.write(`line ${r.line}: ${r.reason}\n`)
    if (summary.rejections.length > 100) process.stderr.write(`… and ${summary.rejections.length - 100} more rejected rows\n`)
    process.stdout.write(`added ${summary.added}, updated ${summary.updated}, unchanged ${summary.unchanged}, rejected ${summary.rejected}\n`)
  })

addExportCommand(blocklist, 'write the active blocklist as CSV', 'entries', (d, out) => exportBlocklistCsv(createListsRepository(d.db), out))

const areas = program.command('areas').description('import or export the county\'s townships and villages (with 16–60 population)')

areas
  .command('import')
  .argument('<file>', 'CSV with columns code,name,parent_code,population_16_60 (header optional; townships before villages)')
  .description('add or update areas; if any row is wrong nothing is written')
  .action(async (file: string) => {
    const summary = await withDatabase((d) => importAreasCsv(file, createAreasRepository(d.db)))
    for (const r of summary.rejections) process.stderr.write(`line ${r.line}: ${r.reason}\n`)
    if (summary.rejections.length > 0) {
      process.stderr.write(`nothing imported: ${summary.rejections.length} rejected rows\n`)
      process.exitCode = 1
      return
    }
    process.stdout.write(`added ${summary.added}, updated ${summary.updated}, unchanged ${summary.unchanged}\n`)
  })

addExportCommand(areas, 'write the area list as CSV', 'areas', (d, out) => exportAreasCsv(createAreasRepository(d.db), out))

/** The password from QIANDAI_ADMIN_PASSWORD or standard input (first line), never from the command line. */
async function readPassword(): Promise<string> {
  if (process.env.QIANDAI_ADMIN_PASSWORD) return process.env.QIANDAI_ADMIN_PASSWORD
  if (process.stdin.isTTY) process.stderr.write('password (input is shown; prefer piping it in): ')
  let text = ''
  for await (const chunk of process.stdin) {
    text += String(chunk)
    if (text.includes('\n')) break
  }
  return text.split(/\r?\n/)[0]
}

const admin = program.command('admin').description('admin API accounts (roles: admin, editor, reviewer, officer)')

admin
  .command('create')
  .requiredOption('-u, --username <name>', '3–32 characters: a–z, 0–9, "_", "." or "-"')
  .requiredOption('-r, --role <role>', 'admin | editor | reviewer | officer')
  .option('-t, --township <code>', 'the township an officer is scoped to (required for officers)')
  .description('create an account; the password (10+ characters) comes from QIANDAI_ADMIN_PASSWORD or standard input')
  .action(async (opts: { username: string; role: string; township?: string }) => {
    const password = await readPassword()
    const config = loadConfig()
    try {
      await withDatabase((d) => new AdminService(createAdminRepository(d.db), config.jwtSecret).create({ ...opts, password, townshipCode: opts.township }))
    } catch (err) {
      if (!(err instanceof AdminInputError)) throw err
      process.stderr.write(`${err.message}\n`)
      process.exitCode = 2
      return
    }
    process.stdout.write(`created ${opts.role} ${opts.username.trim().toLowerCase()}\n`)
  })

admin
  .command('list')
  .description('list accounts (no passwords)')
  .action(async () => {
    const rows = await withDatabase((d) => createAdminRepository(d.db).list())
    for (const r of rows) {
      process.stdout.write(`${r.username}\t${r.role}${r.township_code ? `\t${r.township_code}` : ''}${r.disabled_at ? '\tdisabled' : ''}\n`)
    }
  })

program
  .command('worker')
  .description('send bulletin deliveries (and publish scheduled bulletins) until SIGTERM; several may run on PostgreSQL')
  .action(async () => {
    const config = loadConfig()
    const log = pino({ level: config.logLevel })
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
    await migrateToLatest(database.db)
    const wechat = new WeChatClient({ baseUrl: config.wechat.apiBase ?? 'https://api.weixin.qq.com', appId: config.wechat.appId, appSecret: config.wechat.appSecret })
    const bulletins = new BulletinService(createBulletinRepository(database.db), createAreasRepository(database.db), createResidentsRepository(database.db))
    const worker = new PushWorker(createPushRepository(database.db), wechat, pushSettings(config), log, { publishDue: () => bulletins.publishDue() })
    const unlisten = await database.listen(PUSH_CHANNEL, () => worker.wake())
    worker.start()
    process.stderr.write(`push worker ${worker.id} running\n`)
    await new Promise<void>((resolve) => {
      process.once('SIGTERM', resolve)
      process.once('SIGINT', resolve)
    })
    // Graceful: the chunks in flight are finished and recorded before the process ends.
    await worker.stop()
    await wechat.close()
    await unlisten()
    await database.close()
    process.stderr.write('push worker stopped\n')
  })

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataDirInUseError) process.stderr.write(`${err.message}\n`)
  else process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
})
