/**
 * WebVTT captions (https://www.w3.org/TR/webvtt1/), the subset a caption file for a short video needs: the WEBVTT
 * header, cues with optional identifiers and settings, NOTE/STYLE/REGION blocks skipped, tags in cue text removed.
 * The server refuses a file this cannot read (so a resident never gets a broken caption file); the app reads the same
 * file with the same code and shows the cue at the current time under the video.
 */

export interface Cue {
  start: number
  end: number
  text: string
}

export class WebVttError extends Error {
  constructor(
    readonly line: number,
    reason: string
  ) {
    super(reason)
  }
}

/** The most cues a caption file may hold (a 60-minute video with a cue every 2 seconds). */
export const MAX_CUES = 2000
/** The longest text one cue may show (two lines under the video at large text). */
export const MAX_CUE_CHARS = 200

const TIMING = /^((?:\d{2,}:)?\d{2}:\d{2}\.\d{3})[ \t]+-->[ \t]+((?:\d{2,}:)?\d{2}:\d{2}\.\d{3})(?:[ \t]+.*)?$/

function seconds(stamp: string): number {
  const parts = stamp.split(':')
  const [h, m, s] = parts.length === 3 ? parts : ['0', ...parts]
  if (Number(m) > 59 || Number(s) >= 60) return NaN
  return Number(h) * 3600 + Number(m) * 60 + Number(s)
}

/** The cues of a WebVTT file, in order; throws WebVttError naming the line (1-based) and the reason in Chinese. */
export function parseWebVtt(source: string): Cue[] {
  const lines = source.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)
  if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? '')) throw new WebVttError(1, '第一行必须是 WEBVTT（这不是 WebVTT 字幕文件）')
  const cues: Cue[] = []
  let i = 1
  // The header's own lines run to the first blank line.
  while (i < lines.length && lines[i].trim() !== '') i++
  while (i < lines.length) {
    while (i < lines.length && lines[i].trim() === '') i++
    if (i >= lines.length) break
    const blockStart = i
    if (/^(NOTE|STYLE|REGION)(?:[ \t]|$)/.test(lines[i])) {
      while (i < lines.length && lines[i].trim() !== '') i++
      continue
    }
    // An identifier line may come before the timing (a line that is neither points at itself).
    if (!lines[i].includes('-->') && (lines[i + 1] ?? '').includes('-->')) i++
    const timing = TIMING.exec(lines[i].trim())
    if (!timing) throw new WebVttError(i + 1, `第${i + 1}行应是时间，例如 00:00:01.000 --> 00:00:04.000`)
    const start = seconds(timing[1])
    const end = seconds(timing[2])
    if (!Number.isFinite(start) || !Number.isFinite(end)) throw new WebVttError(i + 1, `第${i + 1}行的时间不对（分、秒不能超过59）`)
    if (end <= start) throw new WebVttError(i + 1, `第${i + 1}行：结束时间要晚于开始时间`)
    const previous = cues[cues.length - 1]
    if (previous && start < previous.start) throw new WebVttError(i + 1, `第${i + 1}行：字幕要按时间先后排列`)
    i++
    const text: string[] = []
    while (i < lines.length && lines[i].trim() !== '') {
      if (lines[i].includes('-->')) throw new WebVttError(i + 1, `第${i + 1}行：字幕之间要空一行`)
      text.push(lines[i])
      i++
    }
    // Tags (<v 民警>, <b>, <c.red>) and the entities WebVTT allows, as plain text.
    const plain = text
      .join('\n')
      .replace(/<[^>]*>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&nbsp;/g, ' ')
      .replace(/&lrm;|&rlm;/g, '')
      .replace(/&amp;/g, '&')
      .trim()
    if (plain === '') throw new WebVttError(blockStart + 1, `第${blockStart + 1}行开始的这条字幕没有文字`)
    if ([...plain].length > MAX_CUE_CHARS) throw new WebVttError(blockStart + 1, `第${blockStart + 1}行开始的这条字幕太长（最多${MAX_CUE_CHARS}字）`)
    cues.push({ start, end, text: plain })
    if (cues.length > MAX_CUES) throw new WebVttError(blockStart + 1, `字幕条数太多（最多${MAX_CUES}条）`)
  }
  if (cues.length === 0) throw new WebVttError(lines.length, '文件里没有字幕')
  return cues
}

/** The cue on screen at `time` (the latest one that has started and not ended), or null between cues. */
export function cueAt(cues: readonly Cue[], time: number): Cue | null {
  for (let i = cues.length - 1; i >= 0; i--) {
    if (cues[i].start <= time && time < cues[i].end) return cues[i]
  }
  return null
}
