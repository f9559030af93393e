import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import { createAdminRepository } from '../admin/repository.ts'
import { verifyPassword } from '../admin/passwords.ts'
import { createFeedKeys } from '../warnings/feed-keys-repository.ts'
import { DEMO_ADMINS, DEMO_FEED_KEY } from './demo.ts'

/** The command an operator runs to remove what the demo left behind (printed when production refuses to start). */
export const REMOVE_DEMO_COMMAND = 'NODE_ENV=production npx qiandai demo remove'

/**
 * What `npm start` created with published secrets and is still usable: demo staff accounts whose README password
 * still verifies, and the demo city-platform feed key. A data folder first started as a demo keeps them; production
 * must not run with them (anyone who read the README could sign in as the centre's admin or post warnings).
 */
export async function demoLeftovers(db: Kysely<DB>): Promise<string[]> {
  const admins = createAdminRepository(db)
  const found: string[] = []
  for (const demo of DEMO_ADMINS) {
    const account = await admins.byUsername(demo.username)
    if (account && !account.disabled && (await verifyPassword(demo.password, account.passwordHash)))
      found.push(`staff account "${demo.username}" with its published demo password`)
  }
  if (await createFeedKeys(db).isLive(DEMO_FEED_KEY)) found.push('the demo city-platform feed key')
  return found
}

/** Disables those accounts (audited; an admin may enable one again in the console after giving it a new password) and revokes the demo key. */
export async function removeDemoLeftovers(db: Kysely<DB>): Promise<string[]> {
  const admins = createAdminRepository(db)
  const done: string[] = []
  for (const demo of DEMO_ADMINS) {
    const account = await admins.byUsername(demo.username)
    if (account && !account.disabled && (await verifyPassword(demo.password, account.passwordHash))) {
      await admins.setDisabled(account.id, true, null)
      done.push(`disabled staff account "${demo.username}"`)
    }
  }
  if (await createFeedKeys(db).revokeKey(DEMO_FEED_KEY)) done.push('revoked the demo city-platform feed key')
  return done
}
