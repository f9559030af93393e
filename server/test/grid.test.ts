// Grid workers (网格员) through the API: appointed and revoked by the centre (audited), their workbench (coverage with no
// names, 代登记 as grid worker, publicity sessions with stripped photos), the publicity figures, and a station asking
// them to accompany a visit (the village and the note, never the evidence).
import { before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { PRIVACY_POLICY_VERSION } from '../../types/privacy.ts'
import { defaultAreas } from '../src/areas/service.ts'
import { useChainSuite } from './chain-suite.ts'
import { TestClock, multipart, storeOptions, storesUnderTest } from './helpers.ts'

const [CHENGGUAN, OTHER] = defaultAreas().filter((a) => a.parentCode === null)
const villagesOf = (township: string) =>
  defaultAreas()
    .filter((a) => a.parentCode === township)
    .map((a) => a.code)
const [V1, V2] = villagesOf(CHENGGUAN!.code) as [string, string]
const V_OTHER = villagesOf(OTHER!.code)[0]!
function jpegSegment(marker: number, data: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0])
  head.writeUInt16BE(data.length + 2, 2)
  return Buffer.concat([head, data])
}
/** A JPEG whose Exif block names a GPS position (the shape report-screenshots.test.ts uses). */
const JPEG_WITH_GPS = Buffer.concat([
  Buffer.from([0xff, 0xd8]),
  jpegSegment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
  jpegSegment(0xe1, Buffer.from('Exif\0\0MM\0*GPS 34.26N 108.94E Huawei P40')),
  jpegSegment(0xdb, Buffer.alloc(65, 1)),
  jpegSegment(0xda, Buffer.from([1, 1, 0, 0, 63, 0])),
  Buffer.from([0x12, 0x34, 0xff, 0x00, 0x56, 0xff, 0xd9])
])

