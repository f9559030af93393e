// Upload decoding (lists/encoding.ts): whatever Excel saved, the importer reads UTF-8 — chunk by chunk, with the
// decision made at the first non-ASCII bytes, wherever they fall.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { decodeToUtf8, type TextEncodingName } from '../src/lists/encoding.ts'

// '类型,号码,冒充客服' in GBK (Python: .encode('gbk').hex()).
const GBK = Buffer.from('c0e0d0cd2cbac5c2eb2cc3b0b3e4bfcdb7fe', 'hex')
const TEXT = '类型,号码,冒充客服'

async function decode(chunks: Buffer[]): Promise<{ text: string; encoding: TextEncodingName | null | undefined }> {
  let encoding: TextEncodingName | null | undefined
  const out: Buffer[] = []
  for await (const b of decodeToUtf8(
    (async function* () {
      yield* chunks
    })(),
    (e) => {
      encoding = e
    }
  ))
    out.push(b)
  return { text: Buffer.concat(out).toString('utf8'), encoding }
}

/** Splits bytes into pieces of `size` (cutting characters in half on purpose). */
const pieces = (bytes: Buffer, size: number) => Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size))

test('GBK is read as GBK whatever the chunk size, even when its characters are cut between chunks', async () => {
  const body = Buffer.concat(Array.from({ length: 400 }, () => Buffer.concat([GBK, Buffer.from('\n')])))
  for (const size of [1, 3, 7, 4_096, 65_536]) {
    const { text, encoding } = await decode(pieces(body, size))
    assert.equal(encoding, 'gb18030', `chunks of ${size}`)
    assert.equal(text, `${TEXT}\n`.repeat(400), `chunks of ${size}`)
  }
})

test('a long ASCII start passes through and the first Chinese line megabytes later still decides', async () => {
  const ascii = Buffer.from('phone,13800138000,x,city,,\n'.repeat(40_000))
  const { text, encoding } = await decode(pieces(Buffer.concat([ascii, GBK, Buffer.from('\n')]), 16_384))
  assert.equal(encoding, 'gb18030')
  assert.ok(text.endsWith(`${TEXT}\n`))
  assert.equal(text.length, ascii.length + TEXT.length + 1)
})

test('UTF-8 with or without BOM passes unchanged; one damaged byte keeps it UTF-8 (the importer refuses that line); pure ASCII decides nothing', async () => {
  for (const prefix of ['', '\uFEFF']) {
    const bytes = Buffer.from(`${prefix}${TEXT}\n`.repeat(300), 'utf8')
    const { text, encoding } = await decode(pieces(bytes, 5))
    assert.deepEqual([encoding, text], ['utf-8', `${prefix}${TEXT}\n`.repeat(300)])
  }
  const damaged = Buffer.concat([Buffer.from(`${TEXT}\n`, 'utf8'), Buffer.from([0xff]), Buffer.from(`${TEXT}\n`, 'utf8')])
  const d = await decode([damaged])
  assert.equal(d.encoding, 'utf-8')
  assert.equal(d.text, `${TEXT}\n\uFFFD${TEXT}\n`)
  assert.equal((await decode([Buffer.from('kind,value\n')])).encoding, null)
})

test('an error of the upload (a size limit) passes through', async () => {
  const failing = (async function* () {
    yield GBK
    throw new Error('too large')
  })()
  await assert.rejects(async () => {
    for await (const _ of decodeToUtf8(failing)) void _
  }, /too large/)
})
