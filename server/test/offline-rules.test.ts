import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { getCountries } from 'libphonenumber-js/max'
import { COUNTRY_NAMES } from '../../rules/country-names.ts'
import type { OfflineKind } from '../../rules/offline.ts'
import { offlineAdviceFor } from '../../rules/messages.ts'
import { buildTestApp, openTestDatabase, storesUnderTest, type TestDatabase } from './helpers.ts'
import { loadOfflineBundle, type OfflineBundle } from './offline-bundle.ts'
import { generateInputs } from './offline-inputs.ts'

// One set of rules on both sides: the server's answers (HTTP, a fresh store: no list entries, the official senders
// as first seeded) and the phone's offline answers (rules/ bundled to ES2017, run without URL, Node or DOM) agree on
// every generated input, but for what only the lists can say: offline nothing is "safe".

const SIZES = { phone: 4000, url: 2500, account: 1500, message: 1500 }
const NOW = new Date('2026-12-07T08:00:00.000Z')

type Json = Record<string, unknown>
interface Reason {
  code: string
  message: string
}

/** What the phone must answer offline, given the server's answer from empty lists. */
function expectedOffline(kind: OfflineKind, status: number, body: Json): Json {
  if (status !== 200) {
    const error = body.error as { code: string; message: string }
    return { ok: false, code: error.code, message: error.message }
  }
  const result: Json = { ...body, checkedAt: NOW.toISOString() }
  // Offline, an answer without a finding is told what to do until the lists can be asked (not "no risk on record").
  if (body.verdict === 'unknown' || body.verdict === 'safe') result.advice = offlineAdviceFor('unknown', kind)
  if (kind === 'message') {
    result.parts = (body.parts as Json[]).map((p) => (p.verdict === 'safe' ? { ...p, verdict: 'unknown' } : p))
  } else if (body.verdict === 'safe') {
    // Offline the rules' safe answer waits for the lists: "unknown", its reason saying so (compared by code).
    result.verdict = 'unknown'
    result.reasons = (body.reasons as Reason[]).map((r) => (r.code === 'VERIFIED' ? { code: 'UNCONFIRMED' } : r))
  }
  return result
}

function comparable(kind: OfflineKind, answer: Json): Json {
  if (answer.ok !== true) return answer
  const result = { ...(answer.result as Json) }
  if (kind !== 'message' && (result.reasons as Reason[]).some((r) => r.code === 'UNCONFIRMED')) {
    result.reasons = (result.reasons as Reason[]).map((r) => (r.code === 'UNCONFIRMED' ? { code: 'UNCONFIRMED' } : r))
  }
  return result
}

const store = storesUnderTest()[0]
describe(`the phone's offline rules agree with the server (${store})`, () => {
  let tdb: TestDatabase
  let app: FastifyInstance
  let phone: OfflineBundle

  before(async () => {
    tdb = await openTestDatabase(store)
    ;({ app } = await buildTestApp(tdb.database))
    phone = await loadOfflineBundle('max')
  })
  after(async () => {
    await app.close()
    await tdb.cleanup()
  })

  const ask = async (kind: OfflineKind, input: string) => {
    const res =
      kind === 'message'
        ? await app.inject({ method: 'POST', url: '/api/v1/check/message', payload: { text: input } })
        : await app.inject({ method: 'GET', url: `/api/v1/check/${kind}`, query: kind === 'url' ? { url: input } : { number: input } })
    return { status: res.statusCode, body: res.json() as Json }
  }

  const inputs = generateInputs(SIZES)
  for (const kind of ['phone', 'url', 'account', 'message'] as const) {
    test(`${kind}: ${SIZES[kind]} generated inputs, the same verdicts, reasons and wording`, async () => {
      let compared = 0
      const verdicts = new Map<string, number>()
      for (const input of inputs[kind]) {
        const server = await ask(kind, input)
        // The route's own validation (an empty or over-long query) is not a rule: the phone never sends those.
        if (server.status === 400 && !String((server.body.error as { code: string }).code).startsWith('INVALID_')) continue
        assert.ok(server.status === 200 || server.status === 400, `${kind} ${JSON.stringify(input)}: HTTP ${server.status}`)
        const offline = phone.checkOffline(kind, input, null, NOW) as unknown as Json
        assert.deepEqual(comparable(kind, offline), expectedOffline(kind, server.status, server.body), `${kind} ${JSON.stringify(input)}`)
        if (offline.ok === true) {
          const verdict = (offline.result as Json).verdict as string
          assert.notEqual(verdict, 'safe', `${kind} ${JSON.stringify(input)}: answered safe offline`)
          verdicts.set(verdict, (verdicts.get(verdict) ?? 0) + 1)
        }
        compared++
      }
      // The set means something only if it reaches every verdict the rules give offline.
      assert.ok(compared > SIZES[kind] * 0.9, `${kind}: only ${compared} compared`)
      for (const v of kind === 'account' ? ['suspicious', 'unknown'] : ['dangerous', 'suspicious', 'unknown']) {
        assert.ok((verdicts.get(v) ?? 0) > 0, `${kind}: no ${v} answer in the set (${JSON.stringify([...verdicts])})`)
      }
    })
  }

  test('the two examples residents try first answer offline as they do online', () => {
    const abroad = phone.checkOffline('phone', '0085263338888', null, NOW)
    assert.ok(abroad.ok && abroad.result.verdict === 'suspicious' && abroad.result.reasons[0].code === 'INTERNATIONAL')
    const spoofed = phone.checkOffline('phone', '+86 95588', null, NOW)
    assert.ok(spoofed.ok && spoofed.result.verdict === 'dangerous' && spoofed.result.reasons[0].code === 'SPOOFED_SERVICE')
    const plain = phone.checkOffline('phone', '13812345678', null, NOW)
    assert.ok(plain.ok && plain.result.verdict === 'unknown')
    assert.match(plain.ok ? plain.note.notChecked : '', /黑名单.*没有查/)
  })

  test('a hit in the local copy of the list is "may hold", never more', () => {
    const local = { builtAt: '2026-12-06T00:00:00.000Z', mayContain: (kind: string, value: string) => kind === 'phone' && value === '+8613812345678' }
    const hit = phone.checkOffline('phone', '138 1234 5678', local, NOW)
    assert.ok(hit.ok)
    assert.equal(hit.result.verdict, 'suspicious')
    assert.deepEqual(
      hit.result.reasons.map((r) => r.code),
      ['MAYBE_BLOCKLISTED']
    )
    assert.match(hit.result.reasons[0].message, /离线名单可能包含这个号码，联网后确认/)
    assert.doesNotMatch(hit.result.reasons[0].message, /已被列入/)
    assert.match(hit.note.checked, /黑名单副本（2026-12-06）/)
  })

  test('country names: the table both sides read is what ICU says', () => {
    const icu = new Intl.DisplayNames(['zh-Hans'], { type: 'region' })
    for (const region of getCountries()) assert.equal(COUNTRY_NAMES[region], icu.of(region), region)
  })
})
