import { createCipheriv, createDecipheriv, randomBytes, type KeyObject } from 'node:crypto'
import { addressOf } from './address.ts'
import { DocumentDecryptFailed, DocumentIntegrityFailed, DocumentKeyUnknown } from './errors.ts'
import type { Keyring } from './keyring.ts'

// Envelope encryption, pure (no I/O). Formats, as stored:
//   nonce       12 random bytes, the content's GCM nonce
//   ciphertext  AES-256-GCM(dataKey, nonce, content, aad = sha256) || tag(16)
//   wrappedKey  wrapNonce(12) || AES-256-GCM(masterKey, wrapNonce, dataKey, aad = sha256 || keyId) || tag(16)
// Each document has its own random data key, so a nonce is used once per key by construction, and rotating a
// master key re-wraps 32 bytes per document instead of re-encrypting megabytes.

const ALGORITHM = 'aes-256-gcm'
const NONCE_BYTES = 12
const TAG_BYTES = 16
const DATA_KEY_BYTES = 32

/** A wrapped data key and the id of the master key that wraps it. */
export interface WrappedKey {
  readonly keyId: string
  readonly wrappedKey: Buffer
}

/** A document as stored: its content encrypted under a data key, the data key wrapped under a master key. */
export interface SealedDocument extends WrappedKey {
  readonly nonce: Buffer
  readonly ciphertext: Buffer
}

/** Length of a wrapped data key in bytes: nonce, encrypted key, tag. */
export const WRAPPED_KEY_BYTES = NONCE_BYTES + DATA_KEY_BYTES + TAG_BYTES

function seal(key: KeyObject | Buffer, nonce: Buffer, plaintext: Uint8Array, aad: Buffer): Buffer {
  const cipher = createCipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES })
  cipher.setAAD(aad)
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()])
}

// Throws on any authentication failure; nothing decrypted is returned before the tag has been checked.
function open(key: KeyObject | Buffer, nonce: Buffer, sealed: Buffer, aad: Buffer): Buffer {
  if (nonce.length !== NONCE_BYTES || sealed.length < TAG_BYTES) throw new Error('malformed sealed value')
  const decipher = createDecipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES })
  decipher.setAAD(aad)
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES))
  return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()])
}

// Binding the key id stops a row's key_id from being switched to another key that happens to be in the keyring.
function wrapAad(address: Buffer, keyId: string): Buffer {
  return Buffer.concat([address, Buffer.from(keyId, 'utf8')])
}

function masterKey(keyring: Keyring, keyId: string, address: Buffer): KeyObject {
  const key = keyring.key(keyId)
  if (!key) throw new DocumentKeyUnknown(address.toString('hex'), keyId)
  return key
}

function wrap(dataKey: Buffer, address: Buffer, keyring: Keyring): WrappedKey {
  const keyId = keyring.activeKeyId
  const wrapNonce = randomBytes(NONCE_BYTES)
  const sealed = seal(masterKey(keyring, keyId, address), wrapNonce, dataKey, wrapAad(address, keyId))
  return { keyId, wrappedKey: Buffer.concat([wrapNonce, sealed]) }
}

function unwrap({ keyId, wrappedKey }: WrappedKey, address: Buffer, keyring: Keyring): Buffer {
  const key = masterKey(keyring, keyId, address)
  try {
    return open(key, wrappedKey.subarray(0, NONCE_BYTES), wrappedKey.subarray(NONCE_BYTES), wrapAad(address, keyId))
  } catch (err) {
    const reason = `its data key does not authenticate under master key '${keyId}' (wrong key material or tampered row)`
    throw new DocumentDecryptFailed(address.toString('hex'), reason, { cause: err })
  }
}

/** Encrypts `plaintext`, stored at `address`, under a fresh data key wrapped by the keyring's active key. */
export function sealDocument(plaintext: Uint8Array, address: Buffer, keyring: Keyring): SealedDocument {
  const dataKey = randomBytes(DATA_KEY_BYTES)
  try {
    const nonce = randomBytes(NONCE_BYTES)
    const ciphertext = seal(dataKey, nonce, plaintext, address)
    return { ...wrap(dataKey, address, keyring), nonce, ciphertext }
  } finally {
    dataKey.fill(0)
  }
}

/**
 * Decrypts a stored document and checks that its content hashes to `address`. Throws DOC_ERR_KEY_UNKNOWN,
 * DOC_ERR_DECRYPT or DOC_ERR_INTEGRITY; never returns unauthenticated bytes.
 */
export function openDocument(sealed: SealedDocument, address: Buffer, keyring: Keyring): Buffer {
  const dataKey = unwrap(sealed, address, keyring)
  let plaintext: Buffer
  try {
    plaintext = open(dataKey, sealed.nonce, sealed.ciphertext, address)
  } catch (err) {
    const reason = 'its content does not authenticate (tampered ciphertext or nonce, or a row moved to another address)'
    throw new DocumentDecryptFailed(address.toString('hex'), reason, { cause: err })
  } finally {
    dataKey.fill(0)
  }
  // Defence in depth: the AAD already binds the address, so only a faulty writer gets past it to here.
  if (!addressOf(plaintext).equals(address)) {
    throw new DocumentIntegrityFailed(address.toString('hex'), 'its content does not hash to its address')
  }
  return plaintext
}

/** Re-wraps a document's data key under the keyring's active key; the content and its ciphertext stay as they are. */
export function rewrapKey(current: WrappedKey, address: Buffer, keyring: Keyring): WrappedKey {
  const dataKey = unwrap(current, address, keyring)
  try {
    return wrap(dataKey, address, keyring)
  } finally {
    dataKey.fill(0)
  }
}
