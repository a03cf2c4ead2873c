import { sign, type KeyObject } from 'node:crypto'
import forge from 'node-forge'
import { OID } from '../../src/asn1/oids.ts'
import {
  CONTENT_TYPE_ATTRIBUTE,
  messageDigestAttribute,
  signingCertificateV2Attribute,
} from '../../src/cades/attributes.ts'
import { algorithm, derSetOf, explicit, fromDer, int, octets, oid, seq, set, toDer } from '../../src/cades/forge-der.ts'
import type { CertificateInfo } from '../../src/x509/certificate.ts'

// Hand-built CMS variants for the tolerance and error-code tests: the same structure as signCades, with the signed
// attributes chosen by the test. openssl cannot leave signingTime out or write signing-certificate v1.

export const attribute = {
  contentType: (): Buffer => CONTENT_TYPE_ATTRIBUTE,
  messageDigest: (content: Buffer): Buffer => messageDigestAttribute(content),
  signingCertificateV2: (certificate: CertificateInfo): Buffer => signingCertificateV2Attribute(certificate),
  /** ESS signing-certificate (v1): SHA-1 of the certificate, no IssuerSerial. */
  signingCertificateV1: (certificate: CertificateInfo): Buffer => {
    const sha1 = forge.md.sha1.create().update(certificate.der.toString('binary')).digest().getBytes()
    return toDer(seq([oid(OID.signingCertificate), set([seq([seq([seq([octets(Buffer.from(sha1, 'binary'))])])])])]))
  },
  /** signingTime as GeneralizedTime (RFC 5652 wants UTCTime before 2050; some signers write this anyway). */
  generalizedSigningTime: (at: Date): Buffer => {
    const time = forge.asn1.create(
      forge.asn1.Class.UNIVERSAL,
      forge.asn1.Type.GENERALIZEDTIME,
      false,
      forge.asn1.dateToGeneralizedTime(at),
    )
    return toDer(seq([oid(OID.signingTime), set([time])]))
  },
}

export function buildCms(
  content: Buffer,
  key: KeyObject,
  certificate: CertificateInfo,
  attributes: readonly Buffer[],
): Buffer {
  const signedAttributes = derSetOf(attributes)
  const implicit = Buffer.from(signedAttributes)
  implicit[0] = 0xa0
  const signerInfo = seq([
    int(1),
    seq([fromDer(certificate.issuerDer), fromDer(certificate.serialDer)]),
    algorithm(OID.sha256, true),
    fromDer(implicit),
    algorithm(OID.rsaEncryption, true),
    octets(sign('sha256', signedAttributes, key)),
  ])
  const signedData = seq([
    int(1),
    set([algorithm(OID.sha256, true)]),
    seq([oid(OID.data), explicit(0, octets(content))]),
    forge.asn1.create(forge.asn1.Class.CONTEXT_SPECIFIC, 0, true, [fromDer(certificate.der)]),
    set([signerInfo]),
  ])
  return toDer(seq([oid(OID.signedData), explicit(0, signedData)]))
}