for (const store of storesUnderTest()) {
  describe(`grid workers on ${store}`, storeOptions(store), () => {
    const clock = new TestClock(Date.parse('2026-12-01T02:00:00Z'))
    const chain = useChainSuite(store, clock, ['admin', 'editor'])
    const { suite, inject } = chain
    const db = () => suite.tdb.database.db

    const staff: Record<string, { authorization: string }> = {}
    let feedKey = ''
    before(async () => {
      feedKey = await chain.fx.feedKey()
      Object.assign(staff, await chain.fx.cast('operator', 'officer-cg', 'officer-other'))
    })

    const resident = (phone: string, name: string, village = V1, birthDate = '1980-04-01') => chain.fx.resident({ phone, name, village, birthDate })

    let worker: { id: string; headers: Record<string, string> }
    test('the centre appoints a registered resident by phone for villages (audited); only the admin may', async () => {
      worker = await resident('13922220001', '陈网格')
      assert.equal((await inject('GET', '/me/grid', worker.headers)).json().error.code, 'NOT_GRID_WORKER')
      const body = { phone: '139 2222 0001', villageCodes: [V1, V2] }
      assert.equal((await inject('POST', '/admin/grid-workers', staff.operator!, body)).statusCode, 403)
      assert.equal((await inject('POST', '/admin/grid-workers', suite.as('admin'), { ...body, phone: '13922229999' })).json().error.code, 'RESIDENT_NOT_FOUND')
      assert.equal(
        (await inject('POST', '/admin/grid-workers', suite.as('admin'), { ...body, villageCodes: ['999999999999'] })).json().error.code,
        'AREA_INVALID'
      )
      const res = await inject('POST', '/admin/grid-workers', suite.as('admin'), body)
      assert.equal(res.statusCode, 200, res.body)
      assert.deepEqual(
        res.json().items.map((g: { name: string; phone: string; village: { code: string } }) => [g.name, g.phone, g.village.code]),
        [
          ['陈网格', '139****0001', V1],
          ['陈网格', '139****0001', V2]
        ]
      )
      // Again: nothing doubles.
      assert.equal((await inject('POST', '/admin/grid-workers', suite.as('admin'), body)).json().items.length, 2)
      const audit = await sql<{ action: string }>`SELECT action FROM audit_log WHERE action LIKE 'grid.%'`.execute(db())
      assert.deepEqual(
        audit.rows.map((r) => r.action),
        ['grid.appoint', 'grid.appoint']
      )
      // An officer of another township does not see 城关's grid workers.
      assert.deepEqual((await inject('GET', '/admin/grid-workers', staff['officer-other']!)).json().items, [])
      assert.equal((await inject('GET', '/admin/grid-workers', staff['officer-cg']!)).json().items.length, 2)
    })

    test("the workbench: the villages' coverage without a single name; 代登记 as grid worker counts (marked)", async () => {
      await resident('13922220011', '林一', V1, '1970-01-01')
      await resident('13922220012', '林二', V1, '1950-01-01') // over 60: registered, not in the 16–60 count
      const bench = (await inject('GET', '/me/grid', worker.headers)).json()
      const v1 = bench.villages.find((v: { code: string }) => v.code === V1)
      assert.equal(v1.registered16to60, 2) // the worker and 林一
      assert.equal(v1.proxyRegistered, 0)
      assert.deepEqual(bench.villages.map((v: { code: string }) => v.code).sort(), [V1, V2].sort())
      for (const name of ['林一', '林二', '陈网格']) assert.ok(!JSON.stringify(bench).includes(name))

      // 代登记 in a village of theirs, as grid worker: no family link, counted and marked.
      const elder = '13922220013'
      assert.equal((await inject('POST', '/me/family/proxy/code', worker.headers, { phone: elder })).statusCode, 200)
      const made = await inject('POST', '/me/family/proxy', worker.headers, {
        phone: elder,
        code: chain.gateway.lastCodeFor(elder),
        name: '林奶奶',
        birthDate: '1966-01-01',
        townshipCode: CHENGGUAN!.code,
        villageCode: V1,
        consentVersion: PRIVACY_POLICY_VERSION,
        as: 'grid'
      })
      assert.equal(made.statusCode, 200, made.body)
      assert.equal(made.json().linkId, null)
      const after = (await inject('GET', '/me/grid', worker.headers)).json().villages.find((v: { code: string }) => v.code === V1)
      assert.deepEqual([after.registered16to60, after.proxyRegistered], [3, 1])
      const coverage = (await inject('GET', '/admin/coverage', suite.as('admin'))).json()
      assert.equal(coverage.totals.proxyRegistered16to60, 1)
      // Not their village: refused.
      clock.advance(2 * 60_000)
      await inject('POST', '/me/family/proxy/code', worker.headers, { phone: '13922220014' })
      const elsewhere = await inject('POST', '/me/family/proxy', worker.headers, {
        phone: '13922220014',
        code: chain.gateway.lastCodeFor('13922220014'),
        name: '林爷爷',
        birthDate: '1966-01-01',
        townshipCode: OTHER!.code,
        villageCode: V_OTHER,
        consentVersion: PRIVACY_POLICY_VERSION,
        as: 'grid'
      })
      assert.equal(elsewhere.json().error.code, 'NOT_GRID_WORKER')
    })

    test('publicity sessions: photos sniffed and stripped, only their villages, a sane date; the figures per township and month', async () => {
      const upload = multipart('session.jpg', JPEG_WITH_GPS, 'image/jpeg')
      const photo = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/me/grid/photos',
        headers: { ...upload.headers, ...worker.headers },
        payload: upload.payload
      })
      assert.equal(photo.statusCode, 200, photo.body)
      const stored = await db().selectFrom('publicity_photos').select('bytes').where('id', '=', photo.json().id).executeTakeFirstOrThrow()
      assert.ok(!Buffer.from(stored.bytes).includes('GPS'), 'the Exif block is gone')
      const notImage = multipart('session.jpg', Buffer.from('<html>not a photo</html>'), 'image/jpeg')
      assert.equal(
        (
          await suite.app.inject({
            method: 'POST',
            url: '/api/v1/me/grid/photos',
            headers: { ...notImage.headers, ...worker.headers },
            payload: notImage.payload
          })
        ).statusCode,
        400
      )
      // Someone who is not a grid worker cannot upload at all.
      const stranger = await resident('13922220021', '路人甲')
      assert.equal(
        (
          await suite.app.inject({
            method: 'POST',
            url: '/api/v1/me/grid/photos',
            headers: { ...upload.headers, ...stranger.headers },
            payload: upload.payload
          })
        ).statusCode,
        403
      )

      const session = { kind: 'courtyard', heldOn: '2026-11-28', villageCode: V1, people: 35, note: '村委会院坝', photos: [photo.json().id] }
      assert.equal((await inject('POST', '/me/grid/sessions', worker.headers, { ...session, villageCode: V_OTHER })).json().error.code, 'AREA_INVALID')
      assert.equal((await inject('POST', '/me/grid/sessions', worker.headers, { ...session, heldOn: '2026-12-05' })).json().error.code, 'VALIDATION_FAILED')
      const saved = await inject('POST', '/me/grid/sessions', worker.headers, session)
      assert.equal(saved.statusCode, 200, saved.body)
      assert.deepEqual(
        saved.json().items.map((s: { kind: string; people: number; photos: number }) => [s.kind, s.people, s.photos]),
        [['courtyard', 35, 1]]
      )
      // A photo is used once.
      assert.equal((await inject('POST', '/me/grid/sessions', worker.headers, { ...session, kind: 'other' })).json().error.code, 'VALIDATION_FAILED')
      await inject('POST', '/me/grid/sessions', worker.headers, { kind: 'first_lesson', heldOn: '2026-09-01', villageCode: V2, people: 120 })

      const figures = (await inject('GET', '/admin/publicity-figures?from=2026-01-01&to=2026-12-31', staff.operator!)).json()
      assert.deepEqual(figures.totals, { sessions: 2, people: 155 })
      assert.deepEqual(
        figures.byTownshipMonth.map((r: { month: string; sessions: number; people: number }) => [r.month, r.sessions, r.people]),
        [
          ['2026-09', 1, 120],
          ['2026-11', 1, 35]
        ]
      )
      assert.deepEqual((await inject('GET', '/admin/publicity-figures?from=2026-01-01&to=2026-12-31', staff['officer-other']!)).json().totals, {
        sessions: 0,
        people: 0
      })
      // The centre reviews the sessions and their photos (stripped); another township's officer sees neither.
      const sessions = (await inject('GET', '/admin/publicity-sessions?from=2026-01-01&to=2026-12-31', staff['officer-cg']!)).json().items
      assert.deepEqual(
        sessions.map((x: { kind: string; gridWorker: string; photos: string[] }) => [x.kind, x.gridWorker, x.photos.length]),
        [
          ['courtyard', '陈网格', 1],
          ['first_lesson', '陈网格', 0]
        ]
      )
      const image = await inject('GET', `/admin/publicity-photos/${sessions[0].photos[0] as string}`, staff['officer-cg']!)
      assert.equal(image.statusCode, 200)
      assert.equal(image.headers['content-type'], 'image/jpeg')
      assert.ok(!image.rawPayload.includes('GPS'))
      assert.equal((await inject('GET', `/admin/publicity-photos/${sessions[0].photos[0] as string}`, staff['officer-other']!)).statusCode, 404)
      assert.deepEqual((await inject('GET', '/admin/publicity-sessions?from=2026-01-01&to=2026-12-31', staff['officer-other']!)).json().items, [])
      assert.equal((await inject('GET', '/admin/publicity-sessions?from=2026-13-01', staff.operator!)).statusCode, 400)
      const listed = (await inject('GET', '/admin/grid-workers', suite.as('admin')))
        .json()
        .items.find((g: { village: { code: string } }) => g.village.code === V1)
      assert.deepEqual([listed.sessions, listed.peopleReached], [1, 35])
    })

    test('a station asks the grid worker to accompany a visit: they see the village and the note, never the evidence', async () => {
      const target = await resident('13922220031', '吴大爷', V1, '1955-01-01')
      const fed = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/feeds/warnings',
        headers: { authorization: `Bearer ${feedKey}`, 'content-type': 'application/x-ndjson' },
        payload: JSON.stringify({
          ref: 'grid-visit-1',
          phone: '13922220031',
          riskType: 'transfer',
          riskLevel: 'high',
          evidence: { kind: 'account', value: '6222020200112233445', amount: 38000 }
        })
      })
      const warningId = fed.json().lines[0].id as string
      assert.ok(target.id)
      const callTask = (await inject('GET', `/admin/warnings/${warningId}`, staff.operator!)).json().tasks[0].id as string
      await inject('POST', `/admin/call-tasks/${callTask}/claim`, staff.operator!)
      await inject('POST', `/admin/call-tasks/${callTask}/attempts`, staff.operator!, { result: 'unreachable', escalate: true })
      const visit = (await inject('GET', '/admin/visit-tasks', staff['officer-cg']!))
        .json()
        .items.find((c: { warning: { id: string } }) => c.warning.id === warningId)
      assert.deepEqual(
        visit.gridWorkers.map((g: { name: string }) => g.name),
        ['陈网格']
      )
      const ask = (who: string, headers: { authorization: string }) =>
        inject('POST', `/admin/visit-tasks/${visit.task.id as string}/accompany`, headers, { residentId: who, note: '下午3点村委会门口见' })
      assert.equal((await ask(worker.id, staff['officer-other']!)).statusCode, 404)
      const notAWorker = await resident('13922220032', '王路人', V1)
      assert.equal((await ask(notAWorker.id, staff['officer-cg']!)).json().error.code, 'NOT_GRID_WORKER')
      assert.equal((await ask(worker.id, staff['officer-cg']!)).statusCode, 204)
      const card = (await inject('GET', '/admin/visit-tasks', staff['officer-cg']!))
        .json()
        .items.find((c: { warning: { id: string } }) => c.warning.id === warningId)
      assert.equal(card.accompany.name, '陈网格')
      const bench = (await inject('GET', '/me/grid', worker.headers)).json()
      assert.equal(bench.visits.length, 1)
      assert.deepEqual(
        { ...(bench.visits[0] as object), id: undefined, dueAt: undefined, requestedAt: undefined },
        {
          id: undefined,
          village: defaultAreas().find((a) => a.code === V1)!.name,
          dueAt: undefined,
          done: false,
          note: '下午3点村委会门口见',
          requestedAt: undefined
        }
      )
      for (const secret of ['6222020200112233445', '38000', '吴', '13922220031', 'transfer']) assert.ok(!JSON.stringify(bench.visits).includes(secret), secret)
    })

    test('revoked, the grid worker loses the workbench at once (audited)', async () => {
      const items = (await inject('GET', '/admin/grid-workers', suite.as('admin')))
        .json()
        .items.filter((g: { residentId: string }) => g.residentId === worker.id)
      for (const g of items) assert.equal((await inject('POST', `/admin/grid-workers/${g.id as string}/revoke`, suite.as('admin'))).statusCode, 204)
      assert.equal((await inject('POST', `/admin/grid-workers/${items[0].id as string}/revoke`, suite.as('admin'))).statusCode, 404)
      assert.equal((await inject('GET', '/me/grid', worker.headers)).statusCode, 403)
      const audit = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE action = 'grid.revoke'`.execute(db())
      assert.equal(audit.rows[0]!.n, 2)
    })
  })
}
