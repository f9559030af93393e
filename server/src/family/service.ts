import { randomInt } from 'node:crypto'
import type { FastifyBaseLogger } from 'fastify'
import type {
  Family,
  FamilyInvite,
  FamilyInvitePreview,
  FamilyInviteRequest,
  ProxyRegistrationRequest,
  ProxyRegistrationResult
} from '../../../types/family.ts'
import { FAMILY_INVITE_HOURS, FAMILY_LINK_LIMIT, RELATION_SEEN_FROM_OTHER_SIDE, type FamilyRelation } from '../../../types/family-wording.ts'
import type { CaptchaAnswer, SmsSendResult } from '../../../types/auth.ts'
import { mainlandMobile } from '../values/phone.ts'
import { AppError } from '../plugins/errors.ts'
import type { FieldCipher } from '../lib/field-cipher.ts'
import { maskName, maskPhone } from '../residents/mask.ts'
import type { ResidentService } from '../residents/service.ts'
import type { SmsCodeService } from '../sms/service.ts'
import type { FamilyRepository } from './repository.ts'

/** Unambiguous characters (no 0/O, 1/I/L): a code read over the phone or typed by an elder. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
const CODE_LENGTH = 8
/** Invitations a person may have waiting at once. */
const LIVE_INVITES_MAX = 5

/** Reads a typed code the forgiving way: spaces, dashes and case do not matter. */
export function normalizeInviteCode(input: string): string {
  return input.normalize('NFKC').toUpperCase().replace(/[\s-]/g, '')
}

/**
 * 家人守护: invitations (a code shown once, kept as a keyed hash), links either side may end, at most 8 links a
 * person, and 代登记 for an elder without a smartphone, consented by the SMS code sent to the elder's own phone.
 */
export class FamilyService {
  constructor(
    private readonly repository: FamilyRepository,
    private readonly residents: ResidentService,
    private readonly sms: SmsCodeService,
    private readonly cipher: FieldCipher,
    private readonly log: FastifyBaseLogger,
    private readonly clock: () => Date = () => new Date()
  ) {}

  async family(residentId: string): Promise<Family> {
    await this.registered(residentId)
    const now = this.clock()
    const links = await this.repository.links(residentId)
    const invites = await this.repository.liveInvites(residentId, now)
    const member = (l: (typeof links)[number], relation: FamilyRelation | null) => ({
      linkId: l.id,
      name: maskName(l.other_name_enc ? this.cipher.decrypt(l.other_name_enc) : null),
      relation,
      since: l.created_at.toISOString(),
      proxyRegistered: l.guardian_id === residentId && l.proxy
    })
    return {
      // `relation` is stored as what the ward is to the guardian; the ward sees the other side of it.
      guarding: links.filter((l) => l.guardian_id === residentId).map((l) => member(l, l.relation)),
      guardedBy: links.filter((l) => l.ward_id === residentId).map((l) => member(l, l.relation ? RELATION_SEEN_FROM_OTHER_SIDE[l.relation] : null)),
      invites: invites.map((i) => ({ id: i.id, role: i.inviter_role, relation: i.relation, expiresAt: i.expires_at.toISOString() })),
      limit: FAMILY_LINK_LIMIT,
      used: links.length
    }
  }

  async invite(residentId: string, request: FamilyInviteRequest): Promise<FamilyInvite> {
    const me = await this.registered(residentId)
    const now = this.clock()
    if ((await this.repository.links(residentId)).length >= FAMILY_LINK_LIMIT) throw limitError()
    if ((await this.repository.liveInvites(residentId, now)).length >= LIVE_INVITES_MAX) {
      throw new AppError(409, 'FAMILY_INVITES_TOO_MANY', `最多同时有${LIVE_INVITES_MAX}个未使用的邀请码，请先撤回不用的邀请`)
    }
    const expiresAt = new Date(now.getTime() + FAMILY_INVITE_HOURS * 3_600_000)
    for (;;) {
      const code = Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('')
      const id = await this.repository.createInvite({
        inviterId: residentId,
        role: request.role,
        relation: request.relation ?? null,
        codeHash: this.codeHash(code),
        now,
        expiresAt
      })
      if (id === null) continue
      const name = maskName(me.name)
      const shown = `${code.slice(0, 4)} ${code.slice(4)}`
      return {
        id,
        code: shown,
        role: request.role,
        relation: request.relation ?? null,
        expiresAt: expiresAt.toISOString(),
        shareText:
          request.role === 'guardian'
            ? `${name}想在“守好钱袋子”里守护您：您接到涉诈电话时，TA会马上收到提醒。打开小程序“我的—家人守护”，输入邀请码 ${shown}（${FAMILY_INVITE_HOURS}小时内有效）。`
            : `${name}请您在“守好钱袋子”里守护TA：TA接到涉诈电话时，您会马上收到提醒。打开小程序“我的—家人守护”，输入邀请码 ${shown}（${FAMILY_INVITE_HOURS}小时内有效）。`
      }
    }
  }

  async cancelInvite(residentId: string, inviteId: string): Promise<Family> {
    if (!(await this.repository.cancelInvite(inviteId, residentId, this.clock()))) throw new AppError(404, 'NOT_FOUND', '没有这个邀请，或它已经用过')
    return this.family(residentId)
  }

