import path from 'node:path'
import { createHash, randomBytes } from 'node:crypto'
import { parseDataKey } from './lib/field-cipher.ts'
import { TEMPLATE_PURPOSES, type TemplatePurpose } from '../../types/bulletins.ts'
import type { RiskLevel } from '../../types/warnings.ts'

/** The warning chain's time limits (configuration `warnings`; warnings/chain.ts applies them). */
export interface ChainSettings {
  /** Medium risk: how long level 1 waits for the resident's answer before the county calls. */
  ackMinutes: number
  /** From the call task's creation to the first call attempt. */
  callDueMinutes: Record<RiskLevel, number>
  /** Two 无法接通 at least this far apart send the station. */
  unreachableRetryMinutes: number
  /** From the visit task's creation to the recorded visit. */
  visitDueHours: Record<RiskLevel, number>
}

/** Everything configurable, read once from the environment (see README "Configuration"). */
export interface Config {
  env: 'development' | 'production' | 'test'
  host: string
  port: number
  databaseUrl: string | undefined
  dataDir: string
  logLevel: string
  /** pretty: one coloured line per entry (a person at a terminal); json: pino's lines (log collectors). */
  logFormat: 'pretty' | 'json'
  jwtSecret: Uint8Array
  checkRateLimit: { max: number; windowMs: number }
  apiRateLimit: { max: number; windowMs: number }
  /** Admin login attempts per client per minute. */
  adminLoginRateLimitMax: number
  /** Password hashes (scrypt) running at once; the rest wait (a bounded queue) so the thread pool keeps serving files. */
  passwordHashingAtOnce: number
  /** Reports a resident may submit per hour. */
  reportRateLimitPerHour: number
  /** Largest screenshot a resident may attach to a report (bytes). */
  reportScreenshotMaxBytes: number
  /** Largest blocklist file the admin API takes in one upload (bytes); the CLI has no limit. */
  blocklistImportMaxBytes: number
  /** How old the phones' blocklist snapshot may get before a request rebuilds it (SNAPSHOT_MAX_AGE_S; 0: every request). */
  snapshotMaxAgeMs: number
  h5Dir: string
  /** Hosts whose https images bulletins and tips may show, besides the server's own media (IMAGE_HOSTS). */
  imageHosts: string[]
  /** The console's build (served at /admin/). */
  adminDir: string
  demoData: boolean
  /**
   * Which proxies' X-Forwarded-For is believed: false (none: the socket's address is the client), a hop count (the
   * address that many proxies back, counted from the socket), or the proxies' own addresses / CIDR ranges. Never
   * `true`: that believes whatever hops a client writes.
   */
  trustProxy: false | number | string[]
  /** 32-byte master key for personal fields at rest (see lib/field-cipher.ts). */
  dataKey: Buffer
  wechat: {
    /** Base URL of WeChat's server APIs; unset outside production = start the local stand-in. */
    apiBase: string | undefined
    appId: string
    appSecret: string
    /** The subscribe-message template of each purpose (null: not configured: that purpose is not sent by WeChat). */
    templates: Record<TemplatePurpose, string | null>
    /** Templates granting a standing permission (long-term subscribe messages, public-service categories). */
    longTermTemplateIds: string[]
    miniprogramState: 'developer' | 'trial' | 'formal'
  }
  push: {
    /** 'inline': the server process runs a push worker; 'off': only `npx qiandai worker` processes send. */
    worker: 'inline' | 'off'
    /** Deliveries claimed per chunk (sent concurrently). */
    batchSize: number
    /** Chunks in flight per worker; batchSize × lanes bounds the messages a crash can leave unknown. */
    lanes: number
    maxAttempts: number
    retryBaseMs: number
    retryMaxMs: number
    /** A `sending` row older than this belongs to a dead worker. Must exceed one chunk's send time. */
    leaseMs: number
    /** Longest sleep when idle (a publish wakes the worker earlier). */
    idleMs: number
  }
  /** The warning chain's time limits (docs/warnings.md); durable: stored with each timer when it is set. */
  warnings: ChainSettings & {
    /** Level-1 messages claimed per chunk by a worker. */
    batchSize: number
    /** A claimed task with no recorded attempt for this long goes back to the queue (0: never). */
    claimIdleMinutes: { call: number; visit: number }
  }
  media: {
    /** Where uploaded videos and images are kept (content-addressed names). */
    dir: string
    maxVideoBytes: number
    maxImageBytes: number
  }
  sms: {
    /** HTTP SMS gateway for H5 login codes; unset = development sender outside production, SMS login off in production. */
    gatewayUrl: string | undefined
    gatewayToken: string
  }
}

