// Shared by the H5 and console builds: staleness against the sources, and the .br/.gz twins that
// @fastify/static's preCompressed option serves.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

export function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    if (entry.isDirectory()) yield* files(p)
    else yield p
  }
}

/** Newest modification time among `sources` (paths relative to the repo root; folders walked). */
export function newestMtime(sources) {
  let newest = 0
  for (const s of sources) {
    const p = path.join(ROOT, s)
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

/** True when the build stamp is missing or older than any source. */
export function isStale(stamp, sources) {
  try {
    return statSync(stamp).mtimeMs < newestMtime(sources)
  } catch {
    return true
  }
}

/** Writes gzip and brotli copies of every text asset over 1 KB, then the stamp. */
export function finishBuild(dir, stamp) {
  for (const f of files(dir)) {
    if (!/\.(js|css|html|svg|json)$/.test(f)) continue
    const data = readFileSync(f)
    if (data.length < 1024) continue
    writeFileSync(f + '.gz', gzipSync(data, { level: 9 }))
    writeFileSync(f + '.br', brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }))
  }
  writeFileSync(stamp, new Date().toISOString() + '\n')
}

export const isMain = (url) => Boolean(process.argv[1]) && fileURLToPath(url) === path.resolve(process.argv[1])
