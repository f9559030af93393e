import { timingSafeEqual } from 'node:crypto'
import type {
  Contact,
  MyWarnings,
  ResidentWarning,
  RevealedPerson,
  TaskCard,
  TaskHolder,
  TaskSummary,
  TimelineEvent,
  VerifyCallerRequest,
  VerifyCallerResult,
  WarningDetail,
  WarningList,
  WarningListQuery,
  WarningSummary
} from '../../../types/warnings.ts'
import type { ResidentAnswer } from '../../../types/warning-wording.ts'
import { RESULT_NAMES } from '../../../types/warning-wording.ts'
import { countyToday } from '../../../types/county-day.ts'
import { normalizePoliceNumber, normalizeVerifyCode } from '../../../types/police-number.ts'
import type { FamilyAlert } from '../../../types/family.ts'
import { FAMILY_RELATION_NAMES, RELATION_SEEN_FROM_OTHER_SIDE } from '../../../types/family-wording.ts'
import { mainlandMobile } from '../values/phone.ts'
import { AppError } from '../plugins/errors.ts'
import type { FieldCipher } from '../lib/field-cipher.ts'
import { maskName, maskPhone } from '../residents/mask.ts'
import { ageOn } from '../residents/id-number.ts'
import type { AdminPrincipal } from '../admin/service.ts'
import type { ChainSettings } from './chain.ts'
import type { BoardRepository, ContactRow, TaskRow, WarningRow } from './board-repository.ts'
import { ANTI_FRAUD_HOTLINE, callScript, guardianCardText, residentCardText, timelineText, type EvidenceText } from './text.ts'

/** Caller checks a resident may make per CALLER_CHECK_WINDOW_MS (guessing a 6-digit code stays hopeless). */
export const CALLER_CHECK_LIMIT = 5
export const CALLER_CHECK_WINDOW_MS = 15 * 60_000

/**
 * What the chain looks like to each who reads it: the resident's red cards and 核验来电民警, a guardian's copies, the
 * console's board, queues, task cards and timelines. Reads only — except that a caller check is counted.
 */
export class WarningReads {
  constructor(
    private readonly board: BoardRepository,
    private readonly cipher: FieldCipher,
    private readonly settings: ChainSettings,
    private readonly clock: () => Date = () => new Date()
  ) {}

  // ---- the resident's side ----

  /** The resident's red cards: their open warnings, with who is contacting them. */
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

  contact(c: Omit<ContactRow, 'warning_id'>): Contact {
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

  /** Who a task may be handed to: active staff with a police number, of the centre (calls) or the warning's station (visits). */
  async holders(taskId: string, kind: 'call' | 'visit', admin: AdminPrincipal): Promise<TaskHolder[]> {
    await this.taskInScope(taskId, kind, admin)
    const task = await this.board.task(taskId)
    const w = task ? await this.board.warning(task.warning_id) : null
    const staff = await this.board.staffWhoMayHold(kind, w?.township_code ?? null)
    return staff.map((a) => ({ id: a.id, name: a.name, role: a.role, unit: a.unit, holding: a.holding }))
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

  /** The warning, if this staff member may see it (404 otherwise). */
  async warningInScope(id: string, admin: AdminPrincipal): Promise<WarningRow> {
    const w = await this.board.warning(id)
    // An officer sees their own township's warnings only; others look like they do not exist.
    if (!w || (admin.role === 'officer' && w.township_code !== admin.townshipCode)) throw new AppError(404, 'NOT_FOUND', '没有这条预警')
    return w
  }

  /** The task of this kind, if this staff member may see its warning (404 otherwise). */
  async taskInScope(taskId: string, kind: 'call' | 'visit', admin: AdminPrincipal): Promise<void> {
    const task = await this.board.task(taskId)
    if (!task || task.kind !== kind) throw new AppError(404, 'NOT_FOUND', '没有这个任务')
    await this.warningInScope(task.warning_id, admin)
  }
}

/** The county centre: it places warnings, reassigns and force-releases tasks. */
export function isCentre(admin: AdminPrincipal): boolean {
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