export class ConfigError extends Error {}

const ROOT = path.resolve(import.meta.dirname, '..', '..')

function templatesByPurpose(ids: string[]): Record<TemplatePurpose, string | null> {
  return Object.fromEntries(TEMPLATE_PURPOSES.map((purpose, i) => [purpose, ids[i] || null])) as Record<TemplatePurpose, string | null>
}

/** Every configured template id (the app asks for them; the stand-in owns them). */
export function configuredTemplateIds(templates: Record<TemplatePurpose, string | null>): string[] {
  return TEMPLATE_PURPOSES.flatMap((p) => (templates[p] ? [templates[p]] : []))
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const mode = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development'
  const secret = env.JWT_SECRET
  if (mode === 'production' && (!secret || secret.length < 32)) {
    throw new ConfigError('JWT_SECRET (at least 32 characters) is required when NODE_ENV=production')
  }
  if (mode === 'production' && !env.DATA_KEY) {
    throw new ConfigError('DATA_KEY (32 bytes as 64 hex characters or base64) is required when NODE_ENV=production')
  }
  const weakJwt = mode === 'production' && secret ? weakness(Buffer.from(secret)) : null
  if (weakJwt) throw new ConfigError(`JWT_SECRET is too weak (${weakJwt}); make one with: openssl rand -hex 32`)
  if (mode === 'production' && env.DEMO_DATA !== undefined && env.DEMO_DATA !== '' && env.DEMO_DATA !== '0') {
    // Demo lists mark ~1,200 real-format mobiles as fraud numbers: real people hold such numbers.
    throw new ConfigError('DEMO_DATA cannot be turned on when NODE_ENV=production (demo lists would call real numbers fraudsters); unset it')
  }
  let dataKey: Buffer
  try {
    // Outside production a fixed development key keeps ./data readable across restarts; never for real data.
    dataKey = env.DATA_KEY ? parseDataKey(env.DATA_KEY) : createHash('sha256').update('qiandai development data key').digest()
  } catch (err) {
    throw new ConfigError((err as Error).message)
  }
  const weakKey = mode === 'production' ? weakness(dataKey) : null
  if (weakKey) throw new ConfigError(`DATA_KEY is too weak (${weakKey}); make one with: openssl rand -hex 32`)
  if (mode === 'production' && (!env.WECHAT_API_BASE || !env.WECHAT_APPID || !env.WECHAT_SECRET)) {
    throw new ConfigError('WECHAT_API_BASE, WECHAT_APPID and WECHAT_SECRET are required when NODE_ENV=production')
  }
  return {
    env: mode,
    host: env.HOST ?? '0.0.0.0',
    port: integer(env.PORT, 8080, 'PORT'),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.DATA_DIR ?? path.join(ROOT, 'data')),
    logLevel: env.LOG_LEVEL ?? (mode === 'test' ? 'silent' : 'info'),
    logFormat: env.LOG_FORMAT
      ? oneOf(env.LOG_FORMAT, ['pretty', 'json'] as const, 'LOG_FORMAT')
      : mode !== 'production' && process.stdout.isTTY
        ? 'pretty'
        : 'json',
    // Outside production a per-process random secret keeps tokens working for one run without setup.
    jwtSecret: new TextEncoder().encode(secret ?? randomBytes(32).toString('hex')),
    checkRateLimit: {
      max: integer(env.CHECK_RATE_LIMIT_MAX, 60, 'CHECK_RATE_LIMIT_MAX'),
      windowMs: integer(env.CHECK_RATE_LIMIT_WINDOW_MS, 60_000, 'CHECK_RATE_LIMIT_WINDOW_MS')
    },
    apiRateLimit: {
      max: integer(env.API_RATE_LIMIT_MAX, 600, 'API_RATE_LIMIT_MAX'),
      windowMs: integer(env.CHECK_RATE_LIMIT_WINDOW_MS, 60_000, 'CHECK_RATE_LIMIT_WINDOW_MS')
    },
    reportRateLimitPerHour: integer(env.REPORT_RATE_LIMIT_PER_HOUR, 10, 'REPORT_RATE_LIMIT_PER_HOUR'),
    reportScreenshotMaxBytes: integer(env.REPORT_SCREENSHOT_MAX_MB, 5, 'REPORT_SCREENSHOT_MAX_MB') * 1_048_576,
    blocklistImportMaxBytes: integer(env.BLOCKLIST_IMPORT_MAX_MB, 500, 'BLOCKLIST_IMPORT_MAX_MB') * 1_000_000,
    snapshotMaxAgeMs: integer(env.SNAPSHOT_MAX_AGE_S, 300, 'SNAPSHOT_MAX_AGE_S') * 1000,
    adminLoginRateLimitMax: integer(env.ADMIN_LOGIN_RATE_LIMIT_MAX, 10, 'ADMIN_LOGIN_RATE_LIMIT_MAX'),
    passwordHashingAtOnce: integer(env.PASSWORD_HASHING_AT_ONCE, 2, 'PASSWORD_HASHING_AT_ONCE') || 1,
    imageHosts: imageHostList(env.IMAGE_HOSTS),
    h5Dir: path.resolve(env.H5_DIR ?? path.join(ROOT, 'dist', 'h5')),
    adminDir: path.resolve(env.ADMIN_DIR ?? path.join(ROOT, 'dist', 'admin')),
    // Never in production (refused above when asked for); on by default for `npm start`.
    demoData: mode !== 'production' && env.DEMO_DATA !== '0',
    trustProxy: trustedProxies(env.TRUST_PROXY),
    dataKey,
    wechat: {
      apiBase: env.WECHAT_API_BASE || undefined,
      appId: env.WECHAT_APPID ?? 'wx-dev-qiandai',
      appSecret: env.WECHAT_SECRET ?? 'dev-secret-not-for-production',
      // The variable lists them by position (an empty slot: not configured): bulletin, report progress, warning.
      templates: templatesByPurpose((env.WECHAT_TEMPLATE_IDS ?? 'tmpl-bulletin,tmpl-report,tmpl-warning').split(',').map((t) => t.trim())),
      longTermTemplateIds: list(env.WECHAT_LONG_TERM_TEMPLATE_IDS ?? ''),
      miniprogramState: oneOf(env.WECHAT_MINIPROGRAM_STATE, ['formal', 'trial', 'developer'] as const, 'WECHAT_MINIPROGRAM_STATE')
    },
    push: {
      worker: oneOf(env.PUSH_WORKER, ['inline', 'off'] as const, 'PUSH_WORKER'),
      batchSize: integer(env.PUSH_BATCH_SIZE, 1000, 'PUSH_BATCH_SIZE') || 1,
      lanes: integer(env.PUSH_LANES, 2, 'PUSH_LANES') || 1,
      maxAttempts: integer(env.PUSH_MAX_ATTEMPTS, 5, 'PUSH_MAX_ATTEMPTS') || 1,
      retryBaseMs: integer(env.PUSH_RETRY_BASE_MS, 2_000, 'PUSH_RETRY_BASE_MS'),
      retryMaxMs: integer(env.PUSH_RETRY_MAX_MS, 300_000, 'PUSH_RETRY_MAX_MS'),
      leaseMs: integer(env.PUSH_LEASE_MS, 60_000, 'PUSH_LEASE_MS'),
      idleMs: integer(env.PUSH_IDLE_MS, 1_000, 'PUSH_IDLE_MS') || 1
    },
    warnings: {
      ackMinutes: integer(env.WARN_ACK_MINUTES, 30, 'WARN_ACK_MINUTES'),
      callDueMinutes: {
        high: integer(env.WARN_CALL_MINUTES_HIGH, 10, 'WARN_CALL_MINUTES_HIGH'),
        medium: integer(env.WARN_CALL_MINUTES_MEDIUM, 60, 'WARN_CALL_MINUTES_MEDIUM')
      },
      unreachableRetryMinutes: integer(env.WARN_UNREACHABLE_RETRY_MINUTES, 30, 'WARN_UNREACHABLE_RETRY_MINUTES'),
      visitDueHours: {
        high: integer(env.WARN_VISIT_HOURS_HIGH, 4, 'WARN_VISIT_HOURS_HIGH') || 1,
        medium: integer(env.WARN_VISIT_HOURS_MEDIUM, 24, 'WARN_VISIT_HOURS_MEDIUM') || 1
      },
      batchSize: integer(env.WARN_BATCH_SIZE, 500, 'WARN_BATCH_SIZE') || 1,
      claimIdleMinutes: {
        call: integer(env.WARN_CLAIM_IDLE_MINUTES_CALL, 30, 'WARN_CLAIM_IDLE_MINUTES_CALL'),
        visit: integer(env.WARN_CLAIM_IDLE_MINUTES_VISIT, 480, 'WARN_CLAIM_IDLE_MINUTES_VISIT')
      }
    },
    sms: { gatewayUrl: env.SMS_GATEWAY_URL || undefined, gatewayToken: env.SMS_GATEWAY_TOKEN ?? '' },
    media: {
      dir: path.resolve(env.MEDIA_DIR ?? path.join(env.DATA_DIR ?? path.join(ROOT, 'data'), 'media')),
      maxVideoBytes: integer(env.MEDIA_MAX_VIDEO_BYTES, 30 * 1024 * 1024, 'MEDIA_MAX_VIDEO_BYTES'),
      maxImageBytes: integer(env.MEDIA_MAX_IMAGE_BYTES, 2 * 1024 * 1024, 'MEDIA_MAX_IMAGE_BYTES')
    }
  }
}

