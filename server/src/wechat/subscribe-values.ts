/** WeChat's `thing` values hold 20 characters: longer text is cut with an ellipsis rather than refused (47003). */
export function thing(text: string): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()]
  return chars.length <= 20 ? chars.join('') : `${chars.slice(0, 19).join('')}…`
}

/** A `time` value: the minute, as WeChat shows it ("2026-12-07 09:30"). */
export function minuteOf(at: Date): string {
  return at.toISOString().slice(0, 16).replace('T', ' ')
}
