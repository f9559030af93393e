import { test } from 'node:test'
import assert from 'node:assert/strict'
import { CALLING_CODES, extractCandidate, parsePhoneWithLibrary, surelyInvalidMainland, type PhoneFacts } from '../../rules/phone-facts.ts'
import { PhoneFastPath } from '../src/values/phone-fast-path.ts'

const INPUTS = Number(process.env.FAST_PATH_INPUTS ?? 1_000_000)

/** Deterministic generator, so a failure names an input that can be replayed. */
function generator(seed: number) {
  let s = seed >>> 0
  const next = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s
  }
  const int = (n: number): number => next() % n
  const digits = (k: number): string => {
    let out = ''
    for (let i = 0; i < k; i++) out += String(int(10))
    return out
  }
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]
  return { int, digits, pick }
}

const AREA_CODES = [
  '10',
  '20',
  '21',
  '22',
  '23',
  '24',
  '25',
  '27',
  '28',
  '29',
  '311',
  '351',
  '371',
  '431',
  '451',
  '471',
  '531',
  '551',
  '571',
  '591',
  '731',
  '755',
  '769',
  '851',
  '871',
  '891',
  '898',
  '910',
  '911',
  '912',
  '913',
  '914',
  '915',
  '916',
  '917',
  '919',
  '931',
  '951',
  '971',
  '991',
  '335',
  '349',
  '379',
  '433',
  '754',
  '978',
  '994'
]
const SEPARATORS = [' ', '-', '.', '(', ')', '/', '  ', ' - ']
const fullWidth = (s: string): string => s.replace(/[0-9+]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))

/** Inputs of every shape the fast path might take, and many it must refuse: right and wrong lengths, prefixes, marks. */
function* inputs(count: number): Generator<string> {
  const g = generator(20261130)
  for (let i = 0; i < count; i++) {
    let national: string
    switch (g.int(7)) {
      case 0:
      case 1:
      case 2:
      case 6: // mobiles, mostly on segments 13–19, valid or not, mostly 11 digits
        national = '1' + (g.int(5) === 0 ? g.digits(1) : g.pick(['3', '4', '5', '6', '7', '8', '9'])) + g.digits(g.pick([9, 9, 9, 9, 9, 8, 10]))
        break
      case 3: {
        // landlines: area code + 6–9 local digits
        national = g.pick(AREA_CODES) + g.digits(1 + g.int(9)) + g.digits(5 + g.int(4))
        break
      }
      case 4: // anything of 9–12 digits
        national = g.digits(9 + g.int(4))
        break
      default: // service-like and short numbers
        national = g.pick(['400', '800', '95', '96', '12', '10']) + g.digits(2 + g.int(9))
    }
    let text: string
    switch (g.int(10)) {
      case 0:
      case 8:
      case 9:
        text = national
        break
      case 1:
        text = '0' + national
        break
      case 2:
        text = '+86' + national
        break
      case 3:
        text = '0086' + national
        break
      case 4:
        text = '86' + national
        break
      case 5:
        text = '+86 0' + national
        break
      case 6:
        text = '+' + g.pick(['852', '1', '44', '886', '853']) + national.slice(1)
        break
      default:
        text = '00' + national
    }
    // Marks people type or paste: separators anywhere, full-width, leading/trailing spaces, stray letters.
    const chars = [...text]
    const cuts = g.int(4)
    for (let c = 0; c < cuts; c++) chars.splice(1 + g.int(chars.length), 0, g.pick(SEPARATORS))
    text = chars.join('')
    switch (g.int(14)) {
      case 0:
        text = fullWidth(text)
        break
      case 1:
        text = '  ' + text + ' '
        break
      case 2:
        text = text.replace('+', '+ ')
        break
      case 3:
        text = text.replace('+', '＋')
        break
      case 4:
        text = g.pick(['号码', 'tel:', '(', '-', '来电']) + text
        break
      case 5:
        text = text + g.pick(['，是派出所', '#', ' 转1', 'x'])
        break
      default:
        break
    }
    yield text
  }
}

const FIELDS: (keyof PhoneFacts)[] = ['internationalPrefix', 'callingCode', 'nationalNumber', 'trunkPrefix', 'key', 'e164', 'country', 'numberType', 'valid']

