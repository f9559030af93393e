import { randomBytes } from 'node:crypto'
import type { FastifyBaseLogger } from 'fastify'
import type {
  AccompanyRequest,
  AppointGridWorkerRequest,
  ConsoleSession,
  GridWorker,
  GridWorkbench,
  NewPublicitySession,
  PhotoReceipt,
  PublicityFigures,
  PublicityFiguresQuery,
  PublicitySession
} from '../../../types/grid.ts'
import type { AdminPrincipal } from '../admin/service.ts'
import type { AreasRepository } from '../areas/repository.ts'
import { mainlandMobile } from '../values/phone.ts'
import { coverage } from '../coverage/service.ts'
import type { CoverageRepository } from '../coverage/repository.ts'
import { AppError } from '../plugins/errors.ts'
import { stripImageMetadata } from '../media/image-metadata.ts'
import type { FieldCipher } from '../lib/field-cipher.ts'
import { isRealDate } from '../residents/id-number.ts'
import { maskPhone } from '../residents/mask.ts'
import { countyToday } from '../../../types/county-day.ts'
import type { GridRepository } from './repository.ts'

const DAY_MS = 86_400_000
/** A session is logged within a year of being held. */
const SESSION_MAX_AGE_DAYS = 366

/** 网格员: appointed by the centre (audited, revocable); their workbench in the app; the publicity figures. */
export class GridService {
  constructor(
    private readonly repository: GridRepository,
    private readonly areas: AreasRepository,
    private readonly counts: CoverageRepository,
    private readonly cipher: FieldCipher,
    private readonly log: FastifyBaseLogger,
    private readonly clock: () => Date = () => new Date()
  ) {}

  // ---- the console ----

  async list(admin: AdminPrincipal): Promise<GridWorker[]> {
    const rows = await this.repository.list(admin.role === 'officer' ? admin.townshipCode : null)
    return rows.map((r) => ({
      id: r.id,
      residentId: r.resident_id,
      name: r.name_enc ? this.cipher.decrypt(r.name_enc) : '',
      phone: r.phone_enc ? maskPhone(this.cipher.decrypt(r.phone_enc)) : '',
      township: { code: r.township_code, name: r.township_name },
      village: { code: r.village_code, name: r.village_name },
      appointedAt: r.appointed_at.toISOString(),
      appointedBy: r.appointed_by,
      sessions: r.sessions,
      peopleReached: r.people
    }))
  }

  async appoint(request: AppointGridWorkerRequest, admin: AdminPrincipal): Promise<GridWorker[]> {
    const phone = mainlandMobile(request.phone)
    if (!phone) throw new AppError(400, 'PHONE_NOT_SUPPORTED', '请输入11位中国大陆手机号', 'phone')
    const resident = await this.repository.registeredByPhoneIndex(this.cipher.blindIndex(phone))
    if (!resident) throw new AppError(404, 'RESIDENT_NOT_FOUND', '没有用这个手机号登记的居民：请对方先在小程序里完成登记', 'phone')
    const villages = await this.repository.villages(request.villageCodes)
    if (villages.size !== request.villageCodes.length) throw new AppError(400, 'AREA_INVALID', '有村（社区）代码不存在，请从列表中选择', 'villageCodes')
    await this.repository.appoint(resident.id, request.villageCodes, admin.id, this.clock())
    this.log.info({ residentId: resident.id, villages: request.villageCodes.length, admin: admin.id }, 'grid worker appointed')
    return (await this.list(admin)).filter((g) => g.residentId === resident.id)
  }

  async revoke(id: string, admin: AdminPrincipal): Promise<void> {
    if (!(await this.repository.revoke(id, admin.id, this.clock()))) throw new AppError(404, 'NOT_FOUND', '没有这个网格员任命，或已经撤销')
  }

  /** The period asked for (default: this year so far, China days) and the township an officer is limited to. */
  private period(query: PublicityFiguresQuery, admin: AdminPrincipal): { from: string; to: string; township: string | null } {
    const to = query.to ?? countyToday(this.clock())
    const from = query.from ?? `${to.slice(0, 4)}-01-01`
    if (!isRealDate(from) || !isRealDate(to) || from < '2000-01-01' || from > to) throw new AppError(400, 'VALIDATION_FAILED', '请选择有效的起止日期', 'from')
    return { from, to, township: admin.role === 'officer' ? admin.townshipCode : (query.townshipCode ?? null) }
  }

  async figures(query: PublicityFiguresQuery, admin: AdminPrincipal): Promise<PublicityFigures> {
    const { from, to, township } = this.period(query, admin)
    const { byKind, byTownshipMonth } = await this.repository.figures(from, to, township)
    return {
      from,
      to,
      totals: { sessions: byKind.reduce((s, k) => s + k.sessions, 0), people: byKind.reduce((s, k) => s + k.people, 0) },
      byKind,
      byTownshipMonth: byTownshipMonth.map((r) => ({
        townshipCode: r.township_code,
        townshipName: r.township_name,
        month: r.month,
        sessions: r.sessions,
        people: r.people
      }))
    }
  }

