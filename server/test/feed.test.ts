import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Readable } from 'node:stream'
import { blockKey, csvFields, formatEntry, jsonFields, parseExpiry, readLines, splitCsvLine, validateFields } from '../src/lists/feed.ts'
import { parsePhone } from '../src/values/phone.ts'

test('CSV lines: plain, quoted commas and doubled quotes, unbalanced quotes refused', () => {
  assert.deepEqual(splitCsvLine('phone,13800138000,刷单返利,city,'), ['phone', '13800138000', '刷单返利', 'city', ''])
  assert.deepEqual(splitCsvLine('url,"a,b","say ""hi""",x'), ['url', 'a,b', 'say "hi"', 'x'])
  assert.deepEqual(splitCsvLine('"",""'), ['', ''])
  assert.equal(splitCsvLine('phone,"unterminated,x'), null)
  assert.equal(splitCsvLine('phone,"a"b,c'), null)
  assert.equal(splitCsvLine('phone,a"b,c'), null)
  assert.deepEqual(csvFields('a,b,c,d,e,f,g'), { reason: '列数过多：应为 kind,value,category,source,note,expires_at' })
})

test('JSON lines: objects with string fields only, unknown fields refused', () => {
  assert.deepEqual(jsonFields('{"kind":"phone","value":"13800138000","category":"刷单返利"}'), {
    kind: 'phone',
    value: '13800138000',
    category: '刷单返利',
    source: '',
    note: '',
    expiresAt: ''
  })
  assert.match((jsonFields('{"kind":"phone",') as { reason: string }).reason, /JSON/)
  assert.match((jsonFields('[1,2]') as { reason: string }).reason, /对象/)
  assert.match((jsonFields('{"kind":"phone","value":13800138000}') as { reason: string }).reason, /value 应为字符串/)
  assert.match((jsonFields('{"kind":"phone","extra":"x"}') as { reason: string }).reason, /未知字段“extra”/)
})

test('the mobile fast path keys numbers exactly as the full phone parser does', () => {
  const samples = ['13800138000', '+8613800138000', '008613800138000', '19912345678', '16512345678', '+8617012345678']
  for (const s of samples) {
    const full = parsePhone(s)
    assert.ok(full.ok)
    assert.equal(blockKey('phone', s), full.facts.key, s)
  }
  // Shapes the fast path must not take keep the full parser's answer.
  assert.equal(blockKey('phone', '0755-88886666'), '+8675588886666')
  assert.equal(blockKey('phone', '+852 9876 5432'), '+85298765432')
  assert.equal(blockKey('phone', '12345678901'), (parsePhone('12345678901') as { ok: true; facts: { key: string } }).facts.key)
  assert.equal(blockKey('phone', 'no digits'), null)
})

test('expiry: a date runs through that day China time; instants need a zone; nonsense refused', () => {
  assert.equal(parseExpiry('')?.toISOString(), undefined)
  assert.equal(parseExpiry(''), null)
  assert.equal(parseExpiry('2027-01-31')?.toISOString(), '2027-01-31T16:00:00.000Z')
  assert.equal(parseExpiry('2027-01-31T18:00:00+08:00')?.toISOString(), '2027-01-31T10:00:00.000Z')
  assert.equal(parseExpiry('2027-02-30'), undefined)
  assert.equal(parseExpiry('2027-01-31T18:00:00'), undefined, 'no zone: ambiguous')
  assert.equal(parseExpiry('tomorrow'), undefined)
})

test('validation: each refusal says why; an exported line imports back to the same row', () => {
  const base = { kind: 'phone', value: '138 0013 8000', category: '刷单返利', source: '', note: '', expiresAt: '' }
  assert.deepEqual(validateFields(base), { kind: 'phone', value: '+8613800138000', category: '刷单返利', source: 'import', note: null, expiresAt: null })
  assert.match((validateFields({ ...base, kind: 'email' }) as { reason: string }).reason, /类型无效/)
  assert.match((validateFields({ ...base, source: 'nobody' }) as { reason: string }).reason, /来源无效/)
  assert.match((validateFields({ ...base, expiresAt: 'soon' }) as { reason: string }).reason, /到期时间无效/)
  assert.match((validateFields({ ...base, note: 'a\tb' }) as { reason: string }).reason, /控制字符/)
  assert.match((validateFields(base, new Set(['+8613800138000'])) as { reason: string }).reason, /核实号码/)

  const row = {
    kind: 'url' as const,
    value: 'evil.example',
    category: '虚假投资',
    source: 'city' as const,
    note: '=HYPERLINK("x"), "quoted"',
    expiresAt: new Date('2027-01-31T16:00:00Z')
  }
  for (const format of ['csv', 'jsonl'] as const) {
    const line = formatEntry(format, row).trimEnd()
    if (format === 'csv') assert.ok(line.includes(`"'=HYPERLINK`), 'a formula-like note is guarded for spreadsheets')
    const fields = format === 'csv' ? csvFields(line) : jsonFields(line)
    assert.ok(!('reason' in fields))
    assert.deepEqual(validateFields(fields), row)
  }
})

test('lines are numbered across chunk boundaries, CRLF and a last line without a break included', async () => {
  const input = Readable.from(['a,1\r\nb,', '2\nc,3\n', '\nd,4'])
  const lines: Array<[number, string]> = []
  for await (const { first, lines: batch } of readLines(input)) batch.forEach((text, i) => lines.push([first + i, text]))
  assert.deepEqual(lines, [
    [1, 'a,1'],
    [2, 'b,2'],
    [3, 'c,3'],
    [4, ''],
    [5, 'd,4']
  ])
})
