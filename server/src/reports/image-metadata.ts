import { sniff } from '../media/sniff.ts'

/**
 * Screenshots residents attach to reports may carry where and when a photo was taken and on which phone (EXIF,
 * XMP, IPTC, text chunks). These functions copy an image without those blocks, byte-exact otherwise (no
 * re-encoding: nothing to decode-bomb, nothing lost). A file whose structure does not hold together is refused.
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

// APP1 (Exif, XMP), APP12 (Ducky), APP13 (IPTC / Photoshop) and comments. APP0 (JFIF), APP2 (ICC colour profile)
// and APP14 (Adobe colour transform) stay: without them colours come out wrong.
const JPEG_DROP = new Set([0xe1, 0xec, 0xed, 0xfe])

function stripJpeg(b: Buffer): Buffer {
  const parts: Buffer[] = [b.subarray(0, 2)]
  let i = 2
  for (;;) {
    need(i + 4 <= b.length && b[i] === 0xff)
    let marker = b[i + 1]
    // Fill bytes (0xFF repeated) may pad before a marker.
    while (marker === 0xff) {
      i++
      need(i + 4 <= b.length)
      marker = b[i + 1]
    }
    if (marker === 0xd9) {
      parts.push(b.subarray(i, i + 2))
      break
    }
    const length = b.readUInt16BE(i + 2)
    need(length >= 2 && i + 2 + length <= b.length)
    const end = i + 2 + length
    if (marker === 0xda) {
      // Start of scan: the entropy-coded data runs to the end of the image; copy the rest as it is.
      parts.push(b.subarray(i))
      break
    }
    if (!JPEG_DROP.has(marker)) parts.push(b.subarray(i, end))
    i = end
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
