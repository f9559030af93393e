// `npm start`: build the H5 app and the console when missing or older than their sources, then run the server.
import { buildH5, h5IsStale } from '../../scripts/h5-build.mjs'
import { adminIsStale, buildAdmin } from '../../scripts/admin-build.mjs'

// One line per build (its output is shown only if it fails), so the server's banner is the last thing on screen.
function timed(what: string, build: () => void): void {
  const started = Date.now()
  process.stdout.write(`Building ${what} (first start or sources changed)… `)
  build()
  process.stdout.write(`done in ${((Date.now() - started) / 1000).toFixed(0)} s\n`)
}
if (process.env.SKIP_H5_BUILD !== '1' && h5IsStale()) timed('the H5 app', () => buildH5({ quiet: true }))
if (process.env.SKIP_ADMIN_BUILD !== '1' && adminIsStale()) timed('the console', () => buildAdmin({ quiet: true }))
await import('./main.ts')
