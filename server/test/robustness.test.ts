import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { createAreasRepository } from '../src/areas/repository.ts'
import { defaultAreas } from '../src/areas/service.ts'
import { DEMO_MEDIA_DIR } from '../src/seed/learning.ts'
import { seedFraudTypes } from '../src/seed/learning.ts'
import { badTextPath } from '../src/plugins/text-guard.ts'
import { parsePhone } from '../src/values/phone.ts'
import { mp4Duration, TruncatedMp4 } from '../src/media/sniff.ts'
import { multipart, storeOptions, storesUnderTest, useAppSuite } from './helpers.ts'

const MP4 = readFileSync(path.join(DEMO_MEDIA_DIR, 'video-shuadan.mp4'))

test('the text gate finds NUL bytes and lone surrogates anywhere in params, query and JSON, and nothing else', () => {
  assert.equal(badTextPath({ a: 'ok', b: ['fine', { c: 'x\u0000y' }] }, ''), 'b[1].c')
  assert.equal(badTextPath({ title: 'a\ud800' }, ''), 'title')
  assert.equal(badTextPath({ title: 'a\udc00b' }, ''), 'title')
  assert.equal(badTextPath({ title: '😀 emoji pairs are fine', n: 1, t: true, z: null }, ''), null)
  assert.equal(badTextPath({ 'k\u0000': 'v' }, ''), '')
  assert.equal(badTextPath(Buffer.from([0]), ''), null)
})

test('"+", "00" or a calling code alone hold no phone number', () => {
  for (const input of ['+86', '0086', '00 86', '+852', '00852', '+1', '001', '+999']) {
    assert.deepEqual(parsePhone(input), { ok: false, reason: 'TOO_SHORT' }, input)
  }
  for (const input of ['+86 138 0013 8000', '0085298765432', '+1 202 555 0143', '+86 95588']) assert.ok(parsePhone(input).ok, input)
})

test('an MP4 cut inside its movie header throws when the bytes are the whole file, and is only unknown when they are a window', () => {
  const moov = MP4.indexOf(Buffer.from('mvhd'))
  assert.ok(moov > 0, 'the demo clip has its movie header at the front')
  const cut = MP4.subarray(0, moov + 10)
  assert.throws(() => mp4Duration(cut, true), TruncatedMp4)
  assert.equal(mp4Duration(cut, false), null)
  assert.ok((mp4Duration(MP4, true) ?? 0) > 0)
})

