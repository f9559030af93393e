import type { HelpRequest, MyWarnings, ResidentAnswer, VerifyCallerRequest, VerifyCallerResult } from '../../types/warnings'
import { http } from './http'

/** GET /me/warnings — my open warnings (the red card) */
export async function getMyWarnings(): Promise<MyWarnings> {
  return (await http.get<MyWarnings>('/me/warnings')).data
}

/** POST /me/warnings/{id}/answer */
export async function answerWarning(id: string, answer: ResidentAnswer): Promise<MyWarnings> {
  return (await http.post<MyWarnings>(`/me/warnings/${encodeURIComponent(id)}/answer`, { answer })).data
}

/** POST /me/help — 我需要帮助 */
export async function askForHelp(body: HelpRequest): Promise<MyWarnings> {
  return (await http.post<MyWarnings>('/me/help', body)).data
}

/** POST /me/verify-caller — 核验来电民警 */
export async function verifyCaller(body: VerifyCallerRequest): Promise<VerifyCallerResult> {
  return (await http.post<VerifyCallerResult>('/me/verify-caller', body)).data
}
