/**
 * A 警号 or 核验码 as residents type what the caller reads out: "警号 061234", "警号：061234", full-width digits from a
 * Chinese keyboard (０６１２３４), spaces anywhere. Both sides compare the normalized forms, so what the resident typed
 * and what the centre registered meet.
 */
export function normalizePoliceNumber(raw: string): string {
  // NFKC turns full-width digits, letters and spaces into ASCII; what is left besides digits and letters is wording.
  const plain = raw
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
  // "No. 061234" / "NO061234": the label, not part of the number.
  return /^NO\d{3,}$/.test(plain) ? plain.slice(2) : plain
}

/** The 6-digit code with full-width digits and any spaces or separators removed. */
export function normalizeVerifyCode(raw: string): string {
  return raw.normalize('NFKC').replace(/\D/g, '')
}
