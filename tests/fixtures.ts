import type { CheckPhoneResponse, Verdict } from '../types/check'

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
