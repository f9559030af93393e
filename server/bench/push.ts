/**
 * npm run bench:push — one bulletin to 100,000 residents with send credits, on PostgreSQL.
 *
 * The WeChat stand-in runs in its own process (stand-in-main.ts), the push worker(s) in theirs (`qiandai worker`,
 * as in production). Measured in the same run:
 *   - the stand-in's own intake ceiling: autocannon POSTing valid subscribe/send requests straight at it
 *     (before and after the push; the mean is the ceiling),
 *   - the push: publish (one transaction writes 100,000 delivery rows), then workers claim, spend credits,
 *     send and record; deliveries/s = sent ÷ (last delivery − publish), time to last delivery,
 *   - duplicates (a resident with two messages) and losses (a resident with a credit and no message): both must be 0.
 * Prints deliveries/s and its ratio to the ceiling. Target: ≥ 5,000 deliveries/s.
 * BENCH_RESIDENTS, BENCH_WORKERS (processes, default 1), PUSH_LANES / PUSH_BATCH_SIZE adjust it.
 */
import type { ChildProcess } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import { openDatabase, migrateToLatest } from '../src/db/database.ts'
import { createAreasRepository } from '../src/areas/repository.ts'
import { defaultAreas } from '../src/areas/service.ts'
import { createBulletinRepository } from '../src/bulletins/repository.ts'
import { bulletinInput, drained, duplicatesAndLosses, seedAudience } from '../test/push-fixtures.ts'
import { ROOT, spawnLogged, startStandIn, throwawayDatabase, verdict } from './processes.ts'

const RESIDENTS = Number(process.env.BENCH_RESIDENTS ?? 100_000)
const WORKERS = Number(process.env.BENCH_WORKERS ?? 1)
// The production defaults (config.ts) unless overridden.
const LANES = process.env.PUSH_LANES ?? '2'
const BATCH = process.env.PUSH_BATCH_SIZE ?? '1000'
const CEILING_SECONDS = Number(process.env.BENCH_SECONDS ?? 8)
const WECHAT = { WECHAT_APPID: 'wx-bench', WECHAT_SECRET: 'bench-secret', WECHAT_TEMPLATE_IDS: 'tmpl-bulletin' }
const TOWNSHIP = '610923100'

/** The stand-in's intake: valid subscribe/send requests for a user with a standing permission, as fast as it takes them. */
async function ceiling(standInUrl: string, token: string, openid: string): Promise<number> {
  const body = JSON.stringify({
    touser: openid,
    template_id: 'tmpl-bulletin',
    page: 'packages/bulletins/pages/detail/index?id=1',
    data: { thing1: { value: '第1期 基准测试' }, thing2: { value: '基准测试' }, date3: { value: '2026-11-29' }, thing4: { value: '拿不准请拨打96110' } },
    miniprogram_state: 'formal',
    lang: 'zh_CN'
  })
  const result = await autocannon({
    url: `${standInUrl}/cgi-bin/message/subscribe/send?access_token=${token}`,
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
    connections: 64,
    duration: CEILING_SECONDS
  })
  return result.requests.average
}

/** CPU seconds (user + system) so far of the stand-in, the workers and every PostgreSQL process on this machine. */
function cpuSeconds(standIn: ChildProcess, workers: ChildProcess[]): { standIn: number; workers: number; postgres: number } {
  const ticks = (pid: number | undefined): number => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
      return Number(fields[11]) + Number(fields[12])
    } catch {
      return 0
    }
  }
  const postgres = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return readFileSync(`/proc/${d}/comm`, 'utf8').startsWith('postgres')
      } catch {
        return false
      }
    })
  const hz = 100
  return {
    standIn: ticks(standIn.pid) / hz,
    workers: workers.reduce((sum, w) => sum + ticks(w.pid), 0) / hz,
    postgres: postgres.reduce((sum, pid) => sum + ticks(Number(pid)), 0) / hz
  }
}

