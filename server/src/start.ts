// `npm start`: build the H5 app and the console when missing or older than their sources, then run the server.
import { buildH5, h5IsStale } from '../../scripts/h5-build.mjs'
import { adminIsStale, buildAdmin } from '../../scripts/admin-build.mjs'

if (process.env.SKIP_H5_BUILD !== '1' && h5IsStale()) {
  process.stdout.write('Building the H5 app (first start or sources changed; about a minute)…\n')
  buildH5()
}
if (process.env.SKIP_ADMIN_BUILD !== '1' && adminIsStale()) {
  process.stdout.write('Building the console (first start or sources changed; a few seconds)…\n')
  buildAdmin()
}
await import('./main.ts')
