import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { openDatabase } from '../src/db/database.ts'
import { createListsRepository } from '../src/lists/repository.ts'
import { openTestDatabase, storeOptions, storesUnderTest, type TestDatabase } from './helpers.ts'

const run = promisify(execFile)
const BIN = path.resolve(import.meta.dirname, '..', 'bin', 'qiandai.mjs')

async function qiandai(args: string[], env: Record<string, string>): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env: { ...process.env, ...env, NODE_ENV: 'test' } })
    return { stdout, stderr, code: 0 }
  } catch (err) {
    const e = err as { stdout: string; stderr: string; code: number }
    return { stdout: e.stdout, stderr: e.stderr, code: e.code }
  }
}

const CSV = [
  'kind,value,category,source,note',
  'phone,16500001111,刷单返利,centre,演示',
  'phone,+852 9876 5432,冒充公检法,city,',
  'phone,not a number,刷单返利,centre,',
  'url,javascript:alert(1),虚假投资理财,centre,',
  'phone,0755-88886666,,centre,',
  'phone,13800138000,虚假征信,nobody,',
  'phone,95588,冒充客服,centre,',
  'phone,"400-600-1234",虚假网络贷款,bank,"备注, 带逗号"',
  'phone,13900000001,"刷单\t返利",centre,',
  'url,https://WWW.Evil-Invest.example/x,虚假投资理财,city,',
  'account,6222 0202 0011 2233 445,刷单返利,bank,',
  ''
].join('\n')

