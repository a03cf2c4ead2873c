import { SigningCertificateExpired, SigningCertificateNotYetValid } from '../errors.ts'

/** The part of a parsed certificate (the signature package's CertificateInfo) that its validity depends on. */
export interface CertificateValidity {
  readonly subject: string
  readonly notBefore: Date
  readonly notAfter: Date
}

/**
 * Refuses to sign with a certificate outside its validity at the signing time: SdI would reject the file (00100
 * expired, 00107 not yet valid), and a signature dated outside the certificate's life is worth nothing anyway.
 */
export function assertValidAt(certificate: CertificateValidity, signingTime: Date): void {
  if (signingTime.getTime() > certificate.notAfter.getTime()) {
    throw new SigningCertificateExpired(certificate.subject, certificate.notAfter.toISOString())
  }
  if (signingTime.getTime() < certificate.notBefore.getTime()) {
    throw new SigningCertificateNotYetValid(certificate.subject, certificate.notBefore.toISOString())
  }
}
