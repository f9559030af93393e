import { screen, waitFor } from '@testing-library/react'
import type { CheckPhoneResponse, Verdict } from '../types/check'
import type { MyReport } from '../types/reports'
import { respondWith } from './mocks/taro'

export function checkResult(verdict: Verdict, overrides: Partial<CheckPhoneResponse> = {}): CheckPhoneResponse {
  const reasons: Record<Verdict, CheckPhoneResponse['reasons']> = {
    dangerous: [{ code: 'BLOCKLISTED', message: '这个号码已被列入反诈黑名单（刷单返利）。' }],
    suspicious: [{ code: 'INTERNATIONAL', message: '这是境外来电（中国香港特别行政区）。' }],
    unknown: [],
    safe: [{ code: 'VERIFIED', message: '这是县反诈中心核实过的号码：中国工商银行客服 95588。' }]
  }
  return {
    input: '0085298765432',
    e164: '+85298765432',
    country: 'HK',
    numberType: 'MOBILE',
    verdict,
    reasons: reasons[verdict],
    advice: ['立即挂断，不要回拨'],
    reports: 0,
    checkedAt: '2026-11-29T08:00:00.000Z',
    ...overrides
  }
}

export interface RecordedCall {
  method: string
  url: string
  data: unknown
}

/**
 * A small API server for page tests: answers by method and path (`'GET /me/family'`), 404 otherwise, and records
 * every request in the array it returns.
 */
export function serveRoutes(routes: Record<string, (data: unknown) => { statusCode: number; body: unknown }>): RecordedCall[] {
  const calls: RecordedCall[] = []
  respondWith((url, req) => {
    const path = url.replace('/api/v1', '').split('?')[0] as string
    const data = typeof req.data === 'string' ? JSON.parse(req.data) : req.data
    calls.push({ method: req.method as string, url: path, data })
    const route = routes[`${req.method as string} ${path}`]
    return route ? route(data) : { statusCode: 404, body: { error: { code: 'NOT_FOUND', message: '没有找到' } } }
  })
  return calls
}

/**
 * Taro's H5 input is a custom element around a real <input>, which it renders a moment after it is attached: the
 * <input> matching `selector` under `root`, once it is there (an event sent before then carries no value).
 */
export function renderedInput(root: ParentNode, selector = 'input'): Promise<HTMLInputElement> {
  return waitFor(() => {
    const input = root.querySelector<HTMLInputElement>(selector)
    if (!input) throw new Error(`no ${selector} rendered yet`)
    return input
  })
}

/** The check box's real field: the message box (<textarea>) in 全部, an <input> in the shortcuts. */
export function checkField(root: ParentNode): Promise<HTMLInputElement> {
  return renderedInput(root, '.check-box__input input, .check-box__input textarea')
}

/** The real <input>/<textarea> named by this label (the name must sit on the real field, not on Taro's wrapper). */
export async function inputLabelled(label: string): Promise<HTMLInputElement> {
  return screen.findByLabelText<HTMLInputElement>(label, { selector: 'input, textarea' })
}

/** A report as 我的举报 lists it, just submitted; override what the test is about. */
export function myReport(overrides: Partial<MyReport> = {}): MyReport {
  return {
    id: '9',
    kind: 'phone',
    value: '+8616500001111',
    input: '16500001111',
    channel: '电话',
    lossAmount: null,
    status: 'submitted',
    outcome: null,
    screenshots: [],
    createdAt: '2026-12-07T08:00:00.000Z',
    updatedAt: '2026-12-07T08:00:00.000Z',
    ...overrides
  }
}
