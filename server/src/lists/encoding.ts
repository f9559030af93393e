import { isAscii } from 'node:buffer'
import { TextDecoder } from 'node:util'

/** What an uploaded text file turned out to be written in. */
export type TextEncodingName = 'utf-8' | 'gb18030'

/** Bytes looked at past the first non-ASCII byte before deciding (a few dozen Chinese characters). */
const DECIDE_AFTER = 4_096

/**
 * UTF-8 unless the bytes read as UTF-8 are mostly invalid: GBK text gives an undecodable sequence nearly every
 * character, while a UTF-8 file with a damaged byte or two still decodes to mostly real characters (and those damaged
 * lines are then refused by the importer, never stored garbled).
 */
function looksUtf8(bytes: Buffer): boolean {
  // stream: a character cut at the end of the window is not counted as damage.
  const text = new TextDecoder('utf-8').decode(bytes, { stream: true })
  let damaged = 0
  let real = 0
  for (const ch of text) {
    if (ch === '\uFFFD') damaged++
    else if (ch.charCodeAt(0) >= 0x80) real++
  }
  return damaged < real || damaged === 0
}

/**
 * Turns an uploaded text file into UTF-8 whatever Excel saved it as: UTF-8 with or without a BOM, or GBK / GB18030
 * (the default of "CSV" on Chinese Windows; GB18030 is GBK's superset, so one decoder reads both). Streaming: ASCII is
 * the same in all three, so bytes pass until the first non-ASCII one, and the few KB from it decide (looksUtf8). Errors of the source
 * (a size limit, a broken upload) pass through. `onDecided` reports the choice (null: the file was pure ASCII).
 */
export async function* decodeToUtf8(source: AsyncIterable<Buffer>, onDecided: (encoding: TextEncodingName | null) => void = () => {}): AsyncGenerator<Buffer> {
  let decided: TextEncodingName | null = null
  let gb: TextDecoder | null = null
  let held: Buffer | null = null
  let firstHigh = -1
  const decide = (bytes: Buffer): void => {
    decided = looksUtf8(bytes.subarray(firstHigh)) ? 'utf-8' : 'gb18030'
    if (decided === 'gb18030') gb = new TextDecoder('gb18030')
    onDecided(decided)
  }
  const convert = (bytes: Buffer): Buffer => (gb ? Buffer.from(gb.decode(bytes, { stream: true }), 'utf8') : bytes)

  for await (const chunk of source) {
    if (decided) {
      yield convert(chunk)
      continue
    }
    const all: Buffer = held ? Buffer.concat([held, chunk]) : chunk
    held = null
    // isAscii is native: a big ASCII file (most city feeds) costs no per-byte JavaScript here.
    if (firstHigh === -1 && !isAscii(all)) firstHigh = all.findIndex((b) => b >= 0x80)
    if (firstHigh === -1) {
      // Pure ASCII so far: identical in every candidate encoding.
      yield all
    } else if (all.length - firstHigh >= DECIDE_AFTER) {
      decide(all)
      yield convert(all)
    } else {
      held = all
    }
  }
  if (held) {
    decide(held)
    yield convert(held)
  }
  if (!decided) onDecided(null)
  const tail = gb ? (gb as TextDecoder).decode() : ''
  if (tail) yield Buffer.from(tail, 'utf8')
}
