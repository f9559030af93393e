// The warning chain as a table: state × event → effects (pure; the service applies them under a row lock).
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DEFAULT_CHAIN_SETTINGS as S, transition, type ChainEvent, type ChainState, type Effect } from '../src/warnings/chain.ts'

const NOW = new Date('2026-11-30T02:00:00Z')
const min = (n: number) => new Date(NOW.getTime() + n * 60_000)

const fresh = (over: Partial<ChainState> = {}): ChainState => ({
  source: 'city',
  status: 'open',
  level: 1,
  riskLevel: 'medium',
  answer: null,
  call: null,
  visit: null,
  ...over
})
const calling = (over: Partial<NonNullable<ChainState['call']>> = {}, state: Partial<ChainState> = {}): ChainState =>
  fresh({ level: 2, call: { status: 'claimed', attempts: 0, firstUnreachableAt: null, ...over }, ...state })
const visiting = (over: Partial<NonNullable<ChainState['visit']>> = {}): ChainState =>
  fresh({ level: 3, call: { status: 'done', attempts: 2, firstUnreachableAt: null }, visit: { status: 'claimed', attempts: 0, ...over } })

const kinds = (effects: Effect[]) => effects.map((e) => e.do + ('kind' in e ? `:${e.kind}` : '') + ('outcome' in e ? `:${e.outcome}` : ''))
const CLOSE_TIMERS = ['cancel_timer:ack_timeout', 'cancel_timer:call_overdue', 'cancel_timer:visit_overdue']
const TO_VISIT = ['cancel_timer:call_overdue', 'finish_task:call', 'open_visit', 'set_timer:visit_overdue']