async function main(): Promise<void> {
  const { url, drop } = await throwawayDatabase('qiandai_bench_push')
  process.stdout.write(
    `bench:push — ${RESIDENTS.toLocaleString()} residents with credits, PostgreSQL, ${WORKERS} worker process(es) × ${LANES} lanes × ${BATCH} per chunk\n`
  )

  const { url: standInUrl, child: standIn } = await startStandIn(WECHAT)
  const workers: ChildProcess[] = []
  const database = await openDatabase({ databaseUrl: url, dataDir: '' })
  try {
    await migrateToLatest(database.db)
    await createAreasRepository(database.db).upsert(defaultAreas())
    let t = Date.now()
    const audience = await seedAudience(
      database.db,
      standInUrl,
      Array.from({ length: RESIDENTS }, (_, i) => ({ user: `bench-${i}`, credits: 1 })),
      TOWNSHIP
    )
    process.stdout.write(`  seeded ${RESIDENTS.toLocaleString()} residents and credits in ${((Date.now() - t) / 1000).toFixed(1)} s\n`)

    const tokenReply = (await (
      await fetch(`${standInUrl}/cgi-bin/stable_token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credential', appid: WECHAT.WECHAT_APPID, secret: WECHAT.WECHAT_SECRET })
      })
    ).json()) as { access_token: string }
    const probe = (
      (await (
        await fetch(`${standInUrl}/__standin/subscribers`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ users: ['bench-ceiling'], template_id: 'tmpl-bulletin', count: 'long-term' })
        })
      ).json()) as { openids: string[] }
    ).openids[0]
    const ceilingBefore = await ceiling(standInUrl, tokenReply.access_token, probe)
    process.stdout.write(`  stand-in intake ceiling (before): ${Math.round(ceilingBefore).toLocaleString()} req/s\n`)

    for (let i = 0; i < WORKERS; i++) {
      workers.push(
        spawnLogged([...(process.env.WORKER_NODE_FLAGS ?? '').split(' ').filter(Boolean), path.join(ROOT, 'server', 'bin', 'qiandai.mjs'), 'worker'], {
          ...WECHAT,
          NODE_ENV: 'production',
          JWT_SECRET: 'f3a8c1e6b9d2f7a4c0e5b8d1f6a3c9e2',
          DATA_KEY: '9c4e1f7a2b8d3e6f0a5c7b9d1e3f5a7c9e2b4d6f8a0c1e3b5d7f9a2c4e6b8d0f',
          DATABASE_URL: url,
          WECHAT_API_BASE: standInUrl,
          PUSH_LANES: LANES,
          PUSH_BATCH_SIZE: BATCH,
          PUSH_IDLE_MS: '50',
          LOG_LEVEL: 'warn'
        })
      )
    }
    await new Promise((r) => setTimeout(r, 1_500))
    const repo = createBulletinRepository(database.db)
    const id = await repo.create(bulletinInput({ audience: [TOWNSHIP] }), null)
    const cpuBefore = cpuSeconds(standIn, workers)
    t = Date.now()
    const published = await repo.publish(id, 2026, new Date())
    const publishMs = Date.now() - t
    if (published === 'not-publishable') throw new Error('publish failed')
    await drained(database.db, 600_000, 500)
    const doneMs = Date.now() - t
    const cpuAfter = cpuSeconds(standIn, workers)
    const stats = await database.db
      .selectFrom('deliveries')
      .select((eb) => [eb.fn.countAll<string>().filterWhere('status', '=', 'sent').as('sent'), eb.fn.max('finished_at').as('last')])
      .where('bulletin_id', '=', id)
      .executeTakeFirstOrThrow()
    const lastMs = (stats.last as Date).getTime() - t
    const sent = Number(stats.sent)
    const rate = sent / (lastMs / 1000)

    const { duplicates, losses } = await duplicatesAndLosses(standInUrl, audience, 1)
    for (const w of workers) w.kill('SIGTERM')
    const ceilingAfter = await ceiling(standInUrl, tokenReply.access_token, probe)
    const ceilingMean = (ceilingBefore + ceilingAfter) / 2
    process.stdout.write(`  stand-in intake ceiling (after):  ${Math.round(ceilingAfter).toLocaleString()} req/s\n`)
    process.stdout.write(`  publish (numbering + ${published.targeted.toLocaleString()} delivery rows, one transaction): ${publishMs} ms\n`)
    process.stdout.write(
      `  sent ${sent.toLocaleString()}; time to last delivery ${(lastMs / 1000).toFixed(2)} s (drained seen at ${(doneMs / 1000).toFixed(2)} s)\n`
    )
    process.stdout.write(`  duplicates ${duplicates}, losses ${losses}\n`)
    // Where the time went: CPU seconds each side spent during the push, against the machine's cores × wall time.
    const spent = (k: keyof typeof cpuAfter) => cpuAfter[k] - cpuBefore[k]
    const cores = availableParallelism()
    process.stdout.write(
      `  CPU during the push: worker(s) ${spent('workers').toFixed(1)} s, stand-in ${spent('standIn').toFixed(1)} s, PostgreSQL ${spent('postgres').toFixed(1)} s` +
        ` of ${((cores * doneMs) / 1000).toFixed(1)} s available (${cores} cores × ${(doneMs / 1000).toFixed(1)} s); per delivery: worker ${((spent('workers') / sent) * 1e6).toFixed(0)} µs,` +
        ` stand-in ${((spent('standIn') / sent) * 1e6).toFixed(0)} µs, PostgreSQL ${((spent('postgres') / sent) * 1e6).toFixed(0)} µs\n`
    )
    process.stdout.write(
      `\ndeliveries/s: ${Math.round(rate).toLocaleString()} (target ≥ 5,000) — ratio to the stand-in ceiling ${(rate / ceilingMean).toFixed(2)} (ceiling ${Math.round(ceilingMean).toLocaleString()} req/s)\n`
    )
    const ok = rate >= 5_000 && duplicates === 0 && losses === 0 && sent === RESIDENTS
    verdict(ok)
  } finally {
    for (const w of workers) if (w.exitCode === null) w.kill('SIGTERM')
    standIn.kill('SIGTERM')
    await database.close()
    await drop()
  }
}

await main()
