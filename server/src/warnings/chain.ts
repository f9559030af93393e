import type { CallResult, ResidentAnswer, RiskLevel, TaskStatus, VisitResult, WarningOutcome, WarningSource } from '../../../types/warnings.ts'
import type { ChainSettings } from '../config.ts'

/**
 * The warning chain as a pure state machine: (state, event, now) → effects. The service loads the state under a
 * row lock, applies the effects in the same transaction, and writes one timeline event per transition, so a
 * crash either applies a transition whole or not at all. Tables of cases live in test/warning-chain.test.ts.
 */

export type { ChainSettings }

export const DEFAULT_CHAIN_SETTINGS: ChainSettings = {
  ackMinutes: 30,
  callDueMinutes: { high: 10, medium: 60 },
  unreachableRetryMinutes: 30,
  visitDueHours: { high: 4, medium: 24 }
}

export type TimerKind = 'ack_timeout' | 'call_overdue' | 'visit_overdue'

export interface ChainState {
  source: WarningSource
  status: 'open' | 'closed'
  level: number
  riskLevel: RiskLevel
  answer: ResidentAnswer | null
  call: { status: TaskStatus; attempts: number; firstUnreachableAt: Date | null } | null
  visit: { status: TaskStatus; attempts: number } | null
}

export type ChainEvent =
  | { type: 'received' }
  | { type: 'answered'; answer: ResidentAnswer }
  | { type: 'ack_timeout' }
  | { type: 'call_overdue' }
  | { type: 'visit_overdue' }
  | { type: 'call_attempt'; result: CallResult; amount?: number; escalate?: boolean }
  | { type: 'visit_outcome'; result: VisitResult; amount?: number }
  | { type: 'closed_by_staff'; outcome: WarningOutcome }
  /** A guardian answered their copy: 已联系家人，没有转账. */
  | { type: 'guardian_confirmed' }

export type Effect =
  | { do: 'send_level1' }
  | { do: 'set_timer'; kind: TimerKind; at: Date }
  | { do: 'cancel_timer'; kind: TimerKind }
  | { do: 'open_call'; dueAt: Date }
  /** Make an open call task due sooner (the resident asked for the police). */
  | { do: 'hurry_call'; dueAt: Date }
  /** Put the call back in the queue, released, to be tried again from `at`. */
  | { do: 'retry_call'; at: Date; firstUnreachableAt: Date }
  | { do: 'finish_task'; kind: 'call' | 'visit' }
  | { do: 'open_visit'; dueAt: Date }
  | { do: 'flag_overdue'; kind: 'call' | 'visit' }
  | { do: 'record_loss'; amount: number }
  /** A person reached the resident (time to first contact). */
  | { do: 'contacted' }
  | { do: 'close'; outcome: WarningOutcome }

export interface Transition {
  /** False: the event changes nothing in this state (a late timer, an answer to a closed warning). */
  applies: boolean
  effects: Effect[]
}

const MINUTE = 60_000
const NOTHING: Transition = { applies: false, effects: [] }
const after = (now: Date, ms: number) => new Date(now.getTime() + ms)

