/**
 * One byte range from a Range header (RFC 9110): `bytes=a-b`, `bytes=a-`, `bytes=-n`. Returns null when the
 * header should be ignored (absent, another unit, several ranges: the whole file is sent), 'unsatisfiable'
 * when it cannot be met (416).
 */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | null | 'unsatisfiable' {
  if (!header) return null
  const m = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/.exec(header)
  if (!m) return header.startsWith('bytes=') && !header.includes(',') ? 'unsatisfiable' : null
  const [, first, last] = m
  if (first === '' && last === '') return 'unsatisfiable'
  if (first === '') {
    const suffix = Number(last)
    if (suffix === 0 || size === 0) return 'unsatisfiable'
    return { start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(first)
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1)
  if (start >= size || end < start) return 'unsatisfiable'
  return { start, end }
}
