import { OID } from '../asn1/oids.ts'
import type { Signer } from '../signer.ts'
import { signedAttributes, signingCertificateV2Attribute } from './attributes.ts'
import { algorithm, flatten, fromDer, header, int, oid, seq, set, tlv, toDer } from './forge-der.ts'

// Everything in a .p7m that depends only on the signer, encoded once per signer and reused.
interface SignerParts {
  readonly certificates: Buffer
  readonly signingCertificate: Buffer
  /** SignerInfo up to signedAttrs: version 1, IssuerAndSerialNumber, digestAlgorithm. */
  readonly signerInfoHead: Buffer
  /** signatureAlgorithm, between signedAttrs and the signature. */
  readonly signatureAlgorithm: Buffer
}

// Algorithm identifiers as the official SdI sample writes them: sha256 and rsaEncryption with NULL parameters;
// ECDSA identifiers have none (RFC 5758).
const DIGEST_ALGORITHM = algorithm(OID.sha256, true)
const SIGNATURE_ALGORITHM = {
  'RSA-SHA256': algorithm(OID.rsaEncryption, true),
  'ECDSA-SHA256': algorithm(OID.ecdsaWithSHA256, false),
} as const

// Constant parts of every SignedData.
const SIGNED_DATA_TYPE = toDer(oid(OID.signedData))
const VERSION_1 = toDer(int(1))
const DIGEST_ALGORITHMS = toDer(set([DIGEST_ALGORITHM]))
const DATA_TYPE = toDer(oid(OID.data))

const partsBySigner = new WeakMap<Signer, SignerParts>()

function partsOf(signer: Signer): SignerParts {
  let parts = partsBySigner.get(signer)
  if (parts === undefined) {
    const { certificate, chain } = signer
    // certificates [0] IMPLICIT SET OF Certificate: the signer's first, then intermediates.
    const body = Buffer.concat([certificate.der, ...chain.map((ca) => ca.der)])
    parts = {
      certificates: Buffer.concat([header(0xa0, body.length), body]),
      signingCertificate: signingCertificateV2Attribute(certificate),
      signerInfoHead: Buffer.concat([
        toDer(int(1)),
        toDer(seq([fromDer(certificate.issuerDer), fromDer(certificate.serialDer)])),
        toDer(DIGEST_ALGORITHM),
      ]),
      signatureAlgorithm: toDer(SIGNATURE_ALGORITHM[signer.algorithm]),
    }
    partsBySigner.set(signer, parts)
  }
  return parts
}

export interface CadesSignOptions {
  /** The signing time to declare; now by default. */
  readonly signingTime?: Date
}

/**
 * Signs `content` as CAdES-BES, attached, DER: a CMS SignedData (version 1) whose eContent (id-data) is the content,
 * with signed attributes contentType, signingTime, messageDigest (SHA-256) and ESS signing-certificate-v2, the signer's
 * certificate in `certificates`. The RSA/ECDSA operation is the Signer's (native crypto or a token).
 */
export async function signCades(content: Buffer, signer: Signer, options: CadesSignOptions = {}): Promise<Buffer> {
  const parts = partsOf(signer)
  const attributes = signedAttributes(content, options.signingTime ?? new Date(), parts.signingCertificate)
  const signature = await signer.sign(attributes)
  // signedAttrs [0] IMPLICIT: the SET's tag byte 0x31 becomes 0xA0, everything else is identical.
  const implicitAttributes = Buffer.from(attributes)
  implicitAttributes[0] = 0xa0
  // Per-signature parts are laid out as Buffers around the parts forge encoded: the content in particular is copied
  // once, since passing a large file through forge's byte strings costs more than the RSA signature itself.
  const signerInfo = tlv(0x30, [
    parts.signerInfoHead,
    implicitAttributes,
    parts.signatureAlgorithm,
    tlv(0x04, [signature]),
  ])
  const contentInfo = tlv(0x30, [
    SIGNED_DATA_TYPE,
    tlv(0xa0, [
      tlv(0x30, [
        VERSION_1,
        DIGEST_ALGORITHMS,
        tlv(0x30, [DATA_TYPE, tlv(0xa0, [tlv(0x04, [content])])]),
        parts.certificates,
        tlv(0x31, [signerInfo]),
      ]),
    ]),
  ])
  return Buffer.concat(flatten(contentInfo))
}
