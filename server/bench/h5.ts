/**
 * npm run bench:h5 — Lighthouse (mobile preset: slow 4G, 4× CPU slowdown) on the H5 check page served by
 * `npm start`, in Debian's Chromium, twice. Prints performance and accessibility scores and the failing
 * audits. Targets: performance ≥ 95, accessibility 100.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import * as chromeLauncher from 'chrome-launcher'
import lighthouse from 'lighthouse'
import { startServer } from '../../e2e/harness.ts'

const RUNS = Number(process.env.BENCH_RUNS ?? 2)
const OUT = path.resolve(import.meta.dirname, '..', '..', 'artifacts', 'lighthouse')

const server = await startServer()
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  chromeFlags: [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync'
  ]
})
const url = `${server.url}/#/pages/check/index`
mkdirSync(OUT, { recursive: true })
process.stdout.write(`bench:h5 — Lighthouse ${RUNS}× on ${url} (mobile)\n`)
let ok = true
try {
  for (let run = 1; run <= RUNS; run++) {
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] })
    if (!result) throw new Error('lighthouse returned no result')
    const { lhr } = result
    const perf = Math.round((lhr.categories.performance.score ?? 0) * 100)
    const a11y = Math.round((lhr.categories.accessibility.score ?? 0) * 100)
    const metric = (id: string) => lhr.audits[id]?.displayValue ?? '?'
    process.stdout.write(
      `  run ${run}: performance ${perf}, accessibility ${a11y}   (FCP ${metric('first-contentful-paint')}, LCP ${metric('largest-contentful-paint')}, TBT ${metric('total-blocking-time')}, CLS ${metric('cumulative-layout-shift')})\n`
    )
    const failing = Object.values(lhr.audits).filter(
      (a) =>
        a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'notApplicable' && a.scoreDisplayMode !== 'manual'
    )
    const a11yIds = new Set(lhr.categories.accessibility.auditRefs.map((r) => r.id))
    const failingA11y = failing.filter((a) => a11yIds.has(a.id)).map((a) => a.id)
    if (failingA11y.length) process.stdout.write(`    accessibility audits not passed: ${failingA11y.join(', ')}\n`)
    writeFileSync(path.join(OUT, `check-page-run${run}.json`), JSON.stringify(lhr))
    ok &&= perf >= 95 && a11y === 100
  }
  process.stdout.write(`  targets (performance ≥ 95, accessibility 100): ${ok ? 'met' : 'MISSED'}; reports in ${path.relative(process.cwd(), OUT)}\n`)
} finally {
  await chrome.kill()
  await server.stop()
}
process.exit(ok ? 0 : 1)
