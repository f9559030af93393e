import { createReadStream, createWriteStream, existsSync, readFileSync, statSync, type WriteStream } from 'node:fs'
import type { Writable } from 'node:stream'
import { Command, InvalidArgumentError } from 'commander'
import { SingleBar, Presets } from 'cli-progress'
import { loadConfig, ConfigError } from '../config.ts'
import { openDatabase, migrateToLatest, DataDirInUseError, type Database } from '../db/database.ts'
import { createListsRepository } from '../lists/repository.ts'
import { importIntoDatabase } from '../lists/import.ts'
import { exportBlocklist } from '../lists/export.ts'
import { FEED_FORMATS, type FeedFormat } from '../lists/feed.ts'

/**
 * Operators' command line: `npx qiandai <command>`. Uses the same configuration as the server. Modules only one
 * command needs are imported by that command: start-up time counts in bulk imports (bench:import).
 */
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

/** Exit codes a script can rely on (docs/operations.md "The operator CLI"). */
export const EXIT = { failed: 1, usage: 2, linesRejected: 3 } as const

const { version } = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }
const program = new Command()
program.name('qiandai').description('守好钱袋子 operator tools').version(version, '-V, --version').showHelpAfterError()

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
    if (loadConfig().env === 'production') {
      // Demo lists mark real-format mobiles as fraud numbers: real people hold such numbers.
      process.stderr.write('refused: demo data is never loaded when NODE_ENV=production\n')
      process.exitCode = EXIT.usage
      return
    }
    const { seedDemoData } = await import('../seed/demo.ts')
    const summary = await withDatabase((d) => seedDemoData(d.db))
    process.stdout.write(
      `demo data: ${summary.blocked} blocklisted, ${summary.verified} verified, ${summary.reported} reported numbers, ${summary.areas} areas\n`
    )
  })

program
  .command('backup')
  .argument('<file>', 'where to write the backup (replaced only when the new one is complete)')
  .description('back up the database: the embedded store (stop the server first) or, with DATABASE_URL, PostgreSQL via pg_dump')
  .action(async (file: string) => {
    const { backupEmbedded, backupPostgres } = await import('../db/backup.ts')
    const config = loadConfig()
    if (config.databaseUrl) {
      await backupPostgres(config.databaseUrl, file)
      process.stdout.write(`backed up PostgreSQL to ${file} (pg_dump custom format)\n`)
      return
    }
    const { bytes } = await backupEmbedded(config.dataDir, file)
    process.stdout.write(
      `backed up the embedded database in ${config.dataDir} to ${file} (${(bytes / 1e6).toFixed(1)} MB); media files are in ${config.media.dir}\n`
    )
  })

program
  .command('restore')
  .argument('<file>', 'a file written by "qiandai backup"')
  .description(
    'replace the database with a backup: the embedded store (stop the server first; the data it replaces is kept beside it) or, with DATABASE_URL, PostgreSQL via pg_restore --clean'
  )
  .action(async (file: string) => {
    const { restoreEmbedded, restorePostgres } = await import('../db/backup.ts')
    const config = loadConfig()
    if (config.databaseUrl) {
      await restorePostgres(config.databaseUrl, file)
      process.stdout.write(`restored PostgreSQL from ${file}\n`)
      return
    }
    const { previous, migrations } = await restoreEmbedded(config.dataDir, file)
    process.stdout.write(
      `restored the embedded database in ${config.dataDir} from ${file} (${migrations} migrations recorded)${previous ? `; the data it replaced is in ${previous}` : ''}\n`
    )
  })

const blocklist = program.command('blocklist').description('import or export the shared blocklist')

function formatOf(file: string, given?: string): FeedFormat {
  const format = given ?? (/\.(jsonl|ndjson)$/i.test(file) ? 'jsonl' : 'csv')
  if (!FEED_FORMATS.includes(format as FeedFormat)) throw new InvalidArgumentError(`format must be one of ${FEED_FORMATS.join(', ')}`)
  return format as FeedFormat
}

