import { TAB_ROUTES } from '../../../types/pages.ts'
import type { OutboxKind, Plan } from '../outbox/kind.ts'
import type { FieldCipher } from '../lib/field-cipher.ts'
import { maskName } from '../residents/mask.ts'
import type { SubscribeMessage } from '../wechat/client.ts'
import { minuteOf, thing } from '../wechat/subscribe-values.ts'
import { guardianAlertsToSend, levelOneToSend } from './outbox-repository.ts'
import { ANTI_FRAUD_HOTLINE, guardianHappened, guardianSmsText, riskTypeName, warningSmsText } from './text.ts'

/** The page the warning subscribe message opens: the 我的 tab, whose red card answers it. */
export const WARNING_PAGE = TAB_ROUTES.mine

/** The warning template (keywords: thing1 what happened, time2 when, thing3 what to do), opening the 我的 tab's card. */
function warningTemplateMessage(
  options: WarningKindOptions,
  openid: string,
  query: string,
  text: { what: string; at: Date; advice: string }
): SubscribeMessage {
  return {
    touser: openid,
    template_id: options.templateId as string,
    page: `${WARNING_PAGE}${query}`,
    miniprogram_state: options.miniprogramState,
    lang: 'zh_CN',
    data: { thing1: { value: thing(text.what) }, time2: { value: minuteOf(text.at) }, thing3: { value: thing(text.advice) } }
  }
}

interface WarningKindOptions {
  /** The warning template (its credits are spent per WeChat message). */
  templateId: string | null
  batchSize: number
  miniprogramState: SubscribeMessage['miniprogram_state']
  cipher: FieldCipher
}

/**
 * Level-1 messages as an outbox kind: the warning subscribe message when the resident holds a credit, otherwise (or
 * when WeChat refuses) the same row as an SMS without links. A message that may have been sent is never sent again.
 */
export function warningMessages(options: WarningKindOptions): OutboxKind {
  return {
    name: 'warning',
    table: 'warning_messages',
    batchSize: options.batchSize,
    templateId: options.templateId,
    fallback: 'sms',
    async plan(trx, rows) {
      const details = await levelOneToSend(
        trx,
        rows.map((r) => r.id)
      )
      const plans = new Map<string, Plan>()
      for (const m of details) {
        if (m.channel === 'sms') {
          plans.set(m.id, { send: 'sms', phone: options.cipher.decrypt(m.phone_enc), template: 'fraud_warning', text: warningSmsText(m.risk_type) })
          continue
        }
        if (!m.openid || !m.resident_id) {
          plans.set(m.id, { fallback: 'no WeChat account' })
          continue
        }
        plans.set(m.id, {
          send: 'wechat',
          creditHolder: m.resident_id,
          message: warningTemplateMessage(options, m.openid, `?warning=${m.warning_id}`, {
            what: `反诈预警：${riskTypeName(m.risk_type)}`,
            at: m.received_at,
            advice: `请勿转账，求助拨${ANTI_FRAUD_HOTLINE}`
          })
        })
      }
      return plans
    }
  }
}

/** A guardian's copy: "您的家人王**刚刚接到涉诈电话…", by subscribe message, or SMS when WeChat cannot take it. */
export function guardianAlerts(options: WarningKindOptions): OutboxKind {
  return {
    name: 'guardian',
    table: 'guardian_alerts',
    batchSize: options.batchSize,
    templateId: options.templateId,
    fallback: 'sms',
    async plan(trx, rows) {
      const details = await guardianAlertsToSend(
        trx,
        rows.map((r) => r.id)
      )
      const plans = new Map<string, Plan>()
      for (const a of details) {
        const ward = maskName(a.ward_name_enc ? options.cipher.decrypt(a.ward_name_enc) : null)
        if (a.channel === 'sms') {
          plans.set(
            a.id,
            a.phone_enc
              ? { send: 'sms', phone: options.cipher.decrypt(a.phone_enc), template: 'family_warning', text: guardianSmsText(ward, a.risk_type) }
              : { finish: 'failed', reason: 'guardian has no phone' }
          )
          continue
        }
        if (!a.openid) {
          plans.set(a.id, { fallback: 'no WeChat account' })
          continue
        }
        plans.set(a.id, {
          send: 'wechat',
          creditHolder: a.guardian_id,
          message: warningTemplateMessage(options, a.openid, `?familyAlert=${a.id}`, {
            what: `家人${ward}${guardianHappened(a.risk_type)}`,
            at: a.received_at,
            advice: '请马上联系家人，提醒勿转账'
          })
        })
      }
      return plans
    }
  }
}
