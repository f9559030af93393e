// Builds the H5 app and prepares it for serving: gzip + brotli copies of text assets and a stamp that
// `npm start` compares against the sources.
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { finishBuild, isMain, isStale, newestMtime, ROOT } from './static-build.mjs'

export const H5_DIR = path.join(ROOT, 'dist', 'h5')
export const STAMP = path.join(H5_DIR, '.build-stamp')
const SOURCES = ['src', 'types', 'rules', 'config', 'babel.config.js', 'package-lock.json', 'project.config.json']

/** Newest modification time among the files the H5 build reads. */
export const newestSourceMtime = () => newestMtime(SOURCES)
export const h5IsStale = () => isStale(STAMP, SOURCES)

/**
 * quiet: webpack's progress is kept, not shown, and printed only when the build fails (`npm start`, so its banner is
 * not buried in a minute of progress bars); otherwise it goes to the terminal as the build runs.
 */
export function buildH5({ quiet = false } = {}) {
  const taro = path.join(ROOT, 'node_modules', '.bin', 'taro')
  const r = spawnSync(taro, ['build', '--type', 'h5'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', quiet ? 'pipe' : 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NODE_ENV: 'production' }
  })
  if (r.status !== 0) {
    if (quiet) process.stderr.write(r.stderr ?? '')
    throw new Error(`taro build --type h5 failed (exit ${r.status})`)
  }
  // The service worker lists the built files, so it is written after them and before their compressed twins.
  const sw = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'h5-sw.mjs')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] })
  if (sw.status !== 0) throw new Error(`the service worker was not written (exit ${sw.status})`)
  finishBuild(H5_DIR, STAMP)
}

if (isMain(import.meta.url)) {
  const started = Date.now()
  buildH5()
  process.stdout.write(`H5 built in ${((Date.now() - started) / 1000).toFixed(1)} s → ${path.relative(ROOT, H5_DIR)}\n`)
}
