import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { deflateSync } from 'node:zlib'
import { stripImageMetadata } from '../src/media/image-metadata.ts'
import { eventually, multipart, storeOptions, storesUnderTest, useAppSuite } from './helpers.ts'

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(b: Buffer): number {
  let c = 0xffffffff
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'latin1')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
  return Buffer.concat([head, data, crc])
}
/** A real 1×1 PNG carrying an eXIf chunk and a text chunk with a GPS position. */
function pngWithMetadata(): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(1, 0)
  ihdr.writeUInt32BE(1, 4)
  ihdr[8] = 8
  ihdr[9] = 2
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('eXIf', Buffer.from('MM\0*GPS 34.26N 108.94E')),
    pngChunk('tEXt', Buffer.from('Comment\0GPS 34.26N 108.94E iPhone')),
    pngChunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))),
    pngChunk('IEND', Buffer.alloc(0))
  ])
}
function jpegSegment(marker: number, data: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0])
  head.writeUInt16BE(data.length + 2, 2)
  return Buffer.concat([head, data])
}
/** JPEG structure with JFIF, an Exif block naming a GPS position, an ICC profile and a comment. */
function jpegWithMetadata(): Buffer {
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    jpegSegment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    jpegSegment(0xe1, Buffer.from('Exif\0\0MM\0*GPS 34.26N 108.94E Huawei P40')),
    jpegSegment(0xe2, Buffer.from('ICC_PROFILE\0\x01\x01profile')),
    jpegSegment(0xfe, Buffer.from('taken at home')),
    jpegSegment(0xdb, Buffer.alloc(65, 1)),
    jpegSegment(0xda, Buffer.from([1, 1, 0, 0, 63, 0])),
    Buffer.from([0x12, 0x34, 0xff, 0x00, 0x56, 0xff, 0xd9])
  ])
}

test('metadata stripping: EXIF, XMP, text and comments go; image data and colour profiles stay; broken files refused', () => {
  const png = stripImageMetadata(pngWithMetadata())
  assert.ok(png.ok)
  assert.equal(png.contentType, 'image/png')
  assert.ok(!png.bytes.includes('GPS'))
  assert.ok(png.bytes.includes('IDAT') && png.bytes.includes('IEND'))
  const jpeg = stripImageMetadata(jpegWithMetadata())
  assert.ok(jpeg.ok)
  assert.ok(!jpeg.bytes.includes('GPS') && !jpeg.bytes.includes('Huawei') && !jpeg.bytes.includes('taken at home'))
  assert.ok(jpeg.bytes.includes('JFIF') && jpeg.bytes.includes('ICC_PROFILE'))
  assert.deepEqual([...jpeg.bytes.subarray(-7)], [0x12, 0x34, 0xff, 0x00, 0x56, 0xff, 0xd9], 'scan data copied as it was')

  const webp = Buffer.concat([
    Buffer.from('RIFF\0\0\0\0WEBP', 'latin1'),
    Buffer.from('VP8X\x0a\0\0\0\x0c\0\0\0\0\0\0\0\0\0', 'latin1'),
    Buffer.from('VP8L\x05\0\0\0\x2f\0\0\0\0\0', 'latin1'),
    Buffer.from('EXIF\x04\0\0\0GPS!', 'latin1')
  ])
  webp.writeUInt32LE(webp.length - 8, 4)
  const w = stripImageMetadata(webp)
  assert.ok(w.ok)
  assert.ok(!w.bytes.includes('EXIF'))
  assert.equal(w.bytes[20] & 0x0c, 0, 'VP8X no longer announces EXIF/XMP')
  assert.equal(w.bytes.readUInt32LE(4), w.bytes.length - 8)

  assert.equal(stripImageMetadata(Buffer.from('just text, named .png')).ok, false)
  assert.equal(stripImageMetadata(pngWithMetadata().subarray(0, 40)).ok, false, 'truncated')
  assert.equal(stripImageMetadata(jpegWithMetadata().subarray(0, 30)).ok, false, 'truncated')
})