const cases: Array<{ name: string; state: ChainState; event: ChainEvent; effects: string[] | null; now?: Date }> = [
  // Arrival
  { name: 'medium risk: level 1 and a timer for the answer', state: fresh(), event: { type: 'received' }, effects: ['send_level1', 'set_timer:ack_timeout'] },
  {
    name: 'high risk: level 1 and a call at once',
    state: fresh({ riskLevel: 'high' }),
    event: { type: 'received' },
    effects: ['send_level1', 'open_call', 'set_timer:call_overdue']
  },
  {
    name: 'a call for help: no message to themselves, a call at once',
    state: fresh({ source: 'resident', riskLevel: 'high' }),
    event: { type: 'received' },
    effects: ['open_call', 'set_timer:call_overdue']
  },
  // The resident's answer
  {
    name: 'medium, 没有转账 before any call: closed as acknowledged',
    state: fresh(),
    event: { type: 'answered', answer: 'safe' },
    effects: ['cancel_timer:ack_timeout', ...CLOSE_TIMERS, 'close:acknowledged']
  },
  {
    name: 'high, 没有转账: the call goes ahead',
    state: calling({ status: 'open' }, { riskLevel: 'high' }),
    event: { type: 'answered', answer: 'safe' },
    effects: ['cancel_timer:ack_timeout']
  },
  {
    name: '请民警联系我 before any call: a call, soon',
    state: fresh(),
    event: { type: 'answered', answer: 'call_me' },
    effects: ['cancel_timer:ack_timeout', 'open_call', 'set_timer:call_overdue']
  },
  {
    name: '已经转账 while a call waits: hurried',
    state: calling({ status: 'open' }),
    event: { type: 'answered', answer: 'transferred' },
    effects: ['cancel_timer:ack_timeout', 'hurry_call']
  },
  { name: 'an answer to a closed warning changes nothing', state: fresh({ status: 'closed' }), event: { type: 'answered', answer: 'call_me' }, effects: null },
  // Timers
  { name: 'no answer in time: the county calls', state: fresh(), event: { type: 'ack_timeout' }, effects: ['open_call', 'set_timer:call_overdue'] },
  {
    name: 'a late ack timer after an answer does nothing',
    state: fresh({ answer: 'call_me', level: 2, call: { status: 'open', attempts: 0, firstUnreachableAt: null } }),
    event: { type: 'ack_timeout' },
    effects: null
  },
  { name: 'call overdue with no attempt: flagged', state: calling({ status: 'open' }), event: { type: 'call_overdue' }, effects: ['flag_overdue:call'] },
  { name: 'call overdue after an attempt: not overdue', state: calling({ status: 'open', attempts: 1 }), event: { type: 'call_overdue' }, effects: null },
  { name: 'visit overdue: flagged', state: visiting(), event: { type: 'visit_overdue' }, effects: ['flag_overdue:visit'] },
  { name: 'visit overdue after the visit: nothing', state: visiting({ status: 'done' }), event: { type: 'visit_overdue' }, effects: null },
  // Call attempts
  {
    name: '劝阻成功 ends it',
    state: calling(),
    event: { type: 'call_attempt', result: 'dissuaded' },
    effects: ['contacted', ...CLOSE_TIMERS, 'finish_task:call', 'close:dissuaded']
  },
  {
    name: '劝阻成功 with escalate: the station goes',
    state: calling(),
    event: { type: 'call_attempt', result: 'dissuaded', escalate: true },
    effects: ['contacted', ...TO_VISIT]
  },
  {
    name: '已被骗: loss recorded and the station goes',
    state: calling(),
    event: { type: 'call_attempt', result: 'defrauded', amount: 5000 },
    effects: ['contacted', 'record_loss', ...TO_VISIT]
  },
  { name: 'first 无法接通: back in the queue for later', state: calling(), event: { type: 'call_attempt', result: 'unreachable' }, effects: ['retry_call'] },
  {
    name: 'second 无法接通 too soon: back in the queue',
    state: calling({ attempts: 1, firstUnreachableAt: min(-10) }),
    event: { type: 'call_attempt', result: 'unreachable' },
    effects: ['retry_call']
  },
  {
    name: 'second 无法接通 a retry apart: the station goes',
    state: calling({ attempts: 1, firstUnreachableAt: min(-S.unreachableRetryMinutes) }),
    event: { type: 'call_attempt', result: 'unreachable' },
    effects: TO_VISIT
  },
  {
    name: '无法接通 with escalate: the station goes at once',
    state: calling(),
    event: { type: 'call_attempt', result: 'unreachable', escalate: true },
    effects: TO_VISIT
  },
  {
    name: '号码有误 ends it (not a contact)',
    state: calling(),
    event: { type: 'call_attempt', result: 'wrong_number' },
    effects: [...CLOSE_TIMERS, 'finish_task:call', 'close:wrong_number']
  },
  {
    name: '拒绝沟通 ends it',
    state: calling(),
    event: { type: 'call_attempt', result: 'refused' },
    effects: ['contacted', ...CLOSE_TIMERS, 'finish_task:call', 'close:refused']
  },
  {
    name: '误报 ends it',
    state: calling(),
    event: { type: 'call_attempt', result: 'false_alarm' },
    effects: ['contacted', ...CLOSE_TIMERS, 'finish_task:call', 'close:false_alarm']
  },
  {
    name: 'an attempt on a finished call does nothing',
    state: calling({ status: 'done' }),
    event: { type: 'call_attempt', result: 'dissuaded' },
    effects: null
  },
  // Visits
  {
    name: '上门 劝阻成功 ends it',
    state: visiting(),
    event: { type: 'visit_outcome', result: 'dissuaded' },
    effects: ['contacted', ...CLOSE_TIMERS, 'finish_task:visit', 'close:dissuaded']
  },
  {
    name: '上门 已被骗 ends it with the loss',
    state: visiting(),
    event: { type: 'visit_outcome', result: 'defrauded', amount: 20000 },
    effects: ['contacted', 'record_loss', ...CLOSE_TIMERS, 'finish_task:visit', 'close:defrauded']
  },
  { name: '未见到本人 keeps the visit open', state: visiting(), event: { type: 'visit_outcome', result: 'not_met' }, effects: [] },
  // A guardian's 已联系家人，没有转账
  {
    name: 'guardian confirms before any call: closed as acknowledged',
    state: fresh(),
    event: { type: 'guardian_confirmed' },
    effects: ['cancel_timer:ack_timeout', ...CLOSE_TIMERS, 'close:acknowledged']
  },
  {
    name: 'guardian confirms while the county calls: recorded, the call goes ahead',
    state: calling({ status: 'open' }),
    event: { type: 'guardian_confirmed' },
    effects: []
  },
  { name: 'guardian confirms during a visit: recorded, the visit goes ahead', state: visiting(), event: { type: 'guardian_confirmed' }, effects: [] },
  { name: 'guardian confirms a closed warning: nothing', state: fresh({ status: 'closed' }), event: { type: 'guardian_confirmed' }, effects: null },
  // The centre
  {
    name: 'the centre ends an open warning',
    state: calling({ status: 'open' }),
    event: { type: 'closed_by_staff', outcome: 'false_alarm' },
    effects: [...CLOSE_TIMERS, 'finish_task:call', 'close:false_alarm']
  }
]

