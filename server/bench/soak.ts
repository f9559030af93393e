/**
 * npm run soak — two API processes and two `qiandai worker` processes on one PostgreSQL under mixed load.
 *
 * For SOAK_SECONDS (default 600): checks (anonymous and signed in), reports, reads of bulletins and of my reports,
 * spread over both API processes by 24 concurrent clients. Meanwhile:
 *   - every 60 s (a sixth of the run if shorter) a blocklist entry is added through one API process; both must answer it as blocklisted within 1 s
 *     (the change feed: NOTIFY → each process's in-memory index),
 *   - a bulletin is published (both workers share its fan-out), a 20,000-line blocklist import runs,
 *   - PostgreSQL is restarted (SOAK_PG_RESTART, default `pg_ctlcluster <version> main restart`; empty to skip):
 *     requests that need the database fail fast with 503 meanwhile, and the pools and LISTEN connections must come
 *     back by themselves — no process is restarted — then a second bulletin is published.
 * Prints requests and errors (5xx or network failures outside the restart), the restart's failures and how fast they
 * failed, the propagation times, deliveries (each subscribed resident exactly one message per bulletin), process
 * RSS at start and end, and PASS or FAIL.
 *
 * It restarts the PostgreSQL server it uses: do not run it beside other work on that server.
 */
import { execSync, type ChildProcess } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { SignJWT } from 'jose'
import { sql, type Kysely } from 'kysely'
import type { DB } from '../src/db/schema.ts'
import { Agent, request } from 'undici'
import { openDatabase, migrateToLatest } from '../src/db/database.ts'
import { createAreasRepository } from '../src/areas/repository.ts'
import { defaultAreas } from '../src/areas/service.ts'
import { seedDemoData } from '../src/seed/demo.ts'
import { AdminService } from '../src/admin/service.ts'
import { createAdminRepository } from '../src/admin/repository.ts'
import { bulletinInput, drained, duplicatesAndLosses, seedAudience } from '../test/push-fixtures.ts'
import { spawnLogged, spawnWorker, startStandIn, throwawayDatabase, waitForOutput } from './processes.ts'

const SECONDS = Number(process.env.SOAK_SECONDS ?? 600)
const CLIENTS = Number(process.env.SOAK_CLIENTS ?? 24)
const AUDIENCE = Number(process.env.SOAK_RESIDENTS ?? 2_000)
const PROPAGATION_LIMIT_MS = 1_000
/** Both API processes must answer from the database again this soon after the restart began. */
const RECOVERY_LIMIT_MS = 60_000
const DRAIN_LIMIT_MS = 300_000
const STOP_LIMIT_MS = 15_000
/** Large enough that its COPY is still running when the restart lands. */
const INTERRUPTED_IMPORT = Number(process.env.SOAK_IMPORT_LINES ?? 200_000)
const WECHAT = { WECHAT_APPID: 'wx-soak', WECHAT_SECRET: 'soak-secret', WECHAT_TEMPLATE_IDS: 'tmpl-bulletin,tmpl-report' }
const SECRET = 'soak-secret-soak-secret-soak-secret!'
const TOWNSHIP = '610923100'

function defaultRestart(): string {
  try {
    const version = readdirSync('/etc/postgresql').sort().pop()
    return version ? `pg_ctlcluster --skip-systemctl-redirect ${version} main restart` : ''
  } catch {
    return ''
  }
}
const RESTART = process.env.SOAK_PG_RESTART ?? defaultRestart()

interface Api {
  name: string
  url: string
  child: ChildProcess
  pid: number
}
interface Outcome {
  kind: string
  status: number
  ms: number
  at: number
  error?: string
}

/** Every child process, so the watchdog can stop them. */
const running: ChildProcess[] = []
const agent = new Agent({ connections: CLIENTS * 2, keepAliveTimeout: 10_000 })
async function call(
  api: Api,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  options: { token?: string; body?: unknown; raw?: string; type?: string } = {}
): Promise<{ status: number; json: () => unknown; ms: number; error?: string }> {
  const started = performance.now()
  try {
    const headers: Record<string, string> = {}
    if (options.token) headers.authorization = `Bearer ${options.token}`
    if (options.body !== undefined) headers['content-type'] = 'application/json'
    if (options.raw !== undefined) headers['content-type'] = options.type ?? 'text/csv'
    const res = await request(`${api.url}${url}`, {
      method,
      headers,
      dispatcher: agent,
      headersTimeout: 15_000,
      bodyTimeout: 60_000,
      body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body))
    })
    const text = await res.body.text()
    return { status: res.statusCode, ms: performance.now() - started, json: () => JSON.parse(text) }
  } catch (err) {
    return { status: 0, ms: performance.now() - started, json: () => null, error: (err as Error).message }
  }
}

