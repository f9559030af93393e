// The chain's effect interpreter: each effect reaches the writer's method for it, and a warning's arrival — stored by the
// feed's one batch statement — carries exactly what its transition asks for, or refuses loudly.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { DEFAULT_CHAIN_SETTINGS, transition, type ChainState, type Effect } from '../src/warnings/chain.ts'
import { ArrivalEffects, interpret, type EffectWriter } from '../src/warnings/effects.ts'

const NOW = new Date('2026-12-01T02:00:00Z')
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000)

test('every effect reaches the writer method of its name, with its values', () => {
  const calls: unknown[][] = []
  const writer = new Proxy({} as EffectWriter<void>, {
    get:
      (_t, name) =>
      (...args: unknown[]) =>
        void calls.push([name, ...args])
  })
  const effects: Effect[] = [
    { do: 'send_level1' },
    { do: 'set_timer', kind: 'ack_timeout', at: at(30) },
    { do: 'cancel_timer', kind: 'call_overdue' },
    { do: 'open_call', dueAt: at(10) },
    { do: 'hurry_call', dueAt: at(5) },
    { do: 'retry_call', at: at(30), firstUnreachableAt: NOW },
    { do: 'finish_task', kind: 'visit' },
    { do: 'open_visit', dueAt: at(240) },
    { do: 'flag_overdue', kind: 'call' },
    { do: 'record_loss', amount: 38_000 },
    { do: 'contacted' },
    { do: 'close', outcome: 'dissuaded' }
  ]
  for (const e of effects) interpret(e, writer)
  assert.deepEqual(calls, [
    ['sendLevel1'],
    ['setTimer', 'ack_timeout', at(30)],
    ['cancelTimer', 'call_overdue'],
    ['openCall', at(10)],
    ['hurryCall', at(5)],
    ['retryCall', at(30)],
    ['finishTask', 'visit'],
    ['openVisit', at(240)],
    ['flagOverdue', 'call'],
    ['recordLoss', 38_000],
    ['contacted'],
    ['close', 'dissuaded']
  ])
})

test("an arrival carries its transition's effects: level, level-1 message, timers, a call at once", () => {
  const arrive = (source: ChainState['source'], riskLevel: ChainState['riskLevel']) =>
    new ArrivalEffects(
      transition({ source, status: 'open', level: 1, riskLevel, answer: null, call: null, visit: null }, { type: 'received' }, NOW, DEFAULT_CHAIN_SETTINGS)
        .effects
    )
  for (const source of ['city', 'bank', 'county', 'report'] as const) {
    const high = arrive(source, 'high')
    assert.deepEqual(
      { level: high.level, level1: high.sendsLevel1, call: high.callDueAt, timers: high.timers },
      { level: 2, level1: true, call: at(10), timers: [{ kind: 'call_overdue', at: at(10) }] },
      source
    )
    const medium = arrive(source, 'medium')
    assert.deepEqual(
      { level: medium.level, level1: medium.sendsLevel1, call: medium.callDueAt, timers: medium.timers },
      { level: 1, level1: true, call: null, timers: [{ kind: 'ack_timeout', at: at(30) }] },
      source
    )
  }
  // A resident asking for help is already talking to us: telephoned, no message to themselves.
  const help = arrive('resident', 'high')
  assert.equal(help.sendsLevel1, false)
  assert.equal(help.level, 2)
})

test('an effect the batch statement cannot store is refused on arrival, not dropped', () => {
  assert.throws(() => new ArrivalEffects([{ do: 'open_visit', dueAt: at(240) }]), /openVisit on arrival/)
  assert.throws(() => new ArrivalEffects([{ do: 'send_level1' }, { do: 'close', outcome: 'acknowledged' }]), /close on arrival/)
})