test(`the fast path gives the library's facts or steps aside, over ${INPUTS.toLocaleString()} generated inputs`, (t) => {
  // A clock a second further at every reading: no learning budget, so every prefix is learned and compared.
  let clock = 0
  // As the server configures it: learned prefixes, and the exact check for invalid mainland numbers.
  const fast = new PhoneFastPath({
    reference: parsePhoneWithLibrary,
    extract: extractCandidate,
    callingCodes: CALLING_CODES,
    clock: () => (clock += 1_000),
    surelyInvalid: surelyInvalidMainland
  })
  const mismatches: string[] = []
  let taken = 0
  let invalid = 0
  for (const input of inputs(INPUTS)) {
    const facts = fast.parse(input)
    if (facts === null) continue
    taken++
    if (!facts.valid) invalid++
    const reference = parsePhoneWithLibrary(input)
    if (!reference.ok) {
      mismatches.push(`${JSON.stringify(input)}: fast path answered, library refused (${reference.reason})`)
    } else {
      const differing = FIELDS.filter((f) => reference.facts[f] !== facts[f])
      if (differing.length > 0)
        mismatches.push(`${JSON.stringify(input)}: ${differing.map((f) => `${f} ${String(facts[f])} ≠ ${String(reference.facts[f])}`).join(', ')}`)
    }
    if (mismatches.length >= 20) break
  }
  assert.deepEqual(mismatches, [])
  // The generator is built so that a good share is for the fast path; if it stops taking them, it is broken.
  assert.ok(INPUTS < 100_000 || taken > INPUTS * 0.1, `fast path took only ${taken} of ${INPUTS}`)
  assert.ok(INPUTS < 100_000 || invalid > INPUTS * 0.05, `fast path answered only ${invalid} invalid numbers`)
  t.diagnostic(
    `fast path answered ${taken.toLocaleString()} inputs, ${invalid.toLocaleString()} of them invalid (${fast.stats.prefixes} prefixes learned with ${fast.stats.probes.toLocaleString()} library parses), stepped aside for the rest`
  )
  assert.equal(fast.stats.taken, taken)
})

test('the fast path takes numbers typed or pasted as numbers and steps aside for invalid numbers and for prefixes whose facts it would not build', () => {
  const fast = new PhoneFastPath({ reference: parsePhoneWithLibrary, extract: extractCandidate, callingCodes: CALLING_CODES })
  const exact = new PhoneFastPath({
    reference: parsePhoneWithLibrary,
    extract: extractCandidate,
    callingCodes: CALLING_CODES,
    surelyInvalid: surelyInvalidMainland
  })
  for (const input of [
    '13812345678',
    '138 1234 5678',
    '138-1234-5678',
    '+86 138 1234 5678',
    '008613812345678',
    '１３８１２３４５６７８',
    '＋８６１３８１２３４５６７８',
    '(+86) 138 1234 5678',
    '0915-2123456',
    '(010) 8765 4321',
    '+86 10 87654321',
    '+85298765432',
    '00852 9876 5432',
    '+1 202 555 0123',
    '号码13812345678',
    '13812345678，是派出所',
    '来电：+86 138-1234-5678 快接'
  ]) {
    // The first sight of a prefix is answered by the library, which teaches the fast path.
    fast.parse(input)
    assert.notEqual(fast.parse(input), null, input)
  }
  // The library strips "86" or a trunk "0" after +86 (its facts differ from the digits);
  // "+" not at the front; a calling code with too few digits after it.
  // Invalid numbers (a service line, a segment no carrier has) are left to the library.
  for (const input of ['95588', '14012345678', '8613812345678', '+86 0915 2123456', '+44 020 7946 0958', '138+8613812345678', '+-8613812345678', '+86 123']) {
    fast.parse(input)
    assert.equal(fast.parse(input), null, input)
  }
  // With the exact check, invalid mainland numbers are answered at first sight — unless the library might read a
  // different national number (a carrier code, "86" as the calling code, "+86 0…").
  for (const input of ['95588', '14012345678', '+86 140 1234 5678', '0915-212', '960001234']) {
    assert.deepEqual(exact.parse(input), (parsePhoneWithLibrary(input) as { facts: PhoneFacts }).facts, input)
    assert.equal(exact.parse(input)?.valid, false, input)
  }
  for (const input of ['12593 13800138000', '8614012345678', '+86 0915 212', '1790113800138000']) assert.equal(exact.parse(input), null, input)
})

test('learning stops for the rest of a second once its parse budget is spent, and the table stays bounded', () => {
  let now = 0
  let parses = 0
  const counting = (raw: string) => {
    parses++
    return parsePhoneWithLibrary(raw)
  }
  const fast = new PhoneFastPath({ reference: counting, extract: extractCandidate, callingCodes: CALLING_CODES, clock: () => now })
  // Distinct 12-digit numbers under ever new prefixes: each needs learning.
  let answered = 0
  for (let i = 0; i < 400; i++) {
    const number = `+1${String(200 + (i >> 1))}5550${String(100 + i)}`
    if (fast.parse(number) !== null) answered++
  }
  // Every input is parsed once by the reference anyway; learning adds at most the budget (and one prefix's probes).
  assert.ok(parses <= 400 + 10_000 + 1_000, `spent ${parses} reference parses in one second`)
  assert.ok(answered < 200)
  now += 1_000
  const before = parses
  fast.parse('+44 20 7946 0958')
  assert.notEqual(fast.parse('+44 20 7946 0958'), null)
  assert.ok(parses > before, 'learns again in the next second')
})
