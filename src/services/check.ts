import type { CheckPhoneResponse } from '../../types/check'
import { http } from './http'

/** GET /check/phone — the number exactly as typed or pasted; the server normalises it. */
export async function checkPhone(number: string): Promise<CheckPhoneResponse> {
  const res = await http.get<CheckPhoneResponse>('/check/phone', { params: { number } })
  return res.data
}
