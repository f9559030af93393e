import type { AdminAppeal, AppealReceipt, AppealRequest } from '../../../types/reports.ts'
import { AppError } from '../plugins/errors.ts'
import type { FieldCipher } from '../lib/field-cipher.ts'
import type { AppealsRepository } from './appeals-repository.ts'
import { reportKey } from './service.ts'

/** Appeals: anyone may appeal a listed value; reviewers remove the entry or keep it, audited. */
export class AppealsService {
  constructor(
    private readonly repository: AppealsRepository,
    private readonly cipher: FieldCipher
  ) {}

  /** The entry is marked appealed and keeps matching until decided. */
  async submit({ kind, value, contact, reason }: AppealRequest): Promise<AppealReceipt> {
    const key = reportKey(kind, value)
    const id = key ? await this.repository.submit({ kind, value: key, contactEnc: this.cipher.encrypt(contact.trim()), reason: reason.trim() }) : undefined
    if (!id) throw new AppError(404, 'APPEAL_NOT_LISTED', '这个号码、网址或账户不在反诈黑名单上，无需申诉')
    return { id, status: 'open', message: '申诉已收到，县反诈中心会在5个工作日内核实并联系您' }
  }

  /** Open appeals, oldest first, with the contact decrypted for the reviewer. */
  async open(): Promise<AdminAppeal[]> {
    return (await this.repository.open()).map((a) => ({
      id: String(a.id),
      kind: a.kind,
      value: a.value,
      contact: this.cipher.decrypt(a.contact_enc),
      reason: a.reason,
      status: a.status,
      decision: a.decision,
      createdAt: a.created_at.toISOString()
    }))
  }

  async decide(id: string, decision: 'remove' | 'keep', note: string, adminId: string): Promise<{ status: 'removed' | 'kept' }> {
    const status = decision === 'remove' ? 'removed' : 'kept'
    if (!(await this.repository.decide(id, status, note, adminId))) throw new AppError(404, 'NOT_FOUND', '没有这条待处理的申诉')
    return { status }
  }
}
