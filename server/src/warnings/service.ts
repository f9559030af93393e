import { randomInt, randomUUID, timingSafeEqual } from 'node:crypto'
import { FormatRegistry } from '@sinclair/typebox'
import { TypeCompiler } from '@sinclair/typebox/compiler'
import type { Transaction } from 'kysely'
import {
  WarningInput,
  type CallAttemptRequest,
  type Contact,
  type FeedResult,
  type ManualWarningRequest,
  type ResidentWarning,
  type TaskCard,
  type TaskSummary,
  type TimelineEvent,
  type VerifyCallerRequest,
  type VerifyCallerResult,
  type VisitOutcomeRequest,
  type MyWarnings,
  type PlaceWarningRequest,
  type RevealedPerson,
  type TaskHolder,
  type WarningDetail,
  type WarningList,
  type WarningListQuery,
  type WarningSummary
} from '../../../types/warnings.ts'
// Plain values come from the wording module itself: the types folder is CommonJS to Node, where `export *` is invisible.
import type { ResidentAnswer, WarningOutcome, WarningSource } from '../../../types/warning-wording.ts'
import type { DB } from '../db/schema.ts'
import { mainlandMobile } from '../check/phone-facts.ts'
import { AppError } from '../plugins/errors.ts'
import type { FieldCipher } from '../lib/field-cipher.ts'
import { maskName, maskPhone } from '../residents/mask.ts'
import { ageOn } from '../residents/id-number.ts'
import { countyToday } from '../../../types/county-day.ts'
import { RESULT_NAMES } from '../../../types/warning-wording.ts'
import { normalizePoliceNumber, normalizeVerifyCode } from '../../../types/police-number.ts'
import type { FamilyAlert } from '../../../types/family.ts'
import { FAMILY_RELATION_NAMES, RELATION_SEEN_FROM_OTHER_SIDE } from '../../../types/family-wording.ts'
import type { AdminPrincipal } from '../admin/service.ts'
import { transition, type ChainEvent, type ChainSettings, type ChainState } from './chain.ts'
import type { ArrivingWarning, LockedWarning, WarningsRepository } from './repository.ts'
import type { BoardRepository, TaskRow, WarningRow } from './board-repository.ts'
import { ANTI_FRAUD_HOTLINE, callScript, guardianCardText, residentCardText, timelineText, type EvidenceText } from './text.ts'

if (!FormatRegistry.Has('date-time'))
  FormatRegistry.Set('date-time', (v) => /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/i.test(v) && !Number.isNaN(Date.parse(v)))
const checkInput = TypeCompiler.Compile(WarningInput)

/** Most lines one feed call takes. */
export const FEED_MAX_LINES = 10_000
/** Lines stored per statement while the next slice is checked and encrypted. */
const INGEST_SLICE = 2_000
/** Caller checks a resident may make per CALLER_CHECK_WINDOW_MS (guessing a 6-digit code stays hopeless). */
export const CALLER_CHECK_LIMIT = 5
export const CALLER_CHECK_WINDOW_MS = 15 * 60_000

type By = { adminId?: string | null; resident?: boolean }

/** A feed line that is not JSON (parseJsonLines); the intake says so by its number. */
export const NOT_JSON: unique symbol = Symbol('not JSON')
// receivedAt: a few minutes ahead is clock skew; beyond, a wrong clock or time zone. Older than this cannot be stopped.
const RECEIVED_AT_SKEW_MS = 5 * 60_000
const RECEIVED_AT_MAX_AGE_MS = 30 * 86_400_000

export class WarningService {
  constructor(
    private readonly repository: WarningsRepository,
    private readonly board: BoardRepository,
    private readonly cipher: FieldCipher,
    private readonly settings: ChainSettings,
    private readonly clock: () => Date = () => new Date(),
    /** Tells the worker there are level-1 messages to send. */
    private readonly wake: () => void = () => {}
  ) {}

  // ---- intake ----

