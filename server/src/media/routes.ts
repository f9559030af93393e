import type {} from '@fastify/multipart'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { MediaFile } from '../../../types/learn.ts'
import { ApiErrorBody } from '../../../types/error.ts'
import { requireCapability } from '../admin/guard.ts'
import type { AdminService } from '../admin/service.ts'
import { AppError } from '../plugins/errors.ts'
import type { MediaRepository } from './repository.ts'
import { parseRange } from './range.ts'
import { mp4Duration, TruncatedMp4 } from './sniff.ts'
import { MalformedUpload, oneUploadedFile } from '../lib/upload.ts'
import { Readable } from 'node:stream'
import { mediaUrl, UploadRefused, type MediaStorage, type StoredFile } from './storage.ts'
import { stripImageMetadata } from './image-metadata.ts'
import { parseWebVtt, WebVttError } from '../../../types/webvtt.ts'

/** A caption file is text: half a megabyte holds hours of cues. */
export const MAX_CAPTION_BYTES = 512 * 1024

export interface MediaLimits {
  maxVideoBytes: number
  maxImageBytes: number
}

/** GET/HEAD /media/:name — immutable, content-addressed files with Range support (video seeking). */
export function mediaRoutes(storage: MediaStorage, repository: MediaRepository) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const serve = async (request: FastifyRequest<{ Params: { name: string } }>, reply: FastifyReply) => {
      const { name } = request.params
      const [file, info] = await Promise.all([storage.stat(name), repository.find(name)])
      if (!file || !info) throw new AppError(404, 'NOT_FOUND', '没有找到这个文件')
      const etag = `"${name.split('.')[0]}"`
      reply.header('accept-ranges', 'bytes')
      reply.header('etag', etag)
      reply.header('last-modified', file.modified.toUTCString())
      // The name is the content's hash: it never changes, so caches may keep it for good.
      reply.header('cache-control', 'public, max-age=31536000, immutable')
      reply.header('content-type', info.contentType)
      if (request.headers['if-none-match'] === etag) return reply.status(304).send()
      // If-Range with another validator means the client's partial copy is stale: send the whole file.
      const ifRange = request.headers['if-range']
      const range = ifRange && ifRange !== etag ? null : parseRange(request.headers.range, file.size)
      if (range === 'unsatisfiable') {
        reply.header('content-range', `bytes */${file.size}`)
        throw new AppError(416, 'RANGE_NOT_SATISFIABLE', '请求的范围超出了文件大小')
      }
      if (range) {
        reply.status(206)
        reply.header('content-range', `bytes ${range.start}-${range.end}/${file.size}`)
        reply.header('content-length', range.end - range.start + 1)
        return reply.send(storage.read(name, range))
      }
      reply.header('content-length', file.size)
      // HEAD gets the same headers; Node drops the body of a HEAD response.
      return reply.send(storage.read(name))
    }
    const params = { params: Type.Object({ name: Type.String({ pattern: '^[0-9a-f]{32}\\.(mp4|jpg|png|webp|vtt)$' }) }) }
    app.get(
      '/media/:name',
      {
        schema: { tags: ['media'], summary: 'A stored video or image (Range requests, immutable caching)', ...params },
        // Static files, like the apps' own: a video plays as many range requests, so the API's limit is not theirs.
        config: { rateLimit: false }
      },
      serve
    )
  }
}

/**
 * A stored image again without its metadata (covers are public: a phone photo's Exif would tell everyone where it was
 * taken), under the name of the stripped bytes. A file that is not a whole image (a polyglot: an image header, then
 * HTML) is removed and refused.
 */
async function withoutMetadata(storage: MediaStorage, repository: MediaRepository, stored: StoredFile): Promise<StoredFile> {
  // The same bytes uploaded before this check existed may be in use: such a file is kept where it is.
  const known = (await repository.find(stored.name)) !== undefined
  const chunks: Buffer[] = []
  for await (const chunk of storage.read(stored.name)) chunks.push(chunk as Buffer)
  const stripped = stripImageMetadata(Buffer.concat(chunks))
  if (!stripped.ok) {
    if (!known) await storage.remove(stored.name)
    throw new AppError(400, 'MEDIA_TYPE_REFUSED', '图片文件已损坏或不是完整的图片，请重新导出后再上传')
  }
  if (stripped.removed === 0) return stored
  const clean = await storage.put(Readable.from([stripped.bytes]), ['image'], stripped.bytes.length)
  if (clean.name !== stored.name && !known) await storage.remove(stored.name)
  return clean
}

