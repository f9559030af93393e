import { test } from 'node:test'
import assert from 'node:assert/strict'
import { maskDigits, maskUrl, prettyLine } from '../src/logging.ts'
import { buildTestApp, openTestDatabase } from './helpers.ts'

test('phone numbers in logged URLs are masked, whatever their encoding', () => {
  for (const url of [
    '/api/v1/check/phone?number=13800138000',
    '/api/v1/check/phone?number=138%200013%208000',
    '/api/v1/check/phone?number=%2B86+138-0013-8000',
    '/api/v1/check/phone?number=%EF%BC%91%EF%BC%93%EF%BC%98%EF%BC%90%EF%BC%90%EF%BC%91%EF%BC%93%EF%BC%98%EF%BC%90%EF%BC%90%EF%BC%90'
  ]) {
    const masked = maskUrl(url)
    assert.doesNotMatch(masked, /0013/, masked)
    assert.match(masked, /\*\*\*\*/, masked)
  }
  assert.equal(maskUrl('/api/v1/health'), '/api/v1/health')
  assert.equal(maskUrl('/x?number=%E0%A4%A'), '/x?number=%E0%A4%A')
})

test('short digit runs (ids, years) are left alone', () => {
  assert.equal(maskDigits('page 2 of 2026'), 'page 2 of 2026')
  assert.equal(maskDigits('call 0915-6821234 now'), 'call 091****34 now')
})

test('a pretty line says time, level, message and the fields the message does not', () => {
  const line = prettyLine(
    JSON.stringify({
      level: 30,
      time: Date.parse('2026-11-30T07:32:01Z'),
      pid: 1,
      hostname: 'h',
      reqId: 'req-1',
      msg: 'GET /api/v1/health 200 0.4 ms',
      status: 200
    }),
    false
  )
  assert.match(line, /^\d{2}:\d{2}:\d{2} INFO {2}GET \/api\/v1\/health 200 0\.4 ms\n$/)
  assert.equal(prettyLine(JSON.stringify({ level: 40, time: 0, msg: 'slow', signal: 'SIGTERM' }), false).slice(9), 'WARN  slow signal=SIGTERM\n')
  assert.ok(prettyLine(JSON.stringify({ level: 50, time: 0, msg: 'x' }), true).endsWith(' \u001b[31mERROR\u001b[0m x\n'))
  assert.equal(prettyLine('not json\n', false), 'not json\n')
})

test('one log line per request, when the answer has gone, with the number masked', async () => {
  const lines: string[] = []
  const tdb = await openTestDatabase('pglite')
  const { app } = await buildTestApp(tdb.database, { LOG_LEVEL: 'info' }, { logStream: { write: (l: string) => void lines.push(l) } })
  try {
    await app.ready()
    lines.length = 0
    await app.inject({ url: '/api/v1/check/phone?number=13800138000' })
    await app.inject({ url: '/api/v1/no-such-route' })
    const entries = lines.map((l) => JSON.parse(l) as { msg: string; status: number; method: string; url: string; ms: number })
    assert.deepEqual(
      entries.map((e) => e.msg.replace(/ [\d.]+ ms$/, ' N ms')),
      ['GET /api/v1/check/phone?number=138****00 200 N ms', 'GET /api/v1/no-such-route 404 N ms']
    )
    assert.equal(entries[0].status, 200)
    assert.ok(entries[0].ms >= 0)
    assert.doesNotMatch(lines.join(''), /0013/)
  } finally {
    await app.close()
    await tdb.cleanup()
  }
})
