import { assertNever } from '@varco/errors'
import { SigningSetupInvalid } from '../errors.ts'

/*
 * Signing identities are references: where the key is (a file, a token) and the name of the secret that opens it.
 * Secrets themselves are files in the secrets directory (SIGNING_SECRETS_DIR), never in the database or in events.
 */

/** A PKCS#12 file (.p12/.pfx) opened with the password in `passwordSecret`. */
export interface Pkcs12IdentitySpec {
  readonly kind: 'pkcs12'
  readonly file: string
  readonly passwordSecret: string
}

/** A PEM private key (possibly encrypted: `passphraseSecret`) and its PEM certificate chain. */
export interface PemIdentitySpec {
  readonly kind: 'pem'
  readonly keyFile: string
  readonly certificateFile: string
  readonly passphraseSecret?: string | undefined
}

/** A key on a PKCS#11 token, logged in with the PIN in `pinSecret`. */
export interface Pkcs11IdentitySpec {
  readonly kind: 'pkcs11'
  /** The PKCS#11 library; SIGNING_PKCS11_MODULE when absent. */
  readonly module?: string | undefined
  readonly tokenLabel: string
  readonly keyLabel: string
  readonly pinSecret: string
  /** Signer certificate then intermediates (PEM); by default the token's certificate with the key's CKA_ID. */
  readonly certificateFile?: string | undefined
}

export type IdentitySpec = Pkcs12IdentitySpec | PemIdentitySpec | Pkcs11IdentitySpec

/** A configured identity, as stored: `version` changes whenever the row does, so caches know to reload it. */
export interface IdentityRecord {
  readonly id: string
  readonly version: number
  readonly tenantId: string
  /** `IT01234567890`; null for the tenant's default identity. */
  readonly transmitter: string | null
  readonly spec: IdentitySpec
}

/** A transmitter as file names and identities name it: country code then tax id (`IT01234567890`). */
export function transmitterKey(transmitter: { readonly country: string; readonly id: string }): string {
  return `${transmitter.country}${transmitter.id}`
}

/** The identity that signs for `transmitter`: its own when it has one, else the tenant's default. */
export function pickIdentity(candidates: readonly IdentityRecord[], transmitter: string): IdentityRecord | undefined {
  return (
    candidates.find((identity) => identity.transmitter === transmitter) ??
    candidates.find((identity) => identity.transmitter === null)
  )
}

/** A secret's file name in the secrets directory: no path separators, no leading dot. */
export const SECRET_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/
const TRANSMITTER = /^[A-Z]{2}[A-Za-z0-9]{2,28}$/
const LABEL_MAX = 256

function path(value: string | undefined, what: string, optional = false): void {
  if (value === undefined && optional) return
  if (value === undefined || !value.startsWith('/') || value.includes('\0')) {
    throw new SigningSetupInvalid(`${what} must be an absolute path`)
  }
}

function secret(value: string | undefined, what: string, optional = false): void {
  if (value === undefined && optional) return
  if (value === undefined || !SECRET_NAME.test(value)) {
    throw new SigningSetupInvalid(`${what} must be a file name in the secrets directory (letters, digits, . _ -)`)
  }
}

function label(value: string, what: string): void {
  if (value.trim().length === 0 || value.length > LABEL_MAX) throw new SigningSetupInvalid(`${what} must be given`)
}

/** Checks an identity an operator configures; throws SIGNING_ERR_SETUP_INVALID naming the first problem. */
export function checkIdentity(transmitter: string | null, spec: IdentitySpec): void {
  if (transmitter !== null && !TRANSMITTER.test(transmitter)) {
    throw new SigningSetupInvalid('the transmitter must be a country code and a tax id, e.g. IT01234567890')
  }
  switch (spec.kind) {
    case 'pkcs12':
      path(spec.file, 'the PKCS#12 file')
      return secret(spec.passwordSecret, 'the password secret')
    case 'pem':
      path(spec.keyFile, 'the key file')
      path(spec.certificateFile, 'the certificate file')
      return secret(spec.passphraseSecret, 'the passphrase secret', true)
    case 'pkcs11':
      path(spec.module, 'the PKCS#11 module', true)
      path(spec.certificateFile, 'the certificate file', true)
      label(spec.tokenLabel, 'the token label')
      label(spec.keyLabel, 'the key label')
      return secret(spec.pinSecret, 'the PIN secret')
    default:
      return assertNever(spec, 'identity kind')
  }
}

/** How an identity is named in logs and messages: its row and kind, never a secret. */
export function identityName(identity: IdentityRecord): string {
  return `#${identity.id} (${identity.spec.kind}, tenant '${identity.tenantId}', ${identity.transmitter ?? 'default'})`
}
