import { subpackagePage } from '../../../types/pages.ts'
import type { OutboxKind, Plan } from '../outbox/kind.ts'
import type { SubscribeMessage } from '../wechat/client.ts'
import { thing } from '../wechat/subscribe-values.ts'
import { noticesToSend } from './repository.ts'

export const REPORT_PAGE = subpackagePage('report', 'index')
// A report not confirmed is no sign the number is safe: never worded as a clearance (WeChat's phrase field: ≤ 5 characters).
const DECISION_PHRASE: Record<string, string> = { confirmed: '已核实', rejected: '暂未核实' }

/**
 * Report decisions as an outbox kind: the "举报进展" subscribe message to the reporter when they hold a credit for it;
 * without one they see the decision in 我的举报 only.
 */
export function reportNotifications(options: { templateId: string | null; miniprogramState: SubscribeMessage['miniprogram_state'] }): OutboxKind {
  return {
    name: 'report',
    table: 'report_notifications',
    batchSize: 50,
    templateId: options.templateId,
    fallback: 'in_app',
    async plan(trx, rows) {
      const details = await noticesToSend(
        trx,
        rows.map((r) => r.id)
      )
      const plans = new Map<string, Plan>()
      for (const n of details) {
        if (!options.templateId) plans.set(n.id, { finish: 'in_app', reason: 'no template configured' })
        else if (!n.openid) plans.set(n.id, { fallback: 'no WeChat account' })
        else {
          plans.set(n.id, {
            send: 'wechat',
            creditHolder: n.resident_id,
            message: {
              touser: n.openid,
              template_id: options.templateId,
              page: REPORT_PAGE,
              miniprogram_state: options.miniprogramState,
              lang: 'zh_CN',
              data: {
                thing1: { value: thing(`举报：${n.input}`) },
                phrase2: { value: DECISION_PHRASE[n.decision] ?? '已处理' },
                thing3: { value: thing(n.outcome ?? '详情请在“我的举报”中查看') },
                date4: { value: n.updated_at.toISOString().slice(0, 10) }
              }
            }
          })
        }
      }
      return plans
    }
  }
}
