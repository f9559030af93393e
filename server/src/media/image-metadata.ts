import { sniff } from './sniff.ts'

/**
 * Every image the server keeps (report screenshots, grid workers' session photos, staff's covers) may carry where and
 * when a photo was taken and on which phone (EXIF, XMP, IPTC, text chunks, appended images). These functions copy an
 * image without those blocks, byte-exact otherwise (no re-encoding: nothing to decode-bomb, nothing lost). A file
 * whose structure does not hold together is refused — which also refuses polyglots (an image header, then HTML).
 */
export type Stripped = { ok: true; contentType: string; bytes: Buffer; removed: number } | { ok: false; reason: string }

export function stripImageMetadata(input: Buffer): Stripped {
  const kind = sniff(input)
  if (!kind || kind.kind !== 'image') return { ok: false, reason: '只能上传图片（JPEG、PNG 或 WebP 截图）' }
  try {
    const bytes = kind.contentType === 'image/jpeg' ? stripJpeg(input) : kind.contentType === 'image/png' ? stripPng(input) : stripWebp(input)
    return { ok: true, contentType: kind.contentType, bytes, removed: input.length - bytes.length }
  } catch {
    return { ok: false, reason: '图片文件已损坏，请重新截图后上传' }
  }
}

class Broken extends Error {}
const need = (ok: boolean): void => {
  if (!ok) throw new Broken()
}

// Application segments (APP0–APP15) and comments carry metadata: Exif and XMP (APP1), the Multi-Picture index (APP2
// "MPF"), FlashPix, IPTC/Photoshop (APP13), maker blocks, thumbnails (APP0 "JFXX": an uncropped copy of the picture).
// Three are needed to show the image as it was: APP0 "JFIF", APP2 "ICC_PROFILE" (colours) and APP14 "Adobe" (colour
// transform). Every other APPn and every comment goes, wherever it stands (progressive files may put them between scans).
const KEEP_APP: ReadonlyArray<readonly [number, string]> = [
  [0xe0, 'JFIF\0'],
  [0xe2, 'ICC_PROFILE\0'],
  [0xee, 'Adobe']
]

function keepJpegSegment(marker: number, b: Buffer, dataStart: number, end: number): boolean {
  if (marker === 0xfe) return false
  if (marker < 0xe0 || marker > 0xef) return true
  return KEEP_APP.some(([m, id]) => m === marker && end - dataStart >= id.length && b.toString('latin1', dataStart, dataStart + id.length) === id)
}

/** A marker that ends entropy-coded data: not stuffing (FF00), a restart (FFD0–D7) or a fill byte (FFFF). */
const endsScan = (next: number): boolean => next !== 0x00 && next !== 0xff && (next < 0xd0 || next > 0xd7)

/**
 * Segment by segment, through every scan (a progressive JPEG has several, with tables or metadata between them), up
 * to the end-of-image marker. Nothing after it is kept: phone cameras append a second image with its own Exif
 * (Multi-Picture files) or their own trailers there.
 */
function stripJpeg(b: Buffer): Buffer {
  need(b.length >= 4 && b[0] === 0xff && b[1] === 0xd8)
  const parts: Buffer[] = [b.subarray(0, 2)]
  let i = 2
  for (;;) {
    need(i + 2 <= b.length && b[i] === 0xff)
    let marker = b[i + 1]
    // Fill bytes (0xFF repeated) may pad before a marker.
    while (marker === 0xff) {
      i++
      need(i + 2 <= b.length)
      marker = b[i + 1]
    }
    if (marker === 0xd9) {
      parts.push(b.subarray(i, i + 2))
      break
    }
    need(marker !== 0xd8 && marker !== 0x00)
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      // Stand-alone markers (TEM, restarts) carry no length.
      parts.push(b.subarray(i, i + 2))
      i += 2
      continue
    }
    need(i + 4 <= b.length)
    const length = b.readUInt16BE(i + 2)
    const end = i + 2 + length
    need(length >= 2 && end <= b.length)
    if (keepJpegSegment(marker, b, i + 4, end)) parts.push(b.subarray(i, end))
    i = end
    if (marker === 0xda) {
      // The scan's entropy-coded data runs to the next real marker.
      let j = i
      while (j + 1 < b.length && !(b[j] === 0xff && endsScan(b[j + 1]))) j++
      need(j + 1 < b.length)
      parts.push(b.subarray(i, j))
      i = j
    }
  }
  return Buffer.concat(parts)
}

const PNG_DROP = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME'])

function stripPng(b: Buffer): Buffer {
  const parts: Buffer[] = [b.subarray(0, 8)]
  let i = 8
  let first = true
  for (;;) {
    need(i + 12 <= b.length)
    const length = b.readUInt32BE(i)
    const type = b.toString('latin1', i + 4, i + 8)
    const end = i + 12 + length
    need(end <= b.length)
    if (first) need(type === 'IHDR')
    first = false
    if (!PNG_DROP.has(type)) parts.push(b.subarray(i, end))
    i = end
    if (type === 'IEND') break
  }
  return Buffer.concat(parts)
}

function stripWebp(b: Buffer): Buffer {
  need(b.length >= 12)
  const riffEnd = 8 + b.readUInt32LE(4)
  need(riffEnd <= b.length)
  const chunks: Buffer[] = []
  let i = 12
  while (i < riffEnd) {
    need(i + 8 <= riffEnd)
    const type = b.toString('latin1', i, i + 4)
    const size = b.readUInt32LE(i + 4)
    const end = i + 8 + size + (size % 2)
    need(end <= riffEnd)
    if (type === 'VP8X') {
      need(size >= 10)
      const chunk = Buffer.from(b.subarray(i, end))
      // The extended header announces EXIF (bit 3) and XMP (bit 2); they are gone, so clear the flags.
      chunk[8] &= ~0x0c
      chunks.push(chunk)
    } else if (type !== 'EXIF' && type !== 'XMP ') {
      chunks.push(b.subarray(i, end))
    }
    i = end
  }
  const body = Buffer.concat(chunks)
  const header = Buffer.alloc(12)
  header.write('RIFF', 0, 'latin1')
  header.writeUInt32LE(4 + body.length, 4)
  header.write('WEBP', 8, 'latin1')
  return Buffer.concat([header, body])
}
