// `npm start`: build the H5 app when it is missing or older than its sources, then run the server.
import { buildH5, h5IsStale } from '../../scripts/h5-build.mjs'

if (process.env.SKIP_H5_BUILD !== '1' && h5IsStale()) {
  process.stdout.write('Building the H5 app (first start or sources changed; about a minute)…\n')
  buildH5()
}
await import('./main.ts')
