import { sign, verify, type KeyObject } from 'node:crypto'
import { inspect } from 'node:util'
import { SignatureIdentityInvalid, SignatureSignFailed } from '../errors.ts'
import { describeSigner, type SignatureAlgorithm, type Signer, type SignerDescription } from '../signer.ts'
import type { CertificateInfo } from '../x509/certificate.ts'

function algorithmOf(key: KeyObject): SignatureAlgorithm {
  if (key.asymmetricKeyType === 'rsa') return 'RSA-SHA256'
  if (key.asymmetricKeyType === 'ec') return 'ECDSA-SHA256'
  throw new SignatureIdentityInvalid(
    `unsupported key type '${key.asymmetricKeyType ?? 'unknown'}' (RSA or EC expected)`,
  )
}

// A key that does not belong to the certificate would produce signatures nobody can verify: catch it at load time.
function assertKeyMatches(key: KeyObject, certificate: CertificateInfo): void {
  const probe = Buffer.from('varco signing identity check')
  const signature = sign('sha256', probe, key)
  if (!verify('sha256', probe, certificate.publicKey, signature)) {
    throw new SignatureIdentityInvalid('the private key does not match the certificate')
  }
}

/**
 * A Signer over a private key held in memory as a KeyObject (from PKCS#12 or PEM). The key lives only in this
 * closure: the object's properties, JSON and inspection show the certificate's names, never the key.
 */
export function keySigner(
  kind: SignerDescription['kind'],
  key: KeyObject,
  certificate: CertificateInfo,
  chain: readonly CertificateInfo[],
): Signer {
  const algorithm = algorithmOf(key)
  assertKeyMatches(key, certificate)
  const description = describeSigner(kind, { certificate, algorithm })
  return {
    certificate,
    chain,
    algorithm,
    // Synchronous native signing: the libuv-pool form costs about 20 % more CPU per signature (measured), for
    // a call that blocks the loop for ~0.3 ms with RSA-2048.
    sign: (data) => {
      try {
        return Promise.resolve(sign('sha256', data, key))
      } catch (err) {
        return Promise.reject(new SignatureSignFailed('the key could not sign', { cause: err }))
      }
    },
    toJSON: () => description,
    toString: () => `Signer(${description.kind}, ${description.subject})`,
    [inspect.custom]: () => `Signer ${inspect(description)}`,
  } as Signer
}