/**
 * A caption file residents will be shown must be read whole: UTF-8, and cues WebVTT can time. One that cannot is
 * removed and refused, naming the line (an editor fixes it in any text editor).
 */
async function checkCaptions(storage: MediaStorage, repository: MediaRepository, stored: StoredFile): Promise<void> {
  const refuse = async (code: 'CAPTIONS_INVALID' | 'MEDIA_TOO_LARGE', message: string, status = 400) => {
    if ((await repository.find(stored.name)) === undefined) await storage.remove(stored.name)
    return new AppError(status, code, message)
  }
  if (stored.size > MAX_CAPTION_BYTES) throw await refuse('MEDIA_TOO_LARGE', `字幕文件太大：最大 ${MAX_CAPTION_BYTES / 1024} KB`, 413)
  const chunks: Buffer[] = []
  for await (const chunk of storage.read(stored.name)) chunks.push(chunk as Buffer)
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks))
  } catch {
    throw await refuse('CAPTIONS_INVALID', '字幕文件不是 UTF-8 编码：请在记事本“另存为”时选择 UTF-8 后再上传')
  }
  try {
    parseWebVtt(text)
  } catch (err) {
    if (err instanceof WebVttError) throw await refuse('CAPTIONS_INVALID', `字幕文件有误：${err.message}`)
    throw err
  }
}

/** POST /api/v1/admin/media — one multipart file; its type is decided by its bytes, its name by its hash. */
export function mediaUploadRoutes(storage: MediaStorage, repository: MediaRepository, admins: AdminService, limits: MediaLimits) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const api = app.withTypeProvider<TypeBoxTypeProvider>()
    api.post(
      '/admin/media',
      {
        schema: {
          tags: ['admin: learning'],
          summary: 'Upload a video (MP4), a cover image (JPEG, PNG, WebP) or captions (WebVTT) as multipart field "file"',
          security: [{ bearer: [] }],
          consumes: ['multipart/form-data'],
          response: { 200: MediaFile, 400: ApiErrorBody, 401: ApiErrorBody, 403: ApiErrorBody, 413: ApiErrorBody }
        },
        onRequest: requireCapability(admins, 'canEditContent')
      },
      async (request) => {
        const malformed = () => new AppError(400, 'BAD_REQUEST', '上传的内容不完整或格式不对：请用 multipart/form-data 上传一个文件（字段名 file）')
        let stored: StoredFile
        try {
          const part = await oneUploadedFile(request, { fileSize: limits.maxVideoBytes + 1 })
          if (!part) throw malformed()
          stored = await storage.put(part.file, ['video', 'image', 'captions'], limits.maxVideoBytes)
        } catch (err) {
          if (err instanceof MalformedUpload || (err instanceof UploadRefused && err.reason === 'incomplete')) throw malformed()
          if (err instanceof UploadRefused && err.reason === 'type')
            throw new AppError(400, 'MEDIA_TYPE_REFUSED', '只能上传 MP4 视频、JPEG/PNG/WebP 图片或 WebVTT 字幕（按文件内容判断，不看扩展名）')
          if (err instanceof UploadRefused) throw new AppError(413, 'MEDIA_TOO_LARGE', `文件太大：视频最大 ${Math.round(limits.maxVideoBytes / 1048576)} MB`)
          throw err
        }
        if (stored.sniffed.kind === 'image' && stored.size > limits.maxImageBytes) {
          await storage.remove(stored.name)
          throw new AppError(413, 'MEDIA_TOO_LARGE', `图片太大：最大 ${Math.round(limits.maxImageBytes / 1048576)} MB`)
        }
        if (stored.sniffed.kind === 'image') stored = await withoutMetadata(storage, repository, stored)
        if (stored.sniffed.kind === 'captions') await checkCaptions(storage, repository, stored)
        let durationSeconds: number | null = null
        if (stored.sniffed.kind === 'video') {
          try {
            durationSeconds = mp4Duration(stored.head, stored.size <= stored.head.length)
          } catch (err) {
            // A refused upload leaves nothing behind.
            await storage.remove(stored.name)
            if (err instanceof TruncatedMp4) throw new AppError(400, 'MEDIA_TYPE_REFUSED', '视频文件不完整（可能没有上传完或已损坏），请重新导出后再上传')
            throw err
          }
        }
        await repository.add({ name: stored.name, contentType: stored.sniffed.contentType, size: stored.size, durationSeconds })
        return { name: stored.name, url: mediaUrl(stored.name), contentType: stored.sniffed.contentType, size: stored.size, durationSeconds }
      }
    )
  }
}