  async consoleSessions(query: PublicityFiguresQuery, admin: AdminPrincipal): Promise<ConsoleSession[]> {
    const { from, to, township } = this.period(query, admin)
    return (await this.repository.consoleSessions(from, to, township)).map((s) => ({
      id: s.id,
      kind: s.kind,
      heldOn: s.held_on,
      township: { code: s.township_code, name: s.township_name },
      village: { code: s.village_code, name: s.village_name },
      people: s.people,
      note: s.note,
      gridWorker: s.name_enc ? this.cipher.decrypt(s.name_enc) : '',
      photos: s.photos
    }))
  }

  async photo(id: string, admin: AdminPrincipal): Promise<{ contentType: string; bytes: Buffer }> {
    const row = await this.repository.photo(id)
    if (!row || (admin.role === 'officer' && row.township_code !== admin.townshipCode)) throw new AppError(404, 'NOT_FOUND', '没有这张照片')
    return { contentType: row.content_type, bytes: row.bytes }
  }

  /** 请网格员陪同: the station names a grid worker of the visit's village (they see the village and the note only). */
  async accompany(taskId: string, request: AccompanyRequest, admin: AdminPrincipal): Promise<void> {
    const outcome = await this.repository.accompany(
      taskId,
      request.residentId,
      request.note?.trim() || null,
      this.clock(),
      admin.role === 'officer' ? admin.townshipCode : null
    )
    if (outcome === 'not-found') throw new AppError(404, 'NOT_FOUND', '没有这个上门任务')
    if (outcome === 'finished') throw new AppError(409, 'TASK_TAKEN', '这个上门任务已经结束')
    if (outcome === 'not-grid-worker') throw new AppError(400, 'NOT_GRID_WORKER', '这位不是该村（社区）的网格员', 'residentId')
  }

  // ---- the workbench ----

  async workbench(residentId: string): Promise<GridWorkbench> {
    const villageCodes = await this.mine(residentId)
    const now = this.clock()
    const county = await coverage(this.areas, this.counts, null, now)
    const proxy = await this.repository.proxyCounts(villageCodes)
    const villages = county.townships.flatMap((t) =>
      t.villages
        .filter((v) => villageCodes.includes(v.code))
        .map((v) => ({
          code: v.code,
          name: v.name,
          townshipName: t.name,
          registered16to60: v.registered16to60,
          population16to60: v.population16to60,
          ratio: v.ratio,
          proxyRegistered: proxy.get(v.code) ?? 0
        }))
    )
    const visits = (await this.repository.visits(residentId)).map((v) => ({
      id: v.id,
      village: v.village_name ?? '',
      dueAt: v.due_at.toISOString(),
      done: v.status !== 'open' && v.status !== 'claimed',
      note: v.accompany_note,
      requestedAt: v.accompany_requested_at.toISOString()
    }))
    return { asOf: county.asOf, villages, visits, sessions: await this.sessions(residentId) }
  }

  async uploadPhoto(residentId: string, bytes: Buffer): Promise<PhotoReceipt> {
    await this.mine(residentId)
    const stripped = stripImageMetadata(bytes)
    if (!stripped.ok) throw new AppError(400, 'SCREENSHOT_INVALID', stripped.reason)
    const id = randomBytes(16).toString('base64url')
    await this.repository.addPhoto({ id, residentId, contentType: stripped.contentType, bytes: stripped.bytes }, this.clock())
    return { id, contentType: stripped.contentType, size: stripped.bytes.length }
  }

  async addSession(residentId: string, request: NewPublicitySession): Promise<PublicitySession[]> {
    const villageCodes = await this.mine(residentId)
    if (!villageCodes.includes(request.villageCode)) throw new AppError(400, 'AREA_INVALID', '只能登记您负责的村（社区）的宣传活动', 'villageCode')
    const today = countyToday(this.clock())
    const oldest = countyToday(new Date(this.clock().getTime() - SESSION_MAX_AGE_DAYS * DAY_MS))
    if (!isRealDate(request.heldOn) || request.heldOn > today || request.heldOn < oldest) {
      throw new AppError(400, 'VALIDATION_FAILED', '活动日期应在一年以内，且不能晚于今天', 'heldOn')
    }
    const village = (await this.repository.villages([request.villageCode])).get(request.villageCode)
    const id = await this.repository.addSession(
      {
        residentId,
        kind: request.kind,
        heldOn: request.heldOn,
        townshipCode: village?.township_code ?? '',
        villageCode: request.villageCode,
        people: request.people,
        note: request.note?.trim() || null,
        photos: request.photos ?? []
      },
      this.clock()
    )
    if (id === null) throw new AppError(400, 'VALIDATION_FAILED', '有照片不是您上传的或已经用过，请重新上传', 'photos')
    return this.sessions(residentId)
  }

  private async sessions(residentId: string): Promise<PublicitySession[]> {
    return (await this.repository.sessions(residentId)).map((s) => ({
      id: s.id,
      kind: s.kind,
      heldOn: s.held_on,
      village: { code: s.village_code, name: s.village_name },
      people: s.people,
      note: s.note,
      photos: s.photos
    }))
  }

  /** The caller's villages; a resident who is no grid worker (or no longer) is refused. */
  async mine(residentId: string): Promise<string[]> {
    const villages = await this.repository.villagesOf(residentId)
    if (villages.length === 0) throw new AppError(403, 'NOT_GRID_WORKER', '您还不是网格员。网格员由县反诈中心任命')
    return villages
  }
}
