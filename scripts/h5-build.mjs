// Builds the H5 app and prepares it for serving: gzip + brotli copies of text assets (served by
// @fastify/static's preCompressed option) and a stamp that `npm start` compares against the sources.
import { spawnSync } from 'node:child_process'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const H5_DIR = path.join(root, 'dist', 'h5')
export const STAMP = path.join(H5_DIR, '.build-stamp')
const SOURCES = ['src', 'types', 'config', 'babel.config.js', 'package-lock.json', 'project.config.json']

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    if (entry.isDirectory()) yield* files(p)
    else yield p
  }
}

/** Newest modification time among the files the H5 build reads. */
export function newestSourceMtime() {
  let newest = 0
  for (const s of SOURCES) {
    const p = path.join(root, s)
    let st
    try {
      st = statSync(p)
    } catch {
      continue
    }
    if (st.isDirectory()) for (const f of files(p)) newest = Math.max(newest, statSync(f).mtimeMs)
    else newest = Math.max(newest, st.mtimeMs)
  }
  return newest
}

export function h5IsStale() {
  try {
    return statSync(STAMP).mtimeMs < newestSourceMtime()
  } catch {
    return true
  }
}

export function buildH5() {
  const taro = path.join(root, 'node_modules', '.bin', 'taro')
  const r = spawnSync(taro, ['build', '--type', 'h5'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } })
  if (r.status !== 0) throw new Error(`taro build --type h5 failed (exit ${r.status})`)
  for (const f of files(H5_DIR)) {
    if (!/\.(js|css|html|svg|json)$/.test(f)) continue
    const data = readFileSync(f)
    if (data.length < 1024) continue
    writeFileSync(f + '.gz', gzipSync(data, { level: 9 }))
    writeFileSync(f + '.br', brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }))
  }
  writeFileSync(STAMP, new Date().toISOString() + '\n')
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const started = Date.now()
  buildH5()
  process.stdout.write(`H5 built in ${((Date.now() - started) / 1000).toFixed(1)} s → ${path.relative(root, H5_DIR)}\n`)
}
