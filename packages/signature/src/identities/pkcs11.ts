import { createHash, verify } from 'node:crypto'
import { inspect } from 'node:util'
import { SignatureIdentityInvalid, SignatureSignFailed, SignatureTokenError } from '../errors.ts'
import { describeSigner, type SignatureAlgorithm, type Signer } from '../signer.ts'
import { p1363ToDer } from '../xades/ecdsa.ts'
import { parseCertificate, type CertificateInfo } from '../x509/certificate.ts'
import { readCertificates } from '../x509/trust.ts'
import { acquireModule, pkcs11js, releaseModule } from './pkcs11-module.ts'
import { findKey, openSession, type Pkcs11, type TokenSession } from './pkcs11-token.ts'

export interface Pkcs11IdentityOptions {
  /** Path of the PKCS#11 library, e.g. /usr/lib/softhsm/libsofthsm2.so or a smart-card vendor's module. */
  readonly module: string
  /** The token's label; or `slot`, the slot ID. One of the two. */
  readonly tokenLabel?: string
  readonly slot?: number
  /** User PIN. Used once to log in; never kept in messages or on the identity. */
  readonly pin: string
  /** The private key's CKA_LABEL and/or CKA_ID (hex); at least one. */
  readonly keyLabel?: string
  readonly keyId?: string
  /** Signer certificate then intermediates (PEM or DER); by default the certificate object with the key's CKA_ID. */
  readonly certificates?: string | Buffer
}

/** A Signer whose key stays in a PKCS#11 token; close it to end the session. */
export interface Pkcs11Signer extends Signer {
  close(): Promise<void>
  [Symbol.asyncDispose](): Promise<void>
}

// Out-buffer for C_Sign: large enough for RSA-8192 and any ECDSA curve.
const MAX_SIGNATURE = 1024

function certificatesOf(token: TokenSession, options: Pkcs11IdentityOptions): CertificateInfo[] {
  if (options.certificates !== undefined) return readCertificates(options.certificates)
  const der = token.certificateValue(token.keyId)
  if (der === undefined)
    throw new SignatureIdentityInvalid("no certificate given and none on the token with the key's CKA_ID")
  return [parseCertificate(der)]
}

function signOnce(pkcs11: Pkcs11, token: TokenSession, mechanism: number, input: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const fail = (err: unknown): void => reject(new SignatureSignFailed('the token refused to sign', { cause: err }))
    try {
      pkcs11.C_SignInit(token.session, { mechanism }, token.key)
      pkcs11.C_Sign(token.session, input, Buffer.alloc(MAX_SIGNATURE), (err, signature) =>
        err ? fail(err) : resolve(signature),
      )
    } catch (err) {
      fail(err)
    }
  })
}

function buildSigner(options: Pkcs11IdentityOptions): Pkcs11Signer {
  const pkcs11 = acquireModule(options.module)
  let token: TokenSession | undefined
  let certificates: CertificateInfo[]
  try {
    token = openSession(pkcs11, options)
    findKey(pkcs11, token, options)
    certificates = certificatesOf(token, options)
  } catch (err) {
    token?.close()
    releaseModule(options.module)
    throw err instanceof SignatureIdentityInvalid || err instanceof SignatureTokenError
      ? err
      : new SignatureTokenError('cannot open the token', { cause: err })
  }
  const session = token
  const [certificate, ...chain] = certificates
  if (certificate === undefined) throw new SignatureIdentityInvalid('no certificate for the token key')
  const ec = session.keyType === pkcs11js.CKK_EC
  if (certificate.publicKey.asymmetricKeyType !== (ec ? 'ec' : 'rsa')) {
    session.close()
    releaseModule(options.module)
    throw new SignatureIdentityInvalid('the token key and the certificate are of different types')
  }
  const algorithm: SignatureAlgorithm = ec ? 'ECDSA-SHA256' : 'RSA-SHA256'
  // RSA: the token hashes and pads (CKM_SHA256_RSA_PKCS). ECDSA: the hash is computed here and the token signs it
  // with plain CKM_ECDSA, which every token has (SoftHSM 2.6, for one, lacks CKM_ECDSA_SHA256). The key stays inside.
  const mechanism = ec ? pkcs11js.CKM_ECDSA : pkcs11js.CKM_SHA256_RSA_PKCS
  const tokenInput = ec
    ? (data: Buffer): Buffer => createHash('sha256').update(data).digest()
    : (data: Buffer): Buffer => data
  let queue: Promise<unknown> = Promise.resolve()
  let closed = false
  const sign = (data: Buffer): Promise<Buffer> => {
    if (closed) return Promise.reject(new SignatureSignFailed('the PKCS#11 identity is closed'))
    const run = (): Promise<Buffer> => signOnce(pkcs11, session, mechanism, tokenInput(data))
    const result = queue.then(run, run)
    queue = result.catch(() => undefined)
    // CKM_ECDSA returns r||s; CMS and our Signer contract want DER.
    return ec ? result.then(p1363ToDer) : result
  }
  const close = async (): Promise<void> => {
    if (closed) return
    closed = true
    await queue
    session.close()
    releaseModule(options.module)
  }
  const description = { ...describeSigner('pkcs11', { certificate, algorithm }), token: session.label }
  return {
    certificate,
    chain,
    algorithm,
    sign,
    close,
    [Symbol.asyncDispose]: close,
    toJSON: () => description,
    toString: () => `Signer(pkcs11, ${description.subject})`,
    [inspect.custom]: () => `Signer ${inspect(description)}`,
  } as Pkcs11Signer
}

/**
 * Opens a signing identity on a PKCS#11 token: one session, logged in once and reused; the private key never leaves
 * the token (C_Sign with CKM_SHA256_RSA_PKCS, or CKM_ECDSA). A PKCS#11 session runs one operation at a time,
 * so concurrent sign() calls are queued. One probe signature checks that the key belongs to the certificate.
 */
export async function openPkcs11Identity(options: Pkcs11IdentityOptions): Promise<Pkcs11Signer> {
  const signer = buildSigner(options)
  const probe = Buffer.from('varco signing identity check')
  try {
    if (!verify('sha256', probe, signer.certificate.publicKey, await signer.sign(probe))) {
      throw new SignatureIdentityInvalid('the token key does not match the certificate')
    }
  } catch (err) {
    await signer.close()
    throw err
  }
  return signer
}
