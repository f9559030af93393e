import type { FastifyBaseLogger, FastifyInstance, FastifyServerOptions } from 'fastify'
import type { DestinationStream } from 'pino'
import { NUMBER_SEPARATORS } from '../../rules/number-separators.ts'

// A run of digits and separators; "+" too (a calling code written inside a number).
const PHONE_RUN = new RegExp(`\\d(?:[\\d${NUMBER_SEPARATORS}+])*\\d`, 'g')

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

/**
 * One line per request, written when the answer has gone: method, masked URL, status and time. (Fastify's own
 * "incoming request" / "request completed" pair is turned off: two JSON lines per request, the URL only in the first.)
 */
export function registerRequestLog(app: FastifyInstance): void {
  // Benchmarks and tests run with LOG_LEVEL=silent/warn: then the hook is not even there.
  if (!(app.log as FastifyBaseLogger & { isLevelEnabled(level: string): boolean }).isLevelEnabled('info')) return
  app.addHook('onResponse', async (request, reply) => {
    const ms = Math.round(reply.elapsedTime * 10) / 10
    const status = reply.statusCode
    const line = `${request.method} ${maskUrl(request.url)} ${status} ${ms} ms`
    const fields = { reqId: request.id, method: request.method, url: maskUrl(request.url), status, ms }
    if (status >= 500) request.log.error(fields, line)
    else request.log.info(fields, line)
  })
}

const LEVELS: Record<number, [string, string]> = {
  10: ['TRACE', '90'],
  20: ['DEBUG', '90'],
  30: ['INFO ', '32'],
  40: ['WARN ', '33'],
  50: ['ERROR', '31'],
  60: ['FATAL', '35']
}
// Fields every line has, or that the message already says: left out of the pretty line.
const QUIET = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'reqId', 'method', 'url', 'status', 'ms'])

/** One pino JSON line as a person reads it in a terminal: "15:32:01 INFO  GET /api/v1/health 200 0.4 ms". */
export function prettyLine(json: string, colour: boolean): string {
  let entry: Record<string, unknown>
  try {
    entry = JSON.parse(json) as Record<string, unknown>
  } catch {
    return json
  }
  const [name, code] = LEVELS[Number(entry.level)] ?? ['LOG  ', '0']
  const time = new Date(Number(entry.time) || Date.now()).toTimeString().slice(0, 8)
  const rest = Object.entries(entry).filter(([k]) => !QUIET.has(k))
  const extra = rest.length === 0 ? '' : ' ' + rest.map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ')
  const level = colour ? `\x1b[${code}m${name}\x1b[0m` : name
  return `${time} ${level} ${String(entry.msg ?? '')}${extra}\n`
}

/** A pino destination that writes pretty lines (development on a terminal; LOG_FORMAT=json turns it off). */
export function prettyStream(out: NodeJS.WriteStream): DestinationStream {
  const colour = out.isTTY === true
  return { write: (chunk: string) => void out.write(prettyLine(chunk, colour)) }
}
