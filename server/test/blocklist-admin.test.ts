import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import ExcelJS from 'exceljs'
import { seedDemoData } from '../src/seed/demo.ts'
import { eventually, storeOptions, storesUnderTest, useAppSuite } from './helpers.ts'

const ROWS = 100_000
const CATEGORIES = ['刷单返利', '虚假投资理财', '冒充客服']

/** A 100k-row CSV in which every 100th line (1 %) is bad in one of four ways; returns the bad line numbers too. */
function bigCsv(): { text: string; bad: number[] } {
  const lines = ['kind,value,category,source,note,expires_at']
  const bad: number[] = []
  for (let i = 0; i < ROWS; i++) {
    const line = lines.length + 1
    if (i % 100 === 37) {
      bad.push(line)
      const k = ((i / 100) % 4) | 0
      lines.push(
        [
          'phone,12ab,刷单返利,city,,',
          'email,x@example.com,刷单返利,city,,',
          `phone,1${String(3_100_000_000 + i)},,city,,`,
          `account,6222${String(1e12 + i)},刷单返利,bank,,someday`
        ][k]
      )
      continue
    }
    const r = i % 10
    if (r < 8) lines.push(`phone,1${String(3_100_000_000 + i)},${CATEGORIES[i % 3]},city,,`)
    else if (r === 8) lines.push(`url,https://pay-${i}.fraud-feed.example/login,${CATEGORIES[i % 3]},city,"下架, 第${i}号",2030-06-30`)
    else lines.push(`account,6222${String(1e12 + i)},${CATEGORIES[i % 3]},bank,,`)
  }
  return { text: lines.join('\n') + '\n', bad }
}

