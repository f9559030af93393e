import type { FastifyServerOptions } from 'fastify'
import type { DestinationStream } from 'pino'

const PHONE_RUN = /\d(?:[\d\s\-.()+])*\d/g

/**
 * Masks phone-like digit runs ("138 0013 8000" → "138****00"): enough to correlate log lines, never the
 * whole number.
 */
export function maskDigits(text: string): string {
  return text.replace(PHONE_RUN, (run) => {
    const digits = run.replace(/\D/g, '')
    if (digits.length < 6) return run
    return `${digits.slice(0, 3)}****${digits.slice(-2)}`
  })
}

/** A URL fit for logs: the query is decoded and folded (full-width digits included) before masking. */
export function maskUrl(url: string): string {
  const q = url.indexOf('?')
  if (q < 0) return url
  let query = url.slice(q + 1).replace(/\+/g, ' ')
  try {
    query = decodeURIComponent(query)
  } catch {
    // Malformed escapes: mask what is there.
  }
  return url.slice(0, q + 1) + maskDigits(query.normalize('NFKC'))
}

export function loggerOptions(level: string, stream?: DestinationStream): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
    serializers: {
      req(req: { method: string; url: string }) {
        return { method: req.method, url: maskUrl(req.url) }
      }
    }
  }
}
