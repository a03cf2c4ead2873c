import { readBer, type BerNode } from '../asn1/ber.ts'
import { OID } from '../asn1/oids.ts'
import { CONTEXT, contentOf, contextChild, encodingOf, expectUniversal, oidOf, TAG, UNIVERSAL } from '../asn1/values.ts'

export interface CmsAttribute {
  readonly type: string
  readonly values: readonly BerNode[]
}

export interface CmsSignerInfo {
  readonly sid:
    | { readonly kind: 'issuerSerial'; readonly issuer: Buffer; readonly serial: Buffer }
    | { readonly kind: 'keyIdentifier'; readonly keyIdentifier: Buffer }
  readonly digestAlgorithm: string
  readonly signatureAlgorithm: string
  /** The bytes the signature covers: the signed attributes re-tagged as a SET, or undefined without attributes. */
  readonly signedAttributesSet: Buffer | undefined
  readonly signedAttributes: readonly CmsAttribute[] | undefined
  readonly signature: Buffer
}

/** A parsed CMS SignedData. BER node offsets refer to `bytes`. */
export interface CmsSignedData {
  readonly bytes: Buffer
  readonly eContentType: string
  /** The encapsulated content; undefined for a detached signature. */
  readonly content: Buffer | undefined
  readonly certificates: readonly Buffer[]
  readonly signerInfos: readonly CmsSignerInfo[]
}

function attributesOf(bytes: Buffer, node: BerNode): CmsAttribute[] {
  return node.children.map((attribute) => {
    const [type, values] = expectUniversal(attribute, TAG.SEQUENCE, 'attribute').children
    return { type: oidOf(bytes, type), values: expectUniversal(values, TAG.SET, 'attribute values').children }
  })
}

function signedAttributesSet(bytes: Buffer, node: BerNode): Buffer {
  // The signature covers the DER SET OF: the [0] IMPLICIT tag replaced by SET (RFC 5652 §5.4). The bytes are used
  // as received, so a signer's non-canonical but consistent encoding still verifies.
  const set = Buffer.from(encodingOf(bytes, node))
  set[0] = 0x31
  return set
}

function signerInfoOf(bytes: Buffer, node: BerNode): CmsSignerInfo {
  const fields = expectUniversal(node, TAG.SEQUENCE, 'signer info').children
  const [, sidNode, digestAlgorithm] = fields
  const signedAttrs = contextChild(node, 0)
  const [signatureAlgorithm, signature] = fields.slice(3).filter((child) => child.tagClass === UNIVERSAL)
  if (sidNode === undefined) throw new Error('signer info without identifier')
  const sid =
    sidNode.tagClass === CONTEXT && sidNode.tagNumber === 0
      ? { kind: 'keyIdentifier' as const, keyIdentifier: contentOf(bytes, sidNode) }
      : {
          kind: 'issuerSerial' as const,
          issuer: encodingOf(bytes, expectUniversal(sidNode.children[0], TAG.SEQUENCE, 'issuer')),
          serial: encodingOf(bytes, expectUniversal(sidNode.children[1], TAG.INTEGER, 'serial')),
        }
  if (signedAttrs?.indefinite === true) throw new Error('signed attributes with an indefinite length')
  return {
    sid,
    digestAlgorithm: oidOf(bytes, expectUniversal(digestAlgorithm, TAG.SEQUENCE, 'digest algorithm').children[0]),
    signatureAlgorithm: oidOf(
      bytes,
      expectUniversal(signatureAlgorithm, TAG.SEQUENCE, 'signature algorithm').children[0],
    ),
    signedAttributesSet: signedAttrs === undefined ? undefined : signedAttributesSet(bytes, signedAttrs),
    signedAttributes: signedAttrs === undefined ? undefined : attributesOf(bytes, signedAttrs),
    signature: contentOf(bytes, expectUniversal(signature, TAG.OCTET_STRING, 'signature')),
  }
}

/**
 * Parses a ContentInfo holding SignedData, DER or BER (indefinite lengths, constructed OCTET STRINGs: the official
 * SdI sample is BER). Throws BerError or Error with a short reason when the structure is not SignedData.
 */
export function parseSignedData(bytes: Buffer): CmsSignedData {
  const contentInfo = expectUniversal(readBer(bytes), TAG.SEQUENCE, 'content info')
  if (oidOf(bytes, contentInfo.children[0]) !== OID.signedData) throw new Error('not a CMS SignedData')
  const signedData = expectUniversal(contextChild(contentInfo, 0)?.children[0], TAG.SEQUENCE, 'signed data')
  const universal = signedData.children.filter((child) => child.tagClass === UNIVERSAL)
  const [, , encap, signerInfos] = universal
  const encapContentInfo = expectUniversal(encap, TAG.SEQUENCE, 'encapsulated content')
  const eContent = contextChild(encapContentInfo, 0)?.children[0]
  const certificates = contextChild(signedData, 0)?.children ?? []
  return {
    bytes,
    eContentType: oidOf(bytes, encapContentInfo.children[0]),
    content:
      eContent === undefined ? undefined : contentOf(bytes, expectUniversal(eContent, TAG.OCTET_STRING, 'content')),
    certificates: certificates
      .filter((c) => c.tagClass === UNIVERSAL && c.tagNumber === TAG.SEQUENCE)
      .map((c) => encodingOf(bytes, c)),
    signerInfos: expectUniversal(signerInfos, TAG.SET, 'signer infos').children.map((node) =>
      signerInfoOf(bytes, node),
    ),
  }
}
