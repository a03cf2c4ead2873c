import type { CertificateInfo } from '../x509/certificate.ts'
import type { TrustStore } from '../x509/trust.ts'

/**
 * Revocation status of the signer's certificate at a given time. It needs the network (OCSP, CRL), which this
 * package never uses, so the caller supplies it; without it a verdict says `revocation: 'not-checked'` and 00101 is
 * never reported.
 */
export type RevocationCheck = (
  signer: CertificateInfo,
  issuer: CertificateInfo | undefined,
  at: Date,
) => Promise<'good' | 'revoked' | 'unknown'>

export interface VerifyOptions {
  /** The CAs to trust (e.g. the AgID/EU trusted list), as PEM bundles or DER certificates, or a built TrustStore. */
  readonly trust: TrustStore | readonly (string | Buffer)[]
  /**
   * When SdI (or we) received the file; defaults to now. The signing time must not be later (00105), and the
   * certificate must be valid at both instants: a CAdES/XAdES-BES signing time is only the signer's claim, while the
   * reception time is a time reference third parties can rely on (DPCM 22/02/2013 art. 62).
   */
  readonly receivedAt?: Date
  readonly checkRevocation?: RevocationCheck
}