/**
 * Why a secret is obviously not random, or null: too few distinct bytes (all zeros, "aaaa…", "0101…") or one short
 * block repeated ("abcd1234abcd1234…"). A random 32-byte key or 64-character hex secret passes with a wide margin.
 */
export function weakness(secret: Uint8Array): string | null {
  if (new Set(secret).size < 8) return 'fewer than 8 different characters'
  for (let block = 1; block <= 16 && block * 2 <= secret.length; block++) {
    let repeats = true
    for (let i = block; i < secret.length && repeats; i++) repeats = secret[i] === secret[i - block]
    if (repeats) return `one block of ${block} repeated`
  }
  return null
}

// An IPv4 or IPv6 address, optionally with a prefix length (checked loosely here; proxy-addr parses it for real).
const ADDRESS_OR_CIDR = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f:]*:[0-9a-f:.]*)(?:\/\d{1,3})?$/i
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal'])

const HOST_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/

function imageHostList(value: string | undefined): string[] {
  const hosts = list((value ?? '').toLowerCase())
  const bad = hosts.filter((h) => !HOST_NAME.test(h))
  if (bad.length > 0) throw new ConfigError(`IMAGE_HOSTS must be host names separated by commas (e.g. img.example.gov.cn), got: ${bad.join(', ')}`)
  return hosts
}

/** TRUST_PROXY: unset/0 → trust no proxy; 1–9 → that many hops; else a comma-separated list of addresses or CIDRs. */
function trustedProxies(value: string | undefined): Config['trustProxy'] {
  if (value === undefined || value === '' || value === '0') return false
  if (/^[1-9]$/.test(value)) return Number(value)
  const entries = list(value)
  const bad = entries.filter((e) => !ADDRESS_OR_CIDR.test(e) && !PROXY_NAMES.has(e))
  if (entries.length === 0 || bad.length > 0) {
    throw new ConfigError(
      `TRUST_PROXY must be 0, a hop count (1–9) or the proxies' addresses/CIDRs (e.g. 10.0.0.5,10.1.0.0/16); ` +
        `"true" is not accepted because it would believe any X-Forwarded-For a client writes${bad.length > 0 ? ` (not an address: ${bad.join(', ')})` : ''}`
    )
  }
  return entries
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)
}

/** The first allowed value is the default. */
function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], name: string): T {
  if (value === undefined || value === '') return allowed[0]
  if (!(allowed as readonly string[]).includes(value)) throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${value}"`)
  return value as T
}

function integer(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${name} must be a non-negative integer, got "${value}"`)
  return n
}
