import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import type { FastifyInstance } from 'fastify'
import { buildTestApp, openTestDatabase, type TestDatabase } from './helpers.ts'

describe('the console is served at /admin/ (history routes, immutable assets, compressed twins)', () => {
  let tdb: TestDatabase
  let app: FastifyInstance
  let notBuilt: FastifyInstance
  const dir = mkdtempSync(path.join(tmpdir(), 'qiandai-admin-dist-'))
  const script = 'console.log("console");'.repeat(100)

  before(async () => {
    mkdirSync(path.join(dir, 'assets'))
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>console</title><div id="root"></div>')
    writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), script)
    writeFileSync(path.join(dir, 'assets', 'index-abc123.js.gz'), gzipSync(script))
    writeFileSync(path.join(dir, 'assets', 'index-abc123.js.br'), brotliCompressSync(script))
    mkdirSync(path.join(dir, 'h5', 'js'), { recursive: true })
    writeFileSync(path.join(dir, 'h5', 'index.html'), '<!doctype html><title>h5</title>')
    writeFileSync(path.join(dir, 'h5', 'js', 'app.1234abcd.js'), script)
    tdb = await openTestDatabase('pglite')
    ;({ app } = await buildTestApp(tdb.database, { ADMIN_DIR: dir, H5_DIR: path.join(dir, 'h5') }, { serveH5: true }))
    ;({ app: notBuilt } = await buildTestApp(tdb.database, { ADMIN_DIR: path.join(dir, 'nothing-here'), H5_DIR: path.join(dir, 'no-h5') }, { serveH5: true }))
  })
  after(async () => {
    await app.close()
    await notBuilt.close()
    await tdb.cleanup()
    rmSync(dir, { recursive: true, force: true })
  })

  test('console routes get index.html (revalidated); /admin redirects to /admin/', async () => {
    const bare = await app.inject({ method: 'GET', url: '/admin' })
    assert.equal(bare.statusCode, 302)
    assert.equal(bare.headers.location, '/admin/')
    for (const url of ['/admin/', '/admin/dashboard', '/admin/bulletins/12', '/admin/login?next=%2Fbulletins%2Fnew']) {
      const res = await app.inject({ method: 'GET', url })
      assert.equal(res.statusCode, 200, url)
      assert.match(res.body, /<div id="root">/, url)
      assert.equal(res.headers['cache-control'], 'no-cache', url)
    }
  })

  test('hashed assets are immutable and sent brotli- or gzip-compressed when accepted; a missing one is a 404', async () => {
    const plain = await app.inject({ method: 'GET', url: '/admin/assets/index-abc123.js' })
    assert.equal(plain.statusCode, 200)
    assert.equal(plain.body, script)
    assert.equal(plain.headers['cache-control'], 'public, max-age=31536000, immutable')
    const br = await app.inject({ method: 'GET', url: '/admin/assets/index-abc123.js', headers: { 'accept-encoding': 'br, gzip' } })
    assert.equal(br.headers['content-encoding'], 'br')
    const gz = await app.inject({ method: 'GET', url: '/admin/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip' } })
    assert.equal(gz.headers['content-encoding'], 'gzip')
    const missing = await app.inject({ method: 'GET', url: '/admin/assets/index-gone.js' })
    assert.equal(missing.statusCode, 404)
    assert.equal(missing.json().error.code, 'NOT_FOUND')
    assert.equal((await app.inject({ method: 'POST', url: '/admin/dashboard' })).statusCode, 404)
  })

  test('the H5 app beside it keeps its own caching: hashed scripts immutable, index.html revalidated', async () => {
    assert.equal((await app.inject({ method: 'GET', url: '/js/app.1234abcd.js' })).headers['cache-control'], 'public, max-age=31536000, immutable')
    assert.equal((await app.inject({ method: 'GET', url: '/' })).headers['cache-control'], 'no-cache')
  })

  test('the API beside it is untouched; without a build the console says how to make one', async () => {
    assert.equal((await app.inject({ method: 'GET', url: '/api/v1/health' })).json().status, 'ok')
    assert.equal((await app.inject({ method: 'GET', url: '/api/v1/admin/accounts' })).statusCode, 401)
    const res = await notBuilt.inject({ method: 'GET', url: '/admin/dashboard' })
    assert.equal(res.statusCode, 200)
    assert.match(res.body, /npm run build:admin/)
  })
})
