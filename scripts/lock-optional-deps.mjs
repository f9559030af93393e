// npm 11 leaves optional dependencies that do not exist on the registry (e.g. @tarojs/binding's darwin and
// win32 builds at 4.2.1, never published) out of package-lock.json, and `npm ci` then refuses the lock as
// "Missing: … from lock file". This records each such dependency as an optional placeholder entry, which
// `npm ci` accepts and skips. Run it after any `npm install` that rewrites the lock.
import { readFileSync, writeFileSync } from 'node:fs'

const LOCK = 'package-lock.json'
const lock = JSON.parse(readFileSync(LOCK, 'utf8'))
const packages = lock.packages
const present = new Set(Object.keys(packages).map((p) => p.replace(/^.*node_modules\//, '')))
let added = 0
for (const [where, entry] of Object.entries(packages)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    if (present.has(name)) continue
    packages[`node_modules/${name}`] = { version: range.replace(/^[\^~]/, ''), ...(entry.dev ? { dev: true } : {}), optional: true }
    present.add(name)
    added++
    console.log(`recorded optional placeholder ${name}@${range} (wanted by ${where || 'the root'})`)
  }
}
if (added > 0) writeFileSync(LOCK, JSON.stringify(lock, null, 2) + '\n')
console.log(added > 0 ? `${added} placeholder(s) added to ${LOCK}` : `${LOCK} already complete`)
