/**
 * npm run bench:message — the whole-message check under load, side by side with the no-lookup sample route.
 *
 * The real server runs in a child process on the embedded store with the demo lists (1,200 numbers, addresses,
 * accounts) and the official senders' registry. autocannon (50 connections, loopback) sends, in one run:
 *   GET  /api/v1/check/phone/sample  the baseline: same server, hooks and limits, no lookup
 *   POST /api/v1/check/message       messages of about 300 characters with 3 parts (a number, a link, an account),
 *                                    every message new (cold) — or 1,000 messages over and over (hot)
 *   POST /api/v1/check/message       a two-character message ("你好"): the floor any POST body costs through the
 *                                    framework (content-type parser, body read, JSON, validation) before any check
 * and prints req/s, p50/p99 and the ratio message/sample per round (target ≥ 0.5, p99 ≤ 20 ms), and the floor's
 * ratio beside it: a message cannot be answered faster than an empty POST. Then, in this process,
 * the time per message by stage (extraction, judging the parts, sender and scripts, the answer as JSON), cold and hot.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import { openDatabase, migrateToLatest } from '../src/db/database.ts'
import { prng, seedDemoData } from '../src/seed/demo.ts'
import { startApiServer } from './processes.ts'
import { extractParts, foldWidth } from '../../rules/message-extract.ts'
import { assertingText, matchScripts } from '../../rules/scam-scripts.ts'
import { MessageCheckService } from '../src/check/message-check.ts'
import { PhoneLists } from '../src/lists/service.ts'
import { warmFastPath } from '../src/values/phone.ts'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const CONNECTIONS = 50

const SIGNATURES = ['【建设银行】', '【中国邮政】', '【人社局】', '【中国移动】', '【顺丰速运】', '【宁陕县公安局】', '', '']
const OPENERS = [
  '尊敬的客户：您的账户存在异常，将于今日冻结，',
  '您好，您的包裹因地址不详无法派送，',
  '您有一笔补贴待领取，逾期作废，',
  '您的积分即将清零，可兑换现金，',
  '亲，这边是理赔专员，您的快递丢失了，',
  '我是你们王总，我换了新号，',
  '家里都挺好的，过年早点回来，'
]
const FILLERS = [
  '请您尽快处理以免影响正常使用。',
  '如有疑问请联系我们的工作人员。',
  '本通知仅发送给您本人，请妥善保管。',
  '天气转冷，请注意保暖，出门注意安全。',
  '我们会在收到信息后第一时间为您办理，办理完成后会短信通知您。',
  '逾期未处理的，系统将自动关闭相关服务，届时需本人携带证件到网点办理。',
  '感谢您一直以来对我们工作的支持与理解，祝您生活愉快。',
  '如已处理请忽略本消息。'
]
const TLDS = ['top', 'xyz', 'cc', 'com', 'cn', 'vip', 'icu']

/** About 300 characters with three parts: a number, a link and an account, each one new. */
export function makeMessages(count: number, seed: number): string[] {
  // Deterministic, so a run's messages are the same from run to run, yet all different from each other.
  const rand = prng(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('')
  const label = () => Array.from({ length: 4 + Math.floor(rand() * 6) }, () => String.fromCharCode(97 + Math.floor(rand() * 26))).join('')
  const out: string[] = []
  for (let i = 0; i < count; i++) {
    const phone = pick([`1${pick(['3', '5', '7', '8'])}${digits(9)}`, `00852${digits(8)}`, `0${pick(['915', '29', '21'])}-${digits(7)}`, `+86 955${digits(2)}`])
    const link = `${pick(['', 'http://', 'https://'])}${label()}${pick(['', '-jf', '-vip', '-cx'])}.${pick(TLDS)}${pick(['', '/a', `/r?id=${digits(3)}`])}`
    const account = `6${digits(3)} ${digits(4)} ${digits(4)} ${digits(4)}${digits(3)}`
    let text = `${pick(SIGNATURES)}${pick(OPENERS)}请登录 ${link} 办理，或致电 ${phone} 咨询，收款账户 ${account}。`
    while (text.length < 280) text += pick(FILLERS)
    out.push(text)
  }
  return out
}

interface Figures {
  rps: number
  p50: number
  p99: number
  non2xx: number
}

async function cannon(url: string, requests: Array<{ method: 'GET' | 'POST'; path: string; body?: string }>): Promise<Figures> {
  let next = 0
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        setupRequest: (req) => {
          const r = requests[next++ % requests.length]
          return { ...req, method: r.method, path: r.path, body: r.body, headers: r.body ? { 'content-type': 'application/json' } : {} }
        }
      }
    ]
  })
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx + result.errors }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

