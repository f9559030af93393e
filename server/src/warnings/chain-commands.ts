import { randomInt } from 'node:crypto'
import type { Transaction } from 'kysely'
import type { CallAttemptRequest, PlaceWarningRequest, VisitOutcomeRequest } from '../../../types/warnings.ts'
import type { ResidentAnswer, WarningOutcome } from '../../../types/warning-wording.ts'
import type { DB } from '../db/schema.ts'
import { AppError } from '../plugins/errors.ts'
import type { FieldCipher } from '../lib/field-cipher.ts'
import type { AdminPrincipal } from '../admin/service.ts'
import { transition, type ChainEvent, type ChainSettings } from './chain.ts'
import type { By } from './intake.ts'
import type { LockedWarning, WarningsRepository } from './repository.ts'
import type { BoardRepository } from './board-repository.ts'
import { isCentre, type WarningReads } from './read-models.ts'

/**
 * What moves a warning along the chain once it is in: the resident's and the guardian's answers, the timers, and the
 * centre's and stations' work on call and visit tasks. Each command changes state and returns nothing to show; the
 * route reads what it answers from the read models.
 */
export class ChainCommands {
  constructor(
    private readonly repository: WarningsRepository,
    private readonly board: BoardRepository,
    private readonly read: WarningReads,
    private readonly cipher: FieldCipher,
    private readonly settings: ChainSettings,
    private readonly clock: () => Date = () => new Date()
  ) {}

  /** Applies one event to one warning under its lock; false when the event no longer applies. */
  private async step(trx: Transaction<DB>, w: LockedWarning, event: ChainEvent, by: By, detail: Record<string, unknown>): Promise<boolean> {
    const now = this.clock()
    const t = transition(w.state, event, now, this.settings)
    if (!t.applies) return false
    await this.repository.recordTransition(trx, w, { event, effects: t.effects, by, detail }, now)
    return true
  }

  async answer(residentId: string, warningId: string, answer: ResidentAnswer): Promise<void> {
    if (!(await this.board.openFor(residentId)).some((w) => w.id === warningId)) throw new AppError(404, 'NOT_FOUND', '这条预警已经结束或不存在')
    await this.repository.transaction(async (trx) => {
      const w = await this.repository.lock(trx, warningId)
      if (!w || w.state.status !== 'open') return
      await this.repository.setAnswer(trx, warningId, answer, this.clock())
      await this.step(trx, w, { type: 'answered', answer }, { resident: true }, { answer })
    })
  }

  /** Fires due timers one transaction each; returns how many fired. Several workers may run this at once. */
  async fireDueTimers(limit = 100): Promise<number> {
    let fired = 0
    for (let i = 0; i < limit; i++) {
      const done = await this.repository.transaction(async (trx) => {
        const now = this.clock()
        const timer = await this.repository.lockDueTimer(trx, now)
        if (!timer) return false
        if (timer.live) {
          const w = await this.repository.lock(trx, timer.warningId)
          if (w) await this.step(trx, w, { type: timer.kind }, {}, {})
          await this.repository.markFired(trx, timer.id, now)
          fired++
        }
        return true
      })
      if (!done) break
    }
    return fired
  }

  nextTimerDue(): Promise<Date | null> {
    return this.repository.nextTimerDue()
  }

  /** Takes the next task of the queue (or the one asked for); its id. */
  async claim(kind: 'call' | 'visit', admin: AdminPrincipal, taskId: string | null): Promise<string> {
    // The resident checks the caller by police number: nobody without one may contact them.
    if (!admin.policeNumber) throw new AppError(409, 'PROFILE_REQUIRED', '请先请管理员在“账号”里填写您的姓名、警号和单位，居民才能核验您的来电')
    if (taskId) await this.read.taskInScope(taskId, kind, admin)
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
    const claimed = await this.repository.claim(
      kind,
      admin.id,
      { township: admin.role === 'officer' ? admin.townshipCode : null },
      taskId,
      this.cipher.encrypt(code),
      this.clock()
    )
    if (!claimed) {
      throw taskId
        ? new AppError(409, 'TASK_TAKEN', '这个任务已被别人领取或已经结束，请刷新')
        : new AppError(404, 'QUEUE_EMPTY', kind === 'call' ? '现在没有待拨打的电话任务' : '现在没有待上门的任务')
    }
    return claimed.taskId
  }

