/**
 * npm run bench:lookup — the phone check against a 1,000,000-row blocklist.
 *
 * For each store (PGlite; PostgreSQL when DATABASE_URL is set or a server answers on 127.0.0.1:5432) it loads
 * 1M rows, starts the real server in a child process, warms it with one pass over 20,000 distinct inputs,
 * then runs autocannon (50 connections, loopback) in rounds, back to back on the same server:
 *   GET /api/v1/check/phone         the check (a mix of blocklist hits, misses, formats, foreign and service numbers)
 *   GET /api/v1/check/phone/sample  same inputs, validation, hooks and answer size, but no lookup (the baseline)
 *   GET /api/v1/health              a 15-byte answer: the framework's own ceiling, for context
 * Prints req/s, p50, p99, the median per-round ratio check/sample (and check/health), and the server's RSS.
 * Targets: ratio ≥ 0.85, p99 ≤ 10 ms, RSS ≤ 350 MB.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import autocannon from 'autocannon'
import pg from 'pg'
import { openDatabase, migrateToLatest } from '../src/db/database.ts'
import { createListsRepository, type BlockRow } from '../src/lists/repository.ts'
import { FRAUD_CATEGORIES } from '../src/seed/demo.ts'

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const CONNECTIONS = 50
const ROOT = path.resolve(import.meta.dirname, '..', '..')
// The server runs with the flags `npm run serve` uses (package.json).
const SERVER_NODE_FLAGS = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.serve as string)
  .split(' ').filter((a) => a.startsWith('--max-')).join(' ')

/** The i-th blocklisted number: 1M distinct mobiles across carriers' segments (deterministic). */
function blockedNumber(i: number): string {
  const segments = ['170', '171', '165', '167', '138', '139', '150', '186', '188', '199']
  return `+86${segments[i % segments.length]}${String(Math.floor(i / segments.length) * 97 % 100_000_000).padStart(8, '0')}`
}

async function loadRows(database: Awaited<ReturnType<typeof openDatabase>>): Promise<void> {
  const repo = createListsRepository(database.db)
  const started = Date.now()
  const batch = 10_000
  const seen = new Set<string>()
  for (let start = 0; start < ROWS; start += batch) {
    const rows: BlockRow[] = []
    for (let i = start; i < Math.min(ROWS, start + batch); i++) {
      const value = blockedNumber(i)
      if (seen.has(value)) continue
      seen.add(value)
      rows.push({ kind: 'phone', value, category: FRAUD_CATEGORIES[i % FRAUD_CATEGORIES.length], source: 'import', note: null })
    }
    await repo.upsertBlocklist(rows)
  }
  process.stdout.write(`  loaded ${seen.size.toLocaleString()} rows in ${((Date.now() - started) / 1000).toFixed(1)} s\n`)
}

/** Inputs as residents type them: blocklisted numbers in several formats, unknown numbers, foreign and service numbers. */
function checkPaths(count: number): string[] {
  const paths: string[] = []
  const fullWidth = (s: string) => s.replace(/[0-9+]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
  for (let i = 0; i < count; i++) {
    const hit = blockedNumber((i * 7919) % ROWS).slice(3)
    const miss = `13${(i % 10)}${String((i * 104729) % 100_000_000).padStart(8, '0')}`
    const variants = [
      hit,
      `${hit.slice(0, 3)} ${hit.slice(3, 7)} ${hit.slice(7)}`,
      `+86 ${hit}`,
      fullWidth(hit),
      miss,
      `${miss.slice(0, 3)}-${miss.slice(3, 7)}-${miss.slice(7)}`,
      `00852${String(90000000 + i).slice(0, 8)}`,
      i % 2 ? '+86 95588' : '0915-110'
    ]
    paths.push(`/api/v1/check/phone?number=${encodeURIComponent(variants[i % variants.length])}`)
  }
  return paths
}

interface Figures {
  rps: number
  p50: number
  p99: number
  non2xx: number
}

async function cannon(url: string, paths: string[], limit: { amount?: number } = {}): Promise<Figures> {
  // Both routes go through the same client code (a path picked per request), so client cost is equal.
  let next = 0
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    ...(limit.amount ? { amount: limit.amount } : { duration: SECONDS }),
    requests: [{ setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }) }]
  })
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx + result.errors }
}

function rssMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0)
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 }
}

function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)
  } catch {
    return []
  }
}

async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const port = String(30_000 + Math.floor(Math.random() * 20_000))
  const child = spawn(process.execPath, [...(process.env.BENCH_NODE_FLAGS ?? SERVER_NODE_FLAGS).split(' ').filter(Boolean), '--import', 'tsx', path.join(ROOT, 'server/src/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', JWT_SECRET: randomBytes(24).toString('hex'), PORT: port, HOST: '127.0.0.1',
      LOG_LEVEL: 'warn', DEMO_DATA: '0', WECHAT_API_BASE: 'http://127.0.0.1:9', WECHAT_APPID: 'wx-bench', WECHAT_SECRET: 'bench', DATA_KEY: randomBytes(32).toString('hex'), CHECK_RATE_LIMIT_MAX: '100000000', API_RATE_LIMIT_MAX: '100000000', H5_DIR: '/nonexistent', ...env },
    stdio: ['ignore', 'pipe', 'inherit']
  })
  await new Promise<void>((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString()
      if (out.includes('is running')) resolve()
    })
    child.on('exit', (code) => reject(new Error(`server exited ${code}`)))
  })
  return { child, url: `http://127.0.0.1:${port}` }
}

async function benchStore(store: 'pglite' | 'postgres', databaseUrl?: string): Promise<boolean> {
  process.stdout.write(`\n== ${store} ==\n`)
  const dataDir = mkdtempSync(path.join(tmpdir(), 'qiandai-bench-'))
  let cleanup = async (): Promise<void> => {}
  let env: Record<string, string> = { DATA_DIR: dataDir, DATABASE_URL: '' }
  if (store === 'postgres' && databaseUrl) {
    const name = `qiandai_bench_${randomBytes(3).toString('hex')}`
    const admin = new URL(databaseUrl)
    admin.pathname = '/postgres'
    const c = new pg.Client({ connectionString: admin.toString() })
    await c.connect()
    await c.query(`CREATE DATABASE ${name}`)
    await c.end()
    const url = new URL(databaseUrl)
    url.pathname = `/${name}`
    env = { DATA_DIR: dataDir, DATABASE_URL: url.toString() }
    cleanup = async () => {
      const d = new pg.Client({ connectionString: admin.toString() })
      await d.connect()
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await d.end()
    }
  }
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL || undefined, dataDir })
  await migrateToLatest(database.db)
  await loadRows(database)
  await database.close()

  const startedAt = Date.now()
  const { child, url } = await startServer(env)
  const atStart = rssMb(child.pid as number)
  process.stdout.write(`  server ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s (index loaded from the database), RSS ${atStart.rss.toFixed(0)} MB, peak so far ${atStart.peak.toFixed(0)} MB\n`)
  const paths = checkPaths(20_000)
  let ok = true
  try {
    // Warm-up: one pass over the whole mix (JIT, answer cache). Its figure is the cold cost: every input new.
    const cold = await cannon(url, paths, { amount: paths.length })
    process.stdout.write(`  first pass, ${paths.length.toLocaleString()} distinct inputs, all uncached: ${cold.rps.toFixed(0)} req/s, p99 ${cold.p99.toFixed(1)} ms\n`)
    const lookup: Figures[] = []
    const baseline: Figures[] = []
    const health: Figures[] = []
    // The like-for-like baseline is /check/phone/sample: same inputs, validation, hooks and answer size, no
    // lookup. /health (a 15-byte answer) is measured too, for the ceiling of the framework itself.
    const samplePaths = paths.map((p) => p.replace('/check/phone?', '/check/phone/sample?'))
    for (let round = 0; round < ROUNDS; round++) {
      baseline.push(await cannon(url, samplePaths))
      lookup.push(await cannon(url, paths))
      health.push(await cannon(url, paths.map(() => '/api/v1/health')))
    }
    const mean = (xs: Figures[], k: keyof Figures) => xs.reduce((s, x) => s + x[k], 0) / xs.length
    const max = (xs: Figures[], k: keyof Figures) => Math.max(...xs.map((x) => x[k]))
    const { rss, peak } = rssMb(child.pid as number)
    // The embedded store is its own process (PGlite behind pglite-socket), as PostgreSQL is; shown apart.
    const storePids = childPids(child.pid as number)
    // Each round runs the two routes back to back; the median of the per-round ratios resists the noise of a
    // shared 2-core machine better than a ratio of means.
    const ratios = lookup.map((l, i) => l.rps / baseline[i].rps).sort((a, b) => a - b)
    const ratio = ratios[Math.floor(ratios.length / 2)]
    const p99 = max(lookup, 'p99')
    const line = (name: string, xs: Figures[]) =>
      `  ${name.padEnd(36)} ${mean(xs, 'rps').toFixed(0).padStart(7)} req/s   p50 ${mean(xs, 'p50').toFixed(1)} ms   p99 ${max(xs, 'p99').toFixed(1)} ms   non-2xx ${mean(xs, 'non2xx').toFixed(0)}`
    process.stdout.write(`${line('GET /api/v1/health', health)}\n${line('GET /check/phone/sample (no lookup)', baseline)}\n${line('GET /api/v1/check/phone', lookup)}\n`)
    const healthRatios = lookup.map((l, i) => l.rps / health[i].rps).sort((a, b) => a - b)
    process.stdout.write(`  per-round ratios check/sample: ${ratios.map((r) => r.toFixed(2)).join(', ')};  check/health: ${healthRatios.map((r) => r.toFixed(2)).join(', ')}\n`)
    process.stdout.write(`  ratio check/no-lookup (median): ${ratio.toFixed(2)} (target ≥ 0.85)   check p99: ${p99.toFixed(1)} ms (target ≤ 10)   server RSS: ${rss.toFixed(0)} MB, peak ${peak.toFixed(0)} MB (target ≤ 350)\n`)
    for (const pid of storePids) {
      const store = rssMb(pid)
      process.stdout.write(`  embedded store process (pid ${pid}): RSS ${store.rss.toFixed(0)} MB, peak ${store.peak.toFixed(0)} MB (not the server's)\n`)
    }
    const verdict = [ratio >= 0.85 ? 'ratio ok' : 'ratio MISSED', p99 <= 10 ? 'p99 ok' : 'p99 MISSED', peak <= 350 ? 'RSS ok' : 'RSS MISSED']
    process.stdout.write(`  ${verdict.join(', ')}\n`)
    ok = ratio >= 0.85 && p99 <= 10 && peak <= 350
  } finally {
    child.kill('SIGTERM')
    await new Promise((r) => child.once('exit', r))
    rmSync(dataDir, { recursive: true, force: true })
    await cleanup()
  }
  return ok
}

async function postgresUrl(): Promise<string | undefined> {
  const url = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres'
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 })
  try {
    await c.connect()
    await c.end()
    return url
  } catch {
    return undefined
  }
}

process.stdout.write(`bench:lookup — ${ROWS.toLocaleString()} blocklist rows, ${CONNECTIONS} connections, ${ROUNDS}×${SECONDS} s per route, loopback, ${process.env.BENCH_STORES ?? 'pglite,postgres'}\n`)
const stores = (process.env.BENCH_STORES ?? 'pglite,postgres').split(',')
const results: boolean[] = []
if (stores.includes('pglite')) results.push(await benchStore('pglite'))
if (stores.includes('postgres')) {
  const url = await postgresUrl()
  if (url) results.push(await benchStore('postgres', url))
  else process.stdout.write('\n== postgres == skipped: no server at DATABASE_URL or 127.0.0.1:5432\n')
}
process.exit(results.every(Boolean) ? 0 : 1)
