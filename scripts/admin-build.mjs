// Builds the centre's console (admin/, Vite) into dist/admin, with .br/.gz twins and a stamp that `npm start`
// compares against the sources.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { finishBuild, isMain, isStale, ROOT } from './static-build.mjs'

export const ADMIN_DIR = path.join(ROOT, 'dist', 'admin')
const STAMP = path.join(ADMIN_DIR, '.build-stamp')
const SOURCES = ['admin/src', 'admin/index.html', 'admin/vite.config.ts', 'types', 'package-lock.json']

export const adminIsStale = () => isStale(STAMP, SOURCES)

/** quiet: Vite's output is shown only when the build fails (see buildH5). */
export function buildAdmin({ quiet = false } = {}) {
  // Vite 8 lives in the console's workspace (admin/node_modules): Taro's plugin declares an optional peer of vite 4.
  const vite = [path.join(ROOT, 'admin', 'node_modules', '.bin', 'vite'), path.join(ROOT, 'node_modules', '.bin', 'vite')].find((p) => existsSync(p)) ?? 'vite'
  const r = spawnSync(vite, ['build', '--config', 'admin/vite.config.ts', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: ['ignore', quiet ? 'pipe' : 'inherit', quiet ? 'pipe' : 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NODE_ENV: 'production' }
  })
  if (r.status !== 0) {
    if (quiet) process.stderr.write(`${r.stdout ?? ''}${r.stderr ?? ''}`)
    throw new Error(`vite build of the console failed (exit ${r.status})`)
  }
  finishBuild(ADMIN_DIR, STAMP)
}

if (isMain(import.meta.url)) {
  const started = Date.now()
  buildAdmin()
  process.stdout.write(`Console built in ${((Date.now() - started) / 1000).toFixed(1)} s → ${path.relative(ROOT, ADMIN_DIR)}\n`)
}