for (const store of storesUnderTest()) {
  describe(`report screenshots and merges on ${store}`, storeOptions(store), () => {
    const suite = useAppSuite(store, {
      env: { REPORT_SCREENSHOT_MAX_MB: '1' },
      roles: ['reviewer', 'editor'],
      residents: { alice: 'o-shot-alice', bob: 'o-shot-bob' }
    })
    const { as } = suite
    const upload = (who: string, filename: string, bytes: Buffer) => {
      const body = multipart(filename, bytes, 'image/jpeg')
      return suite.app.inject({ method: 'POST', url: '/api/v1/reports/screenshots', payload: body.payload, headers: { ...body.headers, ...as(who) } })
    }

    test('screenshots: a PNG named .jpg is fine, text named .png is refused, size-limited, stripped, private to uploader and reviewers', async () => {
      const png = await upload('alice', 'shot.jpg', pngWithMetadata())
      assert.equal(png.statusCode, 200, png.body)
      assert.equal(png.json().contentType, 'image/png')
      const text = await upload('alice', 'shot.png', Buffer.from('这不是图片'))
      assert.equal(text.statusCode, 400)
      assert.equal(text.json().error.code, 'SCREENSHOT_INVALID')
      const big = await upload('alice', 'big.png', Buffer.concat([pngWithMetadata(), Buffer.alloc(1_100_000)]))
      assert.equal(big.statusCode, 413)
      assert.equal((await suite.app.inject({ method: 'POST', url: '/api/v1/reports/screenshots', ...multipart('a.png', pngWithMetadata()) })).statusCode, 401)
      const jpg = (await upload('alice', 'IMG_0001.JPG', jpegWithMetadata())).json()
      const stored = await suite.tdb.database.db.selectFrom('report_screenshots').select('bytes').execute()
      assert.ok(
        stored.every((s) => !s.bytes.includes('GPS')),
        'nothing with a position is kept'
      )

      const report = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        headers: as('alice'),
        payload: { kind: 'phone', value: '17000005555', screenshots: [png.json().id, jpg.id] }
      })
      assert.equal(report.statusCode, 200, report.body)
      assert.deepEqual(report.json().screenshots, [png.json().id, jpg.id])
      const own = await suite.app.inject({ method: 'GET', url: `/api/v1/me/screenshots/${jpg.id}`, headers: as('alice') })
      assert.equal(own.statusCode, 200)
      assert.equal(own.headers['content-type'], 'image/jpeg')
      assert.equal(own.headers['cache-control'], 'private, no-store')
      assert.ok(!own.rawPayload.includes('GPS'))
      assert.equal((await suite.app.inject({ method: 'GET', url: `/api/v1/me/screenshots/${jpg.id}`, headers: as('bob') })).statusCode, 404)
      assert.equal((await suite.app.inject({ method: 'GET', url: `/api/v1/admin/reports/screenshots/${jpg.id}`, headers: as('editor') })).statusCode, 403)
      assert.equal((await suite.app.inject({ method: 'GET', url: `/api/v1/admin/reports/screenshots/${jpg.id}`, headers: as('reviewer') })).statusCode, 200)
      const queue = (await suite.app.inject({ method: 'GET', url: '/api/v1/admin/reports/queue', headers: as('reviewer') })).json()
      assert.deepEqual(queue.items.find((i: { value: string }) => i.value === '+8617000005555').reports[0].screenshots, [png.json().id, jpg.id])

      // Someone else's screenshot, or a fourth one, is refused; the report stays as it was.
      const bobs = (await upload('bob', 'b.png', pngWithMetadata())).json()
      const stolen = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        headers: as('alice'),
        payload: { kind: 'phone', value: '17000005555', screenshots: [bobs.id] }
      })
      assert.equal(stolen.json().error.code, 'SCREENSHOT_INVALID')
      const more = await Promise.all([1, 2].map(async () => (await upload('alice', 'x.png', pngWithMetadata())).json().id as string))
      const fourth = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        headers: as('alice'),
        payload: { kind: 'phone', value: '17000005555', screenshots: more }
      })
      assert.equal(fourth.json().error.code, 'SCREENSHOT_INVALID')
      const mine = (await suite.app.inject({ method: 'GET', url: '/api/v1/me/reports', headers: as('alice') })).json().items
      assert.equal(mine[0].screenshots.length, 2)
    })

    test('a reviewer merges reports of two values into one group: one decision confirms both values', async () => {
      await suite.app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        headers: as('alice'),
        payload: { kind: 'url', value: 'https://jd-kefu-lipei.example/a', lossAmount: 800 }
      })
      await suite.app.inject({ method: 'POST', url: '/api/v1/reports', headers: as('bob'), payload: { kind: 'url', value: 'jd-kefu-lipei2.example' } })
      const merge = (payload: object, who = 'reviewer') => suite.app.inject({ method: 'POST', url: '/api/v1/admin/reports/merge', headers: as(who), payload })
      assert.equal((await merge({ kind: 'url', into: 'jd-kefu-lipei.example', values: ['jd-kefu-lipei2.example'] }, 'editor')).statusCode, 403)
      assert.equal((await merge({ kind: 'url', into: 'nothing-here.example', values: ['jd-kefu-lipei2.example'] })).statusCode, 404)
      const merged = await merge({ kind: 'url', into: 'jd-kefu-lipei.example', values: ['https://jd-kefu-lipei2.example/'] })
      assert.equal(merged.statusCode, 200, merged.body)
      assert.equal(merged.json().moved, 1)
      assert.equal((await merge({ kind: 'url', into: 'jd-kefu-lipei.example', values: ['jd-kefu-lipei2.example'] })).json().error.code, 'REPORT_MERGE_INVALID')

      const group = (await suite.app.inject({ method: 'GET', url: '/api/v1/admin/reports/queue', headers: as('reviewer') }))
        .json()
        .items.find((i: { value: string }) => i.value === 'jd-kefu-lipei.example')
      assert.equal(group.reporters, 2)
      assert.deepEqual(group.reports.map((r: { value: string }) => r.value).sort(), ['jd-kefu-lipei.example', 'jd-kefu-lipei2.example'])
      const confirm = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/admin/reports/review',
        headers: as('reviewer'),
        payload: { kind: 'url', value: 'jd-kefu-lipei.example', action: 'confirm', category: '冒充客服' }
      })
      assert.equal(confirm.json().reports, 2)
      for (const u of ['jd-kefu-lipei.example', 'jd-kefu-lipei2.example']) {
        await eventually(
          async () => (await suite.app.inject({ method: 'GET', url: '/api/v1/check/url', query: { url: u } })).json().verdict === 'dangerous',
          3_000
        )
      }
      const bobs = (await suite.app.inject({ method: 'GET', url: '/api/v1/me/reports', headers: as('bob') })).json().items
      assert.equal(bobs.find((r: { value: string }) => r.value === 'jd-kefu-lipei2.example').status, 'confirmed')
      const audit = await suite.tdb.database.db.selectFrom('audit_log').select(['action', 'target']).where('action', '=', 'report.merge').execute()
      assert.deepEqual(audit, [{ action: 'report.merge', target: 'url:jd-kefu-lipei.example' }])
    })
  })
}
