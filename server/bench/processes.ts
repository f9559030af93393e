// Child processes the benchmarks and the soak run: the WeChat stand-in, API servers and push workers, each in its
// own process as in production.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'

export const ROOT = path.resolve(import.meta.dirname, '..', '..')

export function spawnLogged(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
}

/** Resolves with the first match of `pattern` in the child's standard output (rejects if it exits first). */
export function waitForOutput(child: ChildProcess, pattern: RegExp, what: string): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = ''
    const onData = (d: Buffer) => {
      out += d.toString()
      const m = pattern.exec(out)
      if (m) {
        child.stdout?.off('data', onData)
        resolve(m)
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()))
    child.once('exit', (code) => reject(new Error(`${what} exited with ${code}:\n${out.slice(-2000)}`)))
  })
}

/** The V8 heap flags an npm script runs node with (package.json), so benchmarks run each process as production does. */
function heapFlagsOf(script: string): string {
  return (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts[script] as string)
    .split(' ')
    .filter((a) => a.startsWith('--max-'))
    .join(' ')
}

// The API server runs with the flags `npm run serve` uses; BENCH_NODE_FLAGS overrides them.
const SERVER_NODE_FLAGS = heapFlagsOf('serve')

/**
 * `qiandai worker` as `npm run worker` runs it (a young generation sized for a fan-out's allocation rate);
 * WORKER_NODE_FLAGS overrides the flags.
 */
export function spawnWorker(env: Record<string, string>): ChildProcess {
  const flags = (process.env.WORKER_NODE_FLAGS ?? heapFlagsOf('worker')).split(' ').filter(Boolean)
  return spawnLogged([...flags, path.join(ROOT, 'server', 'bin', 'qiandai.mjs'), 'worker'], env)
}

/**
 * The API server in production mode on a random loopback port, no demo data, limits out of the way, WeChat pointed at
 * a closed port; `env` adds or overrides settings (the store). Resolves when it says it is running.
 */
export async function startApiServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const port = String(30_000 + Math.floor(Math.random() * 20_000))
  const child = spawn(
    process.execPath,
    [...(process.env.BENCH_NODE_FLAGS ?? SERVER_NODE_FLAGS).split(' ').filter(Boolean), '--import', 'tsx', path.join(ROOT, 'server/src/main.ts')],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        JWT_SECRET: randomBytes(24).toString('hex'),
        PORT: port,
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        DEMO_DATA: '0',
        WECHAT_API_BASE: 'http://127.0.0.1:9',
        WECHAT_APPID: 'wx-bench',
        WECHAT_SECRET: 'bench',
        DATA_KEY: randomBytes(32).toString('hex'),
        CHECK_RATE_LIMIT_MAX: '100000000',
        API_RATE_LIMIT_MAX: '100000000',
        H5_DIR: '/nonexistent',
        ...env
      },
      stdio: ['ignore', 'pipe', 'inherit']
    }
  )
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

/** The WeChat stand-in in its own process (stand-in-main.ts); resolves with its URL. */
export async function startStandIn(wechat: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const child = spawnLogged([...(process.env.STANDIN_NODE_FLAGS ?? '').split(' ').filter(Boolean), '--import', 'tsx', 'server/src/wechat/stand-in-main.ts'], {
    ...wechat,
    NODE_ENV: 'development',
    STANDIN_PORT: '0'
  })
  const [, url] = await waitForOutput(child, /stand-in listening on (\S+)/, 'stand-in')
  return { url, child }
}

/**
 * A fresh PostgreSQL database beside DATABASE_URL's (else the local server's) for one benchmark run; drop() removes
 * it, whoever is still connected.
 */
export async function throwawayDatabase(
  prefix: string,
  base = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres'
): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`
  const maintenance = new URL(base)
  maintenance.pathname = '/postgres'
  const run = async (statement: string) => {
    const c = new pg.Client({ connectionString: maintenance.toString() })
    await c.connect()
    try {
      await c.query(statement)
    } finally {
      await c.end()
    }
  }
  await run(`CREATE DATABASE ${name}`)
  const url = new URL(base)
  url.pathname = `/${name}`
  return { name, url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) }
}

/** The last line of a benchmark: PASS or FAIL, and the exit code a script can read. */
export function verdict(ok: boolean): void {
  process.stdout.write(ok ? 'PASS\n' : 'FAIL\n')
  process.exitCode = ok ? 0 : 1
}