async function underLoad(): Promise<boolean> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'qiandai-bench-message-'))
  const database = await openDatabase({ dataDir })
  await migrateToLatest(database.db)
  await seedDemoData(database.db, 1_200)
  await database.close()
  // Demo lists were seeded into the folder above; the server itself loads no demo data (production mode).
  const { child, url } = await startApiServer({ DATA_DIR: dataDir, PUSH_WORKER: 'off' })
  let ok = true
  try {
    type Req = { method: 'GET' | 'POST'; path: string; body?: string }
    const sample: Req[] = [{ method: 'GET', path: '/api/v1/check/phone/sample?number=0085298765432' }]
    const asBody = (text: string): Req => ({ method: 'POST', path: '/api/v1/check/message', body: JSON.stringify({ text }) })
    // Every message new: more than a round can send.
    const floor = [asBody('你好')]
    const cold = makeMessages(600_000, 1).map(asBody)
    const hot = makeMessages(1_000, 2).map(asBody)
    await cannon(url, sample.concat(hot.slice(0, 100))) // warm-up: JIT, connections
    for (const [mix, messages] of [
      ['cold', cold],
      ['hot', hot]
    ] as const) {
      const rows: Array<{ sample: Figures; message: Figures; floor: Figures }> = []
      for (let r = 0; r < ROUNDS; r++) {
        const s = await cannon(url, sample)
        const m = await cannon(url, mix === 'cold' ? messages.slice(r * 200_000, (r + 1) * 200_000) : messages)
        const f = await cannon(url, floor)
        rows.push({ sample: s, message: m, floor: f })
      }
      const ratios = rows.map((x) => x.message.rps / x.sample.rps)
      const p99 = median(rows.map((x) => x.message.p99))
      const errors = rows.reduce((s, x) => s + x.message.non2xx + x.sample.non2xx + x.floor.non2xx, 0)
      process.stdout.write(
        `\n  ${mix}: every message ${mix === 'cold' ? 'new' : 'one of 1,000 repeated'}; ${ROUNDS} rounds of ${SECONDS} s each route, ${CONNECTIONS} connections\n`
      )
      for (const [i, x] of rows.entries()) {
        process.stdout.write(
          `    round ${i + 1}: sample ${Math.round(x.sample.rps).toLocaleString()} req/s (p99 ${x.sample.p99} ms)   message ${Math.round(x.message.rps).toLocaleString()} req/s (p50 ${x.message.p50} ms, p99 ${x.message.p99} ms)   ratio ${ratios[i].toFixed(2)}   floor (empty POST) ${Math.round(x.floor.rps).toLocaleString()} req/s, ratio ${(x.floor.rps / x.sample.rps).toFixed(2)}\n`
        )
      }
      const ratio = median(ratios)
      const floorRatio = median(rows.map((x) => x.floor.rps / x.sample.rps))
      process.stdout.write(
        `    ratio message/sample (median): ${ratio.toFixed(2)} (target ≥ 0.5)   message p99 (median): ${p99} ms (target ≤ 20)   errors ${errors}\n`
      )
      process.stdout.write(
        `    floor: an empty POST to the same route, ratio to the sample (median) ${floorRatio.toFixed(2)}; message/floor ${(ratio / floorRatio).toFixed(2)}\n`
      )
      ok &&= ratio >= 0.5 && p99 <= 20 && errors === 0
    }
  } finally {
    child.kill('SIGTERM')
    await new Promise((resolve) => child.once('exit', resolve))
    rmSync(dataDir, { recursive: true, force: true })
  }
  return ok
}

/** Where a message's time goes, in this process: each stage over the same messages, cold (new) and hot (repeated). */
async function stages(): Promise<void> {
  const database = await openDatabase({ dataDir: 'memory://' })
  await migrateToLatest(database.db)
  await seedDemoData(database.db, 1_200)
  const lists = new PhoneLists(database)
  await lists.load()
  const service = new MessageCheckService(lists)
  // As the server does on start: the fast path knows the mobile prefixes before the first resident asks.
  await warmFastPath()
  const time = (label: string, messages: string[], work: (m: string) => unknown): number => {
    const started = process.hrtime.bigint()
    for (const m of messages) work(m)
    const us = Number(process.hrtime.bigint() - started) / 1000 / messages.length
    process.stdout.write(`    ${label.padEnd(52)} ${us.toFixed(1).padStart(6)} µs\n`)
    return us
  }
  for (const [mix, messages] of [
    ['cold (every message new)', makeMessages(50_000, 3)],
    ['hot (1,000 messages, 50 times)', Array.from({ length: 50 }, () => makeMessages(1_000, 4)).flat()]
  ] as const) {
    process.stdout.write(`\n  in process, ${mix}, ${messages.length.toLocaleString()} messages of ~${Math.round(messages[0].length)} characters:\n`)
    const extract = time('find the parts (numbers, links, accounts, ids, amounts)', messages, (m) => extractParts(m))
    const scripts = time('the scam scripts (rules over the asserting clauses)', messages, (m) =>
      matchScripts(assertingText(foldWidth(m)), { unofficialLink: true, contactId: false })
    )
    const whole = time('the whole check (parts judged, sender, scripts, reasons)', messages, (m) => service.check(m))
    time('… and the answer as JSON', messages, (m) => JSON.stringify(service.check(m)))
    process.stdout.write(`    judging the parts and the sender ≈ ${(whole - extract - scripts).toFixed(1)} µs (the whole check less the two stages above)\n`)
  }
  await database.close()
}

// Run as a script (imported by nothing else but its own scratch profiling).
if (process.argv[1]?.endsWith('message.ts')) {
  const ok = await underLoad()
  await stages()
  process.stdout.write(`\n${ok ? 'PASS' : 'FAIL'}: message/sample ≥ 0.5 and p99 ≤ 20 ms in both mixes\n`)
  if (!ok) process.exitCode = 1
}
