import type { FastifyRequest } from 'fastify'
import type { MultipartFile } from '@fastify/multipart'

/** A multipart body that is not one: no boundary, or cut off before its closing delimiter. */
export class MalformedUpload extends Error {}

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
    part = await request.file({ limits: { ...limits, files: 1 } })
  } catch (err) {
    throw new MalformedUpload((err as Error).message)
  }
  if (cut) part?.file.destroy(new MalformedUpload('the body ended before its closing delimiter'))
  return part ?? null
}
