import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

export class DataDirInUseError extends Error {}

/**
 * PGlite is single-process: a second process opening the same folder would corrupt it. A pid file guards
 * the folder (a stale one, from a process that is gone, is taken over). Returns the release function.
 */
export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true })
  const lockFile = path.join(dir, '..', 'pglite.pid')
  try {
    const pid = Number(readFileSync(lockFile, 'utf8'))
    if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) {
      throw new DataDirInUseError(`the embedded database in ${path.dirname(dir)} is in use by process ${pid}; stop it first (or use DATABASE_URL)`)
    }
  } catch (err) {
    if (err instanceof DataDirInUseError) throw err
  }
  writeFileSync(lockFile, String(process.pid))
  return () => rmSync(lockFile, { force: true })
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
