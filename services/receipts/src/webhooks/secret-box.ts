import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import type { Keyring } from '@varco/documents'

// Signing secrets at rest, under the document store's master keys (DOCUMENT_KEYS): one keyring to hold, back up and
// rotate, not a second one. A master key is never used directly: HKDF derives a key for this purpose only, so that a
// webhook secret and a document's data key are never sealed under the same AES key. Format, as stored:
//   key_id   the master key's id (a rotation keeps old rows readable while the old key stays in DOCUMENT_KEYS)
//   sealed   nonce(12) || AES-256-GCM(derived key, nonce, secret, aad = label || subscription id || key id) || tag(16)
// The AAD binds a sealed secret to its subscription and column: copied onto another row, it does not open.

const ALGORITHM = 'aes-256-gcm'
const NONCE_BYTES = 12
const TAG_BYTES = 16
const INFO = Buffer.from('varco/receipts/webhook-secret/v1', 'utf8')

/** A secret as stored: the id of the master key it is sealed under, and the sealed bytes. */
export interface SealedSecret {
  readonly keyId: string
  readonly sealed: Buffer
}

export interface SecretBox {
  seal(secret: string, subscriptionId: string, slot: 'current' | 'previous'): SealedSecret
  open(stored: SealedSecret, subscriptionId: string, slot: 'current' | 'previous'): string
}

function aad(subscriptionId: string, slot: string, keyId: string): Buffer {
  return Buffer.from(`${slot}\u0000${subscriptionId}\u0000${keyId}`, 'utf8')
}

/** Seals and opens webhook secrets under the keyring; throws on a key it lacks or on bytes that do not authenticate. */
export function createSecretBox(keyring: Keyring): SecretBox {
  const derived = new Map<string, Buffer>()
  function keyFor(keyId: string): Buffer {
    const known = derived.get(keyId)
    if (known) return known
    const master = keyring.key(keyId)
    if (!master) throw new Error(`master key '${keyId}' is not in DOCUMENT_KEYS`)
    const key = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), INFO, 32))
    derived.set(keyId, key)
    return key
  }
  return {
    seal(secret, subscriptionId, slot) {
      const keyId = keyring.activeKeyId
      const nonce = randomBytes(NONCE_BYTES)
      const cipher = createCipheriv(ALGORITHM, keyFor(keyId), nonce, { authTagLength: TAG_BYTES })
      cipher.setAAD(aad(subscriptionId, slot, keyId))
      const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final(), cipher.getAuthTag()])
      return { keyId, sealed: Buffer.concat([nonce, body]) }
    },
    open({ keyId, sealed }, subscriptionId, slot) {
      if (sealed.length < NONCE_BYTES + TAG_BYTES) throw new Error('sealed secret too short')
      const nonce = sealed.subarray(0, NONCE_BYTES)
      const tag = sealed.subarray(sealed.length - TAG_BYTES)
      const decipher = createDecipheriv(ALGORITHM, keyFor(keyId), nonce, { authTagLength: TAG_BYTES })
      decipher.setAAD(aad(subscriptionId, slot, keyId))
      decipher.setAuthTag(tag)
      const body = sealed.subarray(NONCE_BYTES, sealed.length - TAG_BYTES)
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')
    },
  }
}