for (const store of storesUnderTest()) {
  describe(`blocklist admin API and imports on ${store}`, storeOptions(store), () => {
    const suite = useAppSuite(store, { env: { BLOCKLIST_IMPORT_MAX_MB: '20' }, roles: ['reviewer', 'editor'], seed: (db) => seedDemoData(db, 20) })
    const { as } = suite
    const phoneVerdict = async (n: string) =>
      (await suite.app.inject({ method: 'GET', url: '/api/v1/check/phone', query: { number: n } })).json().verdict as string
    const urlVerdict = async (u: string) => (await suite.app.inject({ method: 'GET', url: '/api/v1/check/url', query: { url: u } })).json().verdict as string
    const count = async () =>
      Number(
        (
          await suite.tdb.database.db
            .selectFrom('blocklist_entries')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n
      )

    test('a 100k-row CSV with 1 % bad rows: every good row in, every bad row reported by line, a second run changes nothing', async () => {
      const { text, bad } = bigCsv()
      const before = await count()
      const upload = () =>
        suite.app.inject({ method: 'POST', url: '/api/v1/admin/blocklist/import', headers: { ...as('reviewer'), 'content-type': 'text/csv' }, payload: text })
      const first = await upload()
      assert.equal(first.statusCode, 200, first.body)
      const s = first.json()
      assert.deepEqual(
        { added: s.added, updated: s.updated, unchanged: s.unchanged, rejected: s.rejected },
        { added: ROWS - bad.length, updated: 0, unchanged: 0, rejected: bad.length }
      )
      assert.deepEqual(
        s.rejections.map((r: { line: number }) => r.line),
        bad
      )
      assert.match(s.rejections[0].reason, /号码无效/)
      assert.match(s.rejections[1].reason, /类型无效/)
      assert.match(s.rejections[2].reason, /诈骗类型/)
      assert.match(s.rejections[3].reason, /到期时间无效/)
      assert.equal(await count(), before + ROWS - bad.length)

      const second = (await upload()).json()
      assert.deepEqual(
        { added: second.added, updated: second.updated, unchanged: second.unchanged, rejected: second.rejected },
        { added: 0, updated: 0, unchanged: ROWS - bad.length, rejected: bad.length }
      )
      assert.equal(await count(), before + ROWS - bad.length)

      // The new entries reach the checks: a phone through the in-memory index, an address from the table.
      await eventually(async () => (await phoneVerdict('13100000000')) === 'dangerous', 3_000)
      assert.equal(await urlVerdict('https://pay-8.fraud-feed.example/'), 'dangerous')
      const audit = await suite.tdb.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'blocklist.import').execute()
      assert.equal(audit.length, 2)
    })

    test('JSON lines: bad lines reported, expiry stored, an entry already expired does not match', async () => {
      const feed = [
        JSON.stringify({ kind: 'phone', value: '+86 199 0000 1111', category: '冒充公检法', source: 'city', note: '市中心通报' }),
        '{"kind":"phone","value":"19900002222"',
        JSON.stringify({ kind: 'phone', value: '19900003333', category: '刷单返利', source: 'city', expiresAt: '2020-01-01' }),
        JSON.stringify({ kind: 'url', value: 'kuai-dai.example', category: '虚假网络贷款', source: 'city', expiresAt: '2030-01-31' }),
        JSON.stringify({ kind: 'account', value: 'fraud_wechat_01', category: '刷单返利', source: 'bank', color: 'red' })
      ].join('\n')
      const r = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/admin/blocklist/import',
        headers: { ...as('reviewer'), 'content-type': 'application/x-ndjson' },
        payload: feed
      })
      assert.equal(r.statusCode, 200, r.body)
      const s = r.json()
      assert.deepEqual([s.added, s.rejected], [3, 2])
      assert.deepEqual(
        s.rejections.map((x: { line: number }) => x.line),
        [2, 5]
      )
      const url = await suite.tdb.database.db
        .selectFrom('blocklist_entries')
        .select(['expires_at', 'source'])
        .where('kind', '=', 'url')
        .where('value', '=', 'kuai-dai.example')
        .executeTakeFirstOrThrow()
      assert.equal(url.expires_at?.toISOString(), '2030-01-31T16:00:00.000Z')
      await eventually(async () => (await phoneVerdict('19900001111')) === 'dangerous', 3_000)
      assert.notEqual(await phoneVerdict('19900003333'), 'dangerous', 'expired on arrival')
    })

    test('an entry whose expiry passes stops matching without a restart', async () => {
      const expires = new Date(Date.now() + 1_500).toISOString()
      const put = await suite.app.inject({
        method: 'PUT',
        url: '/api/v1/admin/blocklist',
        headers: as('reviewer'),
        payload: { kind: 'phone', value: '19900004444', category: '刷单返利', expiresAt: expires }
      })
      assert.equal(put.statusCode, 200, put.body)
      const putUrl = await suite.app.inject({
        method: 'PUT',
        url: '/api/v1/admin/blocklist',
        headers: as('reviewer'),
        payload: { kind: 'url', value: 'soon-gone.example', category: '刷单返利', expiresAt: expires }
      })
      assert.equal(putUrl.statusCode, 200)
      await eventually(async () => (await phoneVerdict('19900004444')) === 'dangerous', 1_400)
      assert.equal(await urlVerdict('soon-gone.example'), 'dangerous')
      await eventually(async () => (await phoneVerdict('19900004444')) !== 'dangerous' && (await urlVerdict('soon-gone.example')) !== 'dangerous', 4_000)
    })

    test('add, edit, remove and restore one entry: normalized, audited with before/after, reaches the checks', async () => {
      assert.equal(
        (
          await suite.app.inject({
            method: 'PUT',
            url: '/api/v1/admin/blocklist',
            headers: as('editor'),
            payload: { kind: 'phone', value: '19900005555', category: '刷单返利' }
          })
        ).statusCode,
        403
      )
      assert.equal((await suite.app.inject({ method: 'GET', url: '/api/v1/admin/blocklist' })).statusCode, 401)
      const bad = await suite.app.inject({
        method: 'PUT',
        url: '/api/v1/admin/blocklist',
        headers: as('reviewer'),
        payload: { kind: 'phone', value: 'abc', category: '刷单返利' }
      })
      assert.equal(bad.statusCode, 400)
      assert.equal(bad.json().error.code, 'BLOCKLIST_ENTRY_INVALID')
      assert.equal(
        (
          await suite.app.inject({ method: 'PUT', url: '/api/v1/admin/blocklist', headers: as('reviewer'), payload: { kind: 'phone', value: '19900005555' } })
        ).json().error.code,
        'BLOCKLIST_ENTRY_INVALID'
      )

      const added = await suite.app.inject({
        method: 'PUT',
        url: '/api/v1/admin/blocklist',
        headers: as('reviewer'),
        payload: { kind: 'phone', value: '199 0000 5555', category: '刷单返利', note: '群众来电' }
      })
      assert.equal(added.statusCode, 200, added.body)
      assert.equal(added.json().value, '+8619900005555')
      assert.equal(added.json().source, 'centre')
      await eventually(async () => (await phoneVerdict('19900005555')) === 'dangerous', 3_000)
      // Searched as a clerk types the number: spaced, dashed, full-width, with 0086.
      const search = async (typed: string) =>
        (await suite.app.inject({ method: 'GET', url: `/api/v1/admin/blocklist?q=${encodeURIComponent(typed)}`, headers: as('reviewer') }))
          .json()
          .items.map((e: { value: string }) => e.value) as string[]
      for (const typed of ['199 0000 5555', '199-0000-5555', '１９９００００５５５５', '0086 199 0000 5555', '+86 199 0000 5555']) {
        assert.deepEqual(await search(typed), ['+8619900005555'], typed)
      }
      // The last digits, spaced: found among the others that end so.
      assert.ok((await search('0000 5555')).includes('+8619900005555'))
      const edited = await suite.app.inject({
        method: 'PUT',
        url: '/api/v1/admin/blocklist',
        headers: as('reviewer'),
        payload: { kind: 'phone', value: '+8619900005555', category: '冒充客服', note: '改类' }
      })
      assert.equal(edited.json().category, '冒充客服')

      const removed = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/admin/blocklist/status',
        headers: as('reviewer'),
        payload: { kind: 'phone', value: '19900005555', status: 'removed', note: '核实为正常号码' }
      })
      assert.equal(removed.json().status, 'removed')
      await eventually(async () => (await phoneVerdict('19900005555')) !== 'dangerous', 3_000)
      await suite.app.inject({
        method: 'POST',
        url: '/api/v1/admin/blocklist/status',
        headers: as('reviewer'),
        payload: { kind: 'phone', value: '19900005555', status: 'active' }
      })
      await eventually(async () => (await phoneVerdict('19900005555')) === 'dangerous', 3_000)
      assert.equal(
        (
          await suite.app.inject({
            method: 'POST',
            url: '/api/v1/admin/blocklist/status',
            headers: as('reviewer'),
            payload: { kind: 'phone', value: '19911112222', status: 'removed' }
          })
        ).statusCode,
        404
      )

      const audit = await suite.tdb.database.db.selectFrom('audit_log').selectAll().where('target', '=', 'phone:+8619900005555').orderBy('id').execute()
      assert.deepEqual(
        audit.map((a) => a.action),
        ['blocklist.put', 'blocklist.put', 'blocklist.remove', 'blocklist.restore']
      )
      assert.equal(audit[0].before, null)
      assert.equal((audit[1].before as { category: string }).category, '刷单返利')
      assert.equal((audit[1].after as { category: string }).category, '冒充客服')
      assert.equal((audit[2].after as { status: string }).status, 'removed')

      const page = (
        await suite.app.inject({ method: 'GET', url: '/api/v1/admin/blocklist', headers: as('reviewer'), query: { kind: 'phone', q: '9900005555' } })
      ).json()
      assert.deepEqual(
        page.items.map((e: { value: string }) => e.value),
        ['+8619900005555']
      )
      // The console's filters: fraud type and source, exactly.
      const byCategory = (
        await suite.app.inject({ method: 'GET', url: '/api/v1/admin/blocklist', headers: as('reviewer'), query: { category: '冒充客服', limit: '500' } })
      ).json()
      assert.ok(byCategory.items.length >= 1 && byCategory.items.every((e: { category: string }) => e.category === '冒充客服'))
      assert.ok(byCategory.items.some((e: { value: string }) => e.value === '+8619900005555'))
      const bySource = (
        await suite.app.inject({ method: 'GET', url: '/api/v1/admin/blocklist', headers: as('reviewer'), query: { source: 'centre', category: '冒充客服' } })
      ).json()
      assert.deepEqual(
        bySource.items.map((e: { value: string }) => e.value),
        ['+8619900005555']
      )
      const fromCity = (
        await suite.app.inject({
          method: 'GET',
          url: '/api/v1/admin/blocklist',
          headers: as('reviewer'),
          query: { source: 'city', category: '冒充客服', limit: '500' }
        })
      ).json()
      assert.ok(fromCity.items.every((e: { source: string; category: string }) => e.source === 'city' && e.category === '冒充客服'))
      assert.ok(!fromCity.items.some((e: { value: string }) => e.value === '+8619900005555'))
      assert.equal(
        (await suite.app.inject({ method: 'GET', url: '/api/v1/admin/blocklist', headers: as('reviewer'), query: { source: 'martians' } })).statusCode,
        400
      )
      const first = (await suite.app.inject({ method: 'GET', url: '/api/v1/admin/blocklist', headers: as('reviewer'), query: { limit: '2' } })).json()
      const next = (
        await suite.app.inject({ method: 'GET', url: '/api/v1/admin/blocklist', headers: as('reviewer'), query: { limit: '2', after: first.next } })
      ).json()
      assert.equal(first.items.length, 2)
      assert.ok(Number(next.items[0].id) < Number(first.items[1].id), 'pages continue where the last one ended')
    })

    test('files from Excel: GBK CSV read as GBK, .xlsx both ways, Chinese words and Excel dates understood, never mojibake', async () => {
      const importAs = (payload: Buffer | string, type: string) =>
        suite.app.inject({ method: 'POST', url: '/api/v1/admin/blocklist/import', headers: { ...as('reviewer'), 'content-type': type }, payload })
      const entry = async (value: string) =>
        (await suite.app.inject({ method: 'GET', url: '/api/v1/admin/blocklist', headers: as('reviewer'), query: { q: value } })).json().items[0]

      // Saved by Excel on Chinese Windows as "CSV (逗号分隔)": GBK, a Chinese header, Chinese kinds and sources, 2027/6/30.
      // (Python: '类型,号码,…'.encode('gbk'), base64.)
      const gbk = Buffer.from(
        'wODQzSy6xcLrLNWpxq3A4NDNLMC01LQssbjXoiy1vcbayNXG2g0KusXC6ywxNzAgOTk5OSAwMDMxLMOws+S/zbf+LM/Yt7TVqdbQ0MQs0vjQ0LnxzKixqLjmLDIwMjcvNi8zMA0K1cu7pyw2MjIyMDIwMjAwMTEyMjMzNDQ1LMuitaW3tcD7LMi61tq+2bGoLCwNCg==',
        'base64'
      )
      const fromGbk = await importAs(gbk, 'text/csv')
      assert.equal(fromGbk.statusCode, 200, fromGbk.body)
      assert.equal(fromGbk.json().encoding, 'gb18030')
      assert.equal(fromGbk.json().rejected, 0, JSON.stringify(fromGbk.json().rejections))
      const phone = await entry('17099990031')
      assert.deepEqual([phone.value, phone.category, phone.source, phone.note], ['+8617099990031', '冒充客服', 'centre', '银行柜台报告'])
      assert.equal(phone.expiresAt, '2027-06-30T16:00:00.000Z', 'to the end of 30 June, China time')

      // The same text as UTF-8 with a BOM reads the same; a line with undecodable bytes is refused by number, not stored.
      const utf8 = Buffer.concat([
        Buffer.from('\uFEFF类型,号码,诈骗类型\n号码,17099990032,冒充客服\n号码,17099990033,冒充', 'utf8'),
        Buffer.from([0xff]),
        Buffer.from('客服\n', 'utf8')
      ])
      const mixed = (await importAs(utf8, 'text/csv')).json()
      assert.deepEqual([mixed.encoding, mixed.added, mixed.rejected, mixed.rejections[0].line], ['utf-8', 1, 1, 3])
      assert.match(mixed.rejections[0].reason, /乱码/)
      assert.equal(await entry('17099990033'), undefined)

      // An .xlsx: a number cell for the phone, a date cell, a 19-digit card Excel rounded (refused, saying why), a blank row.
      const book = new ExcelJS.Workbook()
      const sheet = book.addWorksheet('名单')
      sheet.addRow(['类型', '号码', '诈骗类型', '来源', '备注', '到期日期'])
      sheet.addRow(['号码', 17099990034, '虚假投资理财', '市反诈中心', '', new Date(Date.UTC(2027, 0, 31))])
      sheet.addRow([])
      sheet.addRow(['账户', Number('6222020200112233445'), '刷单返利', '银行', '', '']) // as Excel stores a card typed into a number cell
      sheet.addRow(['email', 'x@example.com', '刷单返利', '', '', ''])
      const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
      const fromXlsx = (await importAs(Buffer.from(await book.xlsx.writeBuffer()), xlsxType)).json()
      assert.deepEqual([fromXlsx.encoding, fromXlsx.added, fromXlsx.rejected], ['xlsx', 1, 2])
      assert.deepEqual(
        fromXlsx.rejections.map((r: { line: number }) => r.line),
        [4, 5],
        'rows are named by their sheet row'
      )
      assert.match(fromXlsx.rejections[0].reason, /四舍五入/)
      assert.match(fromXlsx.rejections[1].reason, /应为 号码、网址 或 账户/)
      const xl = await entry('17099990034')
      assert.deepEqual([xl.source, xl.expiresAt], ['city', '2027-01-31T16:00:00.000Z'])
      assert.equal((await importAs(Buffer.from('not a zip at all'), xlsxType)).json().error.code, 'IMPORT_FORMAT')

      // Exports: CSV with a BOM; .xlsx with Chinese words that imports back unchanged.
      const csv = await suite.app.inject({ method: 'GET', url: '/api/v1/admin/blocklist/export', headers: as('reviewer'), query: { format: 'csv' } })
      assert.ok(csv.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'Excel needs the BOM to read UTF-8')
      const xlsx = await suite.app.inject({ method: 'GET', url: '/api/v1/admin/blocklist/export', headers: as('reviewer'), query: { format: 'xlsx' } })
      assert.equal(xlsx.statusCode, 200)
      assert.equal(xlsx.headers['content-type'], xlsxType)
      const read = new ExcelJS.Workbook()
      await read.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
      const rows = read.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][]
      assert.deepEqual(rows[0]!.slice(1), ['类型', '号码 / 网址 / 账户', '诈骗类型', '来源', '备注', '到期日期'])
      assert.ok(rows.some((r) => r[2] === '+8617099990031' && r[1] === '号码' && r[4] === '县反诈中心' && r[6] === '2027-06-30'))
      const back = (await importAs(xlsx.rawPayload, xlsxType)).json()
      assert.deepEqual([back.rejected, back.added, back.updated], [0, 0, 0], JSON.stringify(back.rejections?.slice(0, 3)))

      // Templates: the example rows are refused if imported as they are.
      for (const format of ['csv', 'xlsx'] as const) {
        const template = await suite.app.inject({ method: 'GET', url: '/api/v1/admin/blocklist/template', headers: as('reviewer'), query: { format } })
        assert.equal(template.statusCode, 200)
        const result = (await importAs(template.rawPayload, format === 'csv' ? 'text/csv' : xlsxType)).json()
        assert.deepEqual([result.added, result.updated, result.rejected], [0, 0, 3], JSON.stringify(result))
      }
      assert.ok((await suite.app.inject({ method: 'GET', url: '/api/v1/admin/blocklist/template', headers: as('reviewer') })).body.startsWith('\uFEFF类型,'))
    })

    test('export in both formats imports back unchanged; wrong type, oversize and garbage are clear 4xx', async () => {
      for (const format of ['csv', 'jsonl'] as const) {
        const exported = await suite.app.inject({ method: 'GET', url: '/api/v1/admin/blocklist/export', headers: as('reviewer'), query: { format } })
        assert.equal(exported.statusCode, 200)
        assert.match(String(exported.headers['content-disposition']), new RegExp(`blocklist-\\d{4}-\\d{2}-\\d{2}\\.${format}`))
        const backReply = await suite.app.inject({
          method: 'POST',
          url: '/api/v1/admin/blocklist/import',
          headers: { ...as('reviewer'), 'content-type': 'text/csv' },
          query: { format },
          payload: exported.body
        })
        assert.equal(backReply.statusCode, 200, backReply.body)
        const back = backReply.json()
        assert.equal(back.rejected, 0, JSON.stringify(back.rejections.slice(0, 3)))
        assert.equal(back.added + back.updated, 0)
        assert.ok(back.unchanged > ROWS * 0.9)
      }
      const untyped = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/admin/blocklist/import',
        headers: as('reviewer'),
        query: { format: 'csv' },
        payload: 'phone,13800138000,刷单返利,city,,'
      })
      assert.equal(untyped.statusCode, 415)
      const wrongType = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/admin/blocklist/import',
        headers: { ...as('reviewer'), 'content-type': 'application/json' },
        payload: '{}'
      })
      assert.equal(wrongType.statusCode, 415)
      const noFormat = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/admin/blocklist/import',
        headers: { ...as('reviewer'), 'content-type': 'text/plain' },
        payload: 'x'
      })
      assert.equal(noFormat.json().error.code, 'IMPORT_FORMAT')
      const huge = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/admin/blocklist/import',
        headers: { ...as('reviewer'), 'content-type': 'text/csv' },
        payload: 'phone,13800138000,刷单返利,city,,\n'.repeat(700_000)
      })
      assert.equal(huge.statusCode, 413)
      assert.equal(huge.json().error.code, 'IMPORT_TOO_LARGE')
      const garbage = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/admin/blocklist/import',
        headers: { ...as('reviewer'), 'content-type': 'text/csv' },
        payload: Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x0a, 0x22])
      })
      assert.equal(garbage.statusCode, 200)
      assert.equal(garbage.json().added, 0)
      assert.equal(garbage.json().rejected, 2)
    })
  })
}