  /**
   * Takes a batch of warnings from one source: each line is checked on its own (a bad line never stops the
   * others), matched to a registered resident through the phone's blind index, and stored with its arrival's
   * effects (level-1 message, timers, an immediate call task for high risk) in the same statement. A line whose
   * source + ref was seen before is a duplicate and changes nothing.
   */
  async ingest(source: WarningSource, lines: { line: number; value: unknown }[], by: By = {}, extras: { note?: string | null } = {}): Promise<FeedResult> {
    const now = this.clock()
    const result: FeedResult = { created: 0, duplicates: 0, rejected: 0, matched: 0, lines: [] }
    const reject = (line: number, code: string, message: string) => {
      result.rejected++
      result.lines.push({ line, status: 'rejected', code, message })
    }
    const townships = await this.repository.townshipCodes()
    const seenRefs = new Set<string>()
    const duplicateRefs: { line: number; ref: string }[] = []
    // Checks, encrypts and works out the arrival's effects for one slice of lines (CPU work, no I/O).
    const prepare = (slice: { line: number; value: unknown }[]) => {
      const rows: ArrivingWarning[] = []
      const lineOf = new Map<string, number>()
      for (const { line, value } of slice) {
        if (value === NOT_JSON) {
          reject(line, 'WARNING_INVALID', `第${line}行不是 JSON：每行应是一条完整的 JSON 对象（如 {"ref":…,"phone":…}）`)
          continue
        }
        if (!checkInput.Check(value)) {
          const first = checkInput.Errors(value).First()
          reject(line, 'WARNING_INVALID', `第${line}行格式不对${first ? `（${first.path || '/'}：${first.message}）` : ''}`)
          continue
        }
        const phone = mainlandMobile(value.phone)
        if (!phone) {
          reject(line, 'PHONE_NOT_SUPPORTED', `第${line}行的号码不是11位中国大陆手机号`)
          continue
        }
        if (value.townshipCode !== undefined && !townships.has(value.townshipCode)) {
          reject(line, 'AREA_INVALID', `第${line}行的乡镇代码不存在`)
          continue
        }
        const receivedAt = value.receivedAt ? new Date(value.receivedAt) : now
        if (receivedAt.getTime() > now.getTime() + RECEIVED_AT_SKEW_MS) {
          reject(line, 'WARNING_INVALID', `第${line}行的接收时间（receivedAt）在将来：请检查对方系统的时钟或时区`)
          continue
        }
        if (receivedAt.getTime() < now.getTime() - RECEIVED_AT_MAX_AGE_MS) {
          reject(
            line,
            'WARNING_INVALID',
            `第${line}行的接收时间（receivedAt）早于${RECEIVED_AT_MAX_AGE_MS / 86_400_000}天前：这么旧的预警已无法劝阻，请按案件登记`
          )
          continue
        }
        if (seenRefs.has(value.ref)) {
          // Answered like every other duplicate, with the warning's id (known once the call's lines are stored).
          duplicateRefs.push({ line, ref: value.ref })
          continue
        }
        seenRefs.add(value.ref)
        lineOf.set(value.ref, line)
        const fresh: ChainState = { source, status: 'open', level: 1, riskLevel: value.riskLevel, answer: null, call: null, visit: null }
        const effects = transition(fresh, { type: 'received' }, now, this.settings).effects
        const call = effects.find((e) => e.do === 'open_call')
        rows.push({
          ref: value.ref,
          phoneEnc: this.cipher.encrypt(phone),
          phoneIndex: this.cipher.blindIndex(phone),
          phoneMasked: maskPhone(phone),
          townshipHint: value.townshipCode ?? null,
          riskType: value.riskType,
          riskLevel: value.riskLevel,
          evidence: value.evidence ? JSON.stringify(value.evidence) : null,
          note: extras.note ?? null,
          receivedAt,
          createdBy: by.adminId ?? null,
          level: call ? 2 : 1,
          sendLevel1: effects.some((e) => e.do === 'send_level1'),
          timers: effects.flatMap((e) => (e.do === 'set_timer' ? [{ kind: e.kind, at: e.at }] : [])),
          callDueAt: call?.do === 'open_call' ? call.dueAt : null
        })
      }
      return { rows, lineOf }
    }
    const settle = (batch: ReturnType<typeof prepare>, stored: Map<string, { id: string; matched: boolean }>) => {
      for (const row of batch.rows) {
        const line = batch.lineOf.get(row.ref) as number
        const warning = stored.get(row.ref)
        if (!warning) {
          duplicateRefs.push({ line, ref: row.ref })
          continue
        }
        result.created++
        if (warning.matched) result.matched++
        result.lines.push({ line, status: 'created', id: warning.id, matched: warning.matched })
      }
    }
    // Slices are stored one statement each (atomic per slice; every line is idempotent on its own, so a call cut
    // short is completed by re-sending it), and the next slice is prepared while the database stores this one.
    let inFlight: { batch: ReturnType<typeof prepare>; stored: Promise<Map<string, { id: string; matched: boolean }>> } | null = null
    for (let i = 0; i < lines.length; i += INGEST_SLICE) {
      const batch = prepare(lines.slice(i, i + INGEST_SLICE))
      if (inFlight) settle(inFlight.batch, await inFlight.stored)
      inFlight = { batch, stored: this.repository.storeArrivals(source, batch.rows, now) }
    }
    if (inFlight) settle(inFlight.batch, await inFlight.stored)
    const earlier = await this.repository.existingIds(
      source,
      duplicateRefs.map((d) => d.ref)
    )
    for (const { line, ref } of duplicateRefs) {
      result.duplicates++
      const id = earlier.get(ref)
      result.lines.push({ line, status: 'duplicate', ...(id ? { id } : {}) })
    }
    result.lines.sort((a, b) => a.line - b.line)
    if (result.created > 0) this.wake()
    return result
  }

