import type { Element } from '@xmldom/xmldom'
import { childrenNamed, isElement, onlyChild } from './dom.ts'
import { DSIG_NS, XADES_NS } from './uris.ts'

export interface CertificateReference {
  readonly digestMethod: string
  readonly digest: Buffer
  /** X509SerialNumber in decimal, when the Cert has an IssuerSerial. */
  readonly serial: string | undefined
}

export interface SignedPropertiesInfo {
  /** Undefined when absent (00103); 'unreadable' when present but not an xs:dateTime. */
  readonly signingTime: Date | undefined | 'unreadable'
  /** SigningCertificate(V2)/Cert entries; undefined when absent (SdI's own messages have none). */
  readonly certificates: readonly CertificateReference[] | undefined
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/

/** xs:dateTime; without a time zone it is read as UTC (what SdI writes always carries Z). */
export function parseDateTime(text: string): Date | undefined {
  const match = DATE_TIME.exec(text.trim())
  if (match === null) return undefined
  const [, y, mo, d, h, mi, s, fraction, zone] = match
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}${fraction ?? ''}${zone === undefined || zone === 'Z' ? 'Z' : zone}`
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? undefined : date
}

function certificateReferences(signatureProperties: Element): CertificateReference[] | undefined | string {
  const holder =
    onlyChild(signatureProperties, XADES_NS, 'SigningCertificate') ??
    onlyChild(signatureProperties, XADES_NS, 'SigningCertificateV2')
  if (holder === undefined) return undefined
  const certs = childrenNamed(holder, XADES_NS, 'Cert')
  if (certs.length === 0) return 'SigningCertificate without Cert'
  const references: CertificateReference[] = []
  for (const cert of certs) {
    const certDigest = onlyChild(cert, XADES_NS, 'CertDigest')
    const digestMethod = onlyChild(certDigest, DSIG_NS, 'DigestMethod')?.getAttribute('Algorithm')
    const digestValue = onlyChild(certDigest, DSIG_NS, 'DigestValue')?.textContent
    if (digestMethod == null || digestValue == null) return 'SigningCertificate Cert without CertDigest'
    const serial = onlyChild(
      onlyChild(cert, XADES_NS, 'IssuerSerial'),
      DSIG_NS,
      'X509SerialNumber',
    )?.textContent?.trim()
    references.push({ digestMethod, digest: Buffer.from(digestValue.replace(/\s/g, ''), 'base64'), serial })
  }
  return references
}

/**
 * Reads SignedProperties: it must sit in ds:Object/xades:QualifyingProperties of this very signature, whose Target
 * names the signature (XAdES 1.3.2 §6.2). SigningTime and SigningCertificate are optional in the schema; their
 * absence is judged by the caller (00103 for the time; the certificate is bound by the KeyInfo reference otherwise).
 */
export function readProperties(signedProperties: Element, signature: Element): SignedPropertiesInfo | string {
  const qualifying = signedProperties.parentNode as Element | null
  const object = qualifying?.parentNode as Element | null | undefined
  if (
    !isElement(qualifying ?? undefined, XADES_NS, 'QualifyingProperties') ||
    !isElement(object ?? undefined, DSIG_NS, 'Object') ||
    object?.parentNode !== signature
  ) {
    return 'SignedProperties is not in ds:Object/xades:QualifyingProperties of the signature'
  }
  const signatureId = signature.getAttribute('Id')
  const target = qualifying?.getAttribute('Target')
  if (signatureId !== null && target !== `#${signatureId}`)
    return 'QualifyingProperties Target does not name the signature'
  const signatureProperties = onlyChild(signedProperties, XADES_NS, 'SignedSignatureProperties')
  if (signatureProperties === undefined) return 'SignedProperties without SignedSignatureProperties'
  const time = onlyChild(signatureProperties, XADES_NS, 'SigningTime')?.textContent
  const certificates = certificateReferences(signatureProperties)
  if (typeof certificates === 'string') return certificates
  return { signingTime: time == null ? undefined : (parseDateTime(time) ?? 'unreadable'), certificates }
}
