import { createHmac, randomBytes } from 'node:crypto'

// Standard Webhooks (standardwebhooks.com): the secret is "whsec_" + base64 of random bytes; each signature is
// "v1," + base64(HMAC-SHA256(secret bytes, `${id}.${timestamp}.${body}`)); several are separated by spaces.

const SECRET_PREFIX = 'whsec_'
const SECRET_BYTES = 32

/** A fresh signing secret: 32 random bytes, as Standard Webhooks writes them. */
export function generateSecret(): string {
  return SECRET_PREFIX + randomBytes(SECRET_BYTES).toString('base64')
}

/** The key bytes of a secret this module made. */
export function secretKey(secret: string): Buffer {
  if (!secret.startsWith(SECRET_PREFIX)) throw new TypeError('not a whsec_ secret')
  return Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64')
}

/** One "v1,<base64>" signature of a message. */
export function signatureOf(secret: string, id: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', secretKey(secret)).update(`${id}.${timestampSeconds}.${body}`).digest('base64')
  return `v1,${mac}`
}

/** The webhook-signature header: one signature per secret, the current one first (two during a rotation). */
export function signatureHeader(secrets: readonly string[], id: string, timestampSeconds: number, body: string) {
  if (secrets.length === 0) throw new TypeError('no secret to sign with')
  return secrets.map((secret) => signatureOf(secret, id, timestampSeconds, body)).join(' ')
}
