/**
 * npm run bench:warnings — the city platform's feed at volume, on PostgreSQL.
 *
 * 100,000 feed lines (BENCH_LINES) POSTed to the API in calls of 10,000, half of them for registered residents (a
 * quarter of all lines for residents with WeChat and a warning credit, a quarter for residents without WeChat), the
 * rest for unregistered numbers; 30 % high risk. The API server, the worker(s) (`qiandai worker`, BENCH_WORKERS) and
 * the WeChat stand-in run in their own processes; the SMS gateway is a sink in this process. Prints:
 *   - lines/s ingested and matched (every line answered, from the first call to the last answer),
 *   - the time from the last answer until every level-1 message is recorded (sent or failed, none pending) and
 *     until every due call task exists (high risk: written with the warning),
 *   - duplicates (a warning with two sent level-1 messages) and losses (a warning with none): both must be 0.
 * Targets: ≥ 5,000 lines/s and level 1 complete within 30 s of the last line.
 */
import type { ChildProcess } from 'node:child_process'
import { createServer } from 'node:http'
import path from 'node:path'
import { sql } from 'kysely'
import { openDatabase, migrateToLatest } from '../src/db/database.ts'
import { createAreasRepository } from '../src/areas/repository.ts'
import { defaultAreas } from '../src/areas/service.ts'
import { FieldCipher, parseDataKey } from '../src/lib/field-cipher.ts'
import { createFeedKeys } from '../src/warnings/feed-keys-repository.ts'
import { seedAudience } from '../test/push-fixtures.ts'
import { ROOT, spawnLogged, spawnWorker, startStandIn, throwawayDatabase, waitForOutput, verdict } from './processes.ts'

const LINES = Number(process.env.BENCH_LINES ?? 100_000)
const WORKERS = Number(process.env.BENCH_WORKERS ?? 1)
const PER_CALL = 10_000
const WECHAT = { WECHAT_APPID: 'wx-bench', WECHAT_SECRET: 'bench-secret', WECHAT_TEMPLATE_IDS: 'tmpl-bulletin,tmpl-report,tmpl-warning' }
const DATA_KEY = 'e7b3c9a1f5d2e8b4c6a0f3d9e1b7c5a2f8d4e0b6c3a9f1d7e5b2c8a4f0d6e3b1'
const FEED_KEY = 'qdf_bench-city-platform'
const TOWNSHIP = '610923100'

// Prefixes handed out to mobiles (a line with another would be rejected, as it should be).
const PREFIXES = ['138', '139', '135', '136', '137', '150', '151', '152', '158', '159', '182', '183', '187', '188', '199']
const phoneOf = (i: number) => `${PREFIXES[i % PREFIXES.length]}${String(100_000_000 + Math.floor(i / PREFIXES.length)).slice(-8)}`

/** An SMS gateway that takes everything (what HttpSmsSender posts), counting per number. */
async function smsSink(): Promise<{ url: string; count(): number; close(): Promise<void> }> {
  let received = 0
  const server = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      received++
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}')
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as { port: number }
  return { url: `http://127.0.0.1:${port}/send`, count: () => received, close: () => new Promise<void>((r) => server.close(() => r())) }
}

