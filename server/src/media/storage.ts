import { createHash, randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { Transform } from 'node:stream'
import { sniff, type Sniffed } from './sniff.ts'

/** Where a stored file is served (GET /media/:name). */
export const mediaUrl = (name: string) => `/media/${name}`

export interface StoredFile {
  /** Content-addressed: the first 32 hex digits of the SHA-256, and the extension of the sniffed type. */
  name: string
  size: number
  sniffed: Sniffed
  /** The first bytes (for format details such as an MP4's duration). */
  head: Buffer
}

export class UploadRefused extends Error {
  constructor(
    readonly reason: 'too-large' | 'type' | 'incomplete',
    message: string
  ) {
    super(message)
  }
}

/** Where media files live. Local disk now; an S3-compatible implementation can take its place. */
export interface MediaStorage {
  /** Stores a stream if it is an allowed type within `maxBytes`; refused uploads leave nothing behind. */
  put(stream: Readable, allowed: ReadonlyArray<Sniffed['kind']>, maxBytes: number): Promise<StoredFile>
  stat(name: string): Promise<{ size: number; modified: Date } | null>
  read(name: string, range?: { start: number; end: number }): Readable
  remove(name: string): Promise<void>
}

const NAME = /^[0-9a-f]{32}\.(mp4|jpg|png|webp|vtt)$/
const HEAD_BYTES = 1024 * 1024

export class LocalDiskStorage implements MediaStorage {
  private readonly tmp: string

  constructor(private readonly root: string) {
    this.tmp = path.join(root, '.incoming')
  }

  async put(stream: Readable, allowed: ReadonlyArray<Sniffed['kind']>, maxBytes: number): Promise<StoredFile> {
    await mkdir(this.tmp, { recursive: true })
    // A source already torn down (a multipart body cut short) never ends a pipeline: refuse it here.
    if (stream.destroyed) throw stream.errored ?? new UploadRefused('incomplete', 'the upload ended early')
    const temp = path.join(this.tmp, randomBytes(12).toString('hex'))
    const hash = createHash('sha256')
    let size = 0
    const headChunks: Buffer[] = []
    let headSize = 0
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length
        if (size > maxBytes) return done(new UploadRefused('too-large', `file larger than ${maxBytes} bytes`))
        if (headSize < HEAD_BYTES) {
          headChunks.push(chunk)
          headSize += chunk.length
        }
        // Refuse early: the first bytes say what it is.
        if (headSize >= 16 && headSize - chunk.length < 16 && !allowedType(Buffer.concat(headChunks), allowed)) {
          return done(new UploadRefused('type', 'not an allowed file type'))
        }
        hash.update(chunk)
        done(null, chunk)
      }
    })
    try {
      await pipeline(stream, meter, createWriteStream(temp))
      const head = Buffer.concat(headChunks).subarray(0, HEAD_BYTES)
      const sniffed = sniff(head)
      if (!sniffed || !allowed.includes(sniffed.kind)) throw new UploadRefused('type', 'not an allowed file type')
      const name = `${hash.digest('hex').slice(0, 32)}.${sniffed.ext}`
      await rename(temp, path.join(this.root, name))
      return { name, size, sniffed, head }
    } catch (err) {
      await rm(temp, { force: true })
      // The rest of a refused stream must still be consumed, or the request never ends.
      stream.resume()
      throw err
    }
  }

  /** Removes unfinished uploads left in the incoming folder (a crash mid-upload) older than `olderThanMs`. */
  async sweepIncoming(olderThanMs: number, now = Date.now()): Promise<number> {
    let removed = 0
    let names: string[]
    try {
      names = await readdir(this.tmp)
    } catch {
      return 0
    }
    for (const name of names) {
      const file = path.join(this.tmp, name)
      const s = await stat(file).catch(() => null)
      if (s && now - s.mtimeMs > olderThanMs) {
        await rm(file, { force: true })
        removed++
      }
    }
    return removed
  }

  async stat(name: string): Promise<{ size: number; modified: Date } | null> {
    if (!NAME.test(name)) return null
    try {
      const s = await stat(path.join(this.root, name))
      return { size: s.size, modified: s.mtime }
    } catch {
      return null
    }
  }

  read(name: string, range?: { start: number; end: number }): Readable {
    if (!NAME.test(name)) throw new Error('invalid media name')
    return createReadStream(path.join(this.root, name), range)
  }

  async remove(name: string): Promise<void> {
    if (NAME.test(name)) await rm(path.join(this.root, name), { force: true })
  }

  /** Reads the first bytes of a stored file. */
  async head(name: string, bytes = HEAD_BYTES): Promise<Buffer> {
    const handle = await open(path.join(this.root, name), 'r')
    try {
      const buffer = Buffer.alloc(bytes)
      const { bytesRead } = await handle.read(buffer, 0, bytes, 0)
      return buffer.subarray(0, bytesRead)
    } finally {
      await handle.close()
    }
  }
}

function allowedType(head: Buffer, allowed: ReadonlyArray<Sniffed['kind']>): boolean {
  const s = sniff(head)
  return s !== null && allowed.includes(s.kind)
}
