// Every image the server keeps loses its metadata — checked on real files written by other tools (server/test/images,
// sources and licences in its SOURCES.md), on a Multi-Picture file, on a progressive file with metadata between its
// scans, and through the staff upload route (covers are public).
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { stripImageMetadata } from '../src/media/image-metadata.ts'
import { storeOptions, storesUnderTest, useAppSuite } from './helpers.ts'

const IMAGES = path.join(import.meta.dirname, 'images')
const ALL_SEGMENTS = readFileSync(path.join(IMAGES, 'exiftool-all-segments.jpg'))
const GPS = readFileSync(path.join(IMAGES, 'exiftool-gps.jpg'))

/** Marker bytes of a JPEG's segments, in order, up to and including EOI (scan data skipped). */
function segments(b: Buffer): Array<{ marker: number; id: string }> {
  const out: Array<{ marker: number; id: string }> = []
  let i = 2
  while (i + 1 < b.length) {
    const marker = b[i + 1]
    if (marker === 0xd9) {
      out.push({ marker, id: '' })
      break
    }
    const length = b.readUInt16BE(i + 2)
    out.push({ marker, id: b.toString('latin1', i + 4, i + 4 + Math.min(12, length - 2)) })
    i += 2 + length
    if (marker === 0xda) {
      while (i + 1 < b.length && !(b[i] === 0xff && b[i + 1] !== 0 && b[i + 1] !== 0xff && (b[i + 1] < 0xd0 || b[i + 1] > 0xd7))) i++
    }
  }
  return out
}

/** The entropy-coded bytes of every scan, joined: what must come through untouched. */
function scanData(b: Buffer): Buffer {
  const chunks: Buffer[] = []
  let i = 2
  while (i + 1 < b.length && b[i + 1] !== 0xd9) {
    const marker = b[i + 1]
    i += 2 + b.readUInt16BE(i + 2)
    if (marker === 0xda) {
      const start = i
      while (i + 1 < b.length && !(b[i] === 0xff && b[i + 1] !== 0 && b[i + 1] !== 0xff && (b[i + 1] < 0xd0 || b[i + 1] > 0xd7))) i++
      chunks.push(b.subarray(start, i))
    }
  }
  return Buffer.concat(chunks)
}

const seg = (marker: number, data: Buffer | string): Buffer => {
  const body = typeof data === 'string' ? Buffer.from(data, 'latin1') : data
  const head = Buffer.from([0xff, marker, 0, 0])
  head.writeUInt16BE(body.length + 2, 2)
  return Buffer.concat([head, body])
}

test('a real file with every kind of JPEG metadata: only JFIF, the colour profile and Adobe stay; scans untouched; no trailer', () => {
  const stripped = stripImageMetadata(ALL_SEGMENTS)
  assert.ok(stripped.ok)
  const kept = segments(stripped.bytes)
  const apps = kept.filter((s) => s.marker >= 0xe0 && s.marker <= 0xef).map((s) => s.id.replace(/\0.*$/s, ''))
  assert.deepEqual(apps, ['JFIF', 'ICC_PROFILE', 'Adobe'])
  assert.ok(!kept.some((s) => s.marker === 0xfe), 'no comment')
  for (const gone of ['Exif', 'http://ns.adobe.com', 'JFXX', 'FPXR', 'MPF\0', 'Photoshop', 'Ducky', 'AXS!', 'cameralbum', 'city', 'a comment']) {
    assert.ok(!stripped.bytes.includes(gone), `${gone} removed`)
    assert.ok(ALL_SEGMENTS.includes(gone), `${gone} was there`)
  }
  assert.deepEqual([...stripped.bytes.subarray(-2)], [0xff, 0xd9], 'ends at the end of the image')
  assert.deepEqual(scanData(stripped.bytes), scanData(ALL_SEGMENTS))
  // The frame and its tables are all there.
  for (const marker of [0xdb, 0xc0, 0xc4, 0xda])
    assert.ok(
      kept.some((s) => s.marker === marker),
      marker.toString(16)
    )
  const again = stripImageMetadata(stripped.bytes)
  assert.ok(again.ok && again.removed === 0 && again.bytes.equals(stripped.bytes), 'stripping twice changes nothing')
})

