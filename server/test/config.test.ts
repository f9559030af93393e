import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ConfigError, loadConfig, weakness } from '../src/config.ts'

// Made with `openssl rand -hex`: what an operator is told to use.
const STRONG_SECRET = 'f3a8c1e6b9d2f7a4c0e5b8d1f6a3c9e27d1b9e4a2c6f0a8e'
const STRONG_KEY = '9c4e1f7a2b8d3e6f0a5c7b9d1e3f5a7c9e2b4d6f8a0c1e3b5d7f9a2c4e6b8d0f'

test('production refuses to start without a JWT secret or WeChat settings', () => {
  assert.throws(() => loadConfig({ NODE_ENV: 'production' }), ConfigError)
  assert.throws(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }), /DATA_KEY/)
  assert.throws(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: STRONG_SECRET, DATA_KEY: STRONG_KEY }), /WECHAT_API_BASE/)
  assert.throws(() => loadConfig({ DATA_KEY: 'too-short' }), /32 bytes/)
  const config = loadConfig({
    NODE_ENV: 'production',
    JWT_SECRET: STRONG_SECRET,
    DATA_KEY: STRONG_KEY,
    WECHAT_API_BASE: 'https://api.weixin.qq.com',
    WECHAT_APPID: 'wx1',
    WECHAT_SECRET: 's'
  })
  assert.equal(config.dataKey.length, 32)
  assert.equal(config.wechat.apiBase, 'https://api.weixin.qq.com')
})

test('development needs nothing: WeChat is left to the local stand-in, numbers are validated', () => {
  const config = loadConfig({})
  assert.equal(config.env, 'development')
  assert.equal(config.wechat.apiBase, undefined)
  assert.deepEqual(config.wechat.templates, { bulletin: 'tmpl-bulletin', report: 'tmpl-report', warning: 'tmpl-warning' })
  // The variable lists them in order; a purpose left out is not configured, never another purpose's template.
  assert.deepEqual(loadConfig({ WECHAT_TEMPLATE_IDS: 'b-1,,w-3' }).wechat.templates, { bulletin: 'b-1', report: null, warning: 'w-3' })
  assert.deepEqual(loadConfig({ WECHAT_TEMPLATE_IDS: 'b-1' }).wechat.templates, { bulletin: 'b-1', report: null, warning: null })
  assert.equal(config.port, 8080)
  assert.throws(() => loadConfig({ PORT: 'eighty' }), /PORT must be/)
})

test('production refuses obviously weak secrets and demo data; development keeps demo data on by default', () => {
  const prod = { NODE_ENV: 'production', WECHAT_API_BASE: 'https://api.weixin.qq.com', WECHAT_APPID: 'wx1', WECHAT_SECRET: 's' }
  for (const weak of ['x'.repeat(32), '0'.repeat(40), 'ab'.repeat(20), 'abcd1234'.repeat(5), '0123456'.repeat(6)]) {
    assert.throws(() => loadConfig({ ...prod, JWT_SECRET: weak, DATA_KEY: STRONG_KEY }), /JWT_SECRET is too weak/, weak)
  }
  for (const weak of ['0'.repeat(64), 'a'.repeat(64), 'ab'.repeat(32), Buffer.alloc(32, 7).toString('base64')]) {
    assert.throws(() => loadConfig({ ...prod, JWT_SECRET: STRONG_SECRET, DATA_KEY: weak }), /DATA_KEY is too weak/, weak)
  }
  // Weak values stay usable outside production (tests and `npm start` use fixed ones).
  assert.equal(loadConfig({ JWT_SECRET: 'x'.repeat(32), DATA_KEY: '0'.repeat(64) }).env, 'development')
  assert.equal(weakness(Buffer.from(STRONG_KEY, 'hex')), null)

  assert.equal(loadConfig({ ...prod, JWT_SECRET: STRONG_SECRET, DATA_KEY: STRONG_KEY }).demoData, false, 'never in production')
  assert.equal(loadConfig({ ...prod, JWT_SECRET: STRONG_SECRET, DATA_KEY: STRONG_KEY, DEMO_DATA: '0' }).demoData, false)
  assert.throws(() => loadConfig({ ...prod, JWT_SECRET: STRONG_SECRET, DATA_KEY: STRONG_KEY, DEMO_DATA: '1' }), /DEMO_DATA cannot be turned on/)
  assert.equal(loadConfig({}).demoData, true)
  assert.equal(loadConfig({ DEMO_DATA: '0' }).demoData, false)
})
