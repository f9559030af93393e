import type { FastifyBaseLogger } from 'fastify'
import type { Me, MeExport, RegisterRequest, UpdateMeRequest } from '../../../types/me.ts'
import { MIN_REGISTRATION_AGE, PRIVACY_POLICY_VERSION } from '../../../types/privacy.ts'
import { mainlandMobile } from '../values/phone.ts'
import type { HistoryRepository } from '../history/repository.ts'
import { AppError } from '../plugins/errors.ts'
import type { WeChatClient } from '../wechat/client.ts'
import { WECHAT_ERRORS, WeChatError } from '../wechat/errors.ts'
import type { FieldCipher } from '../lib/field-cipher.ts'
import { ageOn, isRealDate, maskIdNumber, validateIdNumber, type IdNumberProblem } from './id-number.ts'
import { maskName, maskPhone } from './mask.ts'
import type { ResidentsRepository } from './repository.ts'
import { countyToday } from '../../../types/county-day.ts'

const ID_PROBLEMS: Record<IdNumberProblem, string> = {
  FORMAT: '身份证号应为18位，最后一位可以是X',
  REGION: '身份证号开头的地区码不正确',
  BIRTH_DATE: '身份证号里的出生日期不正确',
  CHECKSUM: '身份证号校验不通过，请逐位核对',
  BIRTH_DATE_MISMATCH: '身份证号里的出生日期与填写的出生日期不一致'
}

/** 2–20 characters: Chinese characters, letters, the middle dot of minority names (买买提·艾力) and spaces. */
export function normalizeName(input: string): string | null {
  const name = input
    .normalize('NFKC')
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/[.•・]/g, '·')
  const length = [...name].length
  if (length < 2 || length > 20) return null
  return /^[\p{Script=Han}A-Za-z·][\p{Script=Han}A-Za-z· ]*$/u.test(name) ? name : null
}

export class ResidentService {
  constructor(
    private readonly repository: ResidentsRepository,
    private readonly history: HistoryRepository,
    private readonly wechat: WeChatClient,
    private readonly cipher: FieldCipher,
    private readonly log: FastifyBaseLogger,
    private readonly now: () => Date = () => new Date(),
    /** Told of every erase (the auth hook's cache of live residents forgets the id at once). */
    private readonly onErased: (residentId: string) => void = () => {}
  ) {}

  /** Verifies the phone behind a getPhoneNumber code with WeChat and binds it to the resident, encrypted. */
  async verifyWeChatPhone(residentId: string, code: string): Promise<Me> {
    let phone
    try {
      phone = await this.wechat.getPhoneNumber(code)
    } catch (err) {
      if (err instanceof WeChatError && (err.errcode === WECHAT_ERRORS.INVALID_CODE || err.errcode === WECHAT_ERRORS.CODE_USED)) {
        throw new AppError(400, 'PHONE_CODE_INVALID', '获取手机号失败，请再点一次“微信手机号快捷登记”')
      }
      if (err instanceof WeChatError) {
        this.log.warn({ errcode: err.errcode, kind: err.kind }, 'WeChat phone lookup failed')
        throw new AppError(503, 'WECHAT_BUSY', '微信服务繁忙，请稍后再试')
      }
      throw err
    }
    const pure = phone.countryCode === '86' ? mainlandMobile(phone.purePhoneNumber) : null
    if (!pure) throw new AppError(400, 'PHONE_NOT_SUPPORTED', '目前只支持中国大陆手机号登记')
    const index = this.cipher.blindIndex(pure)
    const result = await this.repository.setPhone(residentId, { enc: this.cipher.encrypt(pure), index })
    if (result === 'in-use') {
      // An elder whom family or a grid worker registered (代登记) opens the mini-program on their own phone: the
      // account is theirs. This WeChat account moves onto it; the app signs in again to get its session.
      const taken = await this.repository.takeOver(residentId, index, this.now())
      if (!taken) throw new AppError(409, 'PHONE_IN_USE', '这个手机号已被其他账号登记。如有疑问请联系县反诈中心')
      this.onErased(residentId)
      this.log.info({ residentId: taken }, 'account registered on their behalf taken over in the mini-program')
      return { ...(await this.me(taken)), takenOver: true }
    }
    return this.me(residentId)
  }

