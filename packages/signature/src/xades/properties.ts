import { serialDecimal, type CertificateInfo } from '../x509/certificate.ts'
import { SHA256, XADES_NS } from './uris.ts'

export interface SignatureIds {
  readonly signature: string
  readonly signedProperties: string
  readonly keyInfo: string
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c)
}

/** xs:dateTime in UTC with whole seconds, as SdI writes SigningTime (2014-06-05T14:24:28Z). */
export function xmlDateTime(at: Date): string {
  return `${at.toISOString().slice(0, 19)}Z`
}

/**
 * The XAdES-BES QualifyingProperties (XAdES 1.3.2) for a ds:Object: SigningTime and SigningCertificate with the
 * SHA-256 CertDigest and IssuerSerial of the signer's certificate. `ds:` is bound by the enclosing ds:Signature.
 */
export function qualifyingProperties(ids: SignatureIds, certificate: CertificateInfo, signingTime: Date): string {
  return (
    `<xades:QualifyingProperties xmlns:xades="${XADES_NS}" Target="#${ids.signature}">` +
    `<xades:SignedProperties Id="${ids.signedProperties}">` +
    '<xades:SignedSignatureProperties>' +
    `<xades:SigningTime>${xmlDateTime(signingTime)}</xades:SigningTime>` +
    '<xades:SigningCertificate><xades:Cert>' +
    `<xades:CertDigest><ds:DigestMethod Algorithm="${SHA256}"/>` +
    `<ds:DigestValue>${certificate.sha256.toString('base64')}</ds:DigestValue></xades:CertDigest>` +
    `<xades:IssuerSerial><ds:X509IssuerName>${escapeXml(certificate.issuerRfc4514)}</ds:X509IssuerName>` +
    `<ds:X509SerialNumber>${serialDecimal(certificate)}</ds:X509SerialNumber></xades:IssuerSerial>` +
    '</xades:Cert></xades:SigningCertificate>' +
    '</xades:SignedSignatureProperties>' +
    '</xades:SignedProperties>' +
    '</xades:QualifyingProperties>'
  )
}