  /** The console's 新增预警: one warning typed in by staff. */
  async addByHand(request: ManualWarningRequest, admin: AdminPrincipal): Promise<WarningDetail> {
    const { source, note, ...input } = request
    const result = await this.ingest(
      source,
      [{ line: 1, value: { ...input, ref: input.ref ?? `manual-${randomUUID()}` } }],
      { adminId: admin.id },
      { note: note ?? null }
    )
    const line = result.lines[0]
    if (!line || line.status === 'rejected') {
      // The feed's per-line wording ("第1行的号码…") names no subject in a form: say which field, in the form's words.
      if (line?.code === 'PHONE_NOT_SUPPORTED') throw new AppError(400, 'PHONE_NOT_SUPPORTED', '当事人手机号不是11位中国大陆手机号，请核对', 'phone')
      if (line?.code === 'AREA_INVALID') throw new AppError(400, 'AREA_INVALID', '没有这个乡镇，请重新选择', 'townshipCode')
      throw new AppError(400, 'VALIDATION_FAILED', `预警内容不完整：${line?.message?.replace(/^第1行/, '') ?? '请检查各项'}`)
    }
    if (line.status === 'duplicate') throw new AppError(409, 'WARNING_DUPLICATE', '这个来源的这条预警编号已经录入过', 'ref')
    return this.detail(line.id as string, admin)
  }

  /** 「我需要帮助」: a warning about the resident themselves, telephoned at once. */
  async askForHelp(residentId: string, what: string | undefined): Promise<ResidentWarning[]> {
    const resident = await this.board.residentPhone(residentId)
    if (!resident?.phone_enc || !resident.phone_index) throw new AppError(409, 'PHONE_REQUIRED', '请先验证手机号，民警才能给您打电话')
    const phone = this.cipher.decrypt(resident.phone_enc)
    const open = await this.board.openFor(residentId)
    // One open request for help at a time: pressing again does not queue a second call.
    if (!open.some((w) => w.risk_type === 'help')) {
      await this.ingest(
        'resident',
        [
          {
            line: 1,
            value: {
              ref: `help-${randomUUID()}`,
              phone,
              riskType: 'help',
              riskLevel: 'high',
              ...(resident.township_code ? { townshipCode: resident.township_code } : {})
            }
          }
        ],
        { resident: true },
        { note: what?.trim() || null }
      )
    }
    return this.mine(residentId)
  }

  /**
   * A confirmed report with a loss: the reporter has been defrauded, so the county calls them at once (help to stop
   * the payment, record the case). One warning per report (ref `report-<id>`), however often it is confirmed.
   */
  async fromConfirmedReports(reportIds: string[]): Promise<FeedResult | null> {
    const reports = await this.board.reportsWithLoss(reportIds)
    if (reports.length === 0) return null
    return this.ingest(
      'report',
      reports.map((r, i) => ({
        line: i + 1,
        value: {
          ref: `report-${r.id}`,
          phone: this.cipher.decrypt(r.phone_enc),
          riskType: 'transfer',
          riskLevel: 'high',
          // A reported message is an SMS's evidence: its text (the report's input), not its digest.
          evidence: {
            kind: r.kind === 'message' ? 'sms' : r.kind,
            value: [...(r.kind === 'message' ? r.input : r.value)].slice(0, 500).join(''),
            amount: Number(r.loss_amount),
            ...(r.occurred_at ? { at: r.occurred_at.toISOString() } : {})
          },
          ...(r.township_code ? { townshipCode: r.township_code } : {})
        }
      }))
    )
  }

  // ---- the chain ----

  /** Applies one event to one warning under its lock; false when the event no longer applies. */
  private async step(trx: Transaction<DB>, w: LockedWarning, event: ChainEvent, by: By, detail: Record<string, unknown>): Promise<boolean> {
    const now = this.clock()
    const t = transition(w.state, event, now, this.settings)
    if (!t.applies) return false
    await this.repository.applyEffects(trx, w, t.effects, now)
    await this.repository.event(trx, w.id, event.type, now, by, detail)
    for (const e of t.effects) {
      if (e.do === 'open_call') await this.repository.event(trx, w.id, 'call_task', now, {}, null)
      if (e.do === 'open_visit') await this.repository.event(trx, w.id, 'visit_task', now, {}, null)
      if (e.do === 'flag_overdue') continue
      if (e.do === 'close' && event.type !== 'closed_by_staff') await this.repository.event(trx, w.id, 'closed', now, {}, { outcome: e.outcome })
    }
    return true
  }