for (const store of storesUnderTest()) {
  describe(`qiandai CLI on ${store}`, storeOptions(store), () => {
    let dir: string
    let env: Record<string, string>
    let tdb: TestDatabase | null = null

    before(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'qiandai-cli-'))
      env = { DATA_DIR: path.join(dir, 'data'), DATABASE_URL: '' }
      if (store === 'postgres') {
        tdb = await openTestDatabase('postgres')
        // The CLI reads DATABASE_URL; point it at the fresh database the helper created.
        const name = (await tdb.database.db.selectNoFrom((eb) => eb.fn<string>('current_database', []).as('n')).executeTakeFirstOrThrow()).n
        const url = new URL(process.env.DATABASE_URL as string)
        url.pathname = `/${name}`
        env.DATABASE_URL = url.toString()
      }
      writeFileSync(path.join(dir, 'in.csv'), CSV)
    })
    after(async () => {
      await tdb?.cleanup()
      rmSync(dir, { recursive: true, force: true })
    })

    test('migrate, seed, then import reports bad rows by line and is idempotent', async () => {
      assert.match((await qiandai(['migrate'], env)).stdout, /applied: 001_lists|up to date/)
      assert.match((await qiandai(['seed'], env)).stdout, /demo data: \d+ blocklisted, 20 verified/)

      const first = await qiandai(['blocklist', 'import', path.join(dir, 'in.csv')], env)
      assert.equal(first.code, 3, 'rejected lines: exit 3 (the good ones are stored)')
      // 16500001111 and 400-600-1234 are in the demo data with another note/source → updated; +852…, the
      // address (stored as its host without www.) and the account (digits only) are new.
      assert.match(first.stdout, /added 3, updated 2, unchanged 0, rejected 6/)
      assert.match(first.stderr, /line 4: 号码无效/)
      assert.match(first.stderr, /line 5: 网址无效/)
      assert.match(first.stderr, /line 6: 诈骗类型/)
      assert.match(first.stderr, /line 7: 来源无效/)
      assert.match(first.stderr, /line 8: .*核实号码/)
      assert.match(first.stderr, /line 10: 诈骗类型和备注不能含控制字符/)

      const again = await qiandai(['blocklist', 'import', path.join(dir, 'in.csv')], env)
      assert.match(again.stdout, /added 0, updated 0, unchanged 5, rejected 6/)
    })

    test('export writes every active entry as CSV that imports back unchanged', async () => {
      const out = path.join(dir, 'out.csv')
      const exported = await qiandai(['blocklist', 'export', '--out', out], env)
      assert.equal(exported.code, 0, exported.stderr)
      const lines = readFileSync(out, 'utf8').trim().split('\n')
      assert.equal(lines[0], 'kind,value,category,source,note,expires_at')
      assert.ok(
        lines.some((l) => l === 'phone,+864006001234,虚假网络贷款,bank,"备注, 带逗号",'),
        'quoted note survives'
      )
      const n = Number(/exported (\d+)/.exec(exported.stderr)?.[1])
      assert.equal(lines.length - 1, n)
      assert.ok(n >= 1_000)
      const back = await qiandai(['blocklist', 'import', out], env)
      assert.match(back.stdout, new RegExp(`added 0, updated 0, unchanged ${n}, rejected 0`))
      assert.equal(back.code, 0)
    })

    test('areas: export, edit, import; a bad file is refused whole with line numbers', async () => {
      const out = path.join(dir, 'areas.csv')
      const exported = await qiandai(['areas', 'export', '--out', out], env)
      assert.equal(exported.code, 0, exported.stderr)
      const lines = readFileSync(out, 'utf8').trim().split('\n')
      assert.equal(lines[0], 'code,name,parent_code,population_16_60')
      assert.ok(lines.some((l) => l.startsWith('610923100,城关镇,,')))
      const edited = lines.map((l) => (l.startsWith('610923100001,') ? l.replace(/,\d+$/, ',4321') : l))
      writeFileSync(out, edited.join('\n') + '\n')
      const ok = await qiandai(['areas', 'import', out], env)
      assert.match(ok.stdout, new RegExp(`added 0, updated 1, unchanged ${lines.length - 2}`))

      writeFileSync(
        path.join(dir, 'bad-areas.csv'),
        'code,name,parent_code,population_16_60\n610923999,新镇,,100\nabc,坏代码,,1\n610923999001,某村,610923777,50\n'
      )
      const bad = await qiandai(['areas', 'import', path.join(dir, 'bad-areas.csv')], env)
      assert.equal(bad.code, 1)
      assert.match(bad.stderr, /line 3: 区划代码无效/)
      assert.match(bad.stderr, /line 4: 上级区划 610923777 不存在/)
      const after = await qiandai(['areas', 'export'], env)
      assert.doesNotMatch(after.stdout, /610923999/, 'nothing from the bad file was written')
    })

    test('a missing file is a clear error, not a crash', async () => {
      const r = await qiandai(['blocklist', 'import', path.join(dir, 'missing.csv')], env)
      assert.equal(r.code, 2)
      assert.match(r.stderr, /找不到文件 \/ file not found: .*missing\.csv/)
      const v = await qiandai(['--version'], env)
      assert.equal(v.code, 0)
      assert.match(v.stdout, /^\d+\.\d+\.\d+\n$/)
    })

    test('feed keys: created once (only the hash kept), listed without the key, revoked; warnings import a handed-over file', async () => {
      const created = await qiandai(['feed-key', 'create', 'city-platform', '--source', 'city'], env)
      assert.equal(created.code, 0, created.stderr)
      const key = created.stdout.trim()
      assert.match(key, /^qdf_[A-Za-z0-9_-]{43}$/)
      assert.equal((await qiandai(['feed-key', 'create', 'city-platform'], env)).code, 2)
      const listed = await qiandai(['feed-key', 'list'], env)
      assert.match(listed.stdout, /^city-platform\tcity\tqdf_\S{6}…\tlast used never\n$/)
      assert.ok(!listed.stdout.includes(key))
      const d = await openDatabase({ databaseUrl: env.DATABASE_URL || undefined, dataDir: env.DATA_DIR })
      try {
        const row = await d.db.selectFrom('feed_keys').select('key_hash').executeTakeFirstOrThrow()
        assert.notEqual(row.key_hash, key)
      } finally {
        await d.close()
      }
      assert.equal((await qiandai(['feed-key', 'revoke', 'city-platform'], env)).code, 0)
      assert.match((await qiandai(['feed-key', 'list'], env)).stdout, /\trevoked\n$/)
      assert.equal((await qiandai(['feed-key', 'revoke', 'city-platform'], env)).code, 1)

      const file = path.join(dir, 'warnings.jsonl')
      writeFileSync(
        file,
        [
          JSON.stringify({ ref: 'w-1', phone: '13800138001', riskType: 'call', riskLevel: 'high' }),
          JSON.stringify({ ref: 'w-2', phone: '02988888888', riskType: 'call', riskLevel: 'high' }),
          JSON.stringify({ ref: 'w-3', phone: '13800138003', riskType: 'sms', riskLevel: 'medium' })
        ].join('\n')
      )
      const first = await qiandai(['warnings', 'import', file, '--source', 'bank'], env)
      assert.equal(first.code, 3, first.stderr)
      assert.match(first.stdout, /^created 2 \(0 matched to registered residents\), duplicates 0, rejected 1\n$/)
      assert.match(first.stderr, /^line 2: PHONE_NOT_SUPPORTED/m)
      const again = await qiandai(['warnings', 'import', file, '--source', 'bank'], env)
      assert.match(again.stdout, /^created 0 .*duplicates 2, rejected 1/)
      assert.equal((await qiandai(['warnings', 'import', path.join(dir, 'nope.jsonl')], env)).code, 2)
    })

    if (store === 'pglite') {
      test('the embedded database refuses a second process', async () => {
        const held = await openDatabase({ dataDir: env.DATA_DIR })
        try {
          const r = await qiandai(['blocklist', 'export'], env)
          assert.equal(r.code, 1)
          assert.match(r.stderr, /in use by process/)
        } finally {
          await held.close()
        }
        const count = await (async () => {
          const d = await openDatabase({ dataDir: env.DATA_DIR })
          try {
            return await createListsRepository(d.db).countBlocklist()
          } finally {
            await d.close()
          }
        })()
        assert.ok(count >= 1_000)
      })
    }
  })
}