blocklist
  .command('import')
  .argument('<file>', 'CSV (kind,value,category,source,note,expires_at; header optional) or JSON lines (.jsonl)')
  .option('-f, --format <format>', 'csv or jsonl (default: from the file name)')
  .option('--rejects <file>', 'write every rejected line (line,reason) to this CSV file')
  .option('--no-progress', 'do not draw a progress bar')
  .description('add or update entries; bad lines are reported by number and skipped; re-running changes nothing')
  .action(async (file: string, opts: { format?: string; rejects?: string; progress: boolean }) => {
    if (!existsSync(file) || !statSync(file).isFile()) {
      process.stderr.write(`找不到文件 / file not found: ${file}\n`)
      process.exitCode = EXIT.usage
      return
    }
    const format = formatOf(file, opts.format)
    const total = statSync(file).size
    const input = createReadStream(file)
    const rejects = opts.rejects ? createWriteStream(opts.rejects) : null
    rejects?.write('line,reason\n')
    const bar =
      opts.progress && process.stderr.isTTY
        ? new SingleBar({ format: '{bar} {percentage}% | {value}/{total} MB | {eta_formatted}' }, Presets.shades_classic)
        : null
    bar?.start(Math.ceil(total / 1e6), 0)
    const summary = await withDatabase((database) =>
      importIntoDatabase(database, input, {
        format,
        onProgress: () => bar?.update(Math.floor(input.bytesRead / 1e6)),
        onReject: (r) => rejects?.write(`${r.line},"${r.reason.replace(/"/g, '""')}"\n`)
      })
    ).finally(() => bar?.stop())
    if (rejects) await new Promise<void>((resolve) => rejects.end(resolve))
    const shown = rejects ? [] : summary.rejections.slice(0, 100)
    for (const r of shown) process.stderr.write(`line ${r.line}: ${r.reason}\n`)
    if (summary.rejected > shown.length && !rejects)
      process.stderr.write(`… and ${summary.rejected - shown.length} more rejected lines (use --rejects FILE for all)\n`)
    process.stdout.write(`added ${summary.added}, updated ${summary.updated}, unchanged ${summary.unchanged}, rejected ${summary.rejected}\n`)
    // The good lines are stored either way; a script still learns that some were not.
    if (summary.rejected > 0) process.exitCode = EXIT.linesRejected
  })

blocklist
  .command('export')
  .option('-o, --out <file>', 'write to a file instead of standard output')
  .option('-f, --format <format>', 'csv or jsonl (default: from the file name, else csv)')
  .description('write the blocklist (every entry not removed) in an import format')
  .action(async (opts: { out?: string; format?: string }) => {
    const format = formatOf(opts.out ?? '', opts.format)
    const out = opts.out ? createWriteStream(opts.out) : process.stdout
    const n = await withDatabase((d) => exportBlocklist(createListsRepository(d.db), out, format))
    if (opts.out) await new Promise<void>((resolve, reject) => (out as WriteStream).end((err?: Error | null) => (err ? reject(err) : resolve())))
    process.stderr.write(`exported ${n} entries\n`)
  })

const areas = program.command('areas').description("import or export the county's townships and villages (with 16–60 population)")

areas
  .command('import')
  .argument('<file>', 'CSV with columns code,name,parent_code,population_16_60 (header optional; townships before villages)')
  .description('add or update areas; if any row is wrong nothing is written')
  .action(async (file: string) => {
    const { importAreasCsv } = await import('../areas/csv.ts')
    const { createAreasRepository } = await import('../areas/repository.ts')
    const summary = await withDatabase((d) => importAreasCsv(file, createAreasRepository(d.db)))
    for (const r of summary.rejections) process.stderr.write(`line ${r.line}: ${r.reason}\n`)
    if (summary.rejections.length > 0) {
      process.stderr.write(`nothing imported: ${summary.rejections.length} rejected rows\n`)
      process.exitCode = 1
      return
    }
    process.stdout.write(`added ${summary.added}, updated ${summary.updated}, unchanged ${summary.unchanged}\n`)
  })

addExportCommand(areas, 'write the area list as CSV', 'areas', async (d, out) => {
  const { exportAreasCsv } = await import('../areas/csv.ts')
  const { createAreasRepository } = await import('../areas/repository.ts')
  return exportAreasCsv(createAreasRepository(d.db), out)
})

const feedKey = program.command('feed-key').description('keys for POST /api/v1/feeds/warnings (the city platform, a bank)')