async function main(): Promise<void> {
  const { url, drop } = await throwawayDatabase('qiandai_bench_warnings')
  process.stdout.write(
    `bench:warnings — ${LINES.toLocaleString()} feed lines in calls of ${PER_CALL.toLocaleString()}, PostgreSQL, ${WORKERS} worker process(es)\n`
  )
  const { url: standInUrl, child: standIn } = await startStandIn(WECHAT)
  const sms = await smsSink()
  const children: ChildProcess[] = []
  const database = await openDatabase({ databaseUrl: url, dataDir: '' })
  try {
    await migrateToLatest(database.db)
    await createAreasRepository(database.db).upsert(defaultAreas())
    await createFeedKeys(database.db).create('bench-city', 'city', FEED_KEY)

    // Registered residents: the first half of the lines' phones. Even ones have WeChat and a warning credit.
    let t = Date.now()
    const registered = Math.floor(LINES / 2)
    const cipher = new FieldCipher(parseDataKey(DATA_KEY))
    const members = Array.from({ length: registered }, (_, i) => ({ user: `warn-${i}`, credits: i % 2 === 0 ? 1 : 0, wechat: i % 2 === 0 }))
    const audience = await seedAudience(database.db, standInUrl, members, TOWNSHIP, 'tmpl-warning')
    for (let i = 0; i < registered; i += 10_000) {
      const slice = members.slice(i, i + 10_000).map((m, j) => ({ id: audience.get(m.user)!.residentId, phone: phoneOf(i + j) }))
      await sql`UPDATE residents r SET phone_enc = x.enc, phone_index = x.idx, phone_verified_at = now()
                FROM unnest(${slice.map((s) => s.id)}::bigint[], ${slice.map((s) => cipher.encrypt(s.phone))}::text[], ${slice.map((s) => cipher.blindIndex(s.phone))}::text[]) AS x(id, enc, idx)
                WHERE r.id = x.id`.execute(database.db)
    }
    process.stdout.write(
      `  seeded ${registered.toLocaleString()} registered residents (${Math.ceil(registered / 2).toLocaleString()} with WeChat and a credit) in ${((Date.now() - t) / 1000).toFixed(1)} s\n`
    )

    const env = {
      ...WECHAT,
      NODE_ENV: 'production',
      JWT_SECRET: 'f3a8c1e6b9d2f7a4c0e5b8d1f6a3c9e2',
      DATA_KEY,
      DATABASE_URL: url,
      WECHAT_API_BASE: standInUrl,
      SMS_GATEWAY_URL: sms.url,
      SMS_GATEWAY_TOKEN: 'bench',
      LOG_LEVEL: 'warn',
      DEMO_DATA: '0',
      PUSH_IDLE_MS: '50'
    }
    const port = 18_401
    const api = spawnLogged(['--import', 'tsx', path.join(ROOT, 'server', 'src', 'main.ts')], {
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUSH_WORKER: 'off',
      LOG_FORMAT: 'json'
    })
    children.push(api)
    await waitForOutput(api, /is running/, 'API server')
    const apiUrl = `http://127.0.0.1:${port}`
    for (let i = 0; i < WORKERS; i++) children.push(spawnWorker(env))
    await new Promise((r) => setTimeout(r, 1_500))

    const lines = Array.from({ length: LINES }, (_, i) =>
      JSON.stringify({
        ref: `bench-${i}`,
        phone: phoneOf(i),
        riskType: (['call', 'sms', 'app', 'site', 'transfer'] as const)[i % 5],
        riskLevel: i % 10 < 3 ? 'high' : 'medium',
        evidence: { kind: 'phone', value: `+852${String(20_000_000 + (i % 5_000))}` }
      })
    )
    let matched = 0
    let created = 0
    t = Date.now()
    for (let i = 0; i < LINES; i += PER_CALL) {
      const res = await fetch(`${apiUrl}/api/v1/feeds/warnings?brief=1`, {
        method: 'POST',
        headers: { authorization: `Bearer ${FEED_KEY}`, 'content-type': 'application/x-ndjson' },
        body: lines.slice(i, i + PER_CALL).join('\n')
      })
      if (!res.ok) throw new Error(`feed call answered ${res.status}: ${(await res.text()).slice(0, 300)}`)
      const body = (await res.json()) as { created: number; matched: number; rejected: number }
      if (body.rejected > 0) throw new Error(`${body.rejected} lines rejected`)
      created += body.created
      matched += body.matched
    }
    const ingestMs = Date.now() - t
    const lastLine = Date.now()

    // Level 1 complete: nothing pending or in flight, every warning with a recorded outcome.
    let level1Ms = -1
    for (;;) {
      const r = (await sql<{ open: number }>`SELECT count(*)::int AS open FROM warning_messages WHERE status IN ('pending', 'sending')`.execute(database.db))
        .rows[0]!
      if (r.open === 0) {
        const last = (await sql<{ at: Date }>`SELECT max(finished_at) AS at FROM warning_messages`.execute(database.db)).rows[0]!.at
        level1Ms = Math.max(0, last.getTime() - lastLine)
        break
      }
      if (Date.now() - lastLine > 600_000) throw new Error('level 1 did not finish in 10 minutes')
      await new Promise((r) => setTimeout(r, 250))
    }
    const tasks = (
      await sql<{ due: number; missing: number }>`
      SELECT count(*) FILTER (WHERE k.id IS NOT NULL)::int AS due, count(*) FILTER (WHERE k.id IS NULL)::int AS missing
      FROM warnings w LEFT JOIN warning_tasks k ON k.warning_id = w.id AND k.kind = 'call' WHERE w.risk_level = 'high'`.execute(database.db)
    ).rows[0]!
    const callTasksMs = (await sql<{ at: Date }>`SELECT max(created_at) AS at FROM warning_tasks`.execute(database.db)).rows[0]!.at.getTime() - lastLine
    const sends = (
      await sql<{ warnings: number; duplicates: number; losses: number; wechat: number; sms: number; failed: number }>`
      SELECT count(*)::int AS warnings,
             count(*) FILTER (WHERE s.sent > 1)::int AS duplicates,
             count(*) FILTER (WHERE s.sent = 0)::int AS losses,
             sum(s.wechat)::int AS wechat, sum(s.sms)::int AS sms, sum(s.failed)::int AS failed
      FROM (SELECT w.id,
                   count(m.id) FILTER (WHERE m.status = 'sent') AS sent,
                   count(m.id) FILTER (WHERE m.status = 'sent' AND m.channel = 'wechat') AS wechat,
                   count(m.id) FILTER (WHERE m.status = 'sent' AND m.channel = 'sms') AS sms,
                   count(m.id) FILTER (WHERE m.status <> 'sent') AS failed
            FROM warnings w LEFT JOIN warning_messages m ON m.warning_id = w.id GROUP BY w.id) s`.execute(database.db)
    ).rows[0]!

    const rate = LINES / (ingestMs / 1000)
    process.stdout.write(
      `  ingested ${created.toLocaleString()} warnings (${matched.toLocaleString()} matched to registered residents) in ${(ingestMs / 1000).toFixed(2)} s\n`
    )
    process.stdout.write(
      `  level 1: ${sends.wechat.toLocaleString()} subscribe messages, ${sends.sms.toLocaleString()} SMS (the sink took ${sms.count().toLocaleString()}), ${sends.failed.toLocaleString()} message rows not sent (WeChat without a credit → SMS)\n`
    )
    process.stdout.write(
      `  duplicates ${sends.duplicates}, losses ${sends.losses}; high-risk call tasks ${tasks.due.toLocaleString()} present, ${tasks.missing} missing\n`
    )
    process.stdout.write(`\nlines/s: ${Math.round(rate).toLocaleString()} ingested and matched (target ≥ 5,000)\n`)
    process.stdout.write(
      `level 1 complete ${(level1Ms / 1000).toFixed(1)} s after the last line (target ≤ 30 s); every due call task existed ${(Math.max(0, callTasksMs) / 1000).toFixed(1)} s after it\n`
    )
    const ok = rate >= 5_000 && level1Ms <= 30_000 && sends.duplicates === 0 && sends.losses === 0 && tasks.missing === 0 && created === LINES
    verdict(ok)
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill('SIGTERM')
    standIn.kill('SIGTERM')
    await sms.close()
    await database.close()
    await drop()
  }
}

await main()
