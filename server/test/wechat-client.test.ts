import { after, before, beforeEach, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { WeChatClient } from '../src/wechat/client.ts'
import { WECHAT_ERRORS, WeChatError } from '../src/wechat/errors.ts'
import { buildWeChatStandIn } from '../src/wechat/stand-in.ts'

const APP = { appId: 'wx-test-app', appSecret: 'test-secret' }
let standIn: FastifyInstance
let baseUrl: string

async function control<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(
    `${baseUrl}/__standin/${path}`,
    body === undefined
      ? undefined
      : {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body)
        }
  )
  return (await res.json()) as T
}
const loginCode = (user: string) => control<{ code: string; openid: string }>('login-code', { user })
const phoneCode = (phone: string, countryCode?: string) => control<{ code: string }>('phone-code', { phone, countryCode })
const fail = (api: string, failure: number | string, times = 1) => control('fail', { api, failure, times })
const calls = () => control<Record<string, number>>('calls')

async function rejectsWith(promise: Promise<unknown>, expected: Partial<WeChatError>): Promise<WeChatError> {
  try {
    await promise
  } catch (err) {
    assert.ok(err instanceof WeChatError, `expected a WeChatError, got ${String(err)}`)
    for (const [k, v] of Object.entries(expected)) assert.equal((err as unknown as Record<string, unknown>)[k], v, k)
    return err
  }
  assert.fail('expected the call to fail')
}

before(async () => {
  standIn = buildWeChatStandIn({ ...APP, slowAnswerMs: 600 })
  baseUrl = await standIn.listen({ port: 0, host: '127.0.0.1' })
})
after(() => standIn.close())

