import { randomBytes } from 'node:crypto'
import { parseKeyring, type Keyring } from '../src/keyring.ts'

/** A fresh master key as DOCUMENT_KEYS holds it. */
export function newKey(): string {
  return randomBytes(32).toString('base64')
}

/** A keyring from `{ id: base64 }`, through the same parser configuration goes through. */
export function keyringOf(keys: Readonly<Record<string, string>>, active: string): Keyring {
  const entries = Object.entries(keys).map(([id, key]) => `${id}:${key}`)
  return parseKeyring(entries.join(','), active)
}