export function transition(state: ChainState, event: ChainEvent, now: Date, settings: ChainSettings): Transition {
  if (state.status === 'closed') return NOTHING
  const openCall = (risk: RiskLevel): Effect[] => {
    const dueAt = after(now, settings.callDueMinutes[risk] * MINUTE)
    return [
      { do: 'open_call', dueAt },
      { do: 'set_timer', kind: 'call_overdue', at: dueAt }
    ]
  }
  const openVisit = (): Effect[] => {
    const dueAt = after(now, settings.visitDueHours[state.riskLevel] * 60 * MINUTE)
    return [
      { do: 'cancel_timer', kind: 'call_overdue' },
      { do: 'finish_task', kind: 'call' },
      { do: 'open_visit', dueAt },
      { do: 'set_timer', kind: 'visit_overdue', at: dueAt }
    ]
  }
  const close = (outcome: WarningOutcome): Effect[] => [
    { do: 'cancel_timer', kind: 'ack_timeout' },
    { do: 'cancel_timer', kind: 'call_overdue' },
    { do: 'cancel_timer', kind: 'visit_overdue' },
    ...(state.call && isLive(state.call.status) ? [{ do: 'finish_task', kind: 'call' } as const] : []),
    ...(state.visit && isLive(state.visit.status) ? [{ do: 'finish_task', kind: 'visit' } as const] : []),
    { do: 'close', outcome }
  ]

  switch (event.type) {
    case 'received': {
      // A resident asking for help is already talking to us: no level-1 message to themselves.
      const level1: Effect[] = state.source === 'resident' ? [] : [{ do: 'send_level1' }]
      // High risk (and every call for help) is telephoned at once, in parallel with level 1.
      if (state.riskLevel === 'high') return { applies: true, effects: [...level1, ...openCall('high')] }
      return { applies: true, effects: [...level1, { do: 'set_timer', kind: 'ack_timeout', at: after(now, settings.ackMinutes * MINUTE) }] }
    }

    case 'answered': {
      const effects: Effect[] = [{ do: 'cancel_timer', kind: 'ack_timeout' }]
      if (event.answer === 'safe') {
        // Medium risk and nobody calling yet: the resident's word closes it. Otherwise the call goes ahead.
        if (!state.call && state.level === 1) return { applies: true, effects: [...effects, ...close('acknowledged')] }
        return { applies: true, effects }
      }
      // 已经转账 / 请民警联系我: the county calls, soon.
      if (!state.call) return { applies: true, effects: [...effects, ...openCall('high')] }
      if (isLive(state.call.status))
        return { applies: true, effects: [...effects, { do: 'hurry_call', dueAt: after(now, settings.callDueMinutes.high * MINUTE) }] }
      return { applies: true, effects }
    }

    case 'ack_timeout':
      if (state.call || state.answer !== null || state.level !== 1) return NOTHING
      return { applies: true, effects: openCall(state.riskLevel) }

    case 'call_overdue':
      // Overdue means nobody has tried yet when the time ran out.
      if (!state.call || !isLive(state.call.status) || state.call.attempts > 0) return NOTHING
      return { applies: true, effects: [{ do: 'flag_overdue', kind: 'call' }] }

    case 'visit_overdue':
      if (!state.visit || !isLive(state.visit.status)) return NOTHING
      return { applies: true, effects: [{ do: 'flag_overdue', kind: 'visit' }] }

    case 'call_attempt': {
      if (!state.call || !isLive(state.call.status) || state.visit) return NOTHING
      const reached = event.result !== 'unreachable' && event.result !== 'wrong_number'
      const contacted: Effect[] = reached ? [{ do: 'contacted' }] : []
      switch (event.result) {
        case 'defrauded':
          // Money is moving: the station goes whatever the operator chose.
          return { applies: true, effects: [...contacted, { do: 'record_loss', amount: event.amount ?? 0 }, ...openVisit()] }
        case 'unreachable': {
          const first = state.call.firstUnreachableAt
          const retryMs = settings.unreachableRetryMinutes * MINUTE
          if (event.escalate || (first && now.getTime() - first.getTime() >= retryMs)) return { applies: true, effects: openVisit() }
          const firstAt = first ?? now
          return { applies: true, effects: [{ do: 'retry_call', at: after(firstAt, retryMs), firstUnreachableAt: firstAt }] }
        }
        default:
          if (event.escalate) return { applies: true, effects: [...contacted, ...openVisit()] }
          return { applies: true, effects: [...contacted, ...close(event.result)] }
      }
    }

    case 'visit_outcome': {
      if (!state.visit || !isLive(state.visit.status)) return NOTHING
      if (event.result === 'not_met') return { applies: true, effects: [] }
      const loss: Effect[] = event.result === 'defrauded' ? [{ do: 'record_loss', amount: event.amount ?? 0 }] : []
      return { applies: true, effects: [{ do: 'contacted' }, ...loss, ...close(event.result)] }
    }

    case 'closed_by_staff':
      return { applies: true, effects: close(event.outcome) }

    case 'guardian_confirmed':
      // A family member who reached the resident counts as the resident's own 没有转账 while nobody calls yet;
      // once a call or a visit is under way it is recorded and the county goes ahead.
      if (!state.call && state.level === 1) return { applies: true, effects: [{ do: 'cancel_timer', kind: 'ack_timeout' }, ...close('acknowledged')] }
      return { applies: true, effects: [] }
  }
}

function isLive(status: TaskStatus): boolean {
  return status === 'open' || status === 'claimed'
}
