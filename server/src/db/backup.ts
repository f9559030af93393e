// Backup and restore. The embedded store is backed up as PGlite's own data-folder archive (a gzipped tar: the
// database exactly as it is, indexes and all); PostgreSQL with pg_dump's custom format and pg_restore. Both need the
// servers stopped (the embedded folder's lock enforces it; on PostgreSQL a running server would write during the restore).
import { spawn } from 'node:child_process'
import { existsSync, openSync, readSync, closeSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { readFile, writeFile, rename } from 'node:fs/promises'
import path from 'node:path'
import { lockDataDir } from './data-dir-lock.ts'

/** A backup or restore that cannot go ahead; the message says why (and is safe to show an operator). */
export class BackupError extends Error {}

const GZIP_MAGIC = [0x1f, 0x8b]

function embeddedDir(dataDir: string): string {
  return path.resolve(dataDir, 'pglite')
}

/** Writes the embedded database in `dataDir` to `file` (replaced only once the new archive is complete). */
export async function backupEmbedded(dataDir: string, file: string): Promise<{ bytes: number }> {
  const dir = embeddedDir(dataDir)
  if (!existsSync(dir) || readdirSync(dir).length === 0) throw new BackupError(`no embedded database in ${dir}`)
  const release = lockDataDir(dir)
  try {
    const { PGlite } = await import('@electric-sql/pglite')
    const db = await PGlite.create(dir)
    try {
      const archive = Buffer.from(await (await db.dumpDataDir('gzip')).arrayBuffer())
      const partial = `${file}.partial`
      await writeFile(partial, archive)
      await rename(partial, file)
      return { bytes: archive.length }
    } finally {
      await db.close()
    }
  } finally {
    release()
  }
}

/**
 * Replaces the embedded database in `dataDir` with the one in `file`. The archive is unpacked and opened beside the
 * current data first; only when it holds a Qiandai database does it take its place, and the data it replaces is kept
 * (renamed, path returned) rather than deleted.
 */
export async function restoreEmbedded(dataDir: string, file: string): Promise<{ previous: string | null; migrations: number }> {
  if (!existsSync(file) || !statSync(file).isFile()) throw new BackupError(`找不到备份文件 / backup file not found: ${file}`)
  const head = Buffer.alloc(2)
  const fd = openSync(file, 'r')
  readSync(fd, head, 0, 2, 0)
  closeSync(fd)
  if (head[0] !== GZIP_MAGIC[0] || head[1] !== GZIP_MAGIC[1]) throw new BackupError(`${file} is not a backup made by "qiandai backup" (not a gzip archive)`)
  const dir = embeddedDir(dataDir)
  const release = lockDataDir(dir)
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '')
  const incoming = `${dir}.restoring-${stamp}`
  try {
    const { PGlite } = await import('@electric-sql/pglite')
    let migrations: number
    try {
      const db = await PGlite.create(incoming, { loadDataDir: new Blob([await readFile(file)]) })
      try {
        migrations = Number((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM qiandai_migrations')).rows[0].n)
      } finally {
        await db.close()
      }
    } catch (err) {
      rmSync(incoming, { recursive: true, force: true })
      throw new BackupError(`${file} could not be restored, nothing was changed: ${err instanceof Error ? err.message : String(err)}`)
    }
    const previous = existsSync(dir) && readdirSync(dir).length > 0 ? `${dir}.before-restore-${stamp}` : null
    if (previous) renameSync(dir, previous)
    else rmSync(dir, { recursive: true, force: true })
    renameSync(incoming, dir)
    return { previous, migrations }
  } finally {
    release()
  }
}

/** Runs pg_dump / pg_restore (PostgreSQL's own tools, on PATH) with the database URL; resolves on success. */
export function runPostgresTool(tool: 'pg_dump' | 'pg_restore', args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ['ignore', 'inherit', 'inherit'] })
    child.on('error', (err: NodeJS.ErrnoException) =>
      reject(new BackupError(err.code === 'ENOENT' ? `${tool} is not installed (apt install postgresql-client)` : err.message))
    )
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new BackupError(`${tool} exited with code ${code}`))))
  })
}

/** pg_dump in the custom format: compressed, and pg_restore can restore it into an empty or existing database. */
export const backupPostgres = (databaseUrl: string, file: string) =>
  runPostgresTool('pg_dump', ['--format=custom', '--no-owner', '--file', file, '--dbname', databaseUrl])

/** Replaces every object the backup holds (--clean): the database's other contents, if any, are left alone. */
export const restorePostgres = (databaseUrl: string, file: string) => {
  if (!existsSync(file)) return Promise.reject(new BackupError(`找不到备份文件 / backup file not found: ${file}`))
  return runPostgresTool('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--exit-on-error', '--dbname', databaseUrl, file])
}
