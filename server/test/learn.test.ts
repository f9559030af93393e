import { before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { Value } from '@sinclair/typebox/value'
import { TipPage, Video, type TipListItem } from '../../types/learn.ts'
import { DEMO_MEDIA_DIR, DEMO_TIPS, seedLearning } from '../src/seed/learning.ts'
import { parseRange } from '../src/media/range.ts'
import { mp4Duration, sniff } from '../src/media/sniff.ts'
import { buildTestApp, multipart, storeOptions, storesUnderTest, useAppSuite } from './helpers.ts'
import { cueAt, parseWebVtt, WebVttError } from '../../types/webvtt.ts'

const MP4 = readFileSync(path.join(DEMO_MEDIA_DIR, 'video-shuadan.mp4'))
const JPG = readFileSync(path.join(DEMO_MEDIA_DIR, 'video-shuadan.jpg'))

test('file types are told by their bytes; MP4 durations come from the movie header; ranges parse as RFC 9110 says', () => {
  assert.deepEqual(sniff(MP4)?.contentType, 'video/mp4')
  assert.deepEqual(sniff(JPG)?.contentType, 'image/jpeg')
  assert.equal(sniff(Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1')), null)
  assert.equal(sniff(Buffer.from('<html><script>')), null)
  assert.equal(mp4Duration(MP4), 15)
  assert.deepEqual(parseRange('bytes=0-99', 1000), { start: 0, end: 99 })
  assert.deepEqual(parseRange('bytes=500-', 1000), { start: 500, end: 999 })
  assert.deepEqual(parseRange('bytes=-100', 1000), { start: 900, end: 999 })
  assert.deepEqual(parseRange('bytes=-5000', 1000), { start: 0, end: 999 })
  assert.deepEqual(parseRange('bytes=900-5000', 1000), { start: 900, end: 999 })
  for (const bad of ['bytes=1000-', 'bytes=5-2', 'bytes=-0', 'bytes=-', 'bytes=abc']) assert.equal(parseRange(bad, 1000), 'unsatisfiable', bad)
  assert.equal(parseRange(undefined, 1000), null)
  assert.equal(parseRange('bytes=0-1,5-6', 1000), null, 'several ranges: the whole file')
  assert.equal(parseRange('items=0-1', 1000), null)
})

test('WebVTT: cues with identifiers, settings, tags and notes are read; a file WebVTT cannot time is refused by line', () => {
  const cues = parseWebVtt(
    '\uFEFFWEBVTT - 字幕\r\n\r\nNOTE 备注\r\n不显示\r\n\r\n1\r\n00:01.000 --> 00:03.500 line:90%\r\n<v 民警>先挂断</v> &amp; 拨打\r\n96110\r\n\r\n01:00:00.000 --> 01:00:02.000\r\n结束'
  )
  assert.deepEqual(cues, [
    { start: 1, end: 3.5, text: '先挂断 & 拨打\n96110' },
    { start: 3600, end: 3602, text: '结束' }
  ])
  assert.equal(cueAt(cues, 0.5), null)
  assert.equal(cueAt(cues, 1)?.text.startsWith('先挂断'), true)
  assert.equal(cueAt(cues, 3.5), null, 'a cue ends at its end time')
  const line = (source: string) => {
    try {
      parseWebVtt(source)
    } catch (err) {
      return err instanceof WebVttError ? err.line : -1
    }
    return 0
  }
  assert.equal(line('1\n00:00.000 --> 00:01.000\n字'), 1, 'no header')
  assert.equal(line('WEBVTT\n\n00:00.000 -> 00:01.000\n字'), 3, 'not a timing')
  assert.equal(line('WEBVTT\n\n00:02.000 --> 00:01.000\n字'), 3, 'ends before it starts')
  assert.equal(line('WEBVTT\n\n00:05.000 --> 00:06.000\n字\n\n00:01.000 --> 00:02.000\n字'), 6, 'out of order')
  assert.equal(line('WEBVTT\n\n00:61.000 --> 00:62.000\n字'), 3, 'no 61st second')
  assert.equal(line('WEBVTT\n\n00:00.000 --> 00:01.000\n<b></b>'), 3, 'a cue without text')
  assert.equal(line('WEBVTT\n\n'), 3, 'no cues')
  assert.equal(sniff(Buffer.from('WEBVTT\n\n'))?.contentType, 'text/vtt; charset=utf-8')
  assert.equal(sniff(Buffer.from('WEBVTTX')), null)
})

for (const store of storesUnderTest()) {
  describe(`学反诈 on ${store}`, storeOptions(store), () => {
    const suite = useAppSuite(store, { roles: ['editor', 'reviewer'], residents: { resident: 'o-learner' } })
    const { as } = suite
    let videoUrl: string

    before(async () => {
      await seedLearning(suite.tdb.database.db, suite.app.media)
      videoUrl = ((await suite.app.inject({ method: 'GET', url: '/api/v1/videos' })).json().items[0] as Video).videoUrl
    })

    const tips = async (query: Record<string, string>) => {
      const res = await suite.app.inject({ method: 'GET', url: '/api/v1/tips', query })
      assert.equal(res.statusCode, 200, res.body)
      assert.ok(Value.Check(TipPage, res.json()))
      return res.json() as TipPage
    }
    const all = async (query: Record<string, string>) => {
      const items: TipListItem[] = []
      let cursor: string | null = null
      do {
        const page: TipPage = await tips(cursor ? { ...query, cursor } : query)
        items.push(...page.items)
        cursor = page.nextCursor
      } while (cursor)
      return items
    }

    test('Chinese search: "投资" finds 虚假投资理财 tips, title matches first; every page is new; type filters', async () => {
      const found = await all({ q: '投资' })
      const expected = DEMO_TIPS.filter((t) => JSON.stringify(t).includes('投资') || t.fraudTypes.includes('touzi'))
      assert.equal(found.length, expected.length)
      assert.equal(new Set(found.map((t) => t.id)).size, found.length)
      const firstWithoutTitle = found.findIndex((t) => !t.title.includes('投资'))
      assert.ok(firstWithoutTitle > 0, 'some titles match')
      assert.ok(
        found.slice(firstWithoutTitle).every((t) => !t.title.includes('投资')),
        'title matches rank above text-only matches'
      )
      // Full-width and case folding: "ＡＰＰ" finds "App".
      assert.ok((await all({ q: 'ＡＰＰ' })).some((t) => t.title.includes('App')))
      // Several words: all must match.
      const both = await all({ q: '验证码 客服' })
      assert.ok(both.length > 0 && both.every((t) => /验证码/.test(t.title + t.excerpt) || t.fraudTypes.length > 0))
      assert.equal((await all({ q: '没有这种说法的词语' })).length, 0)

      const everything = await all({})
      assert.equal(everything.length, DEMO_TIPS.length)
      assert.ok((await tips({})).items.length === 10 && (await tips({})).nextCursor, '10 a page')
      const ofType = await all({ type: 'yanglao' })
      assert.equal(ofType.length, DEMO_TIPS.filter((t) => t.fraudTypes.includes('yanglao')).length)
      assert.ok(ofType.every((t) => t.fraudTypes.some((f) => f.code === 'yanglao' && f.name === '养老诈骗')))
      assert.equal((await suite.app.inject({ method: 'GET', url: '/api/v1/tips', query: { cursor: 'garbage' } })).statusCode, 400)
      const types = (await suite.app.inject({ method: 'GET', url: '/api/v1/fraud-types' })).json().items
      assert.ok(types.length >= 12 && types.every((t: { signs: string[] }) => t.signs.length > 0))
    })

    test('video ranges: first bytes, middle, suffix, open end, invalid → 416; validators and immutable caching', async () => {
      const get = (headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') => suite.app.inject({ method, url: videoUrl, headers })
      const full = await get()
      assert.equal(full.statusCode, 200)
      assert.equal(full.headers['accept-ranges'], 'bytes')
      assert.equal(full.headers['content-type'], 'video/mp4')
      assert.match(String(full.headers['cache-control']), /immutable/)
      assert.ok(full.headers.etag && full.headers['last-modified'])
      assert.ok(full.rawPayload.equals(MP4) || full.rawPayload.length === Number(full.headers['content-length']))
      const size = full.rawPayload.length
      const body = full.rawPayload

      const first = await get({ range: 'bytes=0-99' })
      assert.equal(first.statusCode, 206)
      assert.equal(first.headers['content-range'], `bytes 0-99/${size}`)
      assert.ok(first.rawPayload.equals(body.subarray(0, 100)))
      const middle = await get({ range: `bytes=${(size / 2) | 0}-${((size / 2) | 0) + 999}` })
      assert.equal(middle.statusCode, 206)
      assert.ok(middle.rawPayload.equals(body.subarray((size / 2) | 0, ((size / 2) | 0) + 1000)))
      const suffix = await get({ range: 'bytes=-500' })
      assert.equal(suffix.headers['content-range'], `bytes ${size - 500}-${size - 1}/${size}`)
      assert.ok(suffix.rawPayload.equals(body.subarray(size - 500)))
      const open = await get({ range: `bytes=${size - 10}-` })
      assert.equal(open.rawPayload.length, 10)
      for (const range of [`bytes=${size}-`, 'bytes=9-2', 'bytes=-0']) {
        const res = await get({ range })
        assert.equal(res.statusCode, 416, range)
        assert.equal(res.headers['content-range'], `bytes */${size}`)
        assert.equal(res.json().error.code, 'RANGE_NOT_SATISFIABLE')
      }
      assert.equal((await get({ 'if-none-match': String(full.headers.etag) })).statusCode, 304)
      assert.equal((await get({ range: 'bytes=0-9', 'if-range': '"stale"' })).statusCode, 200, 'a stale If-Range gets the whole file')
      const head = await get({}, 'HEAD')
      assert.equal(head.statusCode, 200)
      assert.equal(Number(head.headers['content-length']), size)
      assert.equal((await suite.app.inject({ method: 'GET', url: '/media/00000000000000000000000000000000.mp4' })).statusCode, 404)
      assert.equal((await suite.app.inject({ method: 'GET', url: '/media/..%2f..%2fpackage.json' })).statusCode, 400)
    })

    test('uploads: type by content (a renamed .exe is refused), size limits, and a refusal leaves nothing behind', async () => {
      const upload = (file: { payload: Buffer; headers: Record<string, string> }, who = 'editor') =>
        suite.app.inject({ method: 'POST', url: '/api/v1/admin/media', payload: file.payload, headers: { ...file.headers, ...as(who) } })
      const files = () =>
        readdirSync(suite.config.media.dir)
          .concat(readdirSync(path.join(suite.config.media.dir, '.incoming')).map((f) => `.incoming/${f}`))
          .sort()
      const before = files()

      const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00', 'latin1'), Buffer.alloc(4096, 7)])
      const refused = await upload(multipart('反诈宣传.mp4', exe, 'video/mp4'))
      assert.equal(refused.statusCode, 400)
      assert.equal(refused.json().error.code, 'MEDIA_TYPE_REFUSED')
      const html = await upload(multipart('cover.jpg', Buffer.from('<svg onload=alert(1)>'), 'image/jpeg'))
      assert.equal(html.json().error.code, 'MEDIA_TYPE_REFUSED')
      assert.deepEqual(files(), before, 'nothing stored')

      const video = await upload(multipart('whatever.bin', MP4))
      assert.equal(video.statusCode, 200, video.body)
      assert.equal(video.json().contentType, 'video/mp4')
      assert.equal(video.json().durationSeconds, 15)
      assert.match(video.json().name, /^[0-9a-f]{32}\.mp4$/)
      const image = await upload(multipart('cover.png', JPG))
      assert.equal(image.json().contentType, 'image/jpeg', 'a JPEG named .png is a JPEG')

      assert.equal((await upload(multipart('a.mp4', MP4), 'reviewer')).statusCode, 403)
      assert.equal((await suite.app.inject({ method: 'POST', url: '/api/v1/admin/media', ...multipart('a.mp4', MP4) })).statusCode, 401)
      assert.equal((await upload(multipart('a.mp4', MP4), 'resident')).statusCode, 401)

      // A small limit: the oversized upload is cut off and removed.
      const tight = await buildTestApp(suite.tdb.database, { MEDIA_MAX_VIDEO_BYTES: '50000', MEDIA_MAX_IMAGE_BYTES: '5000' })
      try {
        const limitedBefore = readdirSync(tight.config.media.dir)
        const big = await tight.app.inject({
          method: 'POST',
          url: '/api/v1/admin/media',
          ...(() => {
            const m = multipart('big.mp4', MP4)
            return { payload: m.payload, headers: { ...m.headers, ...as('editor') } }
          })()
        })
        assert.equal(big.statusCode, 413)
        assert.equal(big.json().error.code, 'MEDIA_TOO_LARGE')
        const bigImage = await tight.app.inject({
          method: 'POST',
          url: '/api/v1/admin/media',
          ...(() => {
            const m = multipart('c.jpg', JPG)
            return { payload: m.payload, headers: { ...m.headers, ...as('editor') } }
          })()
        })
        assert.equal(bigImage.statusCode, 413)
        const after = readdirSync(tight.config.media.dir).filter((f) => f !== '.incoming')
        assert.deepEqual(
          after,
          limitedBefore.filter((f) => f !== '.incoming')
        )
        assert.deepEqual(readdirSync(path.join(tight.config.media.dir, '.incoming')), [])
      } finally {
        await tight.app.close()
      }
    })

    test('captions: a WebVTT file is uploaded, checked whole and linked to a video; one that cannot be read is refused and not kept', async () => {
      const upload = (payload: Buffer, name = 'zimu.vtt') =>
        suite.app.inject({
          method: 'POST',
          url: '/api/v1/admin/media',
          ...(() => {
            const m = multipart(name, payload, 'text/vtt')
            return { payload: m.payload, headers: { ...m.headers, ...as('editor') } }
          })()
        })
      const stored = () =>
        readdirSync(suite.config.media.dir)
          .filter((f) => f.endsWith('.vtt'))
          .sort()
      const before = stored()
      const good = await upload(Buffer.from('WEBVTT\n\n00:00.000 --> 00:04.000\n接到“00”开头的电话，先挂断。\n'))
      assert.equal(good.statusCode, 200, good.body)
      assert.equal(good.json().contentType, 'text/vtt; charset=utf-8')
      const served = await suite.app.inject({ method: 'GET', url: good.json().url })
      assert.equal(served.statusCode, 200)
      assert.equal(served.headers['content-type'], 'text/vtt; charset=utf-8')
      assert.match(served.body, /先挂断/)

      const badTiming = await upload(Buffer.from('WEBVTT\n\n00:00.000 --> 00:04.000\n第一条\n\n00:03 --> 00:05.000\n第二条\n'))
      assert.equal(badTiming.statusCode, 400)
      assert.equal(badTiming.json().error.code, 'CAPTIONS_INVALID')
      assert.match(badTiming.json().error.message, /第6行/)
      // Saved as GBK by a Chinese Windows editor: refused with what to do, never stored garbled.
      const gbk = Buffer.concat([Buffer.from('WEBVTT\n\n00:00.000 --> 00:04.000\n'), Buffer.from([0xcf, 0xc8, 0xb9, 0xd2, 0xb6, 0xcf]), Buffer.from('\n')])
      const refused = await upload(gbk)
      assert.equal(refused.json().error.code, 'CAPTIONS_INVALID')
      assert.match(refused.json().error.message, /UTF-8/)
      assert.deepEqual(stored(), [...before, good.json().name].sort(), 'refused files are not kept')

      const mediaUpload = async (buf: Buffer, name: string) =>
        (
          await suite.app.inject({
            method: 'POST',
            url: '/api/v1/admin/media',
            ...(() => {
              const m = multipart(name, buf)
              return { payload: m.payload, headers: { ...m.headers, ...as('editor') } }
            })()
          })
        ).json().name as string
      const created = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/admin/videos',
        headers: as('editor'),
        payload: {
          title: '有字幕的视频',
          fraudType: 'jingwai',
          summary: '字幕',
          file: await mediaUpload(MP4, 'v.mp4'),
          cover: await mediaUpload(JPG, 'c.jpg'),
          captions: good.json().name
        }
      })
      assert.equal(created.statusCode, 200, created.body)
      assert.equal(created.json().captionsUrl, good.json().url)
      const notCaptions = await suite.app.inject({
        method: 'PATCH',
        url: `/api/v1/admin/videos/${created.json().id}`,
        headers: as('editor'),
        payload: { captions: await mediaUpload(JPG, 'c.jpg') }
      })
      assert.equal(notCaptions.json().error.code, 'CONTENT_INVALID', 'an image is no caption file')
      const removed = await suite.app.inject({
        method: 'PATCH',
        url: `/api/v1/admin/videos/${created.json().id}`,
        headers: as('editor'),
        payload: { captions: null }
      })
      assert.equal(removed.json().captionsUrl, null)
      // The demo videos come with captions.
      const demo = (await suite.app.inject({ method: 'GET', url: '/api/v1/videos' })).json().items as Video[]
      assert.ok(demo.length >= 3 && demo.every((v) => v.captionsUrl !== null), 'every published demo video has captions')
    })

    test('drafts are invisible to residents until published, and gone again when unpublished; only editors write', async () => {
      const created = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/admin/tips',
        headers: as('editor'),
        payload: {
          title: '草稿：新型诈骗提醒',
          fraudTypes: ['kefu'],
          body: [{ type: 'paragraph', text: '这是一条还没发布的提醒，关键词：草稿专用词' }],
          source: '宁陕县反诈中心',
          publishedOn: '2026-11-29'
        }
      })
      assert.equal(created.statusCode, 200, created.body)
      const id = created.json().id as string
      assert.equal(created.json().status, 'draft')
      const visible = async () => (await all({ q: '草稿专用词' })).length
      assert.equal(await visible(), 0)
      assert.equal((await suite.app.inject({ method: 'GET', url: `/api/v1/tips/${id}` })).statusCode, 404)
      await suite.app.inject({ method: 'POST', url: `/api/v1/admin/tips/${id}/publish`, headers: as('editor') })
      assert.equal(await visible(), 1)
      await suite.app.inject({ method: 'PATCH', url: `/api/v1/admin/tips/${id}`, headers: as('editor'), payload: { title: '已改：新型诈骗提醒' } })
      assert.equal((await suite.app.inject({ method: 'GET', url: `/api/v1/tips/${id}` })).json().title, '已改：新型诈骗提醒')
      await suite.app.inject({ method: 'POST', url: `/api/v1/admin/tips/${id}/unpublish`, headers: as('editor') })
      assert.equal(await visible(), 0)

      const bad = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/admin/tips',
        headers: as('editor'),
        payload: { title: '类型不存在', fraudTypes: ['nope'], body: [{ type: 'paragraph', text: 'x' }], source: 's', publishedOn: '2026-11-29' }
      })
      assert.equal(bad.statusCode, 400)
      assert.equal(bad.json().error.code, 'CONTENT_INVALID')
      for (const who of ['reviewer', 'resident']) {
        const res = await suite.app.inject({ method: 'POST', url: `/api/v1/admin/tips/${id}/publish`, headers: as(who) })
        assert.equal(res.statusCode, who === 'reviewer' ? 403 : 401)
      }
      assert.equal(await visible(), 0)

      // Videos the same way.
      const upload = async (buf: Buffer, name: string) =>
        (
          await suite.app.inject({
            method: 'POST',
            url: '/api/v1/admin/media',
            ...(() => {
              const m = multipart(name, buf)
              return { payload: m.payload, headers: { ...m.headers, ...as('editor') } }
            })()
          })
        ).json().name as string
      const draft = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/admin/videos',
        headers: as('editor'),
        payload: {
          title: '草稿视频',
          fraudType: 'kefu',
          summary: '还没发布',
          file: await upload(MP4, 'v.mp4'),
          cover: await upload(JPG, 'c.jpg')
        }
      })
      assert.equal(draft.statusCode, 200, draft.body)
      assert.equal(draft.json().durationSeconds, 15)
      const videoIds = async () => ((await suite.app.inject({ method: 'GET', url: '/api/v1/videos' })).json().items as Video[]).map((v) => v.id)
      assert.ok(!(await videoIds()).includes(draft.json().id))
      assert.equal((await suite.app.inject({ method: 'GET', url: `/api/v1/videos/${draft.json().id}` })).statusCode, 404)
      await suite.app.inject({ method: 'POST', url: `/api/v1/admin/videos/${draft.json().id}/publish`, headers: as('editor') })
      assert.ok((await videoIds()).includes(draft.json().id))
      const wrongFile = await suite.app.inject({
        method: 'PATCH',
        url: `/api/v1/admin/videos/${draft.json().id}`,
        headers: as('editor'),
        payload: { file: await upload(JPG, 'x.jpg') }
      })
      assert.equal(wrongFile.json().error.code, 'CONTENT_INVALID', 'an image is no video file')
    })

    test('residents: learned marks, watch progress (resumed later), view counts', async () => {
      const tip = (await tips({})).items[0]
      const marked = await suite.app.inject({ method: 'PUT', url: `/api/v1/me/tips/${tip.id}/learned`, headers: as('resident'), payload: { learned: true } })
      assert.equal(marked.json().learned, true)
      const listed = (await suite.app.inject({ method: 'GET', url: '/api/v1/tips', headers: as('resident') }))
        .json()
        .items.find((t: TipListItem) => t.id === tip.id)
      assert.equal(listed.learned, true)
      assert.equal((await suite.app.inject({ method: 'PUT', url: `/api/v1/me/tips/${tip.id}/learned`, payload: { learned: true } })).statusCode, 401)

      const video = (await suite.app.inject({ method: 'GET', url: '/api/v1/videos' })).json().items[0] as Video
      const saved = await suite.app.inject({
        method: 'PUT',
        url: `/api/v1/me/videos/${video.id}/progress`,
        headers: as('resident'),
        payload: { positionSeconds: 7.5 }
      })
      assert.equal(saved.statusCode, 200)
      const again = (await suite.app.inject({ method: 'GET', url: `/api/v1/videos/${video.id}`, headers: as('resident') })).json() as Video
      assert.equal(again.progressSeconds, 7.5)
      assert.equal(again.viewCount, video.viewCount + 1)
      const beyond = await suite.app.inject({
        method: 'PUT',
        url: `/api/v1/me/videos/${video.id}/progress`,
        headers: as('resident'),
        payload: { positionSeconds: 9999 }
      })
      assert.equal(beyond.json().progressSeconds, video.durationSeconds, 'clamped to the length')
      assert.equal((await suite.app.inject({ method: 'GET', url: `/api/v1/videos/${video.id}` })).json().progressSeconds, null, 'anonymous: no progress')
    })
  })
}
