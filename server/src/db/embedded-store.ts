/**
 * The embedded store's own process: PGlite (PostgreSQL in WASM) in DATA_DIR, served over the PostgreSQL
 * wire protocol on a loopback port by pglite-socket. Keeping it out of the API process keeps the server's
 * memory what it is on PostgreSQL (PGlite holds ~240 MB with a million-row table) and gives the API one
 * code path (pg) for both stores. Started by database.ts with fork(); exits when its parent goes.
 */
import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import { DataDirInUseError, lockDataDir } from './data-dir-lock.ts'

const [dir, portText] = process.argv.slice(2)
const send = (message: object): void => {
  process.send?.(message)
}

try {
  const releaseLock = dir === 'memory://' ? () => {} : lockDataDir(dir)
  // Small buffer cache: checks never query the store (they read the in-memory index).
  const db = await PGlite.create(dir, { postgresqlconf: ['shared_buffers = 16MB', 'maintenance_work_mem = 32MB'] })
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: Number(portText), maxConnections: 16 })
  await server.start()
  let stopping = false
  const stop = async (): Promise<void> => {
    if (stopping) return
    stopping = true
    await server.stop().catch(() => {})
    if (!db.closed) await db.close().catch(() => {})
    releaseLock()
    process.exit(0)
  }
  process.on('disconnect', () => void stop())
  // A Ctrl-C or a group SIGTERM reaches parent and child together: the parent drives the shutdown (IPC
  // "stop", or the disconnect when it exits), so the store is closed after the server stopped using it.
  const onSignal = (): void => {
    if (!process.connected) void stop()
  }
  process.on('SIGTERM', onSignal)
  process.on('SIGINT', onSignal)
  process.on('message', (m) => {
    if ((m as { stop?: boolean }).stop) void stop()
  })
  send({ ready: true })
} catch (err) {
  send({ error: err instanceof Error ? err.message : String(err), inUse: err instanceof DataDirInUseError })
  process.exit(1)
}
