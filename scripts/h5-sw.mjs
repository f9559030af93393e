// The H5 app's service worker (Workbox's generateSW): every file of the build precached, so a reload without a
// network opens the app and every page's code is there (the offline check among them); navigations fall back to
// the app shell. The API, the console, /docs and /media are never answered from it. Run by scripts/h5-build.mjs.
import path from 'node:path'
import { generateSW } from 'workbox-build'
import { isMain, ROOT } from './static-build.mjs'

export async function writeServiceWorker(dir = path.join(ROOT, 'dist', 'h5')) {
  const { count, size, warnings } = await generateSW({
    globDirectory: dir,
    globPatterns: ['index.html', 'js/**/*.js', 'css/**/*.css'],
    // Hashed names are their own revision: Workbox need not add one.
    dontCacheBustURLsMatching: /^(js|css)\//,
    swDest: path.join(dir, 'sw.js'),
    navigateFallback: '/index.html',
    navigateFallbackDenylist: [/^\/api\//, /^\/admin/, /^\/docs/, /^\/media\//],
    cleanupOutdatedCaches: true,
    clientsClaim: true,
    skipWaiting: true,
    inlineWorkboxRuntime: true,
    maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
    mode: 'production',
    sourcemap: false
  })
  for (const w of warnings) process.stderr.write(`service worker: ${w}\n`)
  return { count, size }
}

if (isMain(import.meta.url)) {
  const { count, size } = await writeServiceWorker()
  process.stdout.write(`service worker: ${count} files precached (${(size / 1024).toFixed(0)} KB)\n`)
}
