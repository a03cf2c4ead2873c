import { createHash, randomBytes } from 'node:crypto'

/** Every key starts with this: greppable in leaked logs and code (secret scanners match it), and versioned. */
export const API_KEY_PREFIX = 'vk_live_'

const KEY_BYTES = 32
const API_KEY = /^vk_live_[A-Za-z0-9_-]{43}$/

/** A new API key: the prefix and 32 random bytes in base64url (256 bits: never guessed, never brute-forced). */
export function generateApiKey(): string {
  return `${API_KEY_PREFIX}${randomBytes(KEY_BYTES).toString('base64url')}`
}

/** Whether a string has the shape of a key; anything else is refused before a lookup. */
export function isApiKeyShaped(value: string): boolean {
  return API_KEY.test(value)
}

/**
 * What is stored and looked up: SHA-256 of the key. A fast hash is enough for a 256-bit random secret (nobody can
 * enumerate 2^256 candidates against a stolen table); slow password hashes exist for low-entropy secrets, and would
 * spend tens of milliseconds of CPU on every request here.
 */
export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest()
}

/** The last characters of a key, shown in listings so a person can tell keys apart. */
export function keyHint(key: string): string {
  return key.slice(-4)
}

/** The key in an `Authorization: Bearer <key>` header; undefined when the header is absent, '' when it is not Bearer. */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined
  const match = /^Bearer[ ]+(\S+)[ ]*$/i.exec(header)
  return match?.[1] ?? ''
}