const rssMb = (pid: number): number => {
  try {
    return Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024)
  } catch {
    return NaN
  }
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]
const randomMobile = () => `1${pick(['38', '39', '58', '77', '86'])}${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
const percentile = (xs: number[], p: number) => (xs.length === 0 ? 0 : [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))])

/** Polls `check` every `everyMs` until it holds (true) or `limitMs` passes (false): no wait in the soak is unbounded. */
async function until(check: () => Promise<boolean>, limitMs: number, everyMs = 50): Promise<boolean> {
  const end = Date.now() + limitMs
  for (;;) {
    if (await check().catch(() => false)) return true
    if (Date.now() > end) return false
    await new Promise((r) => setTimeout(r, everyMs))
  }
}

/** Queries running on the soak's database right now (COPYs and the rest) and the bulletin's deliveries in 'sending'. */
async function activity(database: { db: Kysely<DB> }, bulletinId: string | null): Promise<{ copy: number; other: number; sending: number }> {
  const { rows } = await sql<{ copy: number; other: number; sending: number }>`
    SELECT count(*) FILTER (WHERE ltrim(query) ~* '^COPY')::int AS copy, count(*) FILTER (WHERE ltrim(query) !~* '^COPY')::int AS other,
           (SELECT count(*)::int FROM deliveries WHERE bulletin_id = ${bulletinId ?? '0'}::bigint AND status = 'sending') AS sending
    FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()`.execute(database.db)
  return rows[0]
}

async function main(): Promise<void> {
  const { name, url, drop } = await throwawayDatabase('qiandai_soak')
  process.stdout.write(`soak — ${SECONDS} s, 2 API + 2 worker processes on PostgreSQL (${name}), ${CLIENTS} clients; restart: ${RESTART || 'skipped'}\n`)

  const { url: standInUrl, child: standIn } = await startStandIn(WECHAT)
  const children = running
  children.push(standIn)
  const database = await openDatabase({ databaseUrl: url, dataDir: '', poolSize: 2 })
  let ok = false
  try {
    await migrateToLatest(database.db)
    await createAreasRepository(database.db).upsert(defaultAreas())
    const demo = await seedDemoData(database.db)
    const audience = await seedAudience(
      database.db,
      standInUrl,
      Array.from({ length: AUDIENCE }, (_, i) => ({ user: `soak-${i}`, credits: 2 })),
      TOWNSHIP
    )
    const residentIds = [...audience.values()].map((a) => a.residentId)
    await new AdminService(createAdminRepository(database.db), new TextEncoder().encode(SECRET)).create({
      username: 'soak',
      password: 'long enough password',
      role: 'admin'
    })
    const blocked = (await database.db.selectFrom('blocklist_entries').select('value').where('kind', '=', 'phone').limit(500).execute()).map((r) => r.value)
    process.stdout.write(`  seeded: ${demo.blocked} blocklisted numbers, ${AUDIENCE.toLocaleString()} subscribed residents\n`)

    const env = {
      ...WECHAT,
      NODE_ENV: 'production',
      JWT_SECRET: SECRET,
      DATA_KEY: 'e7b3c9a1f5d2e8b4c6a0f3d9e1b7c5a2f8d4e0b6c3a9f1d7e5b2c8a4f0d6e3b1',
      DATABASE_URL: url,
      WECHAT_API_BASE: standInUrl,
      PUSH_WORKER: 'off',
      DEMO_DATA: '0',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      HOST: '127.0.0.1',
      CHECK_RATE_LIMIT_MAX: '10000000',
      API_RATE_LIMIT_MAX: '10000000',
      REPORT_RATE_LIMIT_PER_HOUR: '10000000',
      PUSH_IDLE_MS: '200'
    }
    const apis: Api[] = []
    for (const [i, port] of [
      [0, 18_301],
      [1, 18_302]
    ] as const) {
      const child = spawnLogged(['--import', 'tsx', 'server/src/main.ts'], { ...env, PORT: String(port) })
      children.push(child)
      await waitForOutput(child, /is running/, `API ${i + 1}`)
      apis.push({ name: `API ${i + 1}`, url: `http://127.0.0.1:${port}/api/v1`, child, pid: child.pid as number })
    }
    const workers: ChildProcess[] = []
    for (let i = 0; i < 2; i++) {
      const child = spawnWorker(env)
      children.push(child)
      workers.push(child)
    }
    const exits: string[] = []
    for (const [i, child] of [...apis.map((a) => a.child), ...workers].entries())
      child.on('exit', (code, signal) => exits.push(`process ${i} (pid ${child.pid}) exited: ${code ?? signal}`))
    await new Promise((r) => setTimeout(r, 1_500))
    const pids = [...apis.map((a) => a.pid), ...workers.map((w) => w.pid as number)]
    const rssStart = pids.map(rssMb)

    const adminToken = (
      (await call(apis[0], 'POST', '/admin/login', { body: { username: 'soak', password: 'long enough password' } })).json() as { accessToken: string }
    ).accessToken
    const residentTokens = await Promise.all(
      residentIds
        .slice(0, 200)
        .map((id) =>
          new SignJWT({})
            .setProtectedHeader({ alg: 'HS256' })
            .setSubject(id)
            .setAudience('resident')
            .setIssuedAt()
            .setExpirationTime('2h')
            .sign(new TextEncoder().encode(SECRET))
        )
    )

    // ---- load --------------------------------------------------------------------------------------------------
    const outcomes: Outcome[] = []
    const started = Date.now()
    const deadline = started + SECONDS * 1000
    let restartWindow: [number, number] | null = null
    const actions: Array<[number, string, (api: Api) => Promise<{ status: number; ms: number; error?: string }>]> = [
      [50, 'check phone', (api) => call(api, 'GET', `/check/phone?number=${encodeURIComponent(Math.random() < 0.5 ? pick(blocked) : randomMobile())}`)],
      [10, 'check phone signed in', (api) => call(api, 'GET', `/check/phone?number=${randomMobile()}`, { token: pick(residentTokens) })],
      [8, 'check url', (api) => call(api, 'GET', `/check/url?url=${encodeURIComponent(`https://shop-${Math.floor(Math.random() * 1e6)}.example/`)}`)],
      [6, 'check account', (api) => call(api, 'GET', `/check/account?number=${encodeURIComponent(`wxid_${Math.floor(Math.random() * 1e9)}`)}`)],
      [8, 'report', (api) => call(api, 'POST', '/reports', { token: pick(residentTokens), body: { kind: 'phone', value: randomMobile(), channel: '电话' } })],
      [9, 'bulletins', (api) => call(api, 'GET', '/bulletins')],
      [9, 'my reports', (api) => call(api, 'GET', '/me/reports', { token: pick(residentTokens) })]
    ]
    const weights = actions.reduce((s, [w]) => s + w, 0)
    const client = async (n: number) => {
      for (let i = n; Date.now() < deadline; i++) {
        let r = Math.random() * weights
        const action = actions.find(([w]) => (r -= w) < 0) ?? actions[0]
        const res = await action[2](apis[i % 2])
        outcomes.push({ kind: action[1], status: res.status, ms: res.ms, at: Date.now(), error: res.error })
      }
    }
    const load = Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n)))

    // ---- events ------------------------------------------------------------------------------------------------
    const propagation: Array<{ at: string; ms: number[] }> = []
    /** Adds a number through one process and times until every process answers it as blocklisted. */
    const probe = async (label: string, via: Api): Promise<void> => {
      const number = `170${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
      const put = await call(via, 'PUT', '/admin/blocklist', {
        token: adminToken,
        body: { kind: 'phone', value: number, category: '刷单返利', note: 'soak probe' }
      })
      if (put.status !== 200) {
        propagation.push({ at: label, ms: [Infinity] })
        return
      }
      const t0 = performance.now()
      const ms = await Promise.all(
        apis.map(async (api) => {
          for (;;) {
            const res = await call(api, 'GET', `/check/phone?number=${number}`)
            if (res.status === 200 && (res.json() as { verdict: string }).verdict === 'dangerous') return Math.round(performance.now() - t0)
            if (performance.now() - t0 > 15_000) return Infinity
            await new Promise((r) => setTimeout(r, 10))
          }
        })
      )
      propagation.push({ at: label, ms })
    }
    const at = (fraction: number) => new Promise((r) => setTimeout(r, Math.max(0, started + fraction * SECONDS * 1000 - Date.now())))
    const publish = async (via: Api, title: string): Promise<string> => {
      const created = await call(via, 'POST', '/admin/bulletins', { token: adminToken, body: { ...bulletinInput({ audience: [TOWNSHIP] }), title } })
      const id = (created.json() as { id: string }).id
      const res = await call(via, 'POST', `/admin/bulletins/${id}/publish`, { token: adminToken })
      if (res.status !== 200) throw new Error(`publish through ${via.name}: ${res.status}`)
      return id
    }
    const events: string[] = []
    const note = (text: string) => {
      events.push(`${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s  ${text}`)
      process.stdout.write(`  ${events[events.length - 1]}\n`)
    }
    const every = Math.min(60_000, (SECONDS * 1000) / 6)
    let restartPending = false
    let probing: Promise<void> = Promise.resolve()
    const probes = (async () => {
      for (let k = 1; Date.now() + every < deadline; k++) {
        await new Promise((r) => setTimeout(r, every))
        if (restartPending && !(restartWindow && restartWindow[1] > 0)) continue
        probing = probe(`every minute #${k}`, apis[k % 2])
        await probing
        note(`blocklist change through ${apis[k % 2].name}: visible in both after ${propagation[propagation.length - 1].ms.join(' / ')} ms`)
      }
    })()

    let bulletins = 0
    await at(0.2)
    await publish(apis[0], '警惕刷单返利诈骗（压力测试一）')
    bulletins++
    note('bulletin 1 published through API 1')
    await at(0.35)
    const importLines = (prefix: string, n: number) =>
      [
        'kind,value,category,source,note',
        ...Array.from({ length: n }, (_, i) => `phone,${prefix}${String(i).padStart(8, '0')},虚假投资理财,city,soak import`)
      ].join('\n')
    const imported = await call(apis[1], 'POST', '/admin/blocklist/import', { token: adminToken, raw: importLines('171', 20_000) })
    note(
      `blocklist import of 20,000 lines through API 2: ${imported.status} in ${Math.round(imported.ms)} ms ${imported.status === 200 ? JSON.stringify(imported.json()) : ''}`
    )
    let restartRecovery = { downMs: 0, backMs: 0, landed: '', recovered: true, reimport: 0, reimported: 0, interruptedStatus: 0 }
    if (RESTART) {
      await at(0.5)
      restartPending = true
      // The restart lands on purpose while a COPY import, a bulletin's fan-out (worker claims and sends) and the
      // load's queries are in flight. The COPY is held open: a row of the import's second batch, inserted by the soak
      // in a transaction it does not end, makes that batch's COPY wait on the unique key (as a concurrent writer would).
      const sample = (await sql<{ value: string }>`SELECT value FROM blocklist_entries WHERE kind = 'phone' AND value LIKE '%17100000000'`.execute(database.db))
        .rows[0]?.value
      const holder = await database.connect()
      await holder.query('BEGIN')
      await holder.query(`INSERT INTO blocklist_entries (kind, value, category, source) VALUES ('phone', $1, '虚假投资理财', 'city')`, [
        (sample ?? '17100000000').replace('17100000000', `172${String(INTERRUPTED_IMPORT - 1).padStart(8, '0')}`)
      ])
      const interrupted = call(apis[1], 'POST', '/admin/blocklist/import', { token: adminToken, raw: importLines('172', INTERRUPTED_IMPORT) })
      const copying = await until(async () => (await activity(database, null)).copy > 0, 60_000, 20)
      // Deliveries are 'sending' for the length of one chunk's calls: publish until the restart can land in one.
      let inFlight = { copy: 0, other: 0, sending: 0 }
      let together = false
      for (let attempt = 1; copying && !together && attempt <= 3; attempt++) {
        const id = await publish(apis[1], `警惕冒充客服诈骗（压力测试${attempt === 1 ? '二' : `二之${attempt}`}）`)
        bulletins++
        note(`bulletin ${bulletins} published through API 2 while the import's COPY waits`)
        together = await until(
          async () => {
            inFlight = await activity(database, id)
            return inFlight.copy > 0 && inFlight.sending > 0
          },
          15_000,
          1
        )
      }
      // No blocklist probe spans the restart (its propagation would time the outage, not the change feed).
      await probing
      const t0 = Date.now()
      restartWindow = [t0, 0]
      restartRecovery.landed = `COPY ${inFlight.copy}, deliveries sending ${inFlight.sending}, other active queries ${inFlight.other}${together ? '' : ' (NOT all in flight)'}`
      note(`restarting PostgreSQL with in flight: ${restartRecovery.landed} — ${RESTART}`)
      execSync(RESTART, { stdio: 'ignore' })
      holder.release(true)
      const down = Date.now() - t0
      // Back when a request that needs the database succeeds on both processes — within RECOVERY_LIMIT_MS, or FAIL.
      restartRecovery.recovered = await until(
        async () => {
          const answers = await Promise.all(apis.map((api) => call(api, 'GET', '/me/reports', { token: residentTokens[0] })))
          return answers.every((a) => a.status === 200)
        },
        RECOVERY_LIMIT_MS,
        100
      )
      restartWindow[1] = Date.now()
      restartRecovery = { ...restartRecovery, downMs: down, backMs: restartWindow[1] - t0 }
      note(
        restartRecovery.recovered
          ? `PostgreSQL restarted in ${down} ms; both API processes answer from the database again ${restartRecovery.backMs} ms after the restart began`
          : `PostgreSQL restarted in ${down} ms; the API processes did NOT answer from the database within ${RECOVERY_LIMIT_MS} ms`
      )
      const cut = await interrupted
      restartRecovery.interruptedStatus = cut.status
      note(`the interrupted import answered ${cut.status}${cut.status ? '' : ` (${cut.error})`} in ${Math.round(cut.ms)} ms`)
      if (restartRecovery.recovered) {
        // What it stored is kept; importing the same file again completes it without duplicates.
        const again = await call(apis[0], 'POST', '/admin/blocklist/import', { token: adminToken, raw: importLines('172', INTERRUPTED_IMPORT) })
        restartRecovery.reimport = again.status
        const summary = (again.status === 200 ? again.json() : {}) as { added?: number; unchanged?: number }
        restartRecovery.reimported = (summary.added ?? 0) + (summary.unchanged ?? 0)
        note(
          `the same import again: ${again.status}; ${(summary.unchanged ?? 0).toLocaleString()} lines kept from the interrupted one, ${(summary.added ?? 0).toLocaleString()} added — ${restartRecovery.reimported.toLocaleString()} of ${INTERRUPTED_IMPORT.toLocaleString()}`
        )
        // LISTEN reconnects on its own (1 s, 2 s, … apart): give it its first retries, then a change must arrive in a second.
        await new Promise((r) => setTimeout(r, 5_000))
        await probe('after the restart', apis[1])
        note(`blocklist change after the restart: visible in both after ${propagation[propagation.length - 1].ms.join(' / ')} ms`)
      }
    }
    if (!RESTART) {
      await at(0.7)
      await publish(apis[1], '警惕冒充客服诈骗（压力测试二）')
      bulletins++
      note('bulletin 2 published through API 2')
    }
    await load
    await probes
    await drained(database.db, DRAIN_LIMIT_MS, 500).catch((err: Error) => note(`deliveries not drained: ${err.message}`))

    // ---- results -----------------------------------------------------------------------------------------------
    const inRestart = (o: Outcome) => restartWindow !== null && o.at >= restartWindow[0] && o.at <= restartWindow[1] + 1_000
    const failed = (o: Outcome) => o.status === 0 || o.status >= 500 || o.status === 429
    const errors = outcomes.filter((o) => failed(o) && !inRestart(o))
    const duringRestart = outcomes.filter(inRestart)
    const restartFailures = duringRestart.filter(failed)
    const unexpected = outcomes.filter((o) => o.status >= 400 && o.status < 500 && o.status !== 429)
    const { duplicates, losses } = await duplicatesAndLosses(standInUrl, audience, bulletins)
    const rssEnd = pids.map(rssMb)
    const exitedDuringRun = [...exits]
    // Every process stops on SIGTERM within STOP_LIMIT_MS (finishing and recording what it has in flight).
    const stopped = await Promise.all(
      [...apis.map((a) => a.child), ...workers].map(async (child, i) => {
        if (child.exitCode !== null || child.signalCode !== null) return null
        const exited = new Promise<boolean>((r) => child.once('exit', () => r(true)))
        child.kill('SIGTERM')
        const inTime = await Promise.race([exited, new Promise<boolean>((r) => setTimeout(() => r(false), STOP_LIMIT_MS))])
        return inTime ? null : `process ${i} (pid ${child.pid}) still running ${STOP_LIMIT_MS / 1000} s after SIGTERM`
      })
    )
    const stuck = stopped.filter((x): x is string => x !== null)
    const byKind = new Map<string, number[]>()
    for (const o of outcomes) {
      const xs = byKind.get(o.kind) ?? []
      xs.push(o.ms)
      byKind.set(o.kind, xs)
    }
    const seconds = (Date.now() - started) / 1000
    process.stdout.write(
      `\nrequests: ${outcomes.length.toLocaleString()} in ${seconds.toFixed(0)} s (${Math.round(outcomes.length / seconds).toLocaleString()}/s)\n`
    )
    for (const [kind, xs] of byKind)
      process.stdout.write(
        `  ${kind.padEnd(22)} ${String(xs.length).padStart(8)}  p50 ${percentile(xs, 0.5).toFixed(1)} ms  p99 ${percentile(xs, 0.99).toFixed(1)} ms\n`
      )
    process.stdout.write(
      `errors (5xx, 429 or no answer) outside the restart: ${errors.length}${errors.length ? ` — first: ${JSON.stringify(errors.slice(0, 3))}` : ''}\n`
    )
    process.stdout.write(`unexpected 4xx: ${unexpected.length}${unexpected.length ? ` — first: ${JSON.stringify(unexpected.slice(0, 3))}` : ''}\n`)
    if (RESTART) {
      const statuses = [...new Set(restartFailures.map((o) => o.status))].join(', ')
      process.stdout.write(`the restart landed with in flight: ${restartRecovery.landed}\n`)
      process.stdout.write(
        `during the restart: ${duringRestart.length} requests, ${restartFailures.length} failed (${statuses || '—'}), slowest failure ${Math.round(Math.max(0, ...restartFailures.map((o) => o.ms)))} ms, slowest answer ${Math.round(Math.max(0, ...duringRestart.map((o) => o.ms)))} ms; back after ${restartRecovery.backMs} ms\n`
      )
    }
    const worst = propagation.length === 0 ? Infinity : Math.max(...propagation.flatMap((p) => p.ms))
    process.stdout.write(
      `blocklist change visible in both API processes: ${propagation.map((p) => Math.max(...p.ms)).join(', ')} ms (worst ${worst} ms, limit ${PROPAGATION_LIMIT_MS})\n`
    )
    process.stdout.write(`deliveries: ${AUDIENCE.toLocaleString()} residents × ${bulletins} bulletins — duplicates ${duplicates}, losses ${losses}\n`)
    process.stdout.write(`processes restarted or exited: ${exitedDuringRun.length}${exitedDuringRun.length ? ` — ${exitedDuringRun.join('; ')}` : ''}\n`)
    process.stdout.write(`stopped on SIGTERM within ${STOP_LIMIT_MS / 1000} s: ${stuck.length === 0 ? 'all' : stuck.join('; ')}\n`)
    process.stdout.write(`RSS MB (API 1, API 2, worker 1, worker 2): start ${rssStart.join(', ')} → end ${rssEnd.join(', ')}\n`)
    const restartFailedSlowly = restartFailures.some((o) => o.ms > 6_000)
    const restartHeld =
      !RESTART ||
      (restartRecovery.recovered &&
        restartRecovery.interruptedStatus === 503 &&
        !restartRecovery.landed.includes('NOT') &&
        restartRecovery.reimport === 200 &&
        restartRecovery.reimported === INTERRUPTED_IMPORT)
    ok =
      errors.length === 0 &&
      unexpected.length === 0 &&
      worst <= PROPAGATION_LIMIT_MS &&
      duplicates === 0 &&
      losses === 0 &&
      exitedDuringRun.length === 0 &&
      stuck.length === 0 &&
      !restartFailedSlowly &&
      imported.status === 200 &&
      restartHeld
    process.stdout.write(ok ? 'PASS\n' : 'FAIL\n')
  } finally {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    await database.close()
    await agent.close()
    await drop()
  }
  process.exitCode = ok ? 0 : 1
}

// Whatever happens (a process gone, a server that never comes back), the soak ends with a verdict in bounded time.
const WATCHDOG_MS = SECONDS * 1000 + RECOVERY_LIMIT_MS + DRAIN_LIMIT_MS + 180_000
const watchdog = setTimeout(() => {
  process.stdout.write(`FAIL — no verdict ${Math.round(WATCHDOG_MS / 1000)} s after the start: the soak was stuck\n`)
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL')
  process.exit(1)
}, WATCHDOG_MS)
await main()
clearTimeout(watchdog)
