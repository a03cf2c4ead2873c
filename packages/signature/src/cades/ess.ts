import { createHash } from 'node:crypto'
import type { BerNode } from '../asn1/ber.ts'
import { OID } from '../asn1/oids.ts'
import { contentOf, encodingOf, expectUniversal, oidOf, TAG } from '../asn1/values.ts'
import type { CertificateInfo } from '../x509/certificate.ts'
import type { CmsAttribute } from './parse.ts'

const ESS_HASHES: Readonly<Record<string, string>> = {
  [OID.sha256]: 'sha256',
  [OID.sha384]: 'sha384',
  [OID.sha512]: 'sha512',
}

// IssuerSerial (RFC 5035), when present, must name the same certificate as the hash.
function issuerSerialProblem(
  bytes: Buffer,
  issuerSerial: BerNode | undefined,
  signer: CertificateInfo,
): string | undefined {
  if (issuerSerial === undefined) return undefined
  const [names, serial] = expectUniversal(issuerSerial, TAG.SEQUENCE, 'issuer serial').children
  if (serial === undefined || !encodingOf(bytes, serial).equals(signer.serialDer))
    return 'the signing-certificate attribute names another serial number'
  const directoryName = names?.children.find((name) => name.tagClass === 2 && name.tagNumber === 4)?.children[0]
  if (directoryName !== undefined && !encodingOf(bytes, directoryName).equals(signer.issuerDer)) {
    return 'the signing-certificate attribute names another issuer'
  }
  return undefined
}

// The first ESSCertID(v2) identifies the signing certificate (RFC 5035 §3).
function essCertIdProblem(bytes: Buffer, value: BerNode, signer: CertificateInfo, v2: boolean): string | undefined {
  const certs = expectUniversal(
    expectUniversal(value, TAG.SEQUENCE, 'signing certificate').children[0],
    TAG.SEQUENCE,
    'certs',
  )
  const fields = expectUniversal(certs.children[0], TAG.SEQUENCE, 'ESS cert id').children
  const hasAlgorithm = v2 && fields[0]?.tagNumber === TAG.SEQUENCE
  const hash = v2 ? (hasAlgorithm ? ESS_HASHES[oidOf(bytes, fields[0]?.children[0])] : 'sha256') : 'sha1'
  if (hash === undefined) return 'the signing-certificate-v2 hash algorithm is not accepted'
  const [certHash, issuerSerial] = hasAlgorithm ? fields.slice(1) : fields
  const expected = createHash(hash).update(signer.der).digest()
  if (!contentOf(bytes, expectUniversal(certHash, TAG.OCTET_STRING, 'cert hash')).equals(expected)) {
    return "the signer's certificate does not match the signing-certificate attribute: certificate altered or substituted"
  }
  return issuerSerialProblem(bytes, issuerSerial, signer)
}

/**
 * Checks the ESS binding of the signer's certificate (what makes CMS "CAdES-BES"). signing-certificate-v2 is what
 * the rules prescribe; the older signing-certificate (v1, SHA-1 hash) is tolerated: its SHA-1 only identifies a
 * certificate the signature already binds, and old signing tools still emit it. Neither present: not CAdES-BES.
 */
export function signingCertificateProblem(
  bytes: Buffer,
  attributes: readonly CmsAttribute[],
  signer: CertificateInfo,
): string | undefined {
  const v2 = attributes.find((attribute) => attribute.type === OID.signingCertificateV2)
  const v1 = attributes.find((attribute) => attribute.type === OID.signingCertificate)
  const attribute = v2 ?? v1
  if (attribute === undefined) return 'no signing-certificate(-v2) attribute: not a CAdES-BES signature'
  const [value] = attribute.values
  if (attribute.values.length !== 1 || value === undefined) return 'malformed signing-certificate attribute'
  try {
    return essCertIdProblem(bytes, value, signer, attribute === v2)
  } catch {
    return 'malformed signing-certificate attribute'
  }
}
