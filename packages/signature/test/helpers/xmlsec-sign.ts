import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { xmlDateTime } from '../../src/xades/properties.ts'
import { serialDecimal, type CertificateInfo } from '../../src/x509/certificate.ts'
import { run } from '@varco/testing'

export interface TemplateOptions {
  readonly keyFile: string
  readonly certFile: string
  readonly certificate: CertificateInfo
  /** Leave SigningTime out to get a signature without a time reference. */
  readonly signingTime: Date | undefined
  readonly transform: 'enveloped' | 'filter2'
}

const DS = 'http://www.w3.org/2000/09/xmldsig#'
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256'

function template(options: TemplateOptions): string {
  const transform =
    options.transform === 'enveloped'
      ? `<ds:Transform Algorithm="${DS}enveloped-signature"/>`
      : '<ds:Transform Algorithm="http://www.w3.org/2002/06/xmldsig-filter2"><XPath xmlns="http://www.w3.org/2002/06/xmldsig-filter2" Filter="subtract">/descendant::ds:Signature</XPath></ds:Transform>'
  const time =
    options.signingTime === undefined
      ? ''
      : `<xades:SigningTime>${xmlDateTime(options.signingTime)}</xades:SigningTime>`
  const certificate =
    `<xades:SigningCertificate><xades:Cert><xades:CertDigest><ds:DigestMethod Algorithm="${SHA256}"/>` +
    `<ds:DigestValue>${options.certificate.sha256.toString('base64')}</ds:DigestValue></xades:CertDigest>` +
    `<xades:IssuerSerial><ds:X509IssuerName>${options.certificate.issuerRfc4514}</ds:X509IssuerName>` +
    `<ds:X509SerialNumber>${serialDecimal(options.certificate)}</ds:X509SerialNumber></xades:IssuerSerial></xades:Cert></xades:SigningCertificate>`
  return (
    `<ds:Signature xmlns:ds="${DS}" Id="S1"><ds:SignedInfo>` +
    '<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>' +
    '<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>' +
    `<ds:Reference URI=""><ds:Transforms>${transform}</ds:Transforms><ds:DigestMethod Algorithm="${SHA256}"/><ds:DigestValue/></ds:Reference>` +
    `<ds:Reference URI="#SP1" Type="http://uri.etsi.org/01903#SignedProperties"><ds:DigestMethod Algorithm="${SHA256}"/><ds:DigestValue/></ds:Reference>` +
    '</ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo><ds:X509Data/></ds:KeyInfo>' +
    '<ds:Object><xades:QualifyingProperties xmlns:xades="http://uri.etsi.org/01903/v1.3.2#" Target="#S1"><xades:SignedProperties Id="SP1">' +
    `<xades:SignedSignatureProperties>${time}${certificate}</xades:SignedSignatureProperties>` +
    '</xades:SignedProperties></xades:QualifyingProperties></ds:Object></ds:Signature>'
  )
}

/** Signs a document with xmlsec1 from a XAdES-BES template: an independent producer for the verifier's tests. */
export function xmlsecSign(dir: string, document: Buffer, options: TemplateOptions): Buffer {
  const text = document.toString('utf8')
  const end = text.lastIndexOf('</')
  const file = join(dir, `template-${process.hrtime.bigint()}.xml`)
  writeFileSync(file, text.slice(0, end) + template(options) + text.slice(end))
  const signed = run('xmlsec1', [
    '--sign',
    '--privkey-pem',
    `${options.keyFile},${options.certFile}`,
    '--id-attr:Id',
    'SignedProperties',
    file,
  ])
  if (!signed.ok) throw new Error(`xmlsec1 --sign failed: ${signed.stderr}`)
  return signed.stdout
}
