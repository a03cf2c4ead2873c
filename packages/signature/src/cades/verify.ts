import { createHash, verify } from 'node:crypto'
import { DIGESTS, OID } from '../asn1/oids.ts'
import { finishVerdict, type IntactSigner } from '../verify/finish.ts'
import type { VerifyOptions } from '../verify/options.ts'
import { unreadable, verdictOf, type Verdict } from '../verify/verdict.ts'
import { parseCertificate, type CertificateInfo } from '../x509/certificate.ts'
import { decodeP7m } from './decode.ts'
import { signingCertificateProblem } from './ess.ts'
import { parseSignedData, type CmsSignedData, type CmsSignerInfo } from './parse.ts'
import { attributeValue, contentTypeOf, signingTimeOf } from './signed-attributes.ts'

const RSA_SIGNATURES: ReadonlySet<string> = new Set([
  OID.rsaEncryption,
  OID.sha256WithRSAEncryption,
  OID.sha384WithRSAEncryption,
  OID.sha512WithRSAEncryption,
])
const EC_SIGNATURES: ReadonlySet<string> = new Set([
  OID.ecPublicKey,
  OID.ecdsaWithSHA256,
  OID.ecdsaWithSHA384,
  OID.ecdsaWithSHA512,
])

function findSigner(certificates: readonly CertificateInfo[], info: CmsSignerInfo): CertificateInfo | undefined {
  const { sid } = info
  if (sid.kind === 'keyIdentifier')
    return certificates.find((c) => c.subjectKeyIdentifier?.equals(sid.keyIdentifier) === true)
  return certificates.find((c) => c.serialDer.equals(sid.serial) && c.issuerDer.equals(sid.issuer))
}

function signatureMatches(
  info: CmsSignerInfo,
  signer: CertificateInfo,
  digest: string,
  data: Buffer,
): boolean | string {
  const keyType = signer.publicKey.asymmetricKeyType
  const rsa = keyType === 'rsa' && RSA_SIGNATURES.has(info.signatureAlgorithm)
  const ec = keyType === 'ec' && EC_SIGNATURES.has(info.signatureAlgorithm)
  if (!rsa && !ec)
    return `signature algorithm ${info.signatureAlgorithm} not supported with a ${keyType ?? 'unknown'} key`
  try {
    return verify(digest, data, signer.publicKey, info.signature)
  } catch {
    return false
  }
}

// The integrity of one SignerInfo: digest, signature value and the attributes binding content and certificate.
function checkSignerInfo(
  cms: CmsSignedData,
  content: Buffer,
  info: CmsSignerInfo,
  certificates: readonly CertificateInfo[],
): IntactSigner | string {
  const digest = DIGESTS.get(info.digestAlgorithm)
  if (digest === undefined)
    return `digest algorithm ${info.digestAlgorithm} not accepted (SHA-256, SHA-384 or SHA-512 required)`
  const signer = findSigner(certificates, info)
  if (signer === undefined) return "the signer's certificate is not in the file or is unreadable"
  const attributes = info.signedAttributes
  const signed = info.signedAttributesSet
  // Plain PKCS#7 without signed attributes binds neither a time nor the certificate: not CAdES-BES.
  if (attributes === undefined || signed === undefined) return 'no signed attributes: not a CAdES-BES signature'
  const messageDigest = attributeValue(cms.bytes, attributes, OID.messageDigest)
  if (messageDigest === undefined) return 'no messageDigest attribute'
  if (!messageDigest.equals(createHash(digest).update(content).digest()))
    return 'the content does not match the signed digest: altered after signing'
  const matches = signatureMatches(info, signer, digest, signed)
  if (typeof matches === 'string') return matches
  if (!matches) return 'the signature value does not verify: signed attributes altered or wrong key'
  if (contentTypeOf(cms.bytes, attributes) !== cms.eContentType)
    return 'contentType attribute missing or not the content type'
  const essProblem = signingCertificateProblem(cms.bytes, attributes, signer)
  if (essProblem !== undefined) return essProblem
  const signingTime = signingTimeOf(cms.bytes, attributes)
  if (signingTime === 'unreadable') return 'unreadable signingTime attribute'
  return { certificate: signer, signingTime }
}

function parse(input: Buffer): CmsSignedData | string {
  const decoded = decodeP7m(input)
  if (decoded === undefined) return 'not a .p7m: neither DER nor base64'
  try {
    return parseSignedData(decoded.der)
  } catch (err) {
    return `unreadable CMS structure: ${err instanceof Error ? err.message : String(err)}`
  }
}

function readCertificates(cms: CmsSignedData): CertificateInfo[] {
  return cms.certificates.flatMap((der) => {
    try {
      return [parseCertificate(der)]
    } catch {
      return []
    }
  })
}

/** Verifies a CAdES(-BES) .p7m: DER, BER or base64; every SignerInfo must verify. */
export async function verifyCades(input: Buffer, options: VerifyOptions): Promise<Verdict> {
  const cms = parse(input)
  if (typeof cms === 'string') return unreadable('cades', cms)
  const { content } = cms
  if (content === undefined) return unreadable('cades', 'detached signature: the .p7m holds no content')
  if (cms.eContentType !== OID.data) return unreadable('cades', 'the signed content type is not id-data')
  if (cms.signerInfos.length === 0) return unreadable('cades', 'the .p7m has no signer')
  const certificates = readCertificates(cms)
  const signers: IntactSigner[] = []
  for (const info of cms.signerInfos) {
    const checked = checkSignerInfo(cms, content, info, certificates)
    if (typeof checked === 'string') {
      const signer = findSigner(certificates, info)
      return verdictOf({ format: 'cades', intact: false, signer, problems: [{ code: '00102', message: checked }] })
    }
    signers.push(checked)
  }
  return finishVerdict('cades', signers, certificates, content, options)
}
