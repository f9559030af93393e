// `npm run size:admin`: the gzipped JavaScript the console's first page loads (the entry and everything it imports
// statically), and what each page adds when opened. Fails past the budget, or when the charts reach the first page.
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import path from 'node:path'

const DIST = path.resolve('dist/admin')
const BUDGET_KB = Number(process.env.ADMIN_FIRST_LOAD_BUDGET_KB ?? 350)
const manifest = JSON.parse(readFileSync(path.join(DIST, '.vite', 'manifest.json'), 'utf8'))

const gz = new Map()
const gzipped = (file) => {
  if (!gz.has(file)) gz.set(file, gzipSync(readFileSync(path.join(DIST, file)), { level: 9 }).length)
  return gz.get(file)
}
/** The files a chunk loads before it runs: itself and its static imports, transitively. */
function closure(key, seen = new Set()) {
  const chunk = manifest[key]
  if (!chunk || seen.has(chunk.file)) return seen
  seen.add(chunk.file)
  for (const dep of chunk.imports ?? []) closure(dep, seen)
  return seen
}
const kb = (bytes) => (bytes / 1024).toFixed(1)
const total = (files) => [...files].filter((f) => f.endsWith('.js')).reduce((s, f) => s + gzipped(f), 0)

const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry)
const first = closure(entryKey)
const firstBytes = total(first)
// ECharts marks every chart element with this attribute name: finding it in a first-load file means charts leaked in.
const chartsInFirst = [...first].filter((f) => f.endsWith('.js') && readFileSync(path.join(DIST, f), 'utf8').includes('_echarts_instance_'))

console.log('console JavaScript, gzip -9 (KB):')
console.log(
  `  first page (entry + static imports, ${[...first].filter((f) => f.endsWith('.js')).length} files): ${kb(firstBytes)} KB   budget ${BUDGET_KB} KB   ratio ${(firstBytes / 1024 / BUDGET_KB).toFixed(2)}`
)
for (const page of manifest[entryKey].dynamicImports ?? []) {
  const extra = new Set([...closure(page)].filter((f) => !first.has(f)))
  const charts = [...extra].some((f) => f.endsWith('.js') && readFileSync(path.join(DIST, f), 'utf8').includes('_echarts_instance_'))
  console.log(`  + ${page.replace(/^src\/pages\//, '').replace(/\/index\.tsx$|\.tsx$/, '')}: ${kb(total(extra))} KB${charts ? ' (with charts)' : ''}`)
}
let failed = false
if (firstBytes > BUDGET_KB * 1024) {
  console.error(`FAIL: the first page loads ${kb(firstBytes)} KB of gzipped JavaScript, over the ${BUDGET_KB} KB budget`)
  failed = true
}
if (chartsInFirst.length > 0) {
  console.error(`FAIL: ECharts is part of the first page (${chartsInFirst.join(', ')}); it belongs to the dashboard's chunk`)
  failed = true
}
process.exit(failed ? 1 : 0)
