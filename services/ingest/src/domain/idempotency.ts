import { createHash } from 'node:crypto'
import { IdempotencyKeyInvalid } from '../errors.ts'

const KEY = /^[\x21-\x7e]{1,255}$/

/** The Idempotency-Key header's value, checked; undefined when the request has none. */
export function idempotencyKeyOf(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined
  if (Array.isArray(header) || !KEY.test(header)) throw new IdempotencyKeyInvalid()
  return header
}

/**
 * What a request asked for, as a hash: a retry with the same key must ask for the same thing (same kind of body,
 * same options, same bytes), or it is another request reusing the key.
 */
export function requestFingerprint(parts: readonly string[], body: Buffer): Buffer {
  const hash = createHash('sha256')
  for (const part of parts) hash.update(`${part}\n`)
  return hash.update(body).digest()
}
