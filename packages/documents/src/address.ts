import { createHash } from 'node:crypto'
import { DocumentBadRef } from './errors.ts'

const addressRegExp = /^[0-9a-f]{64}$/
// Addresses come from events and URLs: an absurdly long one is cut short in the error message.
const MAX_ECHOED = 80

/** The raw sha256 of `bytes`: a document's address, and the authenticated data that binds a row to it. */
export function addressOf(bytes: Uint8Array): Buffer {
  return createHash('sha256').update(bytes).digest()
}

/** Parses a hex address (64 lowercase hex digits, as in DocumentRef) into its 32 bytes; DOC_ERR_BAD_REF otherwise. */
export function parseAddress(sha256Hex: string): Buffer {
  if (typeof sha256Hex !== 'string' || !addressRegExp.test(sha256Hex)) {
    const shown = String(sha256Hex)
    throw new DocumentBadRef(shown.length > MAX_ECHOED ? `${shown.slice(0, MAX_ECHOED)}...` : shown)
  }
  return Buffer.from(sha256Hex, 'hex')
}
