// `npm test`: app (jest), server (node:test, PGlite + PostgreSQL when DATABASE_URL is set) and e2e
// (Chromium against `npm start`), one after another; prints each suite's output and one total at the end.
import { spawn } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { createConnection } from 'node:net'
import path from 'node:path'

// Without DATABASE_URL the server suites would quietly run on PGlite alone. Every machine of this project has a
// PostgreSQL at 127.0.0.1:5432 (trust auth): use it when it answers, and say so either way.
const LOCAL_PG = 'postgres://postgres@127.0.0.1:5432/postgres'
const answers = (port, host) =>
  new Promise((resolve) => {
    const socket = createConnection({ port, host, timeout: 1_000 }, () => {
      socket.end()
      resolve(true)
    })
    socket.on('error', () => resolve(false))
    socket.on('timeout', () => {
      socket.destroy()
      resolve(false)
    })
  })
let postgresNote = ''
if (!process.env.DATABASE_URL) {
  if (await answers(5432, '127.0.0.1')) {
    process.env.DATABASE_URL = LOCAL_PG
    postgresNote = `server tests on PGlite and on the local PostgreSQL (${LOCAL_PG}; set DATABASE_URL to choose another)`
  } else {
    postgresNote =
      'PostgreSQL LEFT OUT: no DATABASE_URL and nothing answers at 127.0.0.1:5432 — the server suites ran on PGlite only; the PostgreSQL suites are counted as skipped'
  }
}

// Node 20's test runner takes no globs: list the test files ourselves.
const testFiles = (dir) =>
  readdirSync(dir, { recursive: true })
    .filter((f) => String(f).endsWith('.test.ts'))
    .map((f) => path.join(dir, String(f)))
    .sort()

const suites = [
  // --silent: the components' expected console errors stay out of a passing run (failures still print in full).
  { name: 'app', cmd: 'npx', args: ['jest', '--config', 'jest.config.js', '--ci', '--silent'], parse: parseJest },
  { name: 'server', cmd: 'node', args: ['--import', 'tsx', '--test', '--test-concurrency=1', ...testFiles('server/test')], parse: parseNodeTest },
  { name: 'e2e', cmd: 'node', args: ['--import', 'tsx', '--test', '--test-concurrency=1', ...testFiles('e2e')], parse: parseNodeTest },
  // `npm run fuzz` only (not part of `npm test`, which runs the same property with a modest count and a fixed seed).
  {
    name: 'fuzz',
    onlyWhenAsked: true,
    cmd: 'node',
    args: ['--import', 'tsx', '--test', '--test-reporter=spec', 'server/test/fuzz.test.ts'],
    parse: parseNodeTest,
    env: { FUZZ_RUNS: process.env.FUZZ_RUNS ?? '1000', FUZZ_RANDOM_SEED: process.env.FUZZ_SEED ? '' : '1', FUZZ_REPORT: '1' }
  }
]
const only = process.argv.slice(2)

function parseJest(out) {
  const m = /Tests:\s+(?:(\d+) failed, )?(?:(\d+) skipped, )?(?:(\d+) passed, )?(\d+) total/.exec(out)
  return m ? { passed: Number(m[3] ?? 0), failed: Number(m[1] ?? 0), skipped: Number(m[2] ?? 0) } : null
}
function parseNodeTest(out) {
  const n = (k) => Number(new RegExp(`^(?:# |ℹ )${k} (\\d+)`, 'm').exec(out)?.[1] ?? NaN)
  const passed = n('pass')
  // node:test counts skipped tests but not skipped suites (a suite on PostgreSQL without DATABASE_URL): count those too.
  const skippedSuites = (out.match(/^\s*ok \d+ - [^\n]*# SKIP[^\n]*\n\s+---\n\s+duration_ms: [^\n]*\n\s+type: 'suite'/gm) ?? []).length
  return Number.isNaN(passed) ? null : { passed, failed: n('fail') + (n('cancelled') || 0), skipped: (n('skipped') || 0) + skippedSuites }
}

function run({ cmd, args, env }) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } })
    let out = ''
    child.stdout.on('data', (d) => {
      out += d
      process.stdout.write(d)
    })
    child.stderr.on('data', (d) => {
      out += d
      process.stderr.write(d)
    })
    child.on('close', (code) => resolve({ code: code ?? 1, out }))
  })
}

let passed = 0
let failed = 0
let skipped = 0
let broken = false
for (const suite of suites.filter((s) => (only.length === 0 && !s.onlyWhenAsked) || only.includes(s.name))) {
  console.log(`\n=== ${suite.name} tests ===`)
  const { code, out } = await run(suite)
  const counts = suite.parse(out)
  if (!counts) {
    console.log(`${suite.name}: could not read the test counts (exit ${code})`)
    broken = true
    continue
  }
  passed += counts.passed
  failed += counts.failed
  skipped += counts.skipped
  if (code !== 0 && counts.failed === 0) broken = true
  console.log(`=== ${suite.name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (exit ${code}) ===`)
}
if (postgresNote) console.log(`\n${postgresNote}`)
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed > 0 || broken ? 1 : 0)
