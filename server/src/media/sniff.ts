/** What a file is, by its first bytes (never by its name or the client's Content-Type). */
export interface Sniffed {
  kind: 'video' | 'image' | 'captions'
  contentType: string
  ext: string
}

const MP4_BRANDS = new Set(['isom', 'iso2', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'dash', 'M4V ', 'MSNV'])

/** "WEBVTT" (after an optional UTF-8 BOM), then a space, tab, line break or the end: a WebVTT caption file. */
function isWebVtt(head: Buffer): boolean {
  const at = head.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) ? 3 : 0
  if (head.toString('latin1', at, at + 6) !== 'WEBVTT') return false
  const next = head[at + 6]
  return next === undefined || next === 0x20 || next === 0x09 || next === 0x0a || next === 0x0d
}

export function sniff(head: Buffer): Sniffed | null {
  if (isWebVtt(head)) return { kind: 'captions', contentType: 'text/vtt; charset=utf-8', ext: 'vtt' }
  if (head.length >= 12 && head.toString('latin1', 4, 8) === 'ftyp' && MP4_BRANDS.has(head.toString('latin1', 8, 12))) {
    return { kind: 'video', contentType: 'video/mp4', ext: 'mp4' }
  }
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return { kind: 'image', contentType: 'image/jpeg', ext: 'jpg' }
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return { kind: 'image', contentType: 'image/png', ext: 'png' }
  }
  if (head.length >= 12 && head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP') {
    return { kind: 'image', contentType: 'image/webp', ext: 'webp' }
  }
  return null
}

/** The file ends inside its own movie header: a cut-off upload, not a video. */
export class TruncatedMp4 extends Error {}

/**
 * Duration of an MP4 from its movie header (moov → mvhd), looked for in the given bytes (a "faststart" file has
 * moov at the front). Null when not found. `whole` says the bytes are the entire file: a header cut short then
 * throws TruncatedMp4; otherwise the window simply ended early and the answer is null.
 */
export function mp4Duration(bytes: Buffer, whole = false): number | null {
  const moov = findBox(bytes, 0, bytes.length, 'moov')
  if (!moov) return null
  const mvhd = findBox(bytes, moov.start, moov.end, 'mvhd')
  if (!mvhd) return null
  const version = bytes[mvhd.start]
  // mvhd payload: version/flags, two dates, timescale, duration (32- or 64-bit fields by version).
  if (mvhd.end - mvhd.start < (version === 1 ? 32 : 20) || mvhd.end > bytes.length) {
    if (whole) throw new TruncatedMp4('mvhd cut short')
    return null
  }
  const timescale = version === 1 ? bytes.readUInt32BE(mvhd.start + 20) : bytes.readUInt32BE(mvhd.start + 12)
  const duration = version === 1 ? Number(bytes.readBigUInt64BE(mvhd.start + 24)) : bytes.readUInt32BE(mvhd.start + 16)
  return timescale > 0 ? Math.round((duration / timescale) * 100) / 100 : null
}

/** The payload range of the first box of `type` between start and end (boxes: 32-bit size + 4-char type). */
function findBox(bytes: Buffer, start: number, end: number, type: string): { start: number; end: number } | null {
  let at = start
  while (at + 8 <= end) {
    let size = bytes.readUInt32BE(at)
    let header = 8
    if (size === 1 && at + 16 <= end) {
      size = Number(bytes.readBigUInt64BE(at + 8))
      header = 16
    } else if (size === 0) size = end - at
    if (size < header) return null
    if (bytes.toString('latin1', at + 4, at + 8) === type) return { start: at + header, end: Math.min(end, at + size) }
    at += size
  }
  return null
}
