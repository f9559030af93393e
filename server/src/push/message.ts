import { subpackagePage } from '../../../types/pages.ts'
import type { SubscribeMessage } from '../wechat/client.ts'
import { thing } from '../wechat/subscribe-values.ts'

export const BULLETIN_PAGE = subpackagePage('bulletins', 'detail')

export interface BulletinForMessage {
  id: string
  issueNo: number | null
  title: string
  summaryShort: string
  publishedOn: string
  hotline: string
}

/**
 * The bulletin subscribe message (template keywords: thing1 title, thing2 summary, date3 published, thing4 advice)
 * opening the bulletin's detail page.
 */
export function bulletinMessage(
  openid: string,
  templateId: string,
  b: BulletinForMessage,
  state: SubscribeMessage['miniprogram_state'],
  data: SubscribeMessage['data'] = bulletinMessageData(b)
): SubscribeMessage {
  return { touser: openid, template_id: templateId, page: `${BULLETIN_PAGE}?id=${b.id}`, data, miniprogram_state: state, lang: 'zh_CN' }
}

/** The keyword values: the same for every recipient of a bulletin, so workers compute them once per bulletin. */
export function bulletinMessageData(b: BulletinForMessage): SubscribeMessage['data'] {
  return {
    thing1: { value: thing(b.issueNo ? `第${b.issueNo}期 ${b.title}` : b.title) },
    thing2: { value: thing(b.summaryShort) },
    date3: { value: b.publishedOn },
    thing4: { value: thing(`拿不准请拨打${b.hotline}`) }
  }
}
