import { constants } from 'node:fs'
import { access, readFile } from 'node:fs/promises'
import { assertNever, errorCode, errorMessage } from '@varco/errors'
import { loadPemIdentity, loadPkcs12Identity, openPkcs11Identity, type Signer } from '@varco/signature'
import { identityName, type IdentityRecord, type Pkcs11IdentitySpec } from '../../domain/identities.ts'
import { SigningIdentityUnreadable, SigningTokenUnavailable } from '../../errors.ts'
import type { SecretSource } from './secrets.ts'

/** A loaded identity; token identities hold a session, which `close` ends. */
export type LoadedSigner = Signer & { close?(): Promise<void> }

export interface IdentityLoaderOptions {
  readonly secrets: SecretSource
  /** The module of token identities that name none (SIGNING_PKCS11_MODULE). */
  readonly defaultPkcs11Module: string
}

// PKCS#11 answers that mean the PIN itself is wrong: retrying would only count down the token's tries until it locks.
const PIN_REFUSED = /CKR_PIN_(INCORRECT|INVALID|LEN_RANGE|EXPIRED|LOCKED)/

async function readIdentityFile(identity: IdentityRecord, file: string): Promise<Buffer> {
  try {
    return await readFile(file)
  } catch (err) {
    throw new SigningIdentityUnreadable(identityName(identity), `cannot read '${file}' (${errorCode(err)})`, {
      cause: err,
    })
  }
}

async function openToken(identity: IdentityRecord, spec: Pkcs11IdentitySpec, options: IdentityLoaderOptions) {
  const module = spec.module ?? options.defaultPkcs11Module
  // A module that is not there is a set-up mistake, not an outage: report it instead of retrying for ever.
  await access(module, constants.R_OK).catch((err: unknown) => {
    throw new SigningIdentityUnreadable(identityName(identity), `no PKCS#11 module at '${module}'`, { cause: err })
  })
  const certificates =
    spec.certificateFile === undefined ? {} : { certificates: await readIdentityFile(identity, spec.certificateFile) }
  const pin = await options.secrets.read(spec.pinSecret)
  try {
    return await openPkcs11Identity({
      module,
      tokenLabel: spec.tokenLabel,
      keyLabel: spec.keyLabel,
      pin,
      ...certificates,
    })
  } catch (err) {
    if (errorCode(err) === 'SIG_ERR_PKCS11' && !PIN_REFUSED.test(errorMessage(err))) {
      throw new SigningTokenUnavailable(identityName(identity), errorMessage(err), { cause: err })
    }
    throw err
  }
}

async function open(identity: IdentityRecord, options: IdentityLoaderOptions): Promise<LoadedSigner> {
  const { spec } = identity
  switch (spec.kind) {
    case 'pkcs12': {
      const file = await readIdentityFile(identity, spec.file)
      return loadPkcs12Identity({ file, password: await options.secrets.read(spec.passwordSecret) })
    }
    case 'pem': {
      const key = await readIdentityFile(identity, spec.keyFile)
      const certificates = await readIdentityFile(identity, spec.certificateFile)
      const passphrase =
        spec.passphraseSecret === undefined ? {} : { passphrase: await options.secrets.read(spec.passphraseSecret) }
      return loadPemIdentity({ key, certificates, ...passphrase })
    }
    case 'pkcs11':
      return openToken(identity, spec, options)
    default:
      return assertNever(spec, 'identity kind')
  }
}

// Errors of this service pass as they are (token unavailable, secret missing, unreadable file); the signature
// package's (a wrong password, a key that does not match its certificate, a refused PIN) become "unreadable".
const OWN_CODES = new Set([
  'SIGNING_ERR_IDENTITY_UNREADABLE',
  'SIGNING_ERR_SECRET_MISSING',
  'SIGNING_ERR_TOKEN_UNAVAILABLE',
])

/** Loads the signer an identity refers to: reads its files and secret, opens the key (or the token session). */
export async function loadIdentity(identity: IdentityRecord, options: IdentityLoaderOptions): Promise<LoadedSigner> {
  try {
    return await open(identity, options)
  } catch (err) {
    if (OWN_CODES.has(errorCode(err))) throw err
    throw new SigningIdentityUnreadable(identityName(identity), errorMessage(err), { cause: err })
  }
}
