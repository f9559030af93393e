import { randomUUID } from 'node:crypto'
import { FormatRegistry } from '@sinclair/typebox'
import { TypeCompiler } from '@sinclair/typebox/compiler'
import { WarningInput, type FeedResult, type ManualWarningRequest } from '../../../types/warnings.ts'
import type { WarningSource } from '../../../types/warning-wording.ts'
import { mainlandMobile } from '../values/phone.ts'
import { AppError } from '../plugins/errors.ts'
import type { FieldCipher } from '../lib/field-cipher.ts'
import { maskPhone } from '../residents/mask.ts'
import type { AdminPrincipal } from '../admin/service.ts'
import { transition, type ChainSettings, type ChainState } from './chain.ts'
import { ArrivalEffects } from './effects.ts'
import type { ArrivingWarning, WarningsRepository } from './repository.ts'
import type { BoardRepository } from './board-repository.ts'

if (!FormatRegistry.Has('date-time'))
  FormatRegistry.Set('date-time', (v) => /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/i.test(v) && !Number.isNaN(Date.parse(v)))
const checkInput = TypeCompiler.Compile(WarningInput)

/** Most lines one feed call takes. */
export const FEED_MAX_LINES = 10_000
/** Lines stored per statement while the next slice is checked and encrypted. */
const INGEST_SLICE = 2_000

export type By = { adminId?: string | null; resident?: boolean }

/** A feed line that is not JSON (parseJsonLines); the intake says so by its number. */
export const NOT_JSON: unique symbol = Symbol('not JSON')
// receivedAt: a few minutes ahead is clock skew; beyond, a wrong clock or time zone. Older than this cannot be stopped.
const RECEIVED_AT_SKEW_MS = 5 * 60_000
const RECEIVED_AT_MAX_AGE_MS = 30 * 86_400_000

/**
 * Where warnings come in: the city's and banks' feeds, the console's 新增预警, a resident's 「我需要帮助」 and confirmed
 * reports with a loss. Every way in is one `ingest`.
 */
export class WarningIntake {
  constructor(
    private readonly repository: WarningsRepository,
    private readonly board: BoardRepository,
    private readonly cipher: FieldCipher,
    private readonly settings: ChainSettings,
    private readonly clock: () => Date = () => new Date(),
    /** Tells the worker there are level-1 messages to send. */
    private readonly wake: () => void = () => {}
  ) {}

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
        // The arrival is a transition like any other: its effects through the interpreter, into the batch's statement.
        const arrival = new ArrivalEffects(transition(fresh, { type: 'received' }, now, this.settings).effects)
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
          level: arrival.level,
          sendLevel1: arrival.sendsLevel1,
          timers: arrival.timers,
          callDueAt: arrival.callDueAt
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

  /** The console's 新增预警: one warning typed in by staff; its id. */
  async addByHand(request: ManualWarningRequest, admin: AdminPrincipal): Promise<string> {
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
    return line.id as string
  }

  /** 「我需要帮助」: a warning about the resident themselves, telephoned at once. */
  async askForHelp(residentId: string, what: string | undefined): Promise<void> {
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
}