for (const store of storesUnderTest()) {
  describe(`no input makes a 500 on ${store}`, storeOptions(store), () => {
    const suite = useAppSuite(store, {
      roles: ['admin', 'editor', 'reviewer'],
      residents: { alice: 'o-robust-alice', bob: 'o-robust-bob' },
      async seed(db) {
        await createAreasRepository(db).upsert(defaultAreas())
        await seedFraudTypes(db)
      }
    })
    const send = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, who?: string, payload?: unknown) =>
      suite.app.inject({ method, url: `/api/v1${url}`, headers: who ? suite.as(who) : {}, ...(payload === undefined ? {} : { payload: payload as object }) })

    test('NUL bytes and lone surrogates: 400 INVALID_TEXT with the field, wherever text enters', async () => {
      const cases: Array<[string, Awaited<ReturnType<typeof send>>]> = [
        ['check url (signed in)', await send('GET', '/check/url?url=https%3A%2F%2Fa.example%2F%00', 'alice')],
        ['check account (signed in)', await send('GET', '/check/account?number=wxid_%00abc', 'alice')],
        ['check phone', await send('GET', '/check/phone?number=138%0000138000', 'alice')],
        ['blocklist search', await send('GET', '/admin/blocklist?q=%00', 'reviewer')],
        ['admin login', await send('POST', '/admin/login', undefined, { username: 'adm\u0000in', password: 'whatever password' })],
        ['fraud type name', await send('PUT', '/admin/fraud-types/nul-type', 'editor', { name: '类型\u0000', description: '说明', signs: ['要点'] })],
        [
          'tip body',
          await send('POST', '/admin/tips', 'editor', {
            title: '标题标题',
            fraudTypes: ['shuadan'],
            source: '县反诈中心',
            publishedOn: '2026-11-30',
            body: [{ type: 'paragraph', text: '正文\ud800' }]
          })
        ],
        ['blacklist note', await send('PUT', '/admin/blocklist', 'reviewer', { kind: 'phone', value: '17012340000', category: '刷单返利', note: 'a\u0000b' })],
        ['report', await send('POST', '/reports', 'alice', { kind: 'url', value: 'https://x.example/\u0000' })],
        ['review', await send('POST', '/admin/reports/review', 'reviewer', { kind: 'phone', value: '170\u00001234', action: 'reject', reason: '理由' })]
      ]
      for (const [what, res] of cases) {
        assert.equal(res.statusCode, 400, `${what}: ${res.body}`)
        assert.equal(res.json().error.code, 'INVALID_TEXT', what)
        assert.match(res.json().error.message, /无法识别的字符/, what)
      }
      assert.equal(cases[5][1].json().error.field, 'name')
      assert.equal(cases[6][1].json().error.field, 'body[0].text')
      // Ordinary Chinese text, emoji and the rest still pass.
      assert.equal((await send('GET', '/check/url?url=https%3A%2F%2F%E4%BE%8B%E5%AD%90.example%2F', 'alice')).statusCode, 200)
    })

    test("a URL that cannot be decoded is a 400 in the API's error shape, not Fastify's", async () => {
      for (const url of ['/media/%ED%A0%80', '/api/v1/tips/%E4%B8', '/api/v1/videos/%ff']) {
        const res = await suite.app.inject({ url })
        assert.equal(res.statusCode, 400, url)
        assert.deepEqual(res.json(), { error: { code: 'BAD_REQUEST', message: '网址中有无法识别的字符' } }, url)
      }
    })

    test('merging a value into itself, and a fraud-type name already taken, are clear 4xx', async () => {
      assert.equal((await send('POST', '/reports', 'alice', { kind: 'phone', value: '17012345678' })).statusCode, 200)
      for (const values of [['17012345678'], ['+86 170 1234 5678', '17012345678']]) {
        const self = await send('POST', '/admin/reports/merge', 'reviewer', { kind: 'phone', into: '17012345678', values })
        assert.equal(self.statusCode, 400, self.body)
        assert.equal(self.json().error.code, 'REPORT_MERGE_INVALID')
      }
      const taken = await send('PUT', '/admin/fraud-types/another-shuadan', 'editor', { name: '刷单返利', description: '重复的名字', signs: ['要点'] })
      assert.equal(taken.statusCode, 409, taken.body)
      assert.deepEqual([taken.json().error.code, taken.json().error.field], ['NAME_TAKEN', 'name'])
      const renamed = await send('PUT', '/admin/fraud-types/shuadan', 'editor', { name: '刷单返利', description: '同一类型保存自己的名字', signs: ['要点'] })
      assert.equal(renamed.statusCode, 200, renamed.body)
    })

    test('a truncated MP4 is refused and leaves no file behind', async () => {
      const files = () =>
        readdirSync(suite.config.media.dir)
          .filter((f) => !f.startsWith('.'))
          .sort()
      const before = files()
      const cut = MP4.subarray(0, MP4.indexOf(Buffer.from('mvhd')) + 10)
      const upload = multipart('cut.mp4', cut, 'video/mp4')
      const res = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/admin/media',
        payload: upload.payload,
        headers: { ...upload.headers, ...suite.as('editor') }
      })
      assert.equal(res.statusCode, 400, res.body)
      assert.equal(res.json().error.code, 'MEDIA_TYPE_REFUSED')
      assert.deepEqual(files(), before)
    })

    test("an erased account's access token, and tokens naming no live resident, get 401 on every resident route at once", async () => {
      const { residentToken } = await import('./fixtures.ts')
      const tip = await suite.tdb.database.db.selectFrom('tips').select('id').executeTakeFirst()
      const routes = (who: string) => [
        send('POST', '/reports', who, { kind: 'phone', value: '17011112222' }),
        send('GET', '/me/reports', who),
        send('GET', '/me/subscriptions', who),
        send('POST', '/me/subscriptions', who, { results: { 'tmpl-bulletin': 'accept' } }),
        send('PUT', `/me/tips/${tip?.id ?? 1}/learned`, who, { learned: true }),
        send('PUT', '/me/videos/1/progress', who, { positionSeconds: 3 }),
        send('GET', '/me', who),
        send('GET', '/bulletins/unread', who),
        suite.app.inject({
          method: 'POST',
          url: '/api/v1/reports/screenshots',
          ...(() => {
            const m = multipart('a.png', Buffer.from('x'))
            return { payload: m.payload, headers: { ...m.headers, ...suite.as(who) } }
          })()
        })
      ]
      assert.equal((await send('GET', '/me/reports', 'bob')).statusCode, 200, 'bob is signed in before')
      assert.equal((await send('PUT', '/me/videos/1/progress', 'bob', { positionSeconds: 3 })).statusCode < 500, true)
      assert.equal((await suite.app.inject({ method: 'DELETE', url: '/api/v1/me', headers: suite.as('bob') })).statusCode, 204)
      suite.tokens.unknown = await residentToken(suite.config, '987654321')
      suite.tokens.word = await residentToken(suite.config, 'robert')
      suite.tokens.huge = await residentToken(suite.config, '99999999999999999999999')
      suite.tokens.zero = await residentToken(suite.config, '0')
      for (const who of ['bob', 'unknown', 'word', 'huge', 'zero']) {
        const answers = await Promise.all(routes(who))
        assert.deepEqual(
          answers.map((a) => a.statusCode),
          answers.map(() => 401),
          `${who}: ${answers.map((a) => a.statusCode)}`
        )
      }
      // The checks stay open to anyone: the erased resident's check is simply anonymous (and kept nowhere).
      assert.equal((await send('GET', '/check/phone?number=13800138000', 'bob')).statusCode, 200)
    })

    test('malformed multipart (no boundary, body cut before its closing delimiter): 400 at once, nothing left on disk', async () => {
      const incoming = path.join(suite.config.media.dir, '.incoming')
      const everything = () =>
        [...readdirSync(suite.config.media.dir), ...(existsSync(incoming) ? readdirSync(incoming) : []).map((f) => `.incoming/${f}`)].sort()
      const png = readFileSync(path.join(DEMO_MEDIA_DIR, 'video-shuadan.jpg'))
      const before = everything()
      for (const [url, who, code] of [
        ['/api/v1/admin/media', 'editor', 'BAD_REQUEST'],
        ['/api/v1/reports/screenshots', 'alice', 'SCREENSHOT_INVALID']
      ] as const) {
        const m = multipart('shot.jpg', png, 'image/jpeg')
        const tries = [
          { what: 'cut', payload: m.payload.subarray(0, m.payload.length - 20), headers: m.headers },
          { what: 'cut inside the file', payload: m.payload.subarray(0, 400), headers: m.headers },
          { what: 'no boundary', payload: m.payload, headers: { 'content-type': 'multipart/form-data' } },
          { what: 'empty boundary body', payload: Buffer.alloc(0), headers: m.headers }
        ]
        for (const t of tries) {
          const started = Date.now()
          const res = await suite.app.inject({ method: 'POST', url, payload: t.payload, headers: { ...t.headers, ...suite.as(who) } })
          assert.equal(res.statusCode, 400, `${url} ${t.what}: ${res.body}`)
          assert.equal(res.json().error.code, code, `${url} ${t.what}`)
          assert.ok(Date.now() - started < 1_000, `${url} ${t.what} answered in ${Date.now() - started} ms`)
        }
      }
      assert.deepEqual(everything(), before)
    })

    test('unfinished uploads older than the limit are swept from the incoming folder; fresh ones stay', async () => {
      const { writeFileSync, utimesSync, mkdirSync } = await import('node:fs')
      const incoming = path.join(suite.config.media.dir, '.incoming')
      mkdirSync(incoming, { recursive: true })
      writeFileSync(path.join(incoming, 'stale'), 'x')
      const old = new Date(Date.now() - 2 * 3_600_000)
      utimesSync(path.join(incoming, 'stale'), old, old)
      writeFileSync(path.join(incoming, 'fresh'), 'y')
      assert.equal(await suite.app.media.sweepIncoming(3_600_000), 1)
      assert.deepEqual(
        readdirSync(incoming).filter((f) => f === 'stale' || f === 'fresh'),
        ['fresh']
      )
    })

    test('"00" or "+" with a calling code alone: 400, not a call from abroad', async () => {
      for (const n of ['+86', '0086', '00852', '+1']) {
        const res = await send('GET', `/check/phone?number=${encodeURIComponent(n)}`)
        assert.equal(res.statusCode, 400, n)
        assert.equal(res.json().error.code, 'INVALID_NUMBER', n)
      }
    })
  })
}