describe('warning chain transitions', () => {
  for (const c of cases) {
    test(c.name, () => {
      const t = transition(c.state, c.event, c.now ?? NOW, S)
      if (c.effects === null) {
        assert.equal(t.applies, false)
        assert.deepEqual(t.effects, [])
      } else {
        assert.equal(t.applies, true)
        assert.deepEqual(kinds(t.effects), c.effects)
      }
    })
  }

  test('time limits come from the settings', () => {
    const high = transition(fresh({ riskLevel: 'high' }), { type: 'received' }, NOW, S).effects
    assert.deepEqual(
      high.find((e) => e.do === 'open_call'),
      { do: 'open_call', dueAt: min(S.callDueMinutes.high) }
    )
    const medium = transition(fresh(), { type: 'received' }, NOW, { ...S, ackMinutes: 7 }).effects
    assert.deepEqual(
      medium.find((e) => e.do === 'set_timer'),
      { do: 'set_timer', kind: 'ack_timeout', at: min(7) }
    )
    const late = transition(fresh(), { type: 'ack_timeout' }, NOW, S).effects
    assert.deepEqual(
      late.find((e) => e.do === 'open_call'),
      { do: 'open_call', dueAt: min(S.callDueMinutes.medium) }
    )
    const visit = transition(calling({}, { riskLevel: 'high' }), { type: 'call_attempt', result: 'defrauded', amount: 1 }, NOW, S).effects
    assert.deepEqual(
      visit.find((e) => e.do === 'open_visit'),
      { do: 'open_visit', dueAt: new Date(NOW.getTime() + S.visitDueHours.high * 3_600_000) }
    )
    // The first 无法接通 schedules the retry a full interval later; a second too-soon one keeps the first's schedule.
    const first = transition(calling(), { type: 'call_attempt', result: 'unreachable' }, NOW, S).effects
    assert.deepEqual(first, [{ do: 'retry_call', at: min(S.unreachableRetryMinutes), firstUnreachableAt: NOW }])
    const second = transition(calling({ attempts: 1, firstUnreachableAt: min(-10) }), { type: 'call_attempt', result: 'unreachable' }, NOW, S).effects
    assert.deepEqual(second, [{ do: 'retry_call', at: min(S.unreachableRetryMinutes - 10), firstUnreachableAt: min(-10) }])
  })

  test('every path from arrival ends in exactly one outcome', () => {
    // Walk every event sequence up to 5 steps from arrival on a model of the state; closed states stay closed.
    const events: ChainEvent[] = [
      { type: 'answered', answer: 'safe' },
      { type: 'answered', answer: 'call_me' },
      { type: 'ack_timeout' },
      { type: 'call_attempt', result: 'unreachable' },
      { type: 'call_attempt', result: 'dissuaded' },
      { type: 'call_attempt', result: 'defrauded', amount: 1 },
      { type: 'visit_outcome', result: 'not_met' },
      { type: 'visit_outcome', result: 'dissuaded' }
    ]
    const apply = (s: ChainState, effects: Effect[]): ChainState => {
      let next = { ...s }
      for (const e of effects) {
        if (e.do === 'open_call') next = { ...next, level: Math.max(next.level, 2), call: { status: 'claimed', attempts: 0, firstUnreachableAt: null } }
        if (e.do === 'retry_call' && next.call)
          next = { ...next, call: { ...next.call, attempts: next.call.attempts + 1, firstUnreachableAt: min(-S.unreachableRetryMinutes) } }
        if (e.do === 'finish_task' && e.kind === 'call' && next.call) next = { ...next, call: { ...next.call, status: 'done' } }
        if (e.do === 'finish_task' && e.kind === 'visit' && next.visit) next = { ...next, visit: { ...next.visit, status: 'done' } }
        if (e.do === 'open_visit') next = { ...next, level: 3, visit: { status: 'claimed', attempts: 0 } }
        if (e.do === 'close') next = { ...next, status: 'closed' }
      }
      return next
    }
    let paths = 0
    const walk = (s: ChainState, depth: number, closes: number) => {
      assert.ok(closes <= 1, 'closed twice')
      if (depth === 0) return void paths++
      for (const ev of events) {
        const t = transition(s, ev, NOW, S)
        const next = apply(ev.type === 'answered' ? { ...s, answer: ev.answer } : s, t.effects)
        walk(next, depth - 1, closes + t.effects.filter((e) => e.do === 'close').length)
      }
    }
    for (const start of [fresh(), fresh({ riskLevel: 'high' })]) {
      const t = transition(start, { type: 'received' }, NOW, S)
      walk(apply(start, t.effects), 5, 0)
    }
    assert.equal(paths, 2 * events.length ** 5)
  })
})
