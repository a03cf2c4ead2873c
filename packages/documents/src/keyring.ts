import { createSecretKey, type KeyObject } from 'node:crypto'
import { DocumentKeyringInvalid } from './errors.ts'

/** Master key ids: stored in every row and bound into its authenticated data, so short and plain. */
export const KEY_ID_PATTERN = '^[A-Za-z0-9_-]{1,32}$'

/** Size of a master key in bytes (AES-256). */
export const MASTER_KEY_BYTES = 32

const keyIdRegExp = new RegExp(KEY_ID_PATTERN)
// Canonical padded base64, as `openssl rand -base64 32` prints it; Buffer.from alone skips bad characters silently.
const base64RegExp = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/**
 * The master keys that wrap documents' data keys: the active one wraps new documents, the others still open
 * documents written before a rotation. Keys are held as KeyObjects, so logging a keyring prints no key material.
 */
export interface Keyring {
  readonly activeKeyId: string
  readonly keyIds: readonly string[]
  /** The master key with this id; undefined when the keyring does not hold it. */
  key(keyId: string): KeyObject | undefined
}

function fail(problem: string): never {
  throw new DocumentKeyringInvalid(problem)
}

// Entries are named by position until their id is known to be valid: a malformed entry may be a bare key.
function parseEntry(entry: string, position: number): [string, Buffer] {
  const colon = entry.indexOf(':')
  if (colon === -1) fail(`entry ${position} is not keyId:base64`)
  const keyId = entry.slice(0, colon).trim()
  const encoded = entry.slice(colon + 1).trim()
  if (!keyIdRegExp.test(keyId)) fail(`entry ${position} has a key id that does not match ${KEY_ID_PATTERN}`)
  if (encoded.length === 0 || !base64RegExp.test(encoded)) fail(`key '${keyId}' is not valid base64`)
  const material = Buffer.from(encoded, 'base64')
  if (material.length !== MASTER_KEY_BYTES) {
    fail(`key '${keyId}' is ${material.length} bytes long; ${MASTER_KEY_BYTES} random bytes expected`)
  }
  return [keyId, material]
}

/**
 * Parses DOCUMENT_KEYS (comma-separated `keyId:base64` entries, each key 32 random bytes, e.g. from
 * `openssl rand -base64 32`) and DOCUMENT_ACTIVE_KEY (the id that wraps new documents). Throws DOC_ERR_KEYRING
 * naming the problem and, where it is valid, the key id; never the key material.
 */
export function parseKeyring(keys: string, activeKeyId: string): Keyring {
  const entries = keys.split(',').map((entry) => entry.trim())
  if (entries.every((entry) => entry.length === 0)) fail('no keys configured')
  const byId = new Map<string, KeyObject>()
  const seen: Array<[string, Buffer]> = []
  try {
    entries.forEach((entry, index) => {
      if (entry.length === 0) fail(`entry ${index + 1} is empty`)
      const [keyId, material] = parseEntry(entry, index + 1)
      seen.push([keyId, material])
      if (byId.has(keyId)) fail(`key id '${keyId}' appears twice`)
      // The same key under two ids makes a rotation between them a no-op that looks like a success.
      const twin = seen.find(([otherId, other]) => otherId !== keyId && other.equals(material))
      if (twin) fail(`keys '${twin[0]}' and '${keyId}' hold the same key material`)
      byId.set(keyId, createSecretKey(material))
    })
  } finally {
    // createSecretKey copied the bytes: wipe the transient copies.
    for (const [, material] of seen) material.fill(0)
  }
  const active = activeKeyId.trim()
  if (!keyIdRegExp.test(active)) fail(`the active key id does not match ${KEY_ID_PATTERN}`)
  if (!byId.has(active)) fail(`the active key '${active}' is not among the configured keys`)
  return Object.freeze({
    activeKeyId: active,
    keyIds: Object.freeze([...byId.keys()]),
    key: (keyId: string) => byId.get(keyId),
  })
}
