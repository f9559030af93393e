// ES2019/2020 conveniences written for ES2017, the language the mini-program's package is built to (see tsconfig.json).

/** Array.prototype.flatMap (ES2019). */
export function flatMap<T, U>(items: readonly T[], f: (item: T) => readonly U[]): U[] {
  const out: U[] = []
  for (const item of items) for (const u of f(item)) out.push(u)
  return out
}

/** String.prototype.matchAll (ES2020) for a global pattern: every match, in order, with its index. */
export function matchesOf(pattern: RegExp, text: string): RegExpExecArray[] {
  if (!pattern.global) throw new Error('matchesOf needs a global pattern')
  // A copy, so a shared module-level pattern's lastIndex is never left mid-text.
  const re = new RegExp(pattern.source, pattern.flags)
  const out: RegExpExecArray[] = []
  let m: RegExpExecArray | null
  while ((m = re.exec(text)) !== null) {
    out.push(m)
    if (m[0] === '') re.lastIndex++
  }
  return out
}
