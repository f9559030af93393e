import { test } from 'node:test'
import assert from 'node:assert/strict'
import { maskDigits, maskUrl } from '../src/logging.ts'

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