function sourceOf(value: string): 'city' | 'bank' {
  if (value !== 'city' && value !== 'bank') throw new InvalidArgumentError('source must be city or bank')
  return value
}

feedKey
  .command('create')
  .argument('<name>', 'who the key is for, e.g. city-platform')
  .option('-s, --source <source>', 'city or bank: the source its warnings are recorded under', sourceOf, 'city' as const)
  .description('create a key; it is printed once (only its hash is stored)')
  .action(async (name: string, opts: { source: 'city' | 'bank' }) => {
    const { createFeedKeys } = await import('../warnings/feed-keys-repository.ts')
    if (!/^[a-z0-9_.-]{2,40}$/.test(name)) {
      process.stderr.write('name: 2–40 characters of a–z, 0–9, "_", "." or "-"\n')
      process.exitCode = EXIT.usage
      return
    }
    const key = await withDatabase((d) => createFeedKeys(d.db).create(name, opts.source))
    if (key === 'exists') {
      process.stderr.write(`a key named ${name} exists (revoke it and create one under another name)\n`)
      process.exitCode = EXIT.usage
      return
    }
    process.stdout.write(`${key}\n`)
    process.stderr.write(`feed key ${name} (${opts.source}) created; give it to the sender now: it is not shown again\n`)
  })

feedKey
  .command('list')
  .description('list keys (name, source, prefix, last use; never the key)')
  .action(async () => {
    const { createFeedKeys } = await import('../warnings/feed-keys-repository.ts')
    for (const k of await withDatabase((d) => createFeedKeys(d.db).list())) {
      process.stdout.write(`${k.name}\t${k.source}\t${k.prefix}…\tlast used ${k.lastUsedAt?.toISOString() ?? 'never'}${k.revokedAt ? '\trevoked' : ''}\n`)
    }
  })

feedKey
  .command('revoke')
  .argument('<name>')
  .description('stop a key at once')
  .action(async (name: string) => {
    const { createFeedKeys } = await import('../warnings/feed-keys-repository.ts')
    if (!(await withDatabase((d) => createFeedKeys(d.db).revoke(name)))) {
      process.stderr.write(`no live key named ${name}\n`)
      process.exitCode = EXIT.failed
      return
    }
    process.stdout.write(`revoked ${name}\n`)
  })

const warnings = program.command('warnings').description('the warning chain (预警劝阻)')

