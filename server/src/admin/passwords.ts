import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

// scrypt (memory-hard, in Node's standard library). N=2^15, r=8 uses 32 MiB per hash: about 60–100 ms on
// this class of machine, cheap for a login and expensive for guessing. Parameters are stored with the hash.
const PARAMS = { N: 2 ** 15, r: 8, p: 1 }
const KEY_LENGTH = 32

/**
 * scrypt runs on libuv's shared thread pool (4 threads), which also reads the files the server sends: a flood of
 * sign-ins once held /admin/ for seconds. At most HASHING_AT_ONCE hashes run at a time; up to HASHING_QUEUE wait
 * their turn; beyond that a sign-in is refused at once (HashingBusy → 503 with Retry-After) instead of queueing for ever.
 */
export const HASHING_AT_ONCE = 2
export const HASHING_QUEUE = 32
let hashingAtOnce = HASHING_AT_ONCE
/** PASSWORD_HASHING_AT_ONCE (config): the bound, for a machine with a larger thread pool (or the benchmark's baseline). */
export function setHashingAtOnce(n: number): void {
  hashingAtOnce = Math.max(1, n)
}
export class HashingBusy extends Error {}
let hashing = 0
const waiting: Array<() => void> = []
/** For the tests: how many hashes run right now, and the most ever at once. */
export const hashingStats = { running: () => hashing, highest: 0 }

async function withHashingSlot<T>(work: () => Promise<T>): Promise<T> {
  if (hashing >= hashingAtOnce) {
    if (waiting.length >= HASHING_QUEUE) throw new HashingBusy('too many password checks waiting')
    await new Promise<void>((resolve) => waiting.push(resolve))
  }
  hashing++
  hashingStats.highest = Math.max(hashingStats.highest, hashing)
  try {
    return await work()
  } finally {
    hashing--
    waiting.shift()?.()
  }
}

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 128 * params.N * params.r * 2 }
  return withHashingSlot(
    () =>
      new Promise((resolve, reject) => {
        scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key)))
      })
  )
}

/** `scrypt$N$r$p$salt$hash` (base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, PARAMS)
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64url')
  const key = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) })
  return key.length === expected.length && timingSafeEqual(key, expected)
}

/** A hash of nothing, verified against when the username is unknown so both paths take the same time. */
export const DUMMY_HASH_PROMISE = hashPassword(randomBytes(16).toString('hex'))

export const MIN_PASSWORD_LENGTH = 10

// Runs people type when asked for a long password: keyboard rows and counting, in either direction.
const RUNS = ['0123456789', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', '1qaz2wsx3edc4rfv', 'qazwsxedcrfvtgb']
const COMMON = [
  'password',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword',
  'admin',
  'qiandai',
  'woaini',
  'iloveyou',
  'letmein',
  'welcome',
  'abc123',
  'a123456',
  '123456',
  '888888',
  '666666',
  '520520',
  'fanzha',
  'gongan'
]

/**
 * Why a staff password is too easy to guess, in Chinese, or null. Length alone let "aaaaaaaaaa" through: these are the
 * patterns guessing tools try first — a few characters repeated, a keyboard row or counting, the username, a common
 * word or number as most of it.
 */
export function staffPasswordProblem(password: string, username: string): string | null {
  const chars = [...password]
  if (chars.length < MIN_PASSWORD_LENGTH) return `密码至少${MIN_PASSWORD_LENGTH}个字符`
  if (chars.length > 200) return '密码最多200个字符'
  const lower = password.toLowerCase()
  if (new Set(chars).size < 5) return '密码里不同的字符太少（至少5种）'
  for (let block = 1; block <= 6 && block * 2 <= chars.length; block++) {
    if (chars.every((c, i) => i < block || c === chars[i - block])) return '密码不能是几个字符的重复'
  }
  const user = username.trim().toLowerCase()
  if (user.length >= 3 && lower.includes(user)) return '密码不能包含用户名'
  let rest = lower
  for (const run of RUNS) {
    for (const r of [run, [...run].reverse().join('')]) {
      for (let len = Math.min(r.length, lower.length); len >= 4; len--) {
        for (let i = 0; i + len <= r.length; i++) rest = rest.split(r.slice(i, i + len)).join('')
      }
    }
  }
  for (const word of COMMON) rest = rest.split(word).join('')
  if ([...rest].length < 6) return '密码主要是连续字符或常见密码，太容易被猜中'
  return null
}
