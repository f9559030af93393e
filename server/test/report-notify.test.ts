import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { REPORT_PAGE } from '../src/reports/outbox-kind.ts'
import { eventually, startWeChatStandIn, storeOptions, storesUnderTest, TEST_WECHAT, useAppSuite } from './helpers.ts'
import { standInControl } from './fixtures.ts'

for (const store of storesUnderTest()) {
  describe(`report decisions reach reporters on ${store}`, storeOptions(store), () => {
    let standIn: FastifyInstance
    let standInUrl: string
    // Registered first: the app's before() needs the stand-in's URL.
    before(async () => {
      ;({ server: standIn, url: standInUrl } = await startWeChatStandIn())
    })
    const suite = useAppSuite(store, { env: () => ({ ...TEST_WECHAT, WECHAT_API_BASE: standInUrl, PUSH_WORKER: 'inline' }), roles: ['reviewer'] })
    after(() => standIn.close())
    const { tokens, as } = suite
    const openids: Record<string, string> = {}
    const control = (path: string, body: unknown) => standInControl(standInUrl, path, body)
    const messages = async () =>
      (
        (await (await fetch(`${standInUrl}/__standin/messages`)).json()) as {
          messages: Array<{ touser: string; template_id: string; page: string; data: Record<string, { value: string }> }>
        }
      ).messages
    const notices = () =>
      suite.tdb.database.db
        .selectFrom('report_notifications')
        .select(['resident_id', 'decision as status', 'status as state', 'reason'])
        .orderBy('id')
        .execute()

    before(async () => {
      for (const who of ['alice', 'bob']) {
        const login = await control('login-code', { user: `notify-${who}` })
        openids[who] = login.openid
        tokens[who] = (await suite.app.inject({ method: 'POST', url: '/api/v1/auth/wechat', payload: { code: login.code } })).json().accessToken
      }
      // Alice tapped "accept" for 举报进展 (our credit) and WeChat holds it too; Bob never subscribed.
      await suite.app.inject({ method: 'POST', url: '/api/v1/me/subscriptions', headers: as('alice'), payload: { results: { 'tmpl-report': 'accept' } } })
      await control('credits', { openid: openids.alice, template_id: 'tmpl-report', count: 1 })
    })

    test('a confirmation sends one subscribe message to a reporter with a credit; one without sees it in the app only', async () => {
      for (const who of ['alice', 'bob']) {
        const r = await suite.app.inject({ method: 'POST', url: '/api/v1/reports', headers: as(who), payload: { kind: 'phone', value: '17000007777' } })
        assert.equal(r.statusCode, 200, r.body)
      }
      const confirm = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/admin/reports/review',
        headers: as('reviewer'),
        payload: { kind: 'phone', value: '17000007777', action: 'confirm', category: '冒充客服' }
      })
      assert.equal(confirm.json().reports, 2)
      await eventually(async () => (await notices()).every((n) => n.state !== 'pending' && n.state !== 'sending'), 3_000)
      const sent = (await messages()).filter((m) => m.template_id === 'tmpl-report')
      assert.equal(sent.length, 1)
      assert.equal(sent[0].touser, openids.alice)
      assert.equal(sent[0].page, REPORT_PAGE)
      assert.equal(sent[0].data.phrase2.value, '已核实')
      assert.match(sent[0].data.thing1.value, /17000007777/)
      assert.deepEqual(
        (await notices()).map((n) => [n.status, n.state, n.reason]),
        [
          ['confirmed', 'sent', null],
          ['confirmed', 'in_app', 'no credit']
        ]
      )
      const state = (await suite.app.inject({ method: 'GET', url: '/api/v1/me/subscriptions', headers: as('alice') })).json()
      assert.equal(state.templates.find((t: { templateId: string }) => t.templateId === 'tmpl-report').credits, 0, 'the credit was spent')

      // A second decision on another report: no credit left, so no second message.
      await suite.app.inject({ method: 'POST', url: '/api/v1/reports', headers: as('alice'), payload: { kind: 'phone', value: '17000008888' } })
      await suite.app.inject({
        method: 'POST',
        url: '/api/v1/admin/reports/review',
        headers: as('reviewer'),
        payload: { kind: 'phone', value: '17000008888', action: 'reject', reason: '正常号码' }
      })
      await eventually(async () => (await notices()).length === 3 && (await notices())[2].state === 'in_app', 3_000)
      assert.equal((await messages()).filter((m) => m.template_id === 'tmpl-report').length, 1)
    })
  })
}
