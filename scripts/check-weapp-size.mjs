// Fails when the mini-program's main package (everything outside the subpackage roots) exceeds the budget.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

const DIST = path.resolve('dist/weapp')
const BUDGET = Number(process.env.WEAPP_MAIN_BUDGET_KB ?? 600) * 1024
const WECHAT_LIMIT = 2 * 1024 * 1024

const app = JSON.parse(readFileSync(path.join(DIST, 'app.json'), 'utf8'))
const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/$/, ''))
const sizes = new Map([['main', 0], ...roots.map((r) => [r, 0])])

function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    if (entry.isDirectory()) {
      walk(p)
      continue
    }
    if (/\.(map|LICENSE\.txt)$/.test(entry.name)) continue // not uploaded to WeChat
    const rel = path.relative(DIST, p).split(path.sep).join('/')
    const owner = roots.find((r) => rel.startsWith(r + '/')) ?? 'main'
    sizes.set(owner, sizes.get(owner) + statSync(p).size)
  }
}
walk(DIST)

let failed = false
for (const [name, bytes] of sizes) {
  const limit = name === 'main' ? BUDGET : WECHAT_LIMIT
  const ok = bytes <= limit
  failed ||= !ok
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name.padEnd(20)} ${(bytes / 1024).toFixed(1).padStart(8)} KB  (limit ${(limit / 1024).toFixed(0)} KB)`)
}
process.exit(failed ? 1 : 0)
