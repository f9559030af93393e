import { sql, type Kysely } from 'kysely'
import type { SubscribeResult } from '../../../types/bulletins.ts'
import type { DB } from '../db/schema.ts'

/** At most this many one-time credits are banked per template (WeChat keeps accepting taps; we keep a sane bound). */
export const MAX_CREDITS = 50

export function createSubscriptionRepository(db: Kysely<DB>) {
  return {
    /** Applies one requestSubscribeMessage answer for one template. */
    async apply(residentId: string, templateId: string, result: SubscribeResult, longTermTemplate: boolean, now: Date): Promise<void> {
      if (result === 'filter') return
      const accept = result === 'accept'
      const credits = accept && !longTermTemplate ? 1 : 0
      const longTerm = accept && longTermTemplate
      await sql`
        INSERT INTO subscriptions (resident_id, template_id, credits, long_term, last_result, updated_at)
        VALUES (${residentId}, ${templateId}, ${credits}, ${longTerm}, ${result}, ${now})
        ON CONFLICT (resident_id, template_id) DO UPDATE SET
          credits = CASE
            WHEN ${result === 'ban'}::boolean THEN 0
            WHEN ${accept && !longTermTemplate}::boolean THEN LEAST(subscriptions.credits + 1, ${MAX_CREDITS})
            ELSE subscriptions.credits END,
          long_term = CASE
            WHEN ${longTermTemplate && accept}::boolean THEN true
            WHEN ${(result === 'reject' && longTermTemplate) || result === 'ban'}::boolean THEN false
            ELSE subscriptions.long_term END,
          last_result = EXCLUDED.last_result,
          updated_at = EXCLUDED.updated_at`.execute(db)
    },

    async forResident(residentId: string) {
      return db.selectFrom('subscriptions').select(['template_id', 'credits', 'long_term']).where('resident_id', '=', residentId).execute()
    },

    async hasWeChat(residentId: string): Promise<boolean> {
      const r = await db.selectFrom('residents').select('openid').where('id', '=', residentId).where('deleted_at', 'is', null).executeTakeFirst()
      return Boolean(r?.openid)
    }
  }
}
export type SubscriptionRepository = ReturnType<typeof createSubscriptionRepository>
