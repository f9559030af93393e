import type { SmsSendResult, CaptchaAnswer } from '../../types/auth'
import type { Family, FamilyInvite, FamilyInvitePreview, FamilyInviteRequest, ProxyRegistrationRequest, ProxyRegistrationResult } from '../../types/family'
import type { MyWarnings } from '../../types/warnings'
import { http } from './http'

/** GET /me/family — who I guard, who guards me, my open invitations */
export async function getFamily(): Promise<Family> {
  return (await http.get<Family>('/me/family')).data
}

/** POST /me/family/invites — a code to give a family member */
export async function createFamilyInvite(body: FamilyInviteRequest): Promise<FamilyInvite> {
  return (await http.post<FamilyInvite>('/me/family/invites', body)).data
}

/** DELETE /me/family/invites/{id} */
export async function cancelFamilyInvite(id: string): Promise<Family> {
  return (await http.delete<Family>(`/me/family/invites/${encodeURIComponent(id)}`)).data
}

/** POST /me/family/invites/preview — who sent this code */
export async function previewFamilyInvite(code: string): Promise<FamilyInvitePreview> {
  return (await http.post<FamilyInvitePreview>('/me/family/invites/preview', { code })).data
}

/** POST /me/family/accept */
export async function acceptFamilyInvite(code: string): Promise<Family> {
  return (await http.post<Family>('/me/family/accept', { code })).data
}

/** DELETE /me/family/links/{id} — either side ends a link */
export async function removeFamilyLink(id: string): Promise<Family> {
  return (await http.delete<Family>(`/me/family/links/${encodeURIComponent(id)}`)).data
}

/** POST /me/family/proxy/code — 代登记: the consent code goes to the elder's phone */
export async function sendProxyCode(phone: string, captcha?: CaptchaAnswer): Promise<SmsSendResult> {
  return (await http.post<SmsSendResult>('/me/family/proxy/code', { phone, ...(captcha ? { captcha } : {}) })).data
}

/** POST /me/family/proxy — 代登记 with the code the elder read out */
export async function registerForSomeone(body: ProxyRegistrationRequest): Promise<ProxyRegistrationResult> {
  return (await http.post<ProxyRegistrationResult>('/me/family/proxy', body)).data
}

/** POST /me/family/alerts/{id}/answer — 已联系家人，没有转账 */
export async function answerFamilyAlert(id: string): Promise<MyWarnings> {
  return (await http.post<MyWarnings>(`/me/family/alerts/${encodeURIComponent(id)}/answer`, { answer: 'contacted_safe' })).data
}
