import type { FastifyRequest } from 'fastify'
import type { MultipartFile } from '@fastify/multipart'
import { AppError } from '../plugins/errors.ts'

/** A multipart body that is not one: no boundary, or cut off before its closing delimiter. */
export class MalformedUpload extends Error {}

/**
 * An upload holds exactly one part, the file: a text field or a second file is refused the moment it starts, before
 * its bytes are kept (busboy skips a part over its limits), so a body of a thousand 1 MB fields costs nothing.
 */
export const ONE_FILE_ONLY = { fields: 0, files: 1, parts: 1, fieldSize: 0, headerPairs: 16 } as const
const EXTRA_PART_CODES: ReadonlySet<string> = new Set(['FST_FIELDS_LIMIT', 'FST_PARTS_LIMIT', 'FST_FILES_LIMIT'])
export const extraPartsRefused = (): AppError => new AppError(400, 'UPLOAD_EXTRA_PARTS', '只能上传一个文件（字段名 file），不能附带其他字段或第二个文件')

/**
 * Watches the raw body for the closing delimiter ("--<boundary>--"). busboy waits for ever on a body that ends
 * without it (the file stream neither ends nor fails, and the request hangs), so when the body ends and the
 * delimiter was not seen, `onCut` runs. Scanning the bytes as they pass does not depend on how fast the file is read.
 */
function watchForClosingDelimiter(request: FastifyRequest, boundary: string, onCut: () => void): void {
  const delimiter = Buffer.from(`--${boundary}--`)
  let tail = Buffer.alloc(0)
  let seen = false
  const raw = request.raw
  const onData = (chunk: Buffer) => {
    if (seen) return
    const window = Buffer.concat([tail, chunk])
    if (window.includes(delimiter)) seen = true
    else tail = window.subarray(Math.max(0, window.length - delimiter.length + 1))
  }
  raw.on('data', onData)
  raw.once('end', () => {
    raw.off('data', onData)
    if (!seen) onCut()
  })
}

/**
 * The one file of a multipart/form-data request, or null when the request is not multipart or holds no file.
 * Throws MalformedUpload for a body without a boundary; a body cut short makes the file stream fail with it.
 */
export async function oneUploadedFile(request: FastifyRequest, limits: { fileSize: number }): Promise<MultipartFile | null> {
  if (!request.isMultipart()) return null
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(request.headers['content-type'] ?? '')
  if (!boundary) throw new MalformedUpload('multipart without a boundary')
  let cut = false
  let part: MultipartFile | undefined
  watchForClosingDelimiter(request, boundary[1] ?? boundary[2], () => {
    cut = true
    part?.file.destroy(new MalformedUpload('the body ended before its closing delimiter'))
  })
  try {
    part = await request.file({ limits: { ...ONE_FILE_ONLY, ...limits } })
  } catch (err) {
    if (EXTRA_PART_CODES.has((err as { code?: string }).code ?? '')) throw extraPartsRefused()
    throw new MalformedUpload((err as Error).message)
  }
  if (cut) part?.file.destroy(new MalformedUpload('the body ended before its closing delimiter'))
  return part ?? null
}

/**
 * The bytes of the one image a resident uploads (report screenshots, session photos), `what` naming it in the
 * messages: a malformed body is a 400, a file over `maxBytes` a 413 — never a 500 or a hang.
 */
export async function uploadedImageBytes(request: FastifyRequest, maxBytes: number, what: string): Promise<Buffer> {
  const malformed = () => new AppError(400, 'SCREENSHOT_INVALID', `上传的内容不完整或格式不对：请用 multipart/form-data 上传${what}（字段名 file）`)
  const part = await oneUploadedFile(request, { fileSize: maxBytes }).catch((err: unknown) => {
    throw err instanceof MalformedUpload ? malformed() : err
  })
  if (!part) throw malformed()
  return part.toBuffer().catch((err: { code?: string }) => {
    if (EXTRA_PART_CODES.has(err.code ?? '')) throw extraPartsRefused()
    if (err.code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'MEDIA_TOO_LARGE', `${what}太大：最大 ${Math.round(maxBytes / 1_048_576)} MB`)
    // A body cut short (or any other broken framing) is the uploader's problem, not a server error.
    throw malformed()
  })
}