  async me(residentId: string): Promise<Me> {
    const row = await this.row(residentId)
    const registered = row.registered_at !== null
    return {
      residentId,
      phone: row.phone_enc ? maskPhone(this.cipher.decrypt(row.phone_enc)) : null,
      registered,
      ...(row.grid_worker ? { gridWorker: true } : {}),
      profile:
        registered && row.name_enc && row.birth_date && row.township_code && row.village_code
          ? {
              name: this.cipher.decrypt(row.name_enc),
              birthDate: row.birth_date,
              township: { code: row.township_code, name: row.township_name ?? '' },
              village: { code: row.village_code, name: row.village_name ?? '' },
              idNumberMasked: row.id_number_masked,
              registeredAt: (row.registered_at as Date).toISOString()
            }
          : null
    }
  }

  async register(residentId: string, input: RegisterRequest): Promise<Me> {
    const row = await this.row(residentId)
    if (row.registered_at) throw new AppError(409, 'ALREADY_REGISTERED', '您已经登记过了，可以在“我的”里修改信息')
    if (!row.phone_enc) throw new AppError(400, 'PHONE_REQUIRED', '请先验证手机号', 'phone')
    if (input.consentVersion !== PRIVACY_POLICY_VERSION) {
      throw new AppError(400, 'CONSENT_REQUIRED', '隐私政策已更新，请重新阅读并同意后再登记', 'consentVersion')
    }
    const name = this.name(input.name)
    const birthDate = this.birthDate(input.birthDate)
    await this.area(input.townshipCode, input.villageCode)
    let idNumber = null
    if (input.idNumber !== undefined && input.idNumber.trim() !== '') {
      const checked = validateIdNumber(input.idNumber, birthDate)
      if (!checked.ok) throw new AppError(400, 'ID_NUMBER_INVALID', ID_PROBLEMS[checked.problem], 'idNumber')
      idNumber = { enc: this.cipher.encrypt(checked.idNumber), masked: maskIdNumber(checked.idNumber), index: this.cipher.blindIndex(`id:${checked.idNumber}`) }
    }
    const result = await this.repository.register(
      residentId,
      {
        nameEnc: this.cipher.encrypt(name),
        birthDate,
        townshipCode: input.townshipCode,
        villageCode: input.villageCode,
        consentVersion: input.consentVersion,
        idNumber
      },
      this.now()
    )
    if (result === 'registered') throw new AppError(409, 'ALREADY_REGISTERED', '您已经登记过了，可以在“我的”里修改信息')
    if (result === 'id-in-use') throw new AppError(409, 'ID_NUMBER_IN_USE', '这个身份证号已经登记过。如有疑问请联系县反诈中心', 'idNumber')
    return this.me(residentId)
  }

  /**
   * Checks a registration's name, birth date (16+) and area the way registration does, for a registration made
   * on someone's behalf (代登记); returns the normalised name.
   */
  async checkRegistration(input: {
    name: string
    birthDate: string
    townshipCode: string
    villageCode: string
    consentVersion: string
  }): Promise<{ name: string; birthDate: string }> {
    if (input.consentVersion !== PRIVACY_POLICY_VERSION) {
      throw new AppError(400, 'CONSENT_REQUIRED', '隐私政策已更新，请重新读给对方听并取得同意后再登记', 'consentVersion')
    }
    const name = this.name(input.name)
    const birthDate = this.birthDate(input.birthDate)
    await this.area(input.townshipCode, input.villageCode)
    return { name, birthDate }
  }

  async update(residentId: string, input: UpdateMeRequest): Promise<Me> {
    const row = await this.row(residentId)
    if (!row.registered_at) throw new AppError(409, 'NOT_REGISTERED', '请先完成登记')
    if (input.name === undefined && input.townshipCode === undefined && input.villageCode === undefined) {
      throw new AppError(400, 'VALIDATION_FAILED', '可以修改的是姓名、乡镇和村（社区）')
    }
    const nameEnc = input.name !== undefined ? this.cipher.encrypt(this.name(input.name)) : undefined
    if (input.townshipCode !== undefined || input.villageCode !== undefined) {
      // A new township needs its village; a new village must lie in the (current or new) township.
      if (input.villageCode === undefined) throw new AppError(400, 'AREA_INVALID', '请选择所在的村（社区）', 'villageCode')
      await this.area(input.townshipCode ?? (row.township_code as string), input.villageCode)
    }
    await this.repository.update(residentId, {
      nameEnc,
      townshipCode: input.townshipCode ?? (input.villageCode !== undefined ? (row.township_code as string) : undefined),
      villageCode: input.villageCode
    })
    return this.me(residentId)
  }