  /** Who invited, before accepting: the masked name and which side they take. */
  async preview(residentId: string, codeInput: string): Promise<FamilyInvitePreview> {
    await this.registered(residentId)
    const invite = await this.usableInvite(residentId, codeInput)
    return {
      inviterName: maskName(invite.inviter_name_enc ? this.cipher.decrypt(invite.inviter_name_enc) : null),
      inviterRole: invite.inviter_role,
      relation: invite.relation ? RELATION_SEEN_FROM_OTHER_SIDE[invite.relation] : null,
      expiresAt: invite.expires_at.toISOString()
    }
  }

  async accept(residentId: string, codeInput: string): Promise<Family> {
    await this.registered(residentId)
    const invite = await this.usableInvite(residentId, codeInput)
    // The invite's relation is what the acceptor is to the inviter; a link keeps what the ward is to the guardian.
    const link =
      invite.inviter_role === 'guardian'
        ? { guardianId: invite.inviter_id, wardId: residentId, relation: invite.relation }
        : { guardianId: residentId, wardId: invite.inviter_id, relation: invite.relation ? RELATION_SEEN_FROM_OTHER_SIDE[invite.relation] : null }
    const outcome = await this.repository.accept(invite.id, link, residentId, this.clock(), FAMILY_LINK_LIMIT)
    if (outcome === 'used') throw codeError()
    if (outcome === 'linked') throw new AppError(409, 'FAMILY_ALREADY_LINKED', '你们已经是守护关系了')
    if (outcome === 'limit') throw limitError()
    this.log.info({ residentId, inviteId: invite.id }, 'family link made')
    return this.family(residentId)
  }

  async removeLink(residentId: string, linkId: string): Promise<Family> {
    if (!(await this.repository.removeLink(linkId, residentId, this.clock()))) throw new AppError(404, 'NOT_FOUND', '没有这个守护关系，或已经解除')
    return this.family(residentId)
  }

  /** 代登记 step 1: the consent code goes to the elder's own phone (never to the helper). */
  async sendProxyCode(helperId: string, phoneInput: string, clientAddress: string, captcha?: CaptchaAnswer): Promise<SmsSendResult> {
    await this.registered(helperId)
    return this.sms.send(phoneInput, clientAddress, 'proxy_consent', captcha)
  }

  /**
   * 代登记 step 2: the code the elder read out is their consent. The account is registered, has no WeChat (warnings
   * reach the elder by SMS and through the helper), and the elder takes it over by signing in on their own phone.
   */
  async registerFor(helperId: string, request: ProxyRegistrationRequest): Promise<ProxyRegistrationResult> {
    await this.registered(helperId)
    const checked = await this.residents.checkRegistration(request)
    if (request.as === 'grid' && !(await this.repository.isGridWorker(helperId, request.villageCode))) {
      throw new AppError(403, 'NOT_GRID_WORKER', '您不是这个村（社区）的网格员，请以家人身份代登记', 'villageCode')
    }
    const phone = mainlandMobile(request.phone)
    if (!phone) throw new AppError(400, 'PHONE_NOT_SUPPORTED', '请输入11位中国大陆手机号', 'phone')
    await this.sms.verify(phone, request.code.trim(), 'proxy_consent')
    const result = await this.repository.registerFor(
      {
        phoneEnc: this.cipher.encrypt(phone),
        phoneIndex: this.cipher.blindIndex(phone),
        nameEnc: this.cipher.encrypt(checked.name),
        birthDate: checked.birthDate,
        townshipCode: request.townshipCode,
        villageCode: request.villageCode,
        consentVersion: request.consentVersion,
        via: request.as,
        helperId
      },
      request.as === 'family' ? { relation: request.relation ?? null } : null,
      this.clock(),
      FAMILY_LINK_LIMIT
    )
    if (result.outcome !== 'ok') {
      throw result.outcome === 'limit'
        ? limitError()
        : new AppError(409, 'PHONE_IN_USE', '这个手机号已经登记过了。如果是您的家人，请用“邀请家人”和TA建立守护关系', 'phone')
    }
    this.log.info({ helperId, residentId: result.residentId, via: request.as }, 'resident registered on their behalf')
    return { residentId: result.residentId, name: maskName(checked.name), phone: maskPhone(phone), linkId: result.linkId }
  }

  private async usableInvite(residentId: string, codeInput: string) {
    const code = normalizeInviteCode(codeInput)
    const invite = code.length === CODE_LENGTH ? await this.repository.inviteByCode(this.codeHash(code)) : null
    const now = this.clock()
    if (!invite || invite.accepted_at || invite.cancelled_at || invite.expires_at.getTime() <= now.getTime() || !invite.inviter_live) throw codeError()
    if (invite.inviter_id === residentId) throw new AppError(400, 'FAMILY_OWN_INVITE', '这是您自己发出的邀请码，请发给家人填写')
    return invite
  }

  private async registered(residentId: string): Promise<{ name: string }> {
    const person = await this.repository.person(residentId)
    if (!person) throw new AppError(401, 'UNAUTHORIZED', '请先登录')
    if (!person.registered_at || !person.name_enc) throw new AppError(409, 'NOT_REGISTERED', '请先完成登记，才能使用家人守护')
    return { name: this.cipher.decrypt(person.name_enc) }
  }

  private codeHash(code: string): string {
    return this.cipher.blindIndex(`family-invite:${code}`)
  }
}

function codeError(): AppError {
  return new AppError(400, 'FAMILY_CODE_INVALID', '邀请码不对或已失效，请核对后再输入，或请家人重新邀请', 'code')
}

function limitError(): AppError {
  return new AppError(409, 'FAMILY_LIMIT', `每人最多${FAMILY_LINK_LIMIT}个守护关系（守护别人和被守护合计），请先解除不需要的`)
}
