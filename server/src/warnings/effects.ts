import type { Effect, TimerKind } from './chain.ts'

/**
 * Where a transition's effects are written. Two writers: one warning under its row lock (the repository's, SQL per
 * effect, with the timeline events they make), and a warning arriving in a feed batch (`ArrivalEffects`, folded into
 * the batch's one statement). Every effect goes through `applyEffects`, so an effect a writer cannot carry out is a
 * loud error in that writer, never skipped in silence.
 */
export interface EffectWriter<R = void | Promise<void>> {
  sendLevel1(): R
  setTimer(kind: TimerKind, at: Date): R
  cancelTimer(kind: TimerKind): R
  openCall(dueAt: Date): R
  hurryCall(dueAt: Date): R
  retryCall(at: Date): R
  finishTask(kind: 'call' | 'visit'): R
  openVisit(dueAt: Date): R
  flagOverdue(kind: 'call' | 'visit'): R
  recordLoss(amount: number): R
  contacted(): R
  close(outcome: Extract<Effect, { do: 'close' }>['outcome']): R
}

/** The effect interpreter: one effect to the writer's method for it. */
export function interpret<R>(e: Effect, writer: EffectWriter<R>): R {
  switch (e.do) {
    case 'send_level1':
      return writer.sendLevel1()
    case 'set_timer':
      return writer.setTimer(e.kind, e.at)
    case 'cancel_timer':
      return writer.cancelTimer(e.kind)
    case 'open_call':
      return writer.openCall(e.dueAt)
    case 'hurry_call':
      return writer.hurryCall(e.dueAt)
    case 'retry_call':
      return writer.retryCall(e.at)
    case 'finish_task':
      return writer.finishTask(e.kind)
    case 'open_visit':
      return writer.openVisit(e.dueAt)
    case 'flag_overdue':
      return writer.flagOverdue(e.kind)
    case 'record_loss':
      return writer.recordLoss(e.amount)
    case 'contacted':
      return writer.contacted()
    case 'close':
      return writer.close(e.outcome)
    default:
      throw new Error(`unknown chain effect ${JSON.stringify(e satisfies never)}`)
  }
}

/** A transition's effects, in order, to a writer that goes to the database. */
export async function applyEffects(effects: readonly Effect[], writer: EffectWriter<Promise<void>>): Promise<void> {
  for (const e of effects) await interpret(e, writer)
}

/**
 * The effects of a warning's arrival, gathered for the feed's batch statement (warnings/repository.ts storeArrivals):
 * the level it starts at, its level-1 message, its timers and a call opened at once. Anything else on arrival is a
 * chain the batch statement cannot store, so it throws.
 */
export class ArrivalEffects {
  level = 1
  sendsLevel1 = false
  readonly timers: { kind: TimerKind; at: Date }[] = []
  callDueAt: Date | null = null

  constructor(effects: readonly Effect[]) {
    const writer: EffectWriter<void> = {
      ...REFUSED_ON_ARRIVAL,
      sendLevel1: () => {
        this.sendsLevel1 = true
      },
      setTimer: (kind, at) => {
        this.timers.push({ kind, at })
      },
      openCall: (dueAt) => {
        this.callDueAt = dueAt
        this.level = Math.max(this.level, 2)
      }
    }
    for (const e of effects) interpret(e, writer)
  }
}

/** What a warning's arrival never does; the batch statement has nowhere to store it, so each refuses by name. */
const REFUSED = [
  'cancelTimer',
  'hurryCall',
  'retryCall',
  'finishTask',
  'openVisit',
  'flagOverdue',
  'recordLoss',
  'contacted',
  'close'
] as const satisfies readonly (keyof EffectWriter)[]
const REFUSED_ON_ARRIVAL = Object.fromEntries(REFUSED.map((effect) => [effect, () => notOnArrival(effect)])) as Record<(typeof REFUSED)[number], () => never>

function notOnArrival(effect: string): never {
  throw new Error(`the chain asked for ${effect} on arrival, which the feed's batch statement does not store`)
}