  /** Everything held about the resident, decrypted for them alone; identifiers stay masked as everywhere else. */
  async export(residentId: string): Promise<MeExport> {
    const row = await this.row(residentId)
    const me = await this.me(residentId)
    const now = this.now()
    const checks = await this.history.recent(residentId, 1000)
    const sessions = await this.repository.activeSessions(residentId, now)
    const links = await this.repository.familyLinks(residentId)
    const linked = (guarding: boolean) =>
      links
        .filter((l) => l.guarding === guarding)
        .map((l) => ({ name: maskName(l.name_enc ? this.cipher.decrypt(l.name_enc) : null), since: l.created_at.toISOString() }))
    return {
      exportedAt: now.toISOString(),
      account: {
        residentId,
        createdAt: row.created_at.toISOString(),
        lastLoginAt: row.last_login_at.toISOString(),
        wechatLinked: row.openid !== null,
        phoneVerifiedAt: row.phone_verified_at ? row.phone_verified_at.toISOString() : null
      },
      profile: me.profile,
      phone: me.phone,
      consent: row.consent_version && row.consent_at ? { version: row.consent_version, at: row.consent_at.toISOString() } : null,
      checks: checks.map((c) => ({ kind: c.kind, input: c.input, verdict: c.verdict, checkedAt: c.checked_at.toISOString() })),
      sessions: sessions.map((s) => ({ createdAt: s.created_at.toISOString(), expiresAt: s.expires_at.toISOString() })),
      family: { registeredVia: row.registered_via, guarding: linked(true), guardedBy: linked(false) },
      notes: [
        '姓名、手机号、身份证号加密保存；手机号和身份证号在任何地方（包括本导出）都只显示部分号码。',
        '出生日期、乡镇和村（社区）用于统计全县16至60周岁群众的覆盖情况。',
        '家人守护：守护您的家人只能看到您姓名的第一个字和预警提醒，看不到您的查询记录、举报和其他个人信息。',
        '注销账号后，以上个人信息会被删除，守护关系随之解除，只保留不含个人信息的统计数字。'
      ]
    }
  }

  async erase(residentId: string): Promise<void> {
    if (!(await this.repository.erase(residentId, this.now()))) throw new AppError(401, 'UNAUTHORIZED', '请先登录')
    this.onErased(residentId)
    this.log.info({ residentId }, 'resident account erased')
  }

  private async row(residentId: string) {
    const row = await this.repository.find(residentId)
    // A token for an erased account is as good as none.
    if (!row) throw new AppError(401, 'UNAUTHORIZED', '请先登录')
    return row
  }

  private name(input: string): string {
    const name = normalizeName(input)
    if (!name) throw new AppError(400, 'NAME_INVALID', '姓名应为2到20个汉字或字母', 'name')
    return name
  }

  private birthDate(input: string): string {
    const today = countyToday(this.now())
    if (!isRealDate(input) || input < '1900-01-01' || input > today) throw new AppError(400, 'BIRTH_DATE_INVALID', '请选择正确的出生日期', 'birthDate')
    if (ageOn(input, today) < MIN_REGISTRATION_AGE) {
      throw new AppError(400, 'AGE_UNDER_16', '未满16周岁暂不能登记。查号码、学反诈不用登记，可以直接使用', 'birthDate')
    }
    return input
  }

  private async area(townshipCode: string, villageCode: string): Promise<void> {
    if (!(await this.repository.villageInTownship(townshipCode, villageCode))) {
      throw new AppError(400, 'AREA_INVALID', '请从列表中选择所在的乡镇和村（社区）', 'villageCode')
    }
  }
}
