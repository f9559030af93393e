// The case register (立案) and the 无诈 figures: a small county history driven through the real API on a test clock,
// then every figure checked against what happened.
import { before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createAreasRepository } from '../src/areas/repository.ts'
import { defaultAreas } from '../src/areas/service.ts'
import { AdminService } from '../src/admin/service.ts'
import { createAdminRepository } from '../src/admin/repository.ts'
import { createFeedKeys } from '../src/warnings/feed-keys-repository.ts'
import ExcelJS from 'exceljs'
import { TestClock, storeOptions, storesUnderTest, useAppSuite } from './helpers.ts'

const MIN = 60_000
const townships = defaultAreas().filter((a) => a.parentCode === null)
const [CHENGGUAN, OTHER] = townships
const villagesOf = (t: string) =>
  defaultAreas()
    .filter((a) => a.parentCode === t)
    .map((a) => a.code)

for (const store of storesUnderTest()) {
  describe(`cases and figures on ${store}`, storeOptions(store), () => {
    const clock = new TestClock(Date.parse('2026-11-20T02:00:00Z'))
    const suite = useAppSuite(store, {
      roles: ['admin'],
      build: { clock: clock.now },
      env: { PUSH_WORKER: 'off' },
      seed: (db) => createAreasRepository(db).upsert(defaultAreas())
    })
    const staff: Record<string, { authorization: string }> = {}
    let key = ''
    before(async () => {
      const admins = new AdminService(createAdminRepository(suite.tdb.database.db), suite.config.jwtSecret)
      for (const [username, role, townshipCode, policeNumber] of [
        ['op1', 'operator', null, '071001'],
        ['cg1', 'officer', CHENGGUAN!.code, '071002'],
        ['far', 'officer', OTHER!.code, '071003']
      ] as const) {
        await admins.create({ username, password: 'long enough password', role, townshipCode, displayName: '测试', policeNumber, unit: '测试单位' })
        staff[username.replace(/1$/, '')] = {
          authorization: `Bearer ${(await suite.app.inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username, password: 'long enough password' } })).json().accessToken as string}`
        }
      }
      key = (await createFeedKeys(suite.tdb.database.db).create('city', 'city')) as string
    })
    const post = (url: string, payload: unknown, as: { authorization: string }) =>
      suite.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: as, payload: payload as object })
    const figures = async (query: string, as = suite.as('admin')) => {
      const res = await suite.app.inject({ url: `/api/v1/admin/warning-figures?${query}`, headers: as })
      assert.equal(res.statusCode, 200, res.body)
      return res.json()
    }

    test('a month of warnings and cases gives the figures the county reports', async () => {
      const feed = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/feeds/warnings',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
        payload: [
          {
            ref: 'a',
            phone: '13600000001',
            riskType: 'transfer',
            riskLevel: 'high',
            townshipCode: CHENGGUAN!.code,
            evidence: { kind: 'account', value: '6222 1', amount: 50_000 }
          },
          { ref: 'b', phone: '13600000002', riskType: 'call', riskLevel: 'high', townshipCode: CHENGGUAN!.code },
          { ref: 'c', phone: '13600000003', riskType: 'sms', riskLevel: 'medium', townshipCode: CHENGGUAN!.code },
          { ref: 'd', phone: '13600000004', riskType: 'app', riskLevel: 'medium', townshipCode: OTHER!.code }
        ]
          .map((l) => JSON.stringify(l))
          .join('\n')
      })
      const [a, b, , d] = feed.json().lines.map((l: { id: string }) => l.id)
      const calls = (await suite.app.inject({ url: '/api/v1/admin/call-tasks', headers: staff.op })).json().items as Array<{
        task: { id: string }
        warning: { id: string }
      }>
      const taskOf = (id: string) => calls.find((c) => c.warning.id === id)!.task.id
      // A: reached after 5 minutes, 劝阻成功 (in time). B: reached after 20 minutes (late), 已被骗 → the station.
      clock.advance(5 * MIN)
      await post(`/admin/call-tasks/${taskOf(a)}/claim`, undefined, staff.op!)
      assert.equal((await post(`/admin/call-tasks/${taskOf(a)}/attempts`, { result: 'dissuaded' }, staff.op!)).statusCode, 200)
      clock.advance(15 * MIN)
      await post(`/admin/call-tasks/${taskOf(b)}/claim`, undefined, staff.op!)
      await post(`/admin/call-tasks/${taskOf(b)}/attempts`, { result: 'defrauded', amount: 3_000 }, staff.op!)
      const visit = (await suite.app.inject({ url: '/api/v1/admin/visit-tasks', headers: staff.cg })).json().items[0].task.id as string
      clock.advance(60 * MIN)
      await post(`/admin/visit-tasks/${visit}/claim`, undefined, staff.cg!)
      assert.equal((await post(`/admin/visit-tasks/${visit}/outcome`, { result: 'defrauded', amount: 3_000 }, staff.cg!)).statusCode, 200)
      // D: the centre ends it as 误报. C stays open.
      await post(`/admin/warnings/${d}/close`, { outcome: 'false_alarm' }, staff.op!)

      const [v1, v2] = villagesOf(CHENGGUAN!.code)
      const csv = [
        'case_no,filed_on,township_code,village_code,fraud_type,loss,recovered,warning_id',
        `A2026-1,2026-11-03,${CHENGGUAN!.code},${v1},刷单返利,12000,2000,`,
        `A2026-2,2026-11-18,${CHENGGUAN!.code},,冒充客服,3000,0,${b}`,
        `A2026-3,2026-11-19,${CHENGGUAN!.code},${villagesOf(OTHER!.code)[0]},刷单返利,500,0,`,
        `A2026-4,2026-11-31,${CHENGGUAN!.code},,刷单返利,500,0,`,
        `A2025-9,2025-11-10,${CHENGGUAN!.code},${v2},虚假投资理财,80000,0,`,
        `A2025-8,2025-11-12,${OTHER!.code},,虚假投资理财,1000,0,`,
        `A2026-1,2026-11-04,${CHENGGUAN!.code},${v1},刷单返利,12000,2000,`,
        'A2026-5,2026-11-05,999,,刷单返利,1,0,'
      ].join('\n')
      const imported = await post('/admin/cases/import', { csv }, staff.op!)
      assert.equal(imported.statusCode, 200, imported.body)
      assert.deepEqual(
        imported.json().rejected.map((r: { line: number }) => r.line),
        [4, 5, 8, 9]
      )
      assert.deepEqual([imported.json().added, imported.json().updated], [4, 0])
      // Importing again updates, adds nothing.
      assert.deepEqual((await post('/admin/cases/import', { csv }, staff.op!)).json().updated, 4)

      const f = await figures('from=2026-11-01&to=2026-11-30')
      assert.equal(f.warnings, 4)
      assert.deepEqual(f.bySource, { city: 4 })
      assert.deepEqual(f.outcomes, { dissuaded: 1, defrauded: 1, false_alarm: 1 })
      assert.equal(f.open, 1)
      // Level 1: no message was sent in this test (no worker ran) and nobody answered.
      assert.deepEqual(f.reached, { level1: 0, level1Count: 4, level2: 0.5, level2Count: 2, level3: 1, level3Count: 1 })
      assert.equal(f.medianMinutesToContact, 12.5)
      assert.equal(f.dissuasionRate, 0.5)
      assert.deepEqual([f.lossAvoided, f.lossInWarnings], [50_000, 3_000])
      assert.deepEqual(f.cases, { count: 2, loss: 15_000, recovered: 2_000, lastYearCount: 2, lastYearLoss: 81_000 })
      assert.deepEqual(f.zeroCase, {
        townships: townships.length - 1,
        townshipsTotal: townships.length,
        villages: defaultAreas().length - townships.length - 1,
        villagesTotal: defaultAreas().length - townships.length
      })
      const cg = f.byTownship.find((t: { code: string }) => t.code === CHENGGUAN!.code)
      assert.deepEqual(cg, { code: CHENGGUAN!.code, name: CHENGGUAN!.name, warnings: 3, dissuaded: 1, defrauded: 1, cases: 2, loss: 15_000, lastYearCases: 1 })
      assert.deepEqual(f.byDay, [{ day: '2026-11-20', warnings: 4, dissuaded: 1 }])

      // An officer of the other township sees theirs only, whatever they ask for.
      const far = await figures(`from=2026-11-01&to=2026-11-30&townshipCode=${CHENGGUAN!.code}`, staff.far)
      assert.deepEqual([far.warnings, far.cases.count, far.cases.lastYearCount, far.byTownship.length], [1, 0, 1, 1])
      const farCases = (await suite.app.inject({ url: '/api/v1/admin/cases?from=2025-01-01&to=2026-11-30', headers: staff.far })).json().items
      assert.deepEqual(
        farCases.map((c: { caseNo: string }) => c.caseNo),
        ['A2025-8']
      )
      const linked = (await suite.app.inject({ url: '/api/v1/admin/cases?from=2026-11-01&to=2026-11-30', headers: staff.op })).json().items
      assert.equal(linked.find((c: { caseNo: string }) => c.caseNo === 'A2026-2').warningId, b)
    })

    test('案件登记 from Excel: township and village names, Excel dates and amounts understood; reasons in Chinese; a loss on an open warning counts', async () => {
      const village = defaultAreas().find((a) => a.parentCode === CHENGGUAN!.code)!
      const csv = [
        '立案编号,立案日期,乡镇,村（社区）,诈骗类型,损失金额,挽回金额,预警编号',
        `X-1,2026/11/4,${CHENGGUAN!.name},${village.name},刷单返利,"12,000",0,`,
        `X-2,2026年11月5日,${OTHER!.name},,冒充客服,800.00,,`,
        'X-3,2026/11/6,不存在镇,,刷单返利,100,0,',
        `X-4,昨天,${CHENGGUAN!.name},,刷单返利,100,0,`,
        `X-5,2026/11/6,${CHENGGUAN!.name},,刷单返利,一百,0,`
      ].join('\r\n')
      const res = await post('/admin/cases/import', { csv }, staff.op!)
      assert.equal(res.statusCode, 200, res.body)
      const r = res.json()
      assert.deepEqual([r.added, r.updated], [2, 0])
      assert.deepEqual(
        r.rejected.map((x: { line: number; reason: string }) => `${x.line}:${x.reason}`),
        [
          '4:没有这个乡镇：不存在镇（可写乡镇名称，如“城关镇”，或乡镇代码）',
          '5:立案日期不对：“昨天”（如 2026-12-04 或 2026/12/4）',
          '6:损失金额不对：“一百”（整数元，如 12000 或 12,000）'
        ]
      )
      const listed = (await suite.app.inject({ url: '/api/v1/admin/cases?from=2026-11-01&to=2026-11-30', headers: staff.op })).json().items as {
        caseNo: string
        townshipCode: string
        villageCode: string | null
        filedOn: string
        lossAmount: number
      }[]
      const x1 = listed.find((c) => c.caseNo === 'X-1')!
      assert.deepEqual([x1.townshipCode, x1.villageCode, x1.filedOn, x1.lossAmount], [CHENGGUAN!.code, village.code, '2026-11-04', 12_000])

      // 已被骗 recorded on a call while the warning stays open (the visit to come) is in 预警中被骗 at once.
      const before = (await figures('from=2026-11-20&to=2026-11-20')).lossInWarnings as number
      const id = (
        await suite.app.inject({
          method: 'POST',
          url: '/api/v1/feeds/warnings',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
          payload: JSON.stringify({ ref: 'open-loss', phone: '13600000009', riskType: 'transfer', riskLevel: 'high', townshipCode: CHENGGUAN!.code })
        })
      ).json().lines[0].id as string
      const task = (
        (await suite.app.inject({ url: '/api/v1/admin/call-tasks', headers: staff.op })).json().items as { task: { id: string }; warning: { id: string } }[]
      ).find((c) => c.warning.id === id)!.task.id
      await post(`/admin/call-tasks/${task}/claim`, undefined, staff.op!)
      assert.equal((await post(`/admin/call-tasks/${task}/attempts`, { result: 'defrauded', amount: 50_000 }, staff.op!)).statusCode, 200)
      assert.equal((await figures('from=2026-11-20&to=2026-11-20')).lossInWarnings, before + 50_000)
    })

    test('周报 / 月报 as one Excel workbook: labelled period, townships adding up, coverage, masked warnings, cases; scoped and audited', async () => {
      const report = (query: string, as = suite.as('admin')) => suite.app.inject({ url: `/api/v1/admin/period-report?${query}`, headers: as })
      const weekly = await report('from=2026-11-14&to=2026-11-20')
      assert.equal(weekly.statusCode, 200, weekly.body.slice(0, 200))
      assert.equal(weekly.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      const book = new ExcelJS.Workbook()
      await book.xlsx.load(weekly.rawPayload as unknown as ArrayBuffer)
      assert.deepEqual(
        book.worksheets.map((w) => w.name),
        ['汇总', '各乡镇', '登记覆盖', '预警', '案件']
      )
      const cell = (sheet: string, r: number, c: number) => book.getWorksheet(sheet)!.getRow(r).getCell(c).value
      assert.match(String(cell('汇总', 1, 1)), /周报/)
      assert.equal(cell('汇总', 2, 2), '2026-11-14 至 2026-11-20（北京时间）')
      const f = (await suite.app.inject({ url: '/api/v1/admin/warning-figures?from=2026-11-14&to=2026-11-20', headers: suite.as('admin') })).json()
      const towns = book.getWorksheet('各乡镇')!
      const last = towns.getRow(towns.rowCount)
      assert.deepEqual([last.getCell(1).value, last.getCell(2).value], ['合计', f.warnings])
      let sum = 0
      for (let r = 2; r < towns.rowCount; r++) sum += Number(towns.getRow(r).getCell(2).value)
      assert.equal(sum, f.warnings, 'the townships add up to the total')
      const warnings = book.getWorksheet('预警')!
      assert.equal(warnings.rowCount - 1, f.warnings)
      for (let r = 2; r <= warnings.rowCount; r++) assert.match(String(warnings.getRow(r).getCell(4).value), /^\d{3}\*{4}\d{4}$/, 'numbers masked')
      const monthly = await report('from=2026-11-01&to=2026-11-30')
      const m = new ExcelJS.Workbook()
      await m.xlsx.load(monthly.rawPayload as unknown as ArrayBuffer)
      assert.match(String(m.getWorksheet('汇总')!.getRow(1).getCell(1).value), /月报/)
      assert.equal((await report('from=2026-11-30&to=2026-11-01')).statusCode, 400)
      // An officer's workbook is their township's; the export is in the audit log.
      const far = new ExcelJS.Workbook()
      await far.xlsx.load((await report('from=2026-11-01&to=2026-11-30', staff.far)).rawPayload as unknown as ArrayBuffer)
      assert.deepEqual(far.getWorksheet('各乡镇')!.getRow(2).getCell(1).value, OTHER!.name)
      const audit = (await suite.app.inject({ url: '/api/v1/admin/audit?action=figures.export', headers: suite.as('admin') })).json().items
      assert.ok(audit.length >= 3)
    })

    test('one case by hand; periods and fields are checked', async () => {
      const added = await post(
        '/admin/cases',
        { caseNo: 'H-1', filedOn: '2026-11-02', townshipCode: OTHER!.code, fraudType: '冒充领导熟人', lossAmount: 9_000, recoveredAmount: 1_000 },
        staff.op!
      )
      assert.equal(added.statusCode, 200, added.body)
      assert.equal(added.json().townshipName, OTHER!.name)
      const late = await post('/admin/cases', { caseNo: 'H-2', filedOn: '2027-01-01', townshipCode: OTHER!.code, fraudType: 'x', lossAmount: 1 }, staff.op!)
      assert.deepEqual([late.statusCode, late.json().error.field], [400, 'filedOn'])
      const more = await post(
        '/admin/cases',
        { caseNo: 'H-3', filedOn: '2026-11-02', townshipCode: OTHER!.code, fraudType: 'x', lossAmount: 1, recoveredAmount: 2 },
        staff.op!
      )
      assert.deepEqual([more.statusCode, more.json().error.field], [400, 'recoveredAmount'])
      assert.equal(
        (await post('/admin/cases', { caseNo: 'H-4', filedOn: '2026-11-02', townshipCode: OTHER!.code, fraudType: 'x', lossAmount: 1 }, staff.cg!)).statusCode,
        403
      )
      assert.equal((await suite.app.inject({ url: '/api/v1/admin/warning-figures?from=2026-11-30&to=2026-11-01', headers: suite.as('admin') })).statusCode, 400)
      assert.equal((await suite.app.inject({ url: '/api/v1/admin/warning-figures?from=2020-01-01&to=2026-11-01', headers: suite.as('admin') })).statusCode, 400)
      assert.equal((await post('/admin/cases/import', { csv: 'a,"b\n' }, staff.op!)).json().error.code, 'IMPORT_FORMAT')
    })
  })
}
