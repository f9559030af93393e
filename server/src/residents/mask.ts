/** 13800138000 → 138****8000: enough for a resident to recognise their number, useless to anyone else. */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****'
}