  async answer(residentId: string, warningId: string, answer: ResidentAnswer): Promise<ResidentWarning[]> {
    if (!(await this.board.openFor(residentId)).some((w) => w.id === warningId)) throw new AppError(404, 'NOT_FOUND', '这条预警已经结束或不存在')
    await this.repository.transaction(async (trx) => {
      const w = await this.repository.lock(trx, warningId)
      if (!w || w.state.status !== 'open') return
      await this.repository.setAnswer(trx, warningId, answer, this.clock())
      await this.step(trx, w, { type: 'answered', answer }, { resident: true }, { answer })
    })
    return this.mine(residentId)
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

  async claim(kind: 'call' | 'visit', admin: AdminPrincipal, taskId: string | null): Promise<TaskCard> {
    // The resident checks the caller by police number: nobody without one may contact them.
    if (!admin.policeNumber) throw new AppError(409, 'PROFILE_REQUIRED', '请先请管理员在“账号”里填写您的姓名、警号和单位，居民才能核验您的来电')
    if (taskId) await this.taskInScope(taskId, kind, admin)
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
    return this.card(claimed.taskId, admin)
  }

  /** 退回队列: the holder's own; the centre (admin, operator) may release anyone's (强制退回), recorded with the former holder. */
  async release(taskId: string, kind: 'call' | 'visit', admin: AdminPrincipal): Promise<TaskCard> {
    await this.taskInScope(taskId, kind, admin)
    const task = await this.board.task(taskId)
    const forced = task?.claimed_by !== admin.id
    if (forced && !isCentre(admin)) throw new AppError(409, 'TASK_TAKEN', '这个任务不在您手里，无法退回')
    if (!(await this.repository.release(taskId, forced ? null : admin.id, admin.id, this.clock())))
      throw new AppError(409, 'TASK_TAKEN', '这个任务没有人在处理（已退回或已经结束），请刷新')
    return this.card(taskId, admin)
  }

  /** 转派: the centre hands a live task to a colleague who may work it (a call: the centre's staff; a visit: the township's officers). */
  async reassign(taskId: string, kind: 'call' | 'visit', toAdminId: string, admin: AdminPrincipal): Promise<TaskCard> {
    await this.taskInScope(taskId, kind, admin)
    const task = await this.board.task(taskId)
    const w = task ? await this.board.warning(task.warning_id) : null
    if (!task || !w) throw new AppError(404, 'NOT_FOUND', '没有这个任务')
    if (kind === 'visit' && !w.township_code)
      throw new AppError(409, 'TOWNSHIP_REQUIRED', '请先指派这条预警所在的乡镇（派出所），再转派上门任务', 'townshipCode')
    const holders = await this.holders(taskId, kind, admin)
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
    return this.card(taskId, admin)
  }

  /** Who a task may be handed to: active staff with a police number, of the centre (calls) or the warning's station (visits). */
  async holders(taskId: string, kind: 'call' | 'visit', admin: AdminPrincipal): Promise<TaskHolder[]> {
    await this.taskInScope(taskId, kind, admin)
    const task = await this.board.task(taskId)
    const w = task ? await this.board.warning(task.warning_id) : null
    const staff = await this.board.staffWhoMayHold(kind, w?.township_code ?? null)
    return staff.map((a) => ({ id: a.id, name: a.name, role: a.role, unit: a.unit, holding: a.holding }))
  }

  /** Claimed tasks idle past the configured time go back to the queue (the worker's tick). */
  releaseIdleTasks(idleMinutes: { call: number; visit: number }): Promise<number> {
    return this.repository.releaseIdle(idleMinutes, this.clock())
  }

  /** Sets where the person is: the call card before 转派出所上门, or the centre assigning a visit to a station. */
  async place(warningId: string, request: PlaceWarningRequest, admin: AdminPrincipal): Promise<WarningDetail> {
    await this.warningInScope(warningId, admin)
    const village = request.villageCode ?? null
    if (!(await this.repository.areaPairExists(request.townshipCode, village))) {
      throw new AppError(400, 'AREA_INVALID', village ? '这个村（社区）不在所选乡镇里' : '没有这个乡镇', village ? 'villageCode' : 'townshipCode')
    }
    await this.repository.place(warningId, request.townshipCode, village, admin.id, this.clock())
    return this.detail(warningId, admin)
  }

  async recordCall(taskId: string, request: CallAttemptRequest, admin: AdminPrincipal): Promise<TaskCard> {
    await this.taskInScope(taskId, 'call', admin)
    if (request.result === 'defrauded' && request.amount === undefined) throw new AppError(400, 'VALIDATION_FAILED', '已被骗请填写被骗金额（元）', 'amount')
    await this.record(
      taskId,
      'call',
      admin,
      () => ({
        type: 'call_attempt',
        result: request.result,
        ...(request.amount !== undefined ? { amount: request.amount } : {}),
        ...(request.escalate ? { escalate: true } : {})
      }),
      { result: request.result, amount: request.amount ?? null, note: request.note ?? null, escalate: request.escalate ?? false }
    )
    return this.card(taskId, admin)
  }

  async recordVisit(taskId: string, request: VisitOutcomeRequest, admin: AdminPrincipal): Promise<TaskCard> {
    await this.taskInScope(taskId, 'visit', admin)
    if (request.result === 'defrauded' && request.amount === undefined) throw new AppError(400, 'VALIDATION_FAILED', '已被骗请填写被骗金额（元）', 'amount')
    await this.record(
      taskId,
      'visit',
      admin,
      () => ({ type: 'visit_outcome', result: request.result, ...(request.amount !== undefined ? { amount: request.amount } : {}) }),
      { result: request.result, amount: request.amount ?? null, note: request.note ?? null }
    )
    return this.card(taskId, admin)
  }

  private async record(
    taskId: string,
    kind: 'call' | 'visit',
    admin: AdminPrincipal,
    event: (w: LockedWarning) => ChainEvent,
    detail: { result: string; amount: number | null; note: string | null; escalate?: boolean }
  ): Promise<void> {
    const ref = await this.repository.taskWarning(taskId)
    if (!ref) throw new AppError(404, 'NOT_FOUND', '没有这个任务')
    await this.repository.transaction(async (trx) => {
      const w = await this.repository.lock(trx, ref.warningId)
      const holder = kind === 'call' ? w?.callClaimedBy : w?.visitClaimedBy
      const live = kind === 'call' ? w?.state.call?.status === 'claimed' : w?.state.visit?.status === 'claimed'
      if (!w || !live || holder !== admin.id) throw new AppError(409, 'TASK_TAKEN', '请先领取这个任务（或它已经结束）')
      const next = event(w)
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
        result: detail.result as never,
        amount: detail.amount,
        note: detail.note,
        at: this.clock()
      })
      const applied = await this.step(
        trx,
        w,
        next,
        { adminId: admin.id },
        { result: detail.result, amount: detail.amount, ...(detail.escalate ? { escalate: true } : {}) }
      )
      if (!applied) throw new AppError(409, 'TASK_TAKEN', '这个任务已经结束')
    })
  }

  async closeByStaff(warningId: string, outcome: WarningOutcome, admin: AdminPrincipal): Promise<WarningDetail> {
    await this.warningInScope(warningId, admin)
    await this.repository.transaction(async (trx) => {
      const w = await this.repository.lock(trx, warningId)
      if (!w || !(await this.step(trx, w, { type: 'closed_by_staff', outcome }, { adminId: admin.id }, { outcome }))) {
        throw new AppError(409, 'WARNING_CLOSED', '这条预警已经结束')
      }
    })
    return this.detail(warningId, admin)
  }

  // ---- the resident's side ----

  async mine(residentId: string): Promise<ResidentWarning[]> {
    const open = await this.board.openFor(residentId)
    const contacts = await this.board.contactsFor(open.map((w) => w.id))
    return open.map((w) => {
      const evidence = evidenceOf(w.evidence)
      const text = residentCardText(w.risk_type, evidence)
      // A visit outranks a call: the officer at the door is who the resident must be able to check.
      const c = contacts.filter((x) => x.warning_id === w.id).sort((a, b) => (a.kind === 'visit' ? -1 : 1) - (b.kind === 'visit' ? -1 : 1))[0]
      return {
        id: w.id,
        riskType: w.risk_type,
        riskLevel: w.risk_level,
        ...text,
        hotline: ANTI_FRAUD_HOTLINE,
        receivedAt: w.received_at.toISOString(),
        answer: w.answer,
        contact: c ? this.contact(c) : null
      }
    })
  }

  private contact(c: {
    kind: 'call' | 'visit'
    claimed_at: Date
    code_enc: string | null
    display_name: string | null
    police_number: string | null
    unit: string | null
  }): Contact {
    return {
      kind: c.kind,
      name: c.display_name ? `${[...c.display_name][0] ?? ''}${'*'.repeat(Math.max(1, [...c.display_name].length - 1))}` : '民警',
      unit: c.unit ?? '县公安局反诈中心',
      policeNumberTail: c.police_number ? c.police_number.slice(-3) : '',
      code: c.code_enc ? this.cipher.decrypt(c.code_enc) : '',
      since: c.claimed_at.toISOString()
    }
  }

  /**
   * 核验来电民警: is an officer with this police number contacting *this* resident now, with this code? The answer
   * never names anyone else; every check counts against the resident's limit, right or wrong.
   */
  async verifyCaller(residentId: string, request: VerifyCallerRequest): Promise<VerifyCallerResult> {
    const now = this.clock()
    if ((await this.board.callerChecksSince(residentId, new Date(now.getTime() - CALLER_CHECK_WINDOW_MS))) >= CALLER_CHECK_LIMIT) {
      throw new AppError(
        429,
        'CALLER_CHECK_LIMIT',
        `核验次数太多，请${CALLER_CHECK_WINDOW_MS / 60_000}分钟后再试；有疑问请挂断电话，拨打110或${ANTI_FRAUD_HOTLINE}`,
        undefined,
        CALLER_CHECK_WINDOW_MS / 1000
      )
    }
    const policeNumber = normalizePoliceNumber(request.policeNumber)
    const code = normalizeVerifyCode(request.code)
    const open = await this.board.openFor(residentId)
    const contacts = await this.board.contactsFor(open.map((w) => w.id))
    const match = contacts.find(
      (c) =>
        c.police_number !== null &&
        normalizePoliceNumber(c.police_number) === policeNumber &&
        c.code_enc !== null &&
        sameCode(this.cipher.decrypt(c.code_enc), code)
    )
    await this.board.recordCallerCheck(residentId, match !== undefined, now)
    if (!match) {
      return {
        genuine: false,
        contact: null,
        message: `没有查到这位民警正在联系您。请立即挂断，不要转账、不要说验证码；拨打110或${ANTI_FRAUD_HOTLINE}核实。`
      }
    }
    return { genuine: true, contact: this.contact(match), message: '核验通过：这位民警正在联系您，请放心配合。民警不会让您转账或提供验证码。' }
  }

  /** The red card and, for a guardian, the copies of their family's warnings (the same request on every tab). */
  async myWarnings(residentId: string): Promise<MyWarnings> {
    const [items, family] = await Promise.all([this.mine(residentId), this.familyAlerts(residentId)])
    return { items, family }
  }

  async familyAlerts(guardianId: string): Promise<FamilyAlert[]> {
    return (await this.board.openAlerts(guardianId)).map((a) => {
      const wardName = maskName(a.ward_name_enc ? this.cipher.decrypt(a.ward_name_enc) : null)
      return {
        id: a.id,
        wardName,
        relation: a.relation,
        riskType: a.risk_type,
        ...guardianCardText(wardName, a.relation, a.risk_type),
        // The number the guardian calls with one tap: the family member agreed to the link, and reaching them is the point.
        wardPhone: a.ward_phone_enc ? this.cipher.decrypt(a.ward_phone_enc) : null,
        hotline: ANTI_FRAUD_HOTLINE,
        receivedAt: a.received_at.toISOString(),
        answer: a.answer,
        answeredAt: a.answered_at ? a.answered_at.toISOString() : null
      }
    })
  }

  /** 已联系家人，没有转账: recorded once on the copy and on the warning's timeline, where the chain weighs it. */
  async answerAsGuardian(guardianId: string, alertId: string): Promise<MyWarnings> {
    const answered = await this.board.answerAlert(alertId, guardianId, this.clock())
    if (!answered) throw new AppError(404, 'NOT_FOUND', '这条提醒已经结束或不存在')
    if (answered.first) {
      await this.repository.transaction(async (trx) => {
        const w = await this.repository.lock(trx, answered.warningId)
        if (w) await this.step(trx, w, { type: 'guardian_confirmed' }, {}, { by: 'guardian', relation: answered.relation })
      })
    }
    return this.myWarnings(guardianId)
  }

  // ---- the console's side ----

  async list(query: WarningListQuery, admin: AdminPrincipal): Promise<WarningList> {
    const limit = query.limit ?? 50
    const full = query.phone ? mainlandMobile(query.phone) : null
    if (query.phone && !full && !/^\d{4,}$/.test(query.phone.replace(/[\s-]/g, ''))) {
      throw new AppError(400, 'VALIDATION_FAILED', '请输入完整的手机号，或它的后4位', 'phone')
    }
    const rows = await this.board.list(
      { ...query, limit, ...(query.phone && !full ? { phone: query.phone.replace(/[\s-]/g, '') } : {}) },
      admin.role === 'officer' ? admin.townshipCode : null,
      full ? this.cipher.blindIndex(full) : null
    )
    // Visits no station can see head the centre's board until someone places them (first page only).
    const unplaced = isCentre(admin) && !query.before ? (await this.board.unplacedVisits()).map(summary) : []
    const pages = (query.sort ?? 'newest') === 'newest'
    return { items: rows.map(summary), next: pages && rows.length === limit ? (rows[rows.length - 1] as WarningRow).id : null, unplaced }
  }

  async detail(id: string, admin: AdminPrincipal): Promise<WarningDetail> {
    const w = await this.warningInScope(id, admin)
    const [tasks, events] = await Promise.all([this.board.tasksOf(id), this.board.timeline(id)])
    const evidence = evidenceOf(w.evidence)
    return {
      warning: summary(w),
      evidence,
      note: w.note,
      lossAmount: w.loss_amount === null ? null : Number(w.loss_amount),
      tasks: tasks.map((t) => taskSummary(t, this.clock(), this.settings)),
      timeline: events.map((e): TimelineEvent => ({
        at: e.at.toISOString(),
        type: e.type,
        actor: e.by_resident ? '居民' : e.detail?.by === 'guardian' ? '家人' : (e.actor ?? '系统'),
        text: timelineText(e.type, e.detail)
      })),
      script: callScript(w.risk_type, evidence)
    }
  }

  async queue(kind: 'call' | 'visit', admin: AdminPrincipal): Promise<TaskCard[]> {
    const tasks = await this.board.queue(kind, admin.id, admin.role === 'officer' ? admin.townshipCode : null, this.clock())
    const ids = tasks.map((t) => t.warning_id)
    const [warnings, guardians] = await Promise.all([this.board.warnings(ids), this.board.guardiansOf(ids)])
    const villages = kind === 'visit' ? [...new Set([...warnings.values()].flatMap((w) => (w.village_code ? [w.village_code] : [])))] : []
    const [gridWorkers, persons, attempts, creators, related] = await Promise.all([
      this.board.gridWorkersOf(villages),
      this.board.peopleOf(ids),
      this.board.attemptsOf(ids),
      this.board.creatorsOf(ids),
      this.board.relatedTasks(kind, ids)
    ])
    return Promise.all(
      tasks.map((t) => this.cardOf(t, warnings.get(t.warning_id) as WarningRow, admin, { guardians, gridWorkers, persons, attempts, creators, related }))
    )
  }

  async card(taskId: string, admin: AdminPrincipal): Promise<TaskCard> {
    const task = await this.board.task(taskId)
    if (!task) throw new AppError(404, 'NOT_FOUND', '没有这个任务')
    const w = await this.warningInScope(task.warning_id, admin)
    const [guardians, gridWorkers, persons, attempts, creators, related] = await Promise.all([
      this.board.guardiansOf([w.id]),
      task.kind === 'visit' && w.village_code ? this.board.gridWorkersOf([w.village_code]) : [],
      this.board.peopleOf([w.id]),
      this.board.attemptsOf([w.id]),
      this.board.creatorsOf([w.id]),
      this.board.relatedTasks(task.kind, [w.id])
    ])
    return this.cardOf(task, w, admin, { guardians, gridWorkers, persons, attempts, creators, related })
  }

  /**
   * The person's full details (name, birth date, ID number, phone, place) for the one who needs them: recorded in the
   * audit log with who, when and why — never the values themselves.
   */
  async reveal(warningId: string, reason: string, admin: AdminPrincipal): Promise<RevealedPerson> {
    await this.warningInScope(warningId, admin)
    const why = reason.trim()
    if ([...why].length < 2) throw new AppError(400, 'VALIDATION_FAILED', '请写明查看完整信息的原因（至少2个字）', 'reason')
    const p = await this.board.personInFull(warningId)
    if (!p) throw new AppError(404, 'NOT_FOUND', '没有这条预警')
    const out: RevealedPerson = {
      phone: this.cipher.decrypt(p.phone_enc),
      name: p.name_enc ? this.cipher.decrypt(p.name_enc) : null,
      birthDate: p.birth_date,
      idNumber: p.id_number_enc ? this.cipher.decrypt(p.id_number_enc) : null,
      townshipName: p.township_name,
      villageName: p.village_name
    }
    await this.board.audit(admin.id, 'warnings.reveal', `warning:${warningId}`, {
      reason: why,
      fields: Object.entries(out)
        .filter(([, v]) => v !== null)
        .map(([k]) => k)
    })
    return out
  }

  private async cardOf(
    task: TaskRow,
    w: WarningRow,
    admin: AdminPrincipal,
    people: {
      guardians: Awaited<ReturnType<BoardRepository['guardiansOf']>>
      gridWorkers: Awaited<ReturnType<BoardRepository['gridWorkersOf']>>
      persons: Awaited<ReturnType<BoardRepository['peopleOf']>>
      attempts: Awaited<ReturnType<BoardRepository['attemptsOf']>>
      creators: Awaited<ReturnType<BoardRepository['creatorsOf']>>
      related: Awaited<ReturnType<BoardRepository['relatedTasks']>>
    }
  ): Promise<TaskCard> {
    const mine = task.status === 'claimed' && task.claimed_by === admin.id
    // The number in full only for the one who holds the task (they have to dial it or find the person).
    const phoneEnc = mine ? await this.board.phoneEnc(w.id) : null
    const evidence = evidenceOf(w.evidence)
    const guardians = people.guardians.filter((g) => g.warning_id === w.id)
    const name = (enc: string | null) => (enc ? this.cipher.decrypt(enc) : '')
    return {
      task: taskSummary(task, this.clock(), this.settings),
      warning: summary(w),
      evidence,
      phone: phoneEnc ? this.cipher.decrypt(phoneEnc) : null,
      code: mine && task.code_enc ? this.cipher.decrypt(task.code_enc) : null,
      script: callScript(w.risk_type, evidence),
      // The family's numbers: the second call when the resident does not answer (in full for the holder only).
      family: guardians.map((g) => {
        const phone = g.phone_enc ? this.cipher.decrypt(g.phone_enc) : ''
        return {
          name: maskName(g.name_enc ? this.cipher.decrypt(g.name_enc) : null),
          relation: g.relation ? FAMILY_RELATION_NAMES[RELATION_SEEN_FROM_OTHER_SIDE[g.relation]] : null,
          phone: mine ? phone : maskPhone(phone),
          answeredAt: g.answered_at ? g.answered_at.toISOString() : null
        }
      }),
      person: this.personOf(w, people.persons.get(w.id)),
      lossAmount: w.loss_amount === null ? null : Number(w.loss_amount),
      notes: notesOf(
        w,
        people.creators.get(w.id),
        people.attempts.filter((a) => a.warning_id === w.id)
      ),
      accompany:
        task.accompany_resident_id && task.accompany_requested_at
          ? {
              residentId: task.accompany_resident_id,
              name: name(task.accompany_name_enc),
              note: task.accompany_note,
              requestedAt: task.accompany_requested_at.toISOString()
            }
          : null,
      related: people.related
        .filter((r) => r.of_warning === w.id && (admin.role !== 'officer' || r.township_code === admin.townshipCode))
        .map((r) => ({ taskId: r.task_id, warningId: r.warning_id, riskType: r.risk_type, status: r.status })),
      gridWorkers:
        task.kind === 'visit'
          ? people.gridWorkers.filter((g) => g.village_code === w.village_code).map((g) => ({ residentId: g.resident_id, name: name(g.name_enc) }))
          : []
    }
  }

  /** Masked name and age: enough to greet the person and judge the risk; the full name is an audited reveal. */
  private personOf(w: WarningRow, p: { name_enc: string | null; birth_date: string | null } | undefined): TaskCard['person'] {
    if (!p) return { registered: w.resident_id !== null, name: null, age: null }
    const today = countyToday(this.clock())
    return { registered: true, name: p.name_enc ? maskName(this.cipher.decrypt(p.name_enc)) : null, age: p.birth_date ? ageOn(p.birth_date, today) : null }
  }

  private async warningInScope(id: string, admin: AdminPrincipal): Promise<WarningRow> {
    const w = await this.board.warning(id)
    // An officer sees their own township's warnings only; others look like they do not exist.
    if (!w || (admin.role === 'officer' && w.township_code !== admin.townshipCode)) throw new AppError(404, 'NOT_FOUND', '没有这条预警')
    return w
  }

  private async taskInScope(taskId: string, kind: 'call' | 'visit', admin: AdminPrincipal): Promise<void> {
    const task = await this.board.task(taskId)
    if (!task || task.kind !== kind) throw new AppError(404, 'NOT_FOUND', '没有这个任务')
    await this.warningInScope(task.warning_id, admin)
  }
}