  /** 退回队列: the holder's own; the centre (admin, operator) may release anyone's (强制退回), recorded with the former holder. */
  async release(taskId: string, kind: 'call' | 'visit', admin: AdminPrincipal): Promise<void> {
    await this.read.taskInScope(taskId, kind, admin)
    const task = await this.board.task(taskId)
    const forced = task?.claimed_by !== admin.id
    if (forced && !isCentre(admin)) throw new AppError(409, 'TASK_TAKEN', '这个任务不在您手里，无法退回')
    if (!(await this.repository.release(taskId, forced ? null : admin.id, admin.id, this.clock())))
      throw new AppError(409, 'TASK_TAKEN', '这个任务没有人在处理（已退回或已经结束），请刷新')
  }

  /** 转派: the centre hands a live task to a colleague who may work it (a call: the centre's staff; a visit: the township's officers). */
  async reassign(taskId: string, kind: 'call' | 'visit', toAdminId: string, admin: AdminPrincipal): Promise<void> {
    await this.read.taskInScope(taskId, kind, admin)
    const task = await this.board.task(taskId)
    const w = task ? await this.board.warning(task.warning_id) : null
    if (!task || !w) throw new AppError(404, 'NOT_FOUND', '没有这个任务')
    if (kind === 'visit' && !w.township_code)
      throw new AppError(409, 'TOWNSHIP_REQUIRED', '请先指派这条预警所在的乡镇（派出所），再转派上门任务', 'townshipCode')
    const holders = await this.read.holders(taskId, kind, admin)
    if (!holders.some((h) => h.id === toAdminId))
      throw new AppError(
        400,
        'VALIDATION_FAILED',
        kind === 'call' ? '只能转派给填写了警号的中心话务员或管理员' : '只能转派给本乡镇填写了警号的民警或管理员',
        'adminId'
      )
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
    if (!(await this.repository.reassign(taskId, toAdminId, this.cipher.encrypt(code), admin.id, this.clock()))) {
      throw new AppError(409, 'TASK_TAKEN', '这个任务已经结束或已在这位同事手里，请刷新')
    }
  }

  /** Claimed tasks idle past the configured time go back to the queue (the worker's tick). */
  releaseIdleTasks(idleMinutes: { call: number; visit: number }): Promise<number> {
    return this.repository.releaseIdle(idleMinutes, this.clock())
  }

  /** Sets where the person is: the call card before 转派出所上门, or the centre assigning a visit to a station. */
  async place(warningId: string, request: PlaceWarningRequest, admin: AdminPrincipal): Promise<void> {
    await this.read.warningInScope(warningId, admin)
    const village = request.villageCode ?? null
    if (!(await this.repository.areaPairExists(request.townshipCode, village))) {
      throw new AppError(400, 'AREA_INVALID', village ? '这个村（社区）不在所选乡镇里' : '没有这个乡镇', village ? 'villageCode' : 'townshipCode')
    }
    await this.repository.place(warningId, request.townshipCode, village, admin.id, this.clock())
  }

  async recordCall(taskId: string, request: CallAttemptRequest, admin: AdminPrincipal): Promise<void> {
    const escalate = request.escalate ? { escalate: true } : {}
    await this.record(taskId, 'call', admin, request, { type: 'call_attempt', result: request.result, ...amountOf(request), ...escalate })
  }

