/** 13800138000 → 138****8000: enough for a resident to recognise their number, useless to anyone else. */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****'
}

/** 王秀兰 → 王**: the family name, so a relative recognises the person and nobody else learns the name. */
export function maskName(name: string | null | undefined): string {
  const chars = [...(name ?? '')]
  if (chars.length === 0) return '**'
  return `${chars[0]}${'*'.repeat(Math.max(1, chars.length - 1))}`
}
