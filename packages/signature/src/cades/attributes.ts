import { createHash } from 'node:crypto'
import forge from 'node-forge'
import { OID } from '../asn1/oids.ts'
import type { CertificateInfo } from '../x509/certificate.ts'
import { derSetOf, explicit, fromDer, octets, oid, seq, set, time, toDer } from './forge-der.ts'

/** contentType = id-data: the same bytes for every signature. */
export const CONTENT_TYPE_ATTRIBUTE = toDer(seq([oid(OID.contentType), set([oid(OID.data)])]))

/**
 * ESS signing-certificate-v2 (RFC 5035): SHA-256 of the signer's certificate plus IssuerSerial. hashAlgorithm is
 * left out because it defaults to SHA-256 and DER omits defaults (the official SdI sample does the same).
 */
export function signingCertificateV2Attribute(certificate: CertificateInfo): Buffer {
  const issuerSerial = seq([seq([explicit(4, fromDer(certificate.issuerDer))]), fromDer(certificate.serialDer)])
  const essCertIdV2 = seq([octets(certificate.sha256), issuerSerial])
  return toDer(seq([oid(OID.signingCertificateV2), set([seq([seq([essCertIdV2])])])]))
}

const signingTimeOf = (at: Date): Buffer => toDer(seq([oid(OID.signingTime), set([time(at)])]))
const messageDigestOf = (digest: Buffer): Buffer => toDer(seq([oid(OID.messageDigest), set([octets(digest)])]))

// forge encodes these two attributes once; per signature only their fixed-length values at the end change: the
// 32-byte digest and the 13-character UTCTime (until 2049). Cheaper than a forge round trip on every signature.
const MESSAGE_DIGEST_HEAD = messageDigestOf(Buffer.alloc(32)).subarray(0, -32)
const SIGNING_TIME_HEAD = signingTimeOf(new Date(0)).subarray(0, -13)

export function signingTimeAttribute(at: Date): Buffer {
  if (at.getUTCFullYear() >= 2050) return signingTimeOf(at)
  const utcTime = forge.asn1.dateToUtcTime(new Date(Math.floor(at.getTime() / 1000) * 1000))
  return Buffer.concat([SIGNING_TIME_HEAD, Buffer.from(utcTime, 'latin1')])
}

export function messageDigestAttribute(content: Buffer): Buffer {
  return Buffer.concat([MESSAGE_DIGEST_HEAD, createHash('sha256').update(content).digest()])
}

/** The signed attributes as the DER SET that is signed; in SignerInfo the tag becomes [0] IMPLICIT (0xA0). */
export function signedAttributes(content: Buffer, at: Date, signingCertificate: Buffer): Buffer {
  return derSetOf([
    CONTENT_TYPE_ATTRIBUTE,
    signingTimeAttribute(at),
    messageDigestAttribute(content),
    signingCertificate,
  ])
}
