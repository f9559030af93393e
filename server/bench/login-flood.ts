/**
 * npm run bench:login-flood — does a flood of staff sign-ins stall the console's files?
 *
 * scrypt (the password hash, ~32 MiB and 60–100 ms each) runs on libuv's thread pool, which also reads the files the
 * server sends. Before the bound, a flood of logins kept every pool thread hashing and /admin/ waited seconds (p90
 * 4.9 s, issue 25). Here the real server (production mode, its own process) is measured side by side in one run:
 *   1. quiet: GET /admin/ (the console's page) one after another for a few seconds — p50/p90/p99;
 *   2. flood: the same while autocannon sends POST /api/v1/admin/login with 64 connections (wrong passwords),
 *      with the bound (PASSWORD_HASHING_AT_ONCE=2, the default) and without it (=64, as before);
 * and prints the /admin/ p90 during each flood and its ratio to the quiet p90, plus how the logins were answered.
 * A cold start each time: a fresh server and data folder per variant, nothing warmed on its own inputs.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import { startApiServer } from './processes.ts'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8)

async function pageLatencies(url: string, seconds: number): Promise<number[]> {
  const out: number[] = []
  const until = Date.now() + seconds * 1000
  while (Date.now() < until) {
    const started = performance.now()
    const r = await fetch(`${url}/admin/`)
    await r.arrayBuffer()
    if (!r.ok) throw new Error(`/admin/ answered ${r.status}`)
    out.push(performance.now() - started)
  }
  return out
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]
const fmt = (ms: number) => (ms >= 100 ? `${Math.round(ms)} ms` : `${ms.toFixed(1)} ms`)

async function variant(label: string, hashingAtOnce: string): Promise<{ quiet: number; flood: number }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'qiandai-bench-login-'))
  const { child, url } = await startApiServer({
    DATA_DIR: dataDir,
    PUSH_WORKER: 'off',
    ADMIN_LOGIN_RATE_LIMIT_MAX: '100000000',
    PASSWORD_HASHING_AT_ONCE: hashingAtOnce,
    ADMIN_DIR: path.resolve(import.meta.dirname, '../../dist/admin')
  })
  try {
    const quiet = await pageLatencies(url, 3)
    const flood = autocannon({
      url: `${url}/api/v1/admin/login`,
      method: 'POST',
      connections: 64,
      duration: SECONDS + 2,
      timeout: 30,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'someone', password: 'a wrong password here' })
    })
    await new Promise((r) => setTimeout(r, 1000))
    const during = await pageLatencies(url, SECONDS)
    const result = await flood
    const statuses = Object.entries(result.statusCodeStats ?? {})
      .map(([code, s]) => `${code}×${(s as { count: number }).count}`)
      .join(', ')
    process.stdout.write(`\n  ${label}\n`)
    process.stdout.write(
      `    /admin/ quiet:        p50 ${fmt(percentile(quiet, 50))}, p90 ${fmt(percentile(quiet, 90))}, p99 ${fmt(percentile(quiet, 99))} (${quiet.length} requests)\n`
    )
    process.stdout.write(
      `    /admin/ during flood: p50 ${fmt(percentile(during, 50))}, p90 ${fmt(percentile(during, 90))}, p99 ${fmt(percentile(during, 99))} (${during.length} requests)\n`
    )
    process.stdout.write(`    logins: ${Math.round(result.requests.average)}/s answered (${statuses}; 401 = refused password, 503 = LOGIN_BUSY)\n`)
    return { quiet: percentile(quiet, 90), flood: percentile(during, 90) }
  } finally {
    child.kill('SIGTERM')
    await new Promise((resolve) => child.once('exit', resolve))
    rmSync(dataDir, { recursive: true, force: true })
  }
}

const bounded = await variant('bounded: PASSWORD_HASHING_AT_ONCE=2 (the default)', '2')
const unbounded = await variant('unbounded: PASSWORD_HASHING_AT_ONCE=64 (as before issue 25)', '64')
process.stdout.write(
  `\n/admin/ p90 during a login flood: bounded ${fmt(bounded.flood)} (${(bounded.flood / bounded.quiet).toFixed(1)}× quiet), unbounded ${fmt(unbounded.flood)} (${(unbounded.flood / unbounded.quiet).toFixed(1)}× quiet); bounded/unbounded ${(bounded.flood / unbounded.flood).toFixed(2)}\n`
)