warnings
  .command('import')
  .argument('<file>', 'JSON lines, one warning each (the feed format: ref, phone, riskType, riskLevel, evidence, receivedAt, townshipCode)')
  .option('-s, --source <source>', 'city or bank', sourceOf, 'city' as const)
  .description('add warnings from a file handed over; bad lines are reported by number; a ref seen before is a duplicate')
  .action(async (file: string, opts: { source: 'city' | 'bank' }) => {
    if (!existsSync(file) || !statSync(file).isFile()) {
      process.stderr.write(`找不到文件 / file not found: ${file}\n`)
      process.exitCode = EXIT.usage
      return
    }
    const { parseJsonLines } = await import('../warnings/routes.ts')
    const { warningServiceFor } = await import('../warnings/wiring.ts')
    const { FEED_MAX_LINES } = await import('../warnings/intake.ts')
    const lines = parseJsonLines(readFileSync(file, 'utf8'))
    const totals = { created: 0, duplicates: 0, rejected: 0, matched: 0 }
    await withDatabase(async (d) => {
      const service = warningServiceFor(d, loadConfig())
      for (let i = 0; i < lines.length; i += FEED_MAX_LINES) {
        const result = await service.intake.ingest(opts.source, lines.slice(i, i + FEED_MAX_LINES))
        for (const l of result.lines) if (l.status === 'rejected') process.stderr.write(`line ${l.line}: ${l.code} ${l.message ?? ''}\n`)
        totals.created += result.created
        totals.duplicates += result.duplicates
        totals.rejected += result.rejected
        totals.matched += result.matched
      }
    })
    process.stdout.write(
      `created ${totals.created} (${totals.matched} matched to registered residents), duplicates ${totals.duplicates}, rejected ${totals.rejected}\n`
    )
    if (totals.rejected > 0) process.exitCode = EXIT.linesRejected
  })

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
  .requiredOption('-r, --role <role>', 'admin | editor | reviewer | officer | operator')
  .option('-t, --township <code>', 'the township an officer is scoped to (required for officers)')
  .option('--name <name>', 'real name, as residents are told it when called (核验民警)')
  .option('--police-number <number>', '警号 (needed to claim warning calls and visits)')
  .option('--unit <unit>', 'e.g. 县公安局反诈中心')
  .description('create an account; the password (10+ characters) comes from QIANDAI_ADMIN_PASSWORD or standard input')
  .action(async (opts: { username: string; role: string; township?: string; name?: string; policeNumber?: string; unit?: string }) => {
    const { AdminInputError, AdminService } = await import('../admin/service.ts')
    const { createAdminRepository } = await import('../admin/repository.ts')
    const password = await readPassword()
    const config = loadConfig()
    try {
      await withDatabase((d) =>
        new AdminService(createAdminRepository(d.db), config.jwtSecret).create({
          username: opts.username,
          role: opts.role,
          password,
          townshipCode: opts.township,
          displayName: opts.name,
          policeNumber: opts.policeNumber,
          unit: opts.unit
        })
      )
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
    const { createAdminRepository } = await import('../admin/repository.ts')
    const rows = await withDatabase((d) => createAdminRepository(d.db).list())
    for (const r of rows) {
      process.stdout.write(`${r.username}\t${r.role}${r.township_code ? `\t${r.township_code}` : ''}${r.disabled_at ? '\tdisabled' : ''}\n`)
    }
  })

program
  .command('demo')
  .description('what a demo start (`npm start`) left behind')
  .command('remove')
  .description('disable demo staff accounts whose published password still works and revoke the demo feed key (production refuses to start until this is done)')
  .action(async () => {
    const { removeDemoLeftovers } = await import('../seed/demo-leftovers.ts')
    const done = await withDatabase((d) => removeDemoLeftovers(d.db))
    process.stdout.write(done.length > 0 ? done.map((line) => `${line}\n`).join('') : 'nothing to remove: no demo credentials work here\n')
  })

program
  .command('worker')
  .description(
    "send every message (bulletins, warnings, guardians' copies, report notices), run the warning timers and publish scheduled bulletins until SIGTERM; several may run on PostgreSQL"
  )
  .action(async () => {
    const { pino } = await import('pino')
    const { wechatClientFor } = await import('../wechat/client.ts')
    const { smsSenderFor } = await import('../sms/sender.ts')
    const { bulletinServiceFor } = await import('../bulletins/wiring.ts')
    const { ScheduledPublisher } = await import('../bulletins/scheduler.ts')
    const { warningServiceFor } = await import('../warnings/wiring.ts')
    const { workerSet } = await import('../workers.ts')
    const config = loadConfig()
    const log = pino({ level: config.logLevel })
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
    await migrateToLatest(database.db)
    // The same factories the server's core, warnings, bulletins and outbox plugins use (PUSH_WORKER=inline).
    const wechat = wechatClientFor(config)
    const sms = smsSenderFor(config, log)
    const workers = await workerSet(database, config, { wechat, sms, log, warnings: warningServiceFor(database, config) })
    const bulletins = bulletinServiceFor(database)
    const scheduler = new ScheduledPublisher(bulletins, log)
    workers.start()
    scheduler.start()
    process.stderr.write(`push worker ${workers.outbox.id} running (every message kind, warning timers, scheduled bulletins)\n`)
    await new Promise<void>((resolve) => {
      process.once('SIGTERM', resolve)
      process.once('SIGINT', resolve)
    })
    // Graceful: the chunks in flight are finished and recorded before the process ends — within the lease, or the
    // process ends anyway (what it held is recovered as any dead worker's: marked unknown, never resent).
    const deadline = setTimeout(() => {
      process.stderr.write(`push worker did not stop within ${config.push.leaseMs} ms; exiting\n`)
      process.exit(1)
    }, config.push.leaseMs)
    deadline.unref()
    await workers.stop()
    await scheduler.stop()
    await wechat.close()
    await sms?.close?.()
    await database.close()
    process.stderr.write('push worker stopped\n')
  })

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataDirInUseError) process.stderr.write(`${err.message}\n`)
  else process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
})
