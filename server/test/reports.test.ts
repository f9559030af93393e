import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { Value } from '@sinclair/typebox/value'
import { MyReports, ReviewQueue } from '../../types/reports.ts'
import { buildTestApp, eventually, storeOptions, storesUnderTest, useAppSuite } from './helpers.ts'

for (const store of storesUnderTest()) {
  describe(`reports and review on ${store}`, storeOptions(store), () => {
    const suite = useAppSuite(store, { roles: ['reviewer', 'editor'], residents: { alice: 'o-alice', bob: 'o-bob', carol: 'o-carol' } })
    const { as } = suite
    const report = (who: string, body: object) => suite.app.inject({ method: 'POST', url: '/api/v1/reports', payload: body, headers: as(who) })
    const checkPhone = async (n: string) => (await suite.app.inject({ method: 'GET', url: '/api/v1/check/phone', query: { number: n } })).json()

    test('reports merge per resident, count distinct reporters in the check, and stay private', async () => {
      const first = await report('alice', { kind: 'phone', value: '170 1234 5678', channel: '电话', lossAmount: 0, description: '说我快递丢了要理赔' })
      assert.equal(first.statusCode, 200, first.body)
      assert.equal(first.json().status, 'submitted')
      assert.equal(first.json().value, '+8617012345678')
      const again = await report('alice', { kind: 'phone', value: '17012345678', lossAmount: 500 })
      assert.equal(again.json().id, first.json().id, 'merged')
      assert.equal(again.json().lossAmount, 500)
      await eventually(async () => (await checkPhone('17012345678')).reports === 1, 3_000)
      await report('bob', { kind: 'phone', value: '+86 170-1234-5678' })
      await eventually(async () => (await checkPhone('17012345678')).reports === 2, 3_000)
      const check = await checkPhone('17012345678')
      assert.ok(check.reasons.some((r: { code: string }) => r.code === 'REPORTED'))
      assert.doesNotMatch(JSON.stringify(check), /o-alice|o-bob|resident/i)

      const mine = (await suite.app.inject({ method: 'GET', url: '/api/v1/me/reports', headers: as('alice') })).json()
      assert.ok(Value.Check(MyReports, mine))
      assert.equal(mine.items.length, 1)
      assert.equal((await suite.app.inject({ method: 'GET', url: '/api/v1/me/reports', headers: as('carol') })).json().items.length, 0)
      assert.equal((await suite.app.inject({ method: 'POST', url: '/api/v1/reports', payload: { kind: 'phone', value: '17012345678' } })).statusCode, 401)
      const bad = await report('alice', { kind: 'url', value: 'javascript:alert(1)' })
      assert.equal(bad.statusCode, 400)
      assert.equal(bad.json().error.code, 'REPORT_INVALID')
    })

    test('the queue puts most reporters first, then the largest loss; confirm lists it, reject explains; both audited', async () => {
      await report('carol', { kind: 'url', value: 'https://www.loan-fast.example/apply', lossAmount: 20000 })
      await report('carol', { kind: 'account', value: '6222 0000 1111 2222 333', lossAmount: 300 })
      const queue = await suite.app.inject({ method: 'GET', url: '/api/v1/admin/reports/queue', headers: as('reviewer') })
      assert.equal(queue.statusCode, 200)
      assert.ok(Value.Check(ReviewQueue, queue.json()))
      const order = queue.json().items.map((i: { value: string }) => i.value)
      assert.deepEqual(order.slice(0, 3), ['+8617012345678', 'loan-fast.example', '6222000011112222333'])

      assert.equal((await suite.app.inject({ method: 'GET', url: '/api/v1/admin/reports/queue', headers: as('editor') })).statusCode, 403)
      assert.equal((await suite.app.inject({ method: 'GET', url: '/api/v1/admin/reports/queue', headers: as('alice') })).statusCode, 401)

      await suite.app.inject({
        method: 'POST',
        url: '/api/v1/admin/reports/start',
        headers: as('reviewer'),
        payload: { kind: 'phone', value: '+8617012345678' }
      })
      assert.equal((await suite.app.inject({ method: 'GET', url: '/api/v1/me/reports', headers: as('alice') })).json().items[0].status, 'reviewing')
      const confirm = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/admin/reports/review',
        headers: as('reviewer'),
        payload: { kind: 'phone', value: '17012345678', action: 'confirm', category: '冒充电商物流客服' }
      })
      assert.equal(confirm.statusCode, 200, confirm.body)
      assert.equal(confirm.json().reports, 2)
      await eventually(async () => (await checkPhone('17012345678')).verdict === 'dangerous', 3_000)
      const mine = (await suite.app.inject({ method: 'GET', url: '/api/v1/me/reports', headers: as('bob') })).json().items[0]
      assert.equal(mine.status, 'confirmed')
      assert.match(mine.outcome, /已核实/)
      const entry = await suite.tdb.database.db
        .selectFrom('blocklist_entries')
        .select(['source', 'category'])
        .where('kind', '=', 'phone')
        .where('value', '=', '+8617012345678')
        .executeTakeFirstOrThrow()
      assert.deepEqual(entry, { source: 'report', category: '冒充电商物流客服' })

      const reject = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/admin/reports/review',
        headers: as('reviewer'),
        payload: { kind: 'url', value: 'loan-fast.example', action: 'reject', reason: '这是正规持牌机构的网站' }
      })
      assert.equal(reject.statusCode, 200)
      const carol = (await suite.app.inject({ method: 'GET', url: '/api/v1/me/reports', headers: as('carol') })).json().items
      const rejected = carol.find((r: { kind: string }) => r.kind === 'url')
      assert.equal(rejected.status, 'rejected')
      assert.match(rejected.outcome, /正规持牌机构/)
      // Not confirmed is never a clearance: the resident is not told the site is fine.
      assert.match(rejected.outcome, /^暂未核实到诈骗证据，这不代表对方可信：/)
      assert.doesNotMatch(rejected.outcome, /未发现问题|安全/)
      const urlCheck = (await suite.app.inject({ method: 'GET', url: '/api/v1/check/url', query: { url: 'loan-fast.example' } })).json()
      assert.equal(urlCheck.reports, 0, 'a rejected report no longer counts')

      // Sign-ins are audited too; this test is about the reviews' own entries.
      const audit = await suite.tdb.database.db.selectFrom('audit_log').selectAll().where('action', 'not like', 'login.%').orderBy('id').execute()
      assert.deepEqual(
        audit.map((a) => a.action),
        ['report.confirm', 'report.reject']
      )
      assert.equal(audit[0].target, 'phone:+8617012345678')
      assert.ok(audit[0].admin_id)
      assert.equal((audit[0].before as Array<{ status: string }>).length, 2)
      assert.equal((audit[0].after as { status: string }).status, 'confirmed')
      assert.equal(
        (
          await suite.app.inject({
            method: 'POST',
            url: '/api/v1/admin/reports/review',
            headers: as('reviewer'),
            payload: { kind: 'url', value: 'loan-fast.example', action: 'reject', reason: 'x' }
          })
        ).statusCode,
        404
      )
    })

    test('reports are limited per resident', async () => {
      const tight = await buildTestApp(suite.tdb.database, { REPORT_RATE_LIMIT_PER_HOUR: '2' })
      try {
        const codes = []
        for (let i = 0; i < 3; i++) {
          codes.push(
            (await tight.app.inject({ method: 'POST', url: '/api/v1/reports', payload: { kind: 'phone', value: `1700000000${i}` }, headers: as('alice') }))
              .statusCode
          )
        }
        assert.deepEqual(codes, [200, 200, 429])
        const other = await tight.app.inject({ method: 'POST', url: '/api/v1/reports', payload: { kind: 'phone', value: '17000000009' }, headers: as('bob') })
        assert.equal(other.statusCode, 200, 'another resident from the same address is not affected')
      } finally {
        await tight.app.close()
      }
    })

    test('a whole message is reported with its parts; the reviewer sees the spans and lists the parts chosen', async () => {
      const text = '【建设银行】您的账户异常，请登录 ccb-yz.top 验证，或致电 0085263338888。'
      const sent = await report('alice', { kind: 'message', value: text, channel: '短信', lossAmount: 0 })
      assert.equal(sent.statusCode, 200, sent.body)
      assert.equal(sent.json().kind, 'message')
      assert.match(sent.json().value, /^msg:[0-9a-f]{24}$/)
      // The same message from another resident (spaces aside) joins the same group.
      assert.equal((await report('bob', { kind: 'message', value: text.replace('，', ' ， ') })).statusCode, 200)
      const queue = (await suite.app.inject({ method: 'GET', url: '/api/v1/admin/reports/queue', headers: as('reviewer') })).json().items
      const group = queue.find((g: { kind: string }) => g.kind === 'message')
      assert.equal(group.reporters, 2)
      const parts = group.reports[0].parts as Array<{ kind: string; text: string; start: number; end: number; verdict: string }>
      assert.deepEqual(
        parts.map((p) => p.kind),
        ['url', 'phone']
      )
      for (const p of parts) assert.equal(group.reports[0].input.slice(p.start, p.end), p.text)
      assert.equal(parts[0].verdict, 'dangerous')
      // A message has no tally: the checks of its parts do not count it as a report of them.
      assert.equal((await checkPhone('0085263338888')).reports, 0)
      const confirm = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/admin/reports/review',
        headers: as('reviewer'),
        payload: {
          kind: 'message',
          value: group.value,
          action: 'confirm',
          category: '冒充银行',
          parts: [
            { kind: 'url', value: 'ccb-yz.top' },
            { kind: 'phone', value: '0085263338888' }
          ]
        }
      })
      assert.equal(confirm.statusCode, 200, confirm.body)
      assert.equal(confirm.json().reports, 2)
      const listed = await suite.tdb.database.db
        .selectFrom('blocklist_entries')
        .select(['kind', 'value', 'category'])
        .where('source', '=', 'report')
        .where('category', '=', '冒充银行')
        .orderBy('kind')
        .execute()
      assert.deepEqual(
        listed.map((e) => [e.kind, e.value]),
        [
          ['phone', '+85263338888'],
          ['url', 'ccb-yz.top']
        ]
      )
      assert.equal((await suite.app.inject({ method: 'GET', url: '/api/v1/me/reports', headers: as('bob') })).json().items[0].status, 'confirmed')
      // Bad input: an empty message, a part that is not what it says.
      assert.equal((await report('carol', { kind: 'message', value: '   ' })).statusCode, 400)
      await report('carol', { kind: 'message', value: '另一条可疑消息 abc-pay.top' })
      const other = (await suite.app.inject({ method: 'GET', url: '/api/v1/admin/reports/queue', headers: as('reviewer') }))
        .json()
        .items.find((g: { kind: string }) => g.kind === 'message')
      const bad = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/admin/reports/review',
        headers: as('reviewer'),
        payload: { kind: 'message', value: other.value, action: 'confirm', category: '刷单返利', parts: [{ kind: 'phone', value: '没有号码' }] }
      })
      assert.equal(bad.statusCode, 400)
      assert.equal(bad.json().error.code, 'REPORT_INVALID')
    })
  })
}
