/**
 * npm run bench:import — a 1,000,000-row blocklist CSV into PostgreSQL, the CLI against `psql \copy`, same run.
 *
 *   1. Generate the file (80 % mobile numbers as people type them, 10 % addresses, 10 % card numbers; a few
 *      notes with commas and quotes), once, in a temp folder.
 *   2. `qiandai blocklist import FILE` into a freshly migrated scratch database (process start included): every
 *      line parsed, validated and normalised, COPYed in batches and merged into blocklist_entries.
 *   3. `psql \copy` of the same file into a scratch table shaped like blocklist_entries (same columns,
 *      constraints and indexes, in the same database) — the database's own load speed for this data with
 *      no checking at all. Also into a bare table (no indexes) for reference.
 *   4. Steps 2 and 3 alternate for BENCH_ROUNDS rounds (default 3), each in a fresh database, and the medians are
 *      compared: the machine is noisy, and alternating puts each side in the same conditions.
 *   5. The CLI again on the same file: the idempotent re-run (everything unchanged).
 * Prints times and the ratio CLI speed ÷ \copy speed. Target: ≥ 0.5.
 * BENCH_ROWS changes the size; DATABASE_URL picks the server (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { execFile } from 'node:child_process'
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'

const run = promisify(execFile)
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000)
const ROOT = path.resolve(import.meta.dirname, '..', '..')
const ADMIN_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres'
const CATEGORIES = ['刷单返利', '虚假投资理财', '冒充客服', '冒充公检法', '虚假网络贷款', '虚假征信']
const SOURCES = ['city', 'centre', 'bank', 'import']

async function generate(file: string): Promise<void> {
  const out = createWriteStream(file)
  out.write('kind,value,category,source,note,expires_at\n')
  let chunk = ''
  for (let i = 0; i < ROWS; i++) {
    const category = CATEGORIES[i % CATEGORIES.length]
    const source = SOURCES[i % SOURCES.length]
    const r = i % 10
    let line: string
    if (r < 8) {
      // Unique mobiles across 13x–19x, some typed with +86.
      const n = String(130_000_000_00 + i * 7)
      line = `phone,${i % 5 === 0 ? '+86' + n : n},${category},${source},,`
    } else if (r === 8) {
      line = `url,https://pay-${i}.fraud-example.com/login,${category},${source},"下架域名, 第${i}号",2027-06-30`
    } else {
      line = `account,${String(6_222_000_000_000_000_000n + BigInt(i))},${category},bank,,`
    }
    chunk += line + '\n'
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain')
      chunk = ''
    }
  }
  out.end(chunk)
  await once(out, 'finish')
}

async function scratchDatabase(admin: pg.Client, name: string): Promise<string> {
  await admin.query(`DROP DATABASE IF EXISTS ${name}`)
  await admin.query(`CREATE DATABASE ${name}`)
  const url = new URL(ADMIN_URL)
  url.pathname = `/${name}`
  return url.toString()
}

async function timed<T>(fn: () => Promise<T>): Promise<{ seconds: number; result: T }> {
  const t0 = process.hrtime.bigint()
  const result = await fn()
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, result }
}

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'qiandai-bench-import-'))
  const file = path.join(dir, 'blocklist.csv')
  const admin = new pg.Client({ connectionString: ADMIN_URL })
  await admin.connect()
  const dbName = `qiandai_bench_import_${process.pid}`
  try {
    await generate(file)
    process.stdout.write(`file: ${ROWS.toLocaleString('en')} rows, ${(statSync(file).size / 1e6).toFixed(1)} MB; ${ROUNDS} rounds, each the CLI then \\copy\n`)
    const columns = '(kind, value, category, source, note, expires_at)'
    const cliTimes: number[] = []
    const copyTimes: number[] = []
    // Rounds alternate the two sides, so a noisy moment on this 2-core machine hits both; medians are compared.
    for (let round = 1; round <= ROUNDS; round++) {
      const url = await scratchDatabase(admin, dbName)
      const env = { ...process.env, DATABASE_URL: url, NODE_ENV: 'development' }
      const cli = (args: string[]) => run(process.execPath, [path.join(ROOT, 'server/bin/qiandai.mjs'), ...args], { env, cwd: ROOT, maxBuffer: 64 << 20 })
      const psql = (command: string) => run('psql', [url, '-v', 'ON_ERROR_STOP=1', '-q', '-c', command], { env })
      await cli(['migrate'])

      const imported = await timed(() => cli(['blocklist', 'import', file, '--no-progress']))
      await psql('CREATE TABLE bench_copy_like (LIKE blocklist_entries INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)')
      const like = await timed(() => psql(`\\copy bench_copy_like ${columns} FROM '${file}' WITH (FORMAT csv, HEADER true)`))
      cliTimes.push(imported.seconds)
      copyTimes.push(like.seconds)
      process.stdout.write(
        `round ${round}: CLI import ${imported.seconds.toFixed(2)} s (${imported.result.stdout.trim()}) · ` +
          `psql \\copy ${like.seconds.toFixed(2)} s → ${(like.seconds / imported.seconds).toFixed(2)}\n`
      )

      if (round === ROUNDS) {
        await psql('CREATE TABLE bench_copy_bare (kind text, value text, category text, source text, note text, expires_at timestamptz)')
        const bare = await timed(() => psql(`\\copy bench_copy_bare ${columns} FROM '${file}' WITH (FORMAT csv, HEADER true)`))
        process.stdout.write(`psql \\copy into a bare table (no indexes, reference only): ${bare.seconds.toFixed(2)} s\n`)
        const again = await timed(() => cli(['blocklist', 'import', file, '--no-progress']))
        process.stdout.write(`CLI re-run of the same file: ${again.seconds.toFixed(2)} s (${again.result.stdout.trim()})\n`)
        const stored = Number((await run('psql', [url, '-At', '-c', 'SELECT count(*) FROM blocklist_entries'], { env })).stdout.trim())
        process.stdout.write(`stored entries: ${stored.toLocaleString('en')}\n`)
        if (stored !== ROWS) throw new Error(`expected ${ROWS} entries, found ${stored}`)
      }
    }

    const cliMedian = median(cliTimes)
    const copyMedian = median(copyTimes)
    process.stdout.write(`CLI import:   ${cliMedian.toFixed(2)} s  (median of ${ROUNDS})\n`)
    process.stdout.write(
      `psql \\copy:   ${copyMedian.toFixed(2)} s  (median of ${ROUNDS}; into a table shaped like blocklist_entries: same constraints and indexes)\n`
    )
    process.stdout.write(`ratio (CLI speed ÷ \\copy speed, same table shape): ${(copyMedian / cliMedian).toFixed(2)}  (target ≥ 0.5)\n`)
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName}`).catch(() => {})
    await admin.end()
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
