import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Value } from '@sinclair/typebox/value'
import { BulletinInput } from '../../types/bulletins.ts'
import { outcomeOf, retryDelayMs } from '../src/outbox/outcomes.ts'
import { bulletinMessage } from '../src/push/message.ts'
import { thing } from '../src/wechat/subscribe-values.ts'
import { bulletinProblems, isSafeImageUrl } from '../src/bulletins/validate.ts'
import { WeChatError } from '../src/wechat/errors.ts'

test('every WeChat answer maps to one delivery outcome', () => {
  const api = (code: number) => new WeChatError(code, `errcode ${code}`)
  const cases: Array<[unknown, string, string?]> = [
    [null, 'sent'],
    [api(43101), 'in_app', 'refused (43101)'],
    [api(40003), 'failed', 'errcode 40003'],
    [api(47003), 'failed', 'errcode 47003'],
    [api(41030), 'failed', 'errcode 41030'],
    [api(40037), 'failed', 'errcode 40037'],
    [api(-1), 'retry', 'errcode -1'],
    [api(45009), 'retry', 'errcode 45009'],
    [api(45011), 'retry', 'errcode 45011'],
    [api(40001), 'retry', 'errcode 40001'],
    [new WeChatError(null, 'HTTP 502', 'transport'), 'retry', 'transport'],
    [new WeChatError(null, 'no answer', 'timeout'), 'unknown', 'timeout'],
    [new WeChatError(null, 'garbage', 'invalid-reply'), 'unknown', 'invalid-reply'],
    [new Error('bug'), 'unknown', 'internal']
  ]
  for (const [error, kind, reason] of cases) {
    const outcome = outcomeOf(error)
    assert.equal(outcome.kind, kind, String(error))
    if (reason) assert.equal((outcome as { reason: string }).reason, reason)
  }
  assert.equal((outcomeOf(api(43101)) as { dropCredit: boolean }).dropCredit, true)
})

test('retry delays double per attempt with jitter, within [ceiling/2, ceiling], capped', () => {
  for (let attempt = 1; attempt <= 12; attempt++) {
    const ceiling = Math.min(60_000, 1_000 * 2 ** (attempt - 1))
    assert.equal(
      retryDelayMs(attempt, 1_000, 60_000, () => 0),
      ceiling / 2
    )
    assert.equal(
      retryDelayMs(attempt, 1_000, 60_000, () => 1),
      ceiling
    )
    const d = retryDelayMs(attempt, 1_000, 60_000)
    assert.ok(d >= ceiling / 2 && d <= ceiling, `attempt ${attempt}: ${d}`)
  }
})

test('message fields fit WeChat limits: thing values ≤ 20 characters, the page is the detail page', () => {
  assert.equal(thing('短标题'), '短标题')
  assert.equal([...thing('一二三四五六七八九十一二三四五六七八九十一二')].length, 20)
  assert.ok(thing('一二三四五六七八九十一二三四五六七八九十一二').endsWith('…'))
  const m = bulletinMessage(
    'openid-1',
    'tmpl-bulletin',
    {
      id: '7',
      issueNo: 37,
      title: '警惕“刷单返利”新套路：先给甜头再骗大钱',
      summaryShort: '刷单就是诈骗',
      publishedOn: '2026-11-29',
      hotline: '96110'
    },
    'formal'
  )
  assert.equal(m.page, 'packages/bulletins/pages/detail/index?id=7')
  for (const [key, { value }] of Object.entries(m.data)) {
    if (key.startsWith('thing')) assert.ok([...value].length <= 20, `${key}: ${value}`)
  }
  assert.match(m.data.thing1.value, /^第37期/)
  assert.equal(m.data.date3.value, '2026-11-29')
})

const valid: BulletinInput = {
  title: '第一期',
  summaryShort: '短摘要',
  summary: '长摘要',
  periodStart: '2026-11-20',
  periodEnd: '2026-11-26',
  body: [{ type: 'paragraph', text: '<script>alert(1)</script> 是文字，不是代码' }],
  tags: ['刷单返利'],
  audience: null,
  severity: 'routine'
}

test('bulletin blocks: schema and the checks beyond it', () => {
  assert.ok(Value.Check(BulletinInput, valid), 'markup in text is just text: accepted, rendered as text')
  const blocks = [
    { type: 'case', fraudType: '刷单返利', channel: 'QQ群', lossAmount: 38000, story: '……' },
    { type: 'table', columns: ['类型', '起数'], rows: [['刷单返利', '12']] },
    { type: 'tips', items: ['不点陌生链接'] },
    { type: 'image', url: '/media/a.png', alt: '示意图' }
  ]
  assert.ok(Value.Check(BulletinInput, { ...valid, body: blocks }))
  assert.ok(!Value.Check(BulletinInput, { ...valid, body: [{ type: 'html', html: '<b>x</b>' }] }), 'unknown block types are refused')
  assert.ok(!Value.Check(BulletinInput, { ...valid, body: [{ type: 'paragraph', text: 'x', onclick: 'y' }] }), 'extra fields are refused')
  assert.ok(!Value.Check(BulletinInput, { ...valid, body: [] }))
  assert.ok(!Value.Check(BulletinInput, { ...valid, body: [{ type: 'case', fraudType: 'x', channel: 'y', lossAmount: -1, story: 'z' }] }))

  const townships = new Set(['610923100'])
  assert.deepEqual(bulletinProblems(valid, townships), [])
  const problems = bulletinProblems(
    {
      ...valid,
      summaryShort: '一二三四五六七八九十一二三四五六七八九十一',
      periodStart: '2026-11-30',
      periodEnd: '2026-11-26',
      audience: ['610923999'],
      body: [
        { type: 'table', columns: ['a', 'b'], rows: [['1']] },
        { type: 'image', url: 'javascript:alert(1)', alt: 'x' }
      ]
    },
    townships
  )
  assert.equal(problems.length, 5, problems.join('\n'))
  assert.ok(problems.some((p) => p.startsWith('body[1]')))
  for (const url of [
    'javascript:alert(1)',
    'data:image/png;base64,AAAA',
    '//evil.example/a.png',
    'http://example.com/a.png',
    'https://u:p@example.com/a.png'
  ]) {
    assert.equal(isSafeImageUrl(url), false, url)
  }
  // Another site's image tells that site who reads the bulletin: only the server's own media, or configured hosts.
  assert.equal(isSafeImageUrl('https://tracker.example/pixel.png'), false)
  assert.equal(isSafeImageUrl('/media/0123456789abcdef0123456789abcdef.png'), true)
  assert.equal(isSafeImageUrl('https://img.example.gov.cn/a.png', new Set(['img.example.gov.cn'])), true)
  assert.equal(isSafeImageUrl('https://img.example.gov.cn.evil.example/a.png', new Set(['img.example.gov.cn'])), false)
})

test('the demo bulletins are valid bulletins', async () => {
  const { DEMO_BULLETINS } = await import('../src/seed/bulletins.ts')
  assert.ok(DEMO_BULLETINS.length >= 8)
  const townships = new Set(['610923100'])
  for (const b of DEMO_BULLETINS) {
    assert.ok(Value.Check(BulletinInput, b), b.title)
    assert.deepEqual(bulletinProblems(b, townships), [], b.title)
    assert.ok(
      b.body.some((block) => block.type === 'case'),
      `${b.title} has a case`
    )
    assert.ok(JSON.stringify(b).includes('96110'), `${b.title} names 96110`)
  }
})
