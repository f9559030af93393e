import type { OfficialSender, OfficialSenderInput } from '../../../types/senders.ts'
import type { ListsRepository } from '../lists/repository.ts'
import { AppError } from '../plugins/errors.ts'

type Row = Awaited<ReturnType<ListsRepository['officialSenders']>>[number]

const toSender = (r: Row): OfficialSender => ({
  id: r.id,
  name: r.name,
  category: r.category as OfficialSender['category'],
  aliases: r.aliases,
  domains: r.domains,
  numbers: r.numbers,
  tokens: r.tokens,
  updatedAt: r.updated_at.toISOString()
})

/** Trimmed, lower-cased where it is ASCII, each once, in the order given. */
function clean(values: readonly string[], lower: boolean): string[] {
  return [...new Set(values.map((v) => (lower ? v.trim().toLowerCase() : v.trim())).filter((v) => v !== ''))]
}

/**
 * The registry of official senders as the centre edits it: whose domains and service lines are whose, and the names
 * messages use. Every change is audited and reaches every process's check through the lists' NOTIFY.
 */
export class OfficialSendersService {
  constructor(
    private readonly repository: ListsRepository,
    private readonly changed: () => Promise<void>
  ) {}

  async list(): Promise<OfficialSender[]> {
    return (await this.repository.officialSenders()).map(toSender)
  }

  async put(adminId: string, id: string, input: OfficialSenderInput): Promise<OfficialSender> {
    const row = {
      id,
      name: input.name.trim(),
      category: input.category,
      aliases: clean(input.aliases, false),
      domains: clean(input.domains, true).map((d) => d.replace(/^www\./, '')),
      numbers: clean(input.numbers, false),
      tokens: clean(input.tokens, true)
    }
    // A sender must be recognisable and must own something a message could carry.
    if (row.aliases.some((a) => a.length < 2)) throw new AppError(400, 'SENDER_INVALID', '每个名称至少2个字')
    if (row.domains.length === 0 && row.numbers.length === 0) throw new AppError(400, 'SENDER_INVALID', '请至少填写一个官方网址或一个官方电话')
    // A very short or common token would make ordinary domains look like impersonations.
    if (row.tokens.some((t) => t.length < 2 || ['www', 'com', 'net', 'cn', 'gov', 'app', 'vip'].includes(t))) {
      throw new AppError(400, 'SENDER_INVALID', '网址关键字太常见（如 www、com、gov），会把正常网址误判为冒充：请换一个')
    }
    await this.repository.upsertOfficialSender(row)
    await this.repository.audit(adminId, 'sender.put', `sender:${id}`, row)
    await this.changed()
    const saved = (await this.repository.officialSenders()).find((r) => r.id === id)
    return toSender(saved as Row)
  }

  async remove(adminId: string, id: string): Promise<void> {
    if (!(await this.repository.deleteOfficialSender(id))) throw new AppError(404, 'NOT_FOUND', '没有这个发送方')
    await this.repository.audit(adminId, 'sender.delete', `sender:${id}`, null)
    await this.changed()
  }
}
