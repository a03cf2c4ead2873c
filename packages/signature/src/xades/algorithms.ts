import { verify, type KeyLike, type KeyObject } from 'node:crypto'
import type { ErrorFirstCallback, SignatureAlgorithm } from 'xml-crypto'
import type { Signer } from '../signer.ts'
import { derToP1363 } from './ecdsa.ts'
import { ECDSA_SHA256, RSA_SHA256, SIGNATURE_METHODS } from './uris.ts'

type SignatureAlgorithmClass = new () => SignatureAlgorithm

/** The SignatureMethod URI for a signer's algorithm. */
export function signatureMethodOf(signer: Signer): string {
  return signer.algorithm === 'RSA-SHA256' ? RSA_SHA256 : ECDSA_SHA256
}

/**
 * An xml-crypto signature algorithm that signs the canonical SignedInfo through a Signer (a KeyObject or a PKCS#11
 * token), asynchronously: xml-crypto's callback form of computeSignature calls it with the canonical SignedInfo.
 */
export function signerAlgorithm(signer: Signer): SignatureAlgorithmClass {
  const method = signatureMethodOf(signer)
  const curveBytes = ecdsaFieldBytes(signer.certificate.publicKey)
  return class {
    getAlgorithmName(): string {
      return method
    }
    getSignature(
      signedInfo: string | Buffer,
      _key: KeyLike,
      callback?: ErrorFirstCallback<string>,
    ): string | undefined {
      if (callback === undefined) throw new Error('signing through a Signer is asynchronous: pass a callback')
      signer.sign(Buffer.from(signedInfo)).then(
        (signature) =>
          callback(null, (curveBytes === undefined ? signature : derToP1363(signature, curveBytes)).toString('base64')),
        (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
      )
      return undefined
    }
    verifySignature(): boolean {
      throw new Error('this algorithm only signs')
    }
  } as unknown as SignatureAlgorithmClass
}

/** The size of r and s in XML-DSig's r||s ECDSA signature value, or undefined for RSA. */
export function ecdsaFieldBytes(key: KeyObject): number | undefined {
  if (key.asymmetricKeyType !== 'ec') return undefined
  const curve = key.asymmetricKeyDetails?.namedCurve
  return curve === 'secp384r1' ? 48 : curve === 'secp521r1' ? 66 : 32
}

/**
 * Verification algorithms for every accepted SignatureMethod, with native crypto on the certificate's KeyObject.
 * The key type must match the method: an RSA method over an EC key (or the reverse) does not verify.
 */
export function verificationAlgorithms(): Record<string, SignatureAlgorithmClass> {
  const entries = [...SIGNATURE_METHODS].map(([uri, { key, hash }]) => {
    const algorithm = class {
      getAlgorithmName(): string {
        return uri
      }
      getSignature(): string {
        throw new Error('this algorithm only verifies')
      }
      verifySignature(material: string, publicKey: KeyObject, signatureValue: string): boolean {
        if (publicKey.asymmetricKeyType !== key) return false
        const signature = Buffer.from(signatureValue.replace(/\s/g, ''), 'base64')
        const options = key === 'ec' ? { key: publicKey, dsaEncoding: 'ieee-p1363' as const } : publicKey
        try {
          return verify(hash, Buffer.from(material), options, signature)
        } catch {
          return false
        }
      }
    }
    return [uri, algorithm] as const
  })
  return Object.fromEntries(entries)
}
