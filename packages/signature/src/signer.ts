import type { CertificateInfo } from './x509/certificate.ts'

/** Signature algorithms a Signer can produce; both use SHA-256. */
export type SignatureAlgorithm = 'RSA-SHA256' | 'ECDSA-SHA256'

/**
 * A signing identity: a certificate and a private key that signs with it, wherever the key lives (a KeyObject in
 * memory, a PKCS#11 token). CAdES and XAdES use only this interface, so every identity produces the same signatures.
 */
export interface Signer {
  readonly certificate: CertificateInfo
  /** Intermediate CA certificates to embed next to the signer's (never the root), possibly empty. */
  readonly chain: readonly CertificateInfo[]
  readonly algorithm: SignatureAlgorithm
  /**
   * Hashes `data` with SHA-256 and signs the hash. RSA: PKCS#1 v1.5 signature; ECDSA: DER ECDSA-Sig-Value, as
   * CMS carries them (XAdES converts ECDSA to r||s itself).
   */
  sign(data: Buffer): Promise<Buffer>
  /** Who signs, for logs: never key material, PINs or passwords. */
  toJSON(): SignerDescription
  toString(): string
}

/** What identities print in logs, JSON and inspection: who signs, never key material. */
export interface SignerDescription {
  readonly kind: 'pkcs12' | 'pem' | 'pkcs11'
  /** The PKCS#11 token label, for token identities. */
  readonly token?: string
  readonly algorithm: SignatureAlgorithm
  readonly subject: string
  readonly issuer: string
  readonly serial: string
}

export function describeSigner(
  kind: SignerDescription['kind'],
  signer: Pick<Signer, 'certificate' | 'algorithm'>,
): SignerDescription {
  const { subject, issuer, serialHex } = signer.certificate
  return { kind, algorithm: signer.algorithm, subject, issuer, serial: serialHex }
}
