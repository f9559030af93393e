import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomFillSync } from 'node:crypto'

const IV_BYTES = 12
/** IVs drawn from the CSPRNG in one call per this many: a call per value cost ≈ 12 µs, more than the encryption. */
const IVS_PER_DRAW = 512

/**
 * Encryption of personal fields at rest (name, ID number, phone): AES-256-GCM with a random 96-bit IV per
 * value, stored as `v1.<iv>.<tag>.<ciphertext>` (base64url). The version prefix leaves room to rotate keys.
 * Lookups by phone use a blind index: HMAC-SHA256 under a key derived from the same master key (HKDF), so
 * the database can find "this phone" without holding it in clear.
 */
export class FieldCipher {
  private readonly encryptionKey: Buffer
  private readonly indexKey: Buffer
  private readonly ivPool = Buffer.alloc(IV_BYTES * IVS_PER_DRAW)
  private ivNext = IVS_PER_DRAW

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('the data key must be 32 bytes')
    this.encryptionKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'qiandai field encryption v1', 32))
    this.indexKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'qiandai blind index v1', 32))
  }

  encrypt(plaintext: string): string {
    const iv = this.nextIv()
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv)
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.')
  }

  /** A fresh random IV (each pool byte is handed out once). */
  private nextIv(): Buffer {
    if (this.ivNext === IVS_PER_DRAW) {
      randomFillSync(this.ivPool)
      this.ivNext = 0
    }
    const start = IV_BYTES * this.ivNext++
    return Buffer.from(this.ivPool.subarray(start, start + IV_BYTES))
  }

  /** Throws when the value was altered or encrypted under another key (GCM authentication). */
  decrypt(stored: string): string {
    const [version, iv, tag, ciphertext] = stored.split('.')
    if (version !== 'v1' || iv === undefined || tag === undefined || ciphertext === undefined) throw new Error('not an encrypted field')
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, Buffer.from(iv, 'base64url'))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8')
  }

  /** Deterministic keyed hash for equality lookups (e.g. "is this phone registered?"). */
  blindIndex(value: string): string {
    return createHmac('sha256', this.indexKey).update(value).digest('base64url')
  }
}

/** Parses DATA_KEY: 32 bytes as 64 hex characters or base64. */
export function parseDataKey(text: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64')
  if (key.length !== 32) throw new Error('DATA_KEY must be 32 bytes: 64 hex characters or base64')
  return key
}
