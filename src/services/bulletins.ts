import type { BulletinDetail, BulletinPage, PushConfig, SubscriptionState, UnreadSummary } from '../../types/bulletins'
import { http } from './http'

/** GET /bulletins — a page of published bulletins, newest first. */
export async function getBulletins(cursor?: string): Promise<BulletinPage> {
  return (await http.get<BulletinPage>('/bulletins', { params: cursor ? { cursor } : {} })).data
}

/** GET /bulletins/:id — one bulletin (marks it read when signed in). */
export async function getBulletin(id: string): Promise<BulletinDetail> {
  return (await http.get<BulletinDetail>(`/bulletins/${encodeURIComponent(id)}`)).data
}

/** GET /bulletins/unread */
export async function getUnread(): Promise<UnreadSummary> {
  return (await http.get<UnreadSummary>('/bulletins/unread')).data
}

/** GET /push/config — the template ids to ask for. */
export async function getPushConfig(): Promise<PushConfig> {
  return (await http.get<PushConfig>('/push/config')).data
}

/** POST /me/subscriptions — what requestSubscribeMessage answered. */
export async function reportSubscriptions(results: Record<string, string>): Promise<SubscriptionState> {
  return (await http.post<SubscriptionState>('/me/subscriptions', { results })).data
}