describe('WeChatClient against the stand-in', () => {
  let client: WeChatClient
  beforeEach(() => {
    client = new WeChatClient({ ...APP, baseUrl, timeoutMs: 300 })
  })

  test('jscode2session: a fresh code gives the openid; the same code twice is 40163; an unknown one 40029', async () => {
    const { code, openid } = await loginCode('resident-1')
    const session = await client.code2Session(code)
    assert.equal(session.openid, openid)
    assert.ok(session.session_key.length > 0)
    await rejectsWith(client.code2Session(code), { errcode: WECHAT_ERRORS.CODE_USED, transient: false })
    await rejectsWith(client.code2Session('made-up'), { errcode: WECHAT_ERRORS.INVALID_CODE, transient: false })
  })

  test('jscode2session: rate limit (45011) and busy (-1) are transient; a high-risk user (40226) is not', async () => {
    const { code } = await loginCode('resident-2')
    await fail('jscode2session', WECHAT_ERRORS.RATE_LIMITED)
    await rejectsWith(client.code2Session(code), { errcode: 45011, transient: true })
    await fail('jscode2session', WECHAT_ERRORS.BUSY)
    await rejectsWith(client.code2Session(code), { errcode: -1, transient: true })
    await fail('jscode2session', WECHAT_ERRORS.HIGH_RISK_USER)
    await rejectsWith(client.code2Session(code), { errcode: 40226, transient: false })
    // The injected failures did not consume the code.
    assert.ok((await client.code2Session(code)).openid)
  })

  test('a wrong app secret is 40125', async () => {
    const wrong = new WeChatClient({ ...APP, appSecret: 'nope', baseUrl })
    await rejectsWith(wrong.code2Session((await loginCode('x')).code), { errcode: WECHAT_ERRORS.INVALID_SECRET })
    await rejectsWith(wrong.accessToken(), { errcode: WECHAT_ERRORS.INVALID_SECRET })
  })

  test('getuserphonenumber: phone_info for a code, with one stable_token for many calls', async () => {
    const before = (await calls()).stable_token
    const a = await client.getPhoneNumber((await phoneCode('13800138000')).code)
    assert.equal(a.purePhoneNumber, '13800138000')
    assert.equal(a.countryCode, '86')
    assert.equal(a.watermark.appid, APP.appId)
    await client.getPhoneNumber((await phoneCode('13900139000')).code)
    assert.equal((await calls()).stable_token - before, 1, 'the access token is cached')
    await rejectsWith(client.getPhoneNumber('unknown'), { errcode: WECHAT_ERRORS.INVALID_CODE })
  })

  test('an expired access token (42001) is refreshed once and the call succeeds', async () => {
    await client.getPhoneNumber((await phoneCode('13800000001')).code)
    await control('expire-tokens', {})
    const before = (await calls()).stable_token
    const phone = await client.getPhoneNumber((await phoneCode('13800000002')).code)
    assert.equal(phone.purePhoneNumber, '13800000002')
    assert.equal((await calls()).stable_token - before, 1)
  })

  test('an access token rejected twice (40001) fails after one refresh, not in a loop', async () => {
    await client.accessToken()
    await fail('getuserphonenumber', WECHAT_ERRORS.INVALID_CREDENTIAL, 2)
    const before = (await calls()).stable_token
    await rejectsWith(client.getPhoneNumber((await phoneCode('13800000003')).code), { errcode: WECHAT_ERRORS.INVALID_CREDENTIAL })
    assert.equal((await calls()).stable_token - before, 1)
  })

  test('subscribe/send: delivered with a credit; 43101 without; 40003, 40037, 47003, 41030 for bad fields', async () => {
    const { code, openid } = await loginCode('resident-3')
    await client.code2Session(code)
    const message = {
      touser: openid,
      template_id: 'tmpl-bulletin',
      page: 'packages/bulletin/pages/detail/index?id=37',
      data: { thing1: { value: '第37期预警：冒充客服退款' } }
    }
    await rejectsWith(client.sendSubscribeMessage(message), { errcode: WECHAT_ERRORS.USER_REFUSED })
    await control('credits', { openid, template_id: 'tmpl-bulletin', count: 1 })
    await client.sendSubscribeMessage(message)
    await rejectsWith(client.sendSubscribeMessage(message), { errcode: WECHAT_ERRORS.USER_REFUSED }) // credit spent
    const { messages } = await control<{ messages: Array<{ touser: string }> }>('messages')
    assert.equal(messages.filter((m) => m.touser === openid).length, 1)

    await control('credits', { openid, template_id: 'tmpl-bulletin', count: 'long-term' })
    await rejectsWith(client.sendSubscribeMessage({ ...message, touser: 'o-nobody' }), { errcode: WECHAT_ERRORS.INVALID_OPENID })
    await rejectsWith(client.sendSubscribeMessage({ ...message, template_id: 'tmpl-unknown' }), { errcode: WECHAT_ERRORS.INVALID_TEMPLATE })
    await rejectsWith(client.sendSubscribeMessage({ ...message, data: { thing1: { value: '这是一条超过二十个字的预警摘要会被微信拒绝的消息' } } }), {
      errcode: WECHAT_ERRORS.INVALID_ARGUMENT
    })
    await rejectsWith(client.sendSubscribeMessage({ ...message, page: 'https://evil.example/' }), { errcode: WECHAT_ERRORS.INVALID_PAGE })
    await fail('subscribe_send', WECHAT_ERRORS.RATE_LIMITED_SEND)
    await rejectsWith(client.sendSubscribeMessage(message), { errcode: 45009, transient: true })
  })

  test('transport trouble: no answer in time, HTTP 500 without JSON, a reply of the wrong shape', async () => {
    const { code } = await loginCode('resident-4')
    await fail('jscode2session', 'timeout')
    await rejectsWith(client.code2Session(code), { errcode: null, kind: 'timeout', transient: true })
    await fail('jscode2session', 'http500')
    await rejectsWith(client.code2Session(code), { errcode: null, kind: 'transport', transient: true })
    await fail('jscode2session', 'garbage')
    await rejectsWith(client.code2Session(code), { errcode: null, kind: 'invalid-reply' })
    const unreachable = new WeChatClient({ ...APP, baseUrl: 'http://127.0.0.1:9' })
    await rejectsWith(unreachable.code2Session(code), { kind: 'transport' })
  })

  test('a call still waiting for a connection when its deadline passes times out and never goes out later', async () => {
    const users = await Promise.all(['resident-5', 'resident-6'].map((u) => loginCode(u)))
    const queued = new WeChatClient({ ...APP, baseUrl, timeoutMs: 300, connections: 1 })
    for (const { code, openid } of users) {
      await queued.code2Session(code)
      await control('credits', { openid, template_id: 'tmpl-bulletin', count: 1 })
    }
    const message = (touser: string) => ({ touser, template_id: 'tmpl-bulletin', data: { thing1: { value: '第38期预警' } } })
    // The first call holds the only connection for 600 ms; the second waits behind it past its own 300 ms.
    await control('fail', { api: 'subscribe_send', failure: 'timeout', touser: users[0].openid })
    const before = (await calls()).subscribe_send
    await Promise.all([
      rejectsWith(queued.sendSubscribeMessage(message(users[0].openid)), { kind: 'timeout' }),
      rejectsWith(queued.sendSubscribeMessage(message(users[1].openid)), { kind: 'timeout' })
    ])
    await new Promise((r) => setTimeout(r, 700))
    assert.equal((await calls()).subscribe_send - before, 1, 'only the first call reached WeChat')
    const { messages } = await control<{ messages: Array<{ touser: string }> }>('messages')
    assert.equal(messages.filter((m) => m.touser === users[1].openid).length, 0)
    await queued.close()
  })
})
