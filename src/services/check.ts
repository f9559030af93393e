import type { CheckAccountResponse, CheckMessageResponse, CheckPhoneResponse, CheckUrlResponse } from '../../types/check'
import { http } from './http'

/** GET /check/phone — the number exactly as typed or pasted; the server normalises it. */
export async function checkPhone(number: string): Promise<CheckPhoneResponse> {
  const res = await http.get<CheckPhoneResponse>('/check/phone', { params: { number } })
  return res.data
}

/** GET /check/url — the address as pasted (the server adds https:// when missing). */
export async function checkUrl(url: string): Promise<CheckUrlResponse> {
  return (await http.get<CheckUrlResponse>('/check/url', { params: { url } })).data
}

/** GET /check/account — a bank card / account number or an Alipay / WeChat id. */
export async function checkAccount(number: string): Promise<CheckAccountResponse> {
  return (await http.get<CheckAccountResponse>('/check/account', { params: { number } })).data
}

/** POST /check/message — a whole pasted SMS or chat; the server finds and judges every part of it. */
export async function checkMessage(text: string): Promise<CheckMessageResponse> {
  return (await http.post<CheckMessageResponse>('/check/message', { text })).data
}
