import { createPrivateKey, type KeyObject } from 'node:crypto'
import { SignatureIdentityInvalid } from '../errors.ts'
import type { Signer } from '../signer.ts'
import { readCertificates } from '../x509/trust.ts'
import { keySigner } from './key-signer.ts'

export interface PemIdentityOptions {
  /** The private key: PKCS#8 or traditional PEM, possibly encrypted. */
  readonly key: string | Buffer
  /** Passphrase of an encrypted key. */
  readonly passphrase?: string
  /** The signer's certificate first, then any intermediate CA certificates, as PEM. */
  readonly certificates: string | Buffer
}

/** Loads a signing identity from a PEM private key (encrypted or not) and its PEM certificate chain. */
export function loadPemIdentity(options: PemIdentityOptions): Signer {
  let key: KeyObject
  try {
    key = createPrivateKey(
      options.passphrase === undefined ? { key: options.key } : { key: options.key, passphrase: options.passphrase },
    )
  } catch (err) {
    // OpenSSL's message says what is wrong (bad decrypt, unsupported format) without echoing the key.
    throw new SignatureIdentityInvalid('cannot read the private key (wrong passphrase or not a PEM private key)', {
      cause: err,
    })
  }
  const [certificate, ...chain] = readCertificates(options.certificates)
  if (certificate === undefined) throw new SignatureIdentityInvalid('no certificate in the PEM certificates')
  return keySigner('pem', key, certificate, chain)
}
