import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ConfigError, loadConfig } from '../src/config.ts'

test('production refuses to start without a JWT secret or WeChat settings', () => {
  assert.throws(() => loadConfig({ NODE_ENV: 'production' }), ConfigError)
  assert.throws(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }), /DATA_KEY/)
  assert.throws(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), DATA_KEY: 'ab'.repeat(32) }), /WECHAT_API_BASE/)
  assert.throws(() => loadConfig({ DATA_KEY: 'too-short' }), /32 bytes/)
  const config = loadConfig({
    NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), DATA_KEY: 'ab'.repeat(32),
    WECHAT_API_BASE: 'https://api.weixin.qq.com', WECHAT_APPID: 'wx1', WECHAT_SECRET: 's'
  })
  assert.equal(config.dataKey.length, 32)
  assert.equal(config.wechat.apiBase, 'https://api.weixin.qq.com')
})

test('development needs nothing: WeChat is left to the local stand-in, numbers are validated', () => {
  const config = loadConfig({})
  assert.equal(config.env, 'development')
  assert.equal(config.wechat.apiBase, undefined)
  assert.deepEqual(config.wechat.templateIds, ['tmpl-bulletin', 'tmpl-report', 'tmpl-warning'])
  assert.equal(config.port, 8080)
  assert.throws(() => loadConfig({ PORT: 'eighty' }), /PORT must be/)
})
