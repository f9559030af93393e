import type { CheckMessageResponse } from '../../../types/check.ts'
import type { PhoneLists } from '../lists/service.ts'
import type { CheckCounter } from '../stats/check-counter.ts'
import { AppError } from '../plugins/errors.ts'
import { judgeMessage, type MessageLists } from '../../../rules/message-rules.ts'
import { fastPath } from '../values/phone.ts'
import { MESSAGE_INPUT_ERROR } from '../../../rules/input-errors.ts'

/** The whole-message check (粘贴一查) against the server's lists; the judgement itself is rules/message-rules.ts. */
export class MessageCheckService {
  private readonly lists: MessageLists

  constructor(
    phoneLists: PhoneLists,
    private readonly counter: CheckCounter | null = null
  ) {
    this.lists = {
      lookup: (key, now) => phoneLists.lookup(key, now),
      lookupOther: (kind, value, now) => phoneLists.lookupOther(kind, value, now),
      reportersOf: (kind, value) => phoneLists.reportersOf(kind, value),
      get verifiedDomains() {
        return phoneLists.verifiedDomains
      },
      get officialDomains() {
        return phoneLists.officialDomains
      },
      domainLabel: (domain) => phoneLists.domainLabel(domain),
      get senders() {
        return phoneLists.senders
      },
      parsePhone: (raw) => fastPath.resolve(raw).result
    }
  }

  check(message: string, now = new Date()): CheckMessageResponse {
    if (message.trim() === '') throw new AppError(400, 'INVALID_MESSAGE', MESSAGE_INPUT_ERROR)
    const answer = judgeMessage(message, this.lists, now)
    this.counter?.count('message', answer.verdict, now.getTime())
    return answer
  }
}