  async recordVisit(taskId: string, request: VisitOutcomeRequest, admin: AdminPrincipal): Promise<void> {
    await this.record(taskId, 'visit', admin, request, { type: 'visit_outcome', result: request.result, ...amountOf(request) })
  }

  /** One call attempt or visit outcome by the task's holder: the attempt row, then the chain's transition. */
  private async record(
    taskId: string,
    kind: 'call' | 'visit',
    admin: AdminPrincipal,
    request: CallAttemptRequest | VisitOutcomeRequest,
    next: Extract<ChainEvent, { type: 'call_attempt' | 'visit_outcome' }>
  ): Promise<void> {
    await this.read.taskInScope(taskId, kind, admin)
    if (request.result === 'defrauded' && request.amount === undefined) throw new AppError(400, 'VALIDATION_FAILED', '已被骗请填写被骗金额（元）', 'amount')
    const amount = request.amount ?? null
    const ref = await this.repository.taskWarning(taskId)
    if (!ref) throw new AppError(404, 'NOT_FOUND', '没有这个任务')
    await this.repository.transaction(async (trx) => {
      const w = await this.repository.lock(trx, ref.warningId)
      const holder = kind === 'call' ? w?.callClaimedBy : w?.visitClaimedBy
      const live = kind === 'call' ? w?.state.call?.status === 'claimed' : w?.state.visit?.status === 'claimed'
      if (!w || !live || holder !== admin.id) throw new AppError(409, 'TASK_TAKEN', '请先领取这个任务（或它已经结束）')
      // The station has to know where to go: the operator, who has the person on the line, says where before sending
      // it. Only the automatic second 无法接通 (nobody reached to ask) may send an unplaced visit — to the top of the board.
      if (
        !w.townshipCode &&
        next.type === 'call_attempt' &&
        (next.escalate || next.result === 'defrauded') &&
        transition(w.state, next, this.clock(), this.settings).effects.some((e) => e.do === 'open_visit')
      ) {
        throw new AppError(409, 'TOWNSHIP_REQUIRED', '转派出所上门前，请先在任务卡上填写当事人所在的乡镇和村（社区）', 'townshipCode')
      }
      await this.repository.attempt(trx, {
        taskId,
        warningId: w.id,
        adminId: admin.id,
        result: request.result,
        amount,
        note: request.note ?? null,
        at: this.clock()
      })
      const applied = await this.step(
        trx,
        w,
        next,
        { adminId: admin.id },
        { result: request.result, amount, ...(next.type === 'call_attempt' && next.escalate ? { escalate: true } : {}) }
      )
      if (!applied) throw new AppError(409, 'TASK_TAKEN', '这个任务已经结束')
    })
  }

  async closeByStaff(warningId: string, outcome: WarningOutcome, admin: AdminPrincipal): Promise<void> {
    await this.read.warningInScope(warningId, admin)
    await this.repository.transaction(async (trx) => {
      const w = await this.repository.lock(trx, warningId)
      if (!w || !(await this.step(trx, w, { type: 'closed_by_staff', outcome }, { adminId: admin.id }, { outcome }))) {
        throw new AppError(409, 'WARNING_CLOSED', '这条预警已经结束')
      }
    })
  }

  /** 已联系家人，没有转账: recorded once on the copy and on the warning's timeline, where the chain weighs it. */
  async answerAsGuardian(guardianId: string, alertId: string): Promise<void> {
    const answered = await this.board.answerAlert(alertId, guardianId, this.clock())
    if (!answered) throw new AppError(404, 'NOT_FOUND', '这条提醒已经结束或不存在')
    if (answered.first) {
      await this.repository.transaction(async (trx) => {
        const w = await this.repository.lock(trx, answered.warningId)
        if (w) await this.step(trx, w, { type: 'guardian_confirmed' }, {}, { by: 'guardian', relation: answered.relation })
      })
    }
  }
}

function amountOf(request: { amount?: number }): { amount?: number } {
  return request.amount !== undefined ? { amount: request.amount } : {}
}
