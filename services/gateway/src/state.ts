import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createTestPki, createTlsPki } from '@varco/testing'

/*
 * What the local gateway keeps between runs, in .varco/ at the checkout's root (git ignores it): the document
 * store's master key, the certificates of the SdI channel (both directions of mutual TLS, and the simulator's
 * message-signing identity), all made on the first run. They are for a developer's machine, never production.
 */

export const ROOT = resolve(import.meta.dirname, '../../..')
export const STATE_DIR = join(ROOT, '.varco')

export interface LocalState {
  readonly documentKeys: string
  /** The bearer token between the ingest API and the receipts service's internal API. */
  readonly internalToken: string
  readonly file: (name: string) => string
}

function once(name: string, make: () => string): string {
  const path = join(STATE_DIR, name)
  if (!existsSync(path)) writeFileSync(path, make(), { mode: 0o600 })
  return readFileSync(path, 'utf8')
}

/** Creates what is missing and returns where everything is. */
export function localState(): LocalState {
  mkdirSync(join(STATE_DIR, 'certs'), { recursive: true })
  mkdirSync(join(STATE_DIR, 'secrets'), { recursive: true })
  const documentKeys = once('document-keys', () => `local1:${randomBytes(32).toString('base64')}`)
  const internalToken = once('internal-token', () => randomBytes(32).toString('base64url')).trim()
  if (!existsSync(join(STATE_DIR, 'certs', 'ca.pem'))) {
    const tls = createTlsPki()
    const signing = createTestPki()
    const pems: Record<string, string> = {
      'ca.pem': tls.ca.cert,
      'server.pem': tls.server.cert,
      'server.key': tls.server.key,
      'client.pem': tls.client.cert,
      'client.key': tls.client.key,
      'signing-ca.pem': signing.ca.certPem,
      'sdi-signer.pem': signing.signer.certPem,
      'sdi-signer.key': signing.signer.keyPem,
    }
    for (const [name, pem] of Object.entries(pems)) writeFileSync(join(STATE_DIR, 'certs', name), pem, { mode: 0o600 })
    signing.cleanup()
  }
  return { documentKeys, internalToken, file: (name) => join(STATE_DIR, 'certs', name) }
}
