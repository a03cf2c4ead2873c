import { createHash, X509Certificate, type KeyObject } from 'node:crypto'
import { readBer, type BerNode } from '../asn1/ber.ts'
import { OID } from '../asn1/oids.ts'
import {
  contentOf,
  contextChild,
  encodingOf,
  expectUniversal,
  integerHexOf,
  oidOf,
  TAG,
  timeOf,
} from '../asn1/values.ts'
import { nameToString } from './names.ts'

/** Key usage bits that matter for signing (RFC 5280 §4.2.1.3). */
export interface KeyUsage {
  readonly digitalSignature: boolean
  readonly nonRepudiation: boolean
  readonly keyCertSign: boolean
}

/** A parsed X.509 certificate: what signing and verification need, read once. */
export interface CertificateInfo {
  readonly der: Buffer
  readonly x509: X509Certificate
  readonly publicKey: KeyObject
  /** RFC 4514 with common extra attribute names, for people and logs. */
  readonly subject: string
  readonly issuer: string
  /** RFC 4514 keywords only, for XAdES X509IssuerName. */
  readonly issuerRfc4514: string
  /** The issuer and subject Names exactly as encoded (IssuerAndSerialNumber, ESS IssuerSerial, PKCS#11 CKA_SUBJECT). */
  readonly issuerDer: Buffer
  readonly subjectDer: Buffer
  /** Serial number as lowercase hex, and the INTEGER as encoded. */
  readonly serialHex: string
  readonly serialDer: Buffer
  readonly notBefore: Date
  readonly notAfter: Date
  /** Undefined when the certificate has no key usage extension (any use allowed, RFC 5280). */
  readonly keyUsage: KeyUsage | undefined
  readonly subjectKeyIdentifier: Buffer | undefined
  readonly sha256: Buffer
}

// The DER value of an extension (the content of its extnValue OCTET STRING), or undefined when absent.
function extensionValue(bytes: Buffer, tbs: BerNode, oid: string): Buffer | undefined {
  const extensions = contextChild(tbs, 3)?.children[0]?.children ?? []
  const extension = extensions.find((candidate) => oidOf(bytes, candidate.children[0]) === oid)
  return extension === undefined
    ? undefined
    : contentOf(bytes, expectUniversal(extension.children.at(-1), TAG.OCTET_STRING, oid))
}

function keyUsageOf(bytes: Buffer, tbs: BerNode): KeyUsage | undefined {
  const value = extensionValue(bytes, tbs, OID.keyUsage)
  if (value === undefined) return undefined
  const first = contentOf(value, expectUniversal(readBer(value), TAG.BIT_STRING, 'key usage'))[1] ?? 0
  return {
    digitalSignature: (first & 0x80) !== 0,
    nonRepudiation: (first & 0x40) !== 0,
    keyCertSign: (first & 0x04) !== 0,
  }
}

function subjectKeyIdentifierOf(bytes: Buffer, tbs: BerNode): Buffer | undefined {
  const value = extensionValue(bytes, tbs, OID.subjectKeyIdentifier)
  return value === undefined
    ? undefined
    : contentOf(value, expectUniversal(readBer(value), TAG.OCTET_STRING, 'key identifier'))
}

/** Parses a DER certificate; throws (BerError or Node's own error) when it is not one. */
export function parseCertificate(der: Buffer): CertificateInfo {
  const x509 = new X509Certificate(der)
  const bytes = Buffer.from(x509.raw)
  const certificate = readBer(bytes)
  const tbs = expectUniversal(certificate.children[0], TAG.SEQUENCE, 'certificate')
  const fields = tbs.children.filter((child) => !(child.tagClass === 2 && child.tagNumber === 0))
  const [serial, , issuer, validity, subject] = fields
  const [notBefore, notAfter] = expectUniversal(validity, TAG.SEQUENCE, 'validity').children
  const issuerNode = expectUniversal(issuer, TAG.SEQUENCE, 'issuer')
  return {
    der: bytes,
    x509,
    publicKey: x509.publicKey,
    subject: nameToString(bytes, expectUniversal(subject, TAG.SEQUENCE, 'subject'), 'display'),
    issuer: nameToString(bytes, issuerNode, 'display'),
    issuerRfc4514: nameToString(bytes, issuerNode, 'rfc4514'),
    issuerDer: encodingOf(bytes, issuerNode),
    subjectDer: encodingOf(bytes, expectUniversal(subject, TAG.SEQUENCE, 'subject')),
    serialHex: integerHexOf(bytes, serial),
    serialDer: encodingOf(bytes, expectUniversal(serial, TAG.INTEGER, 'serial')),
    notBefore: timeOf(bytes, notBefore),
    notAfter: timeOf(bytes, notAfter),
    keyUsage: keyUsageOf(bytes, tbs),
    subjectKeyIdentifier: subjectKeyIdentifierOf(bytes, tbs),
    sha256: createHash('sha256').update(bytes).digest(),
  }
}

/** Serial number in decimal, as XAdES X509SerialNumber writes it. */
export function serialDecimal(certificate: CertificateInfo): string {
  return BigInt(`0x${certificate.serialHex}`).toString(10)
}
