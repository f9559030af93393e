import { test } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { FieldCipher, parseDataKey } from '../src/lib/field-cipher.ts'
import { ageOn, checkCharacter, isRealDate, maskIdNumber, validateIdNumber } from '../src/residents/id-number.ts'

/** A syntactically valid ID for a birth date (region 610923 = Ningshan county). */
function idFor(birth: string, seq = '123'): string {
  const first17 = '610923' + birth.replaceAll('-', '') + seq
  return first17 + checkCharacter(first17)
}

test('GB 11643 check character: the standard example and every residue', () => {
  // The example from GB 11643-1999: 11010519491231002X
  assert.equal(checkCharacter('11010519491231002'), 'X')
  assert.deepEqual(validateIdNumber('11010519491231002X'), { ok: true, idNumber: '11010519491231002X', birthDate: '1949-12-31' })
  const seen = new Set<string>()
  for (let seq = 0; seq < 200; seq++) seen.add(checkCharacter('61092319800101' + String(seq).padStart(3, '0')))
  assert.equal(seen.size, 11)
})

test('ID numbers: format, region, date, checksum and agreement with the birth date', () => {
  const good = idFor('1980-05-17')
  assert.equal(validateIdNumber(good, '1980-05-17').ok, true)
  assert.equal(validateIdNumber(` ${good.toLowerCase()} `).ok, true, 'trimmed, x upper-cased')
  const fullWidth = good.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))
  assert.equal(validateIdNumber(fullWidth).ok, true, 'full-width digits fold')
  const cases: Array<[string, string | undefined, string]> = [
    ['12345', undefined, 'FORMAT'],
    [good.slice(0, 17) + 'Y', undefined, 'FORMAT'],
    ['0' + good.slice(1), undefined, 'REGION'],
    [idFor('1980-02-30'), undefined, 'BIRTH_DATE'],
    [idFor('1899-12-31'), undefined, 'BIRTH_DATE'],
    [good.slice(0, 17) + (good[17] === '0' ? '1' : '0'), undefined, 'CHECKSUM'],
    [good, '1980-05-18', 'BIRTH_DATE_MISMATCH']
  ]
  for (const [id, birth, problem] of cases) assert.deepEqual(validateIdNumber(id, birth), { ok: false, problem }, `${id} ${birth ?? ''}`)
})

test('only a masked ID number is ever shown', () => {
  const id = idFor('1975-01-01')
  const masked = maskIdNumber(id)
  assert.equal(masked.length, 18)
  assert.equal(masked.slice(0, 3), '610')
  assert.equal(masked.slice(-2), id.slice(-2))
  assert.doesNotMatch(masked, /19750101/)
})

test('age in whole years, leap days included', () => {
  assert.equal(ageOn('2010-11-29', '2026-11-29'), 16)
  assert.equal(ageOn('2010-11-30', '2026-11-29'), 15)
  assert.equal(ageOn('1966-01-01', '2026-11-29'), 60)
  assert.equal(ageOn('2008-02-29', '2026-02-28'), 17)
  assert.equal(ageOn('2008-02-29', '2026-03-01'), 18)
  assert.equal(isRealDate('2024-02-29'), true)
  assert.equal(isRealDate('2026-02-29'), false)
})

test('field encryption: round trip, a fresh IV each time, tampering and the wrong key detected', () => {
  const key = randomBytes(32)
  const cipher = new FieldCipher(key)
  const a = cipher.encrypt('张三')
  const b = cipher.encrypt('张三')
  assert.notEqual(a, b)
  assert.doesNotMatch(a, /张三/)
  assert.equal(cipher.decrypt(a), '张三')
  const parts = a.split('.')
  const flipped = Buffer.from(parts[3], 'base64url')
  flipped[0] ^= 1
  assert.throws(() => cipher.decrypt([parts[0], parts[1], parts[2], flipped.toString('base64url')].join('.')))
  assert.throws(() => new FieldCipher(randomBytes(32)).decrypt(a))
  assert.throws(() => cipher.decrypt('13800138000'), /not an encrypted field/)
  assert.equal(cipher.blindIndex('13800138000'), cipher.blindIndex('13800138000'))
  assert.notEqual(cipher.blindIndex('13800138000'), new FieldCipher(randomBytes(32)).blindIndex('13800138000'))
})

test('field encryption: IVs drawn in bulk are never reused, across refills of the pool', () => {
  const cipher = new FieldCipher(randomBytes(32))
  const values = Array.from({ length: 1_500 }, () => cipher.encrypt('13800138000'))
  const ivs = new Set(values.map((v) => v.split('.')[1]))
  assert.equal(ivs.size, values.length)
  assert.ok([...ivs].every((iv) => Buffer.from(iv as string, 'base64url').length === 12))
  for (const v of values) assert.equal(cipher.decrypt(v), '13800138000')
})

test('the data key is 32 bytes, given as hex or base64', () => {
  const key = randomBytes(32)
  assert.deepEqual(parseDataKey(key.toString('hex')), key)
  assert.deepEqual(parseDataKey(key.toString('base64')), key)
  assert.throws(() => parseDataKey('short'), /32 bytes/)
})
