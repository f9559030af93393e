import type { FastifyInstance, FastifyRequest } from 'fastify'
import { AppError } from './errors.ts'

const MAX_DEPTH = 32
// ES2024's String.prototype.isWellFormed (Node 20 has it; the ES2023 lib here does not declare it).
const wellFormed = (s: string): boolean => (s as unknown as { isWellFormed(): boolean }).isWellFormed()

/** The first string in `value` PostgreSQL cannot store as UTF-8 text: a NUL, or a lone UTF-16 surrogate. */
export function badTextPath(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') || !wellFormed(value) ? path : null
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return null
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = badTextPath(value[i], `${path}[${i}]`, depth + 1)
      if (bad !== null) return bad
    }
    return null
  }
  // Streams and bytes (uploads, imports) are checked by their own readers. (Query objects have a prototype of
  // their own without Object's methods, so "plain object" is not a prototype test.)
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer || typeof (value as { pipe?: unknown }).pipe === 'function') return null
  for (const [key, item] of Object.entries(value)) {
    const bad = badTextPath(key, path, depth + 1) ?? badTextPath(item, path ? `${path}.${key}` : key, depth + 1)
    if (bad !== null) return bad
  }
  return null
}

/**
 * One gate for all text that enters through the URL or a JSON body: NUL bytes and lone surrogates are refused with
 * a 400 before any route sees them (PostgreSQL refuses them in text, and a lone surrogate breaks JSON answers).
 */
export function registerTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request: FastifyRequest) => {
    const bad = badTextPath(request.params, '') ?? badTextPath(request.query, '') ?? badTextPath(request.body, '')
    if (bad !== null) throw new AppError(400, 'INVALID_TEXT', '输入里有无法识别的字符（例如空字符），请删掉后重试', bad || undefined)
  })
}
