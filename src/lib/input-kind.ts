import type { CheckKind } from '../../types/kinds'

/**
 * What a resident typed or pasted, recognised before it is sent: a whole message goes to the message check whatever
 * kind was picked (a phishing SMS must never be answered by looking at the one number in it), a link typed in 号码
 * mode to the address check, a card number to the account check. Plain string work only: it runs in the mini-program.
 */
export type InputKind = CheckKind

const CJK = /[\u3400-\u9fff]/g
const URL_SHAPE = /^(?:https?:\/\/)?(?:[^\s@/]+@)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?::\d+)?(?:[/?#]\S*)?$/i
const EMAIL = /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i
const LINK_INSIDE = /(?:https?:\/\/|www\.)|[a-z0-9-]+\.(?:com|cn|net|top|xyz|vip|cc|icu|org|info|club|shop|site|online)\b/i
const DIGIT_RUN = /\d[\d\s-]{4,}\d/

/** Folds full-width letters and digits (１２３, ｗｗｗ) so a pasted number is read as one. */
function foldWidth(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    out += c >= 0xff01 && c <= 0xff5e ? String.fromCharCode(c - 0xfee0) : c === 0x3000 ? ' ' : text[i]
  }
  return out
}

/** The kind this input is, or null when it could be what was picked (a few words around one number). */
export function recogniseInput(raw: string): InputKind | null {
  const text = foldWidth(raw).trim()
  if (text === '') return null
  const cjk = (text.match(CJK) ?? []).length
  if (text.includes('\n') || cjk > 6) return 'message'
  // A link and a number side by side, or words around a link: the parts of a message.
  if (!URL_SHAPE.test(text) && LINK_INSIDE.test(text) && (cjk > 0 || DIGIT_RUN.test(text.replace(LINK_INSIDE, '')))) return 'message'
  const compact = text.replace(/[\s\-()（）]/g, '')
  if (/^\+?\d+$/.test(compact)) {
    const international = compact.startsWith('+') || compact.startsWith('00')
    return !international && compact.length >= 16 && compact.length <= 25 ? 'account' : 'phone'
  }
  if (EMAIL.test(text)) return 'account'
  if (URL_SHAPE.test(text)) return 'url'
  return null
}