/** The county centre: it places warnings, reassigns and force-releases tasks. */
function isCentre(admin: AdminPrincipal): boolean {
  return admin.role === 'admin' || admin.role === 'operator'
}

function sameCode(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** What the caller and the officer read before they call or knock: the warning's own words, then every attempt. */
function notesOf(
  w: WarningRow,
  creator: { created_at: Date; actor: string | null } | undefined,
  attempts: Awaited<ReturnType<BoardRepository['attemptsOf']>>
): TaskCard['notes'] {
  const notes: TaskCard['notes'] = []
  if (w.note) {
    notes.push({
      at: (creator?.created_at ?? w.received_at).toISOString(),
      actor: w.source === 'resident' ? '居民' : (creator?.actor ?? '系统'),
      text: w.source === 'resident' ? `居民求助：${w.note}` : `备注：${w.note}`
    })
  }
  for (const a of attempts) {
    const result = RESULT_NAMES[a.result as keyof typeof RESULT_NAMES] ?? a.result
    const amount = a.amount !== null && Number(a.amount) > 0 ? `，被骗 ${Number(a.amount).toLocaleString('zh-CN')} 元` : ''
    notes.push({ at: a.at.toISOString(), actor: a.actor, text: `${a.kind === 'call' ? '电话' : '上门'}：${result}${amount}${a.note ? `。${a.note}` : ''}` })
  }
  return notes
}

function evidenceOf(value: unknown): EvidenceText | null {
  if (!value || typeof value !== 'object') return null
  return value as EvidenceText
}

function summary(w: WarningRow): WarningSummary {
  return {
    id: w.id,
    source: w.source,
    ref: w.ref,
    phoneMasked: w.phone_masked,
    matched: w.resident_id !== null,
    townshipCode: w.township_code,
    townshipName: w.township_name,
    villageName: w.village_name,
    riskType: w.risk_type,
    riskLevel: w.risk_level,
    level: w.level,
    status: w.status,
    answer: w.answer,
    outcome: w.outcome,
    overdue: w.overdue,
    answers: w.answers.filter((a): a is ResidentAnswer => a !== null),
    unplacedVisit: w.unplaced_visit,
    receivedAt: w.received_at.toISOString(),
    closedAt: w.closed_at ? w.closed_at.toISOString() : null
  }
}

function taskSummary(t: TaskRow, now: Date, settings: ChainSettings): TaskSummary {
  const live = t.status === 'open' || t.status === 'claimed'
  const retryMs = settings.unreachableRetryMinutes * 60_000
  return {
    nextTryAt: live && t.next_try_at.getTime() > now.getTime() ? t.next_try_at.toISOString() : null,
    escalatesFrom: live && t.kind === 'call' && t.first_unreachable_at ? new Date(t.first_unreachable_at.getTime() + retryMs).toISOString() : null,
    id: t.id,
    kind: t.kind,
    status: t.status,
    dueAt: t.due_at.toISOString(),
    overdue: live && (t.overdue_at !== null || (t.attempts === 0 && t.due_at.getTime() < now.getTime())),
    claimedBy: t.claimed_by_name,
    claimedAt: t.claimed_at ? t.claimed_at.toISOString() : null,
    attempts: t.attempts
  }
}
