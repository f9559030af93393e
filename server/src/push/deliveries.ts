import type { OutboxKind, Plan } from '../outbox/kind.ts'
import { countyToday } from '../../../types/county-day.ts'
import type { SubscribeMessage } from '../wechat/client.ts'
import { bulletinMessage, bulletinMessageData, type BulletinForMessage } from './message.ts'
import { bulletinsToSend, deliveriesToSend } from './repository.ts'

/**
 * Bulletin deliveries as an outbox kind: one subscribe message per resident in a bulletin's audience, spending the
 * bulletin template's credit; without WeChat or a credit the bulletin stays in the app (我的 → 预警信息).
 */
export function bulletinDeliveries(options: {
  templateId: string | null
  batchSize: number
  miniprogramState: SubscribeMessage['miniprogram_state']
}): OutboxKind {
  return {
    name: 'bulletin',
    table: 'deliveries',
    batchSize: options.batchSize,
    templateId: options.templateId,
    fallback: 'in_app',
    async plan(trx, rows, now) {
      const details = await deliveriesToSend(
        trx,
        rows.map((r) => r.id)
      )
      // A chunk nearly always belongs to one bulletin: read its fields and build its message data once, not per row.
      const bulletins = new Map<string, { published: boolean; forMessage: BulletinForMessage; data: SubscribeMessage['data'] }>()
      for (const b of await bulletinsToSend(trx, [...new Set(details.map((d) => d.bulletin_id))])) {
        const forMessage = {
          id: String(b.id),
          issueNo: b.issue_no,
          title: b.title,
          summaryShort: b.summary_short,
          hotline: b.hotline,
          publishedOn: countyToday(b.published_at ?? now)
        }
        bulletins.set(String(b.id), { published: b.status === 'published', forMessage, data: bulletinMessageData(forMessage) })
      }
      const plans = new Map<string, Plan>()
      for (const d of details) {
        const b = bulletins.get(d.bulletin_id)
        if (!b?.published) plans.set(d.id, { finish: 'failed', reason: 'withdrawn' })
        else if (d.openid === null) plans.set(d.id, { fallback: 'no WeChat account' })
        else if (!options.templateId) plans.set(d.id, { fallback: 'no template configured' })
        else {
          const message = bulletinMessage(d.openid, options.templateId, b.forMessage, options.miniprogramState, b.data)
          plans.set(d.id, { send: 'wechat', creditHolder: d.resident_id, message })
        }
      }
      return plans
    }
  }
}