test("a GPS position in Exif goes; a Multi-Picture file loses its second image and that image's Exif", () => {
  const gps = stripImageMetadata(GPS)
  assert.ok(gps.ok)
  assert.ok(GPS.includes('Exif\0\0') && !gps.bytes.includes('Exif'))
  // A phone's Multi-Picture file: the primary image (with its MPF index), then the secondary image with its own Exif.
  const mpo = Buffer.concat([ALL_SEGMENTS.subarray(0, ALL_SEGMENTS.indexOf(Buffer.from([0xff, 0xd9]), 22_000) + 2), GPS])
  const stripped = stripImageMetadata(mpo)
  assert.ok(stripped.ok)
  assert.ok(!stripped.bytes.includes('Exif') && !stripped.bytes.includes('MPF\0'))
  assert.equal(stripped.bytes.indexOf(Buffer.from([0xff, 0xd8]), 2), -1, 'no second image')
  assert.deepEqual(stripped.bytes, (stripImageMetadata(ALL_SEGMENTS) as { bytes: Buffer }).bytes)
})

test('a progressive file: metadata between its scans goes, every scan (with restarts and stuffed bytes) stays', () => {
  const scan1 = Buffer.from([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56])
  const scan2 = Buffer.from([0x78, 0xff, 0x00, 0x9a, 0xff, 0xd1, 0xbc, 0xff, 0xff])
  const file = Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    seg(0xe0, 'JFIF\0\x01\x01\0\0\x01\0\x01\0\0'),
    seg(0xdb, Buffer.alloc(65, 1)),
    seg(0xc2, Buffer.from([8, 0, 8, 0, 8, 1, 1, 0x11, 0])),
    seg(0xc4, Buffer.alloc(20, 2)),
    seg(0xda, Buffer.from([1, 1, 0, 0, 0, 0])),
    scan1,
    seg(0xe1, 'Exif\0\0MM\0*GPS 34.26N 108.94E'),
    seg(0xfe, 'shot at home'),
    seg(0xc4, Buffer.alloc(20, 3)),
    seg(0xda, Buffer.from([1, 1, 0, 1, 63, 0])),
    scan2,
    Buffer.from([0xff, 0xd9])
  ])
  const stripped = stripImageMetadata(file)
  assert.ok(stripped.ok)
  assert.ok(!stripped.bytes.includes('GPS') && !stripped.bytes.includes('shot at home'))
  assert.ok(stripped.bytes.includes(scan1) && stripped.bytes.includes(scan2))
  assert.deepEqual(
    segments(stripped.bytes).map((s) => s.marker),
    [0xe0, 0xdb, 0xc2, 0xc4, 0xda, 0xc4, 0xda, 0xd9]
  )
})

test('polyglots and broken files are refused: a JPEG header then HTML, a file cut in its scan, no end marker', () => {
  const html = Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
    Buffer.from('\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0<html><script>alert(1)</script></html>', 'latin1')
  ])
  assert.equal(stripImageMetadata(html).ok, false)
  const noEnd = GPS.subarray(0, GPS.length - 2)
  assert.equal(stripImageMetadata(noEnd).ok, false)
  assert.equal(stripImageMetadata(GPS.subarray(0, 1500)).ok, false)
})

for (const store of storesUnderTest()) {
  describe(`staff uploads lose their metadata too on ${store}`, storeOptions(store), () => {
    const suite = useAppSuite(store, { roles: ['editor'] })
    const upload = (bytes: Buffer) => {
      const boundary = '----cover' + Math.random().toString(16).slice(2)
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cover.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
        bytes,
        Buffer.from(`\r\n--${boundary}--\r\n`)
      ])
      return suite.app.inject({
        method: 'POST',
        url: '/api/v1/admin/media',
        payload,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...suite.as('editor') }
      })
    }

    test('a cover with a GPS position is stored and served without it; a polyglot is refused', async () => {
      const r = await upload(GPS)
      assert.equal(r.statusCode, 200, r.body)
      const served = await suite.app.inject({ method: 'GET', url: r.json().url })
      assert.equal(served.statusCode, 200)
      assert.ok(!served.rawPayload.includes('Exif'))
      assert.equal(r.json().size, served.rawPayload.length)
      assert.equal(served.headers['x-content-type-options'], 'nosniff')
      const polyglot = await upload(
        Buffer.concat([
          Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]),
          Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'),
          Buffer.from('<html><script>alert(document.cookie)</script></html>'.repeat(4))
        ])
      )
      assert.equal(polyglot.statusCode, 400, polyglot.body)
      assert.equal(polyglot.json().error.code, 'MEDIA_TYPE_REFUSED')
    })
  })
}
