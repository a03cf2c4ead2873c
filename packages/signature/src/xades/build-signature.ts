import type { SignatureAlgorithm } from 'xml-crypto'
import type { Signer } from '../signer.ts'
import { signatureMethodOf } from './algorithms.ts'
import { bindDocumentReference, type CanonicalObserver, type DocumentCanonicalizer } from './document-reference.ts'
import { qualifyingProperties, type SignatureIds } from './properties.ts'
import { SigningSignedXml } from './signing-xml.ts'
import { DSIG_NS, EXC_C14N, FILTER2, SHA256, SIGNED_PROPERTIES_TYPE, XADES_NS } from './uris.ts'

export interface BuildSignatureInput {
  readonly signer: Signer
  readonly ids: SignatureIds
  readonly signingTime: Date
  /** The URI="" reference's octets. */
  readonly document: DocumentCanonicalizer
  /** Produces SignatureValue from the canonical SignedInfo. */
  readonly algorithm: new () => SignatureAlgorithm
  /** Sees every other canonicalisation xml-crypto makes (SignedProperties, KeyInfo). */
  readonly observe?: CanonicalObserver
}

function keyInfoContent(signer: Signer): string {
  const certificates = [signer.certificate, ...signer.chain].map(
    (c) => `<ds:X509Certificate>${c.der.toString('base64')}</ds:X509Certificate>`,
  )
  return `<ds:X509Data>${certificates.join('')}</ds:X509Data>`
}

/**
 * Builds and signs the SdI-profile ds:Signature with xml-crypto: references, transforms, digests, canonical
 * SignedInfo, SignatureValue, KeyInfo and the XAdES QualifyingProperties object. xml-crypto works on a small document
 * holding only the new ds:Signature; the document reference comes from our canonicaliser (document-reference.ts).
 * Resolves to the serialised ds:Signature element.
 */
export function buildSignature(input: BuildSignatureInput): Promise<string> {
  const { signer, ids } = input
  const signedXml = new SigningSignedXml({
    canonicalizationAlgorithm: EXC_C14N,
    signatureAlgorithm: signatureMethodOf(signer),
    // Never read: signing goes through `algorithm`. xml-crypto refuses to sign without something here.
    privateKey: Buffer.from('key held by the Signer'),
    keyInfoAttributes: { Id: ids.keyInfo },
    getKeyInfoContent: () => keyInfoContent(signer),
    objects: [{ content: qualifyingProperties(ids, signer.certificate, input.signingTime) }],
  })
  signedXml.SignatureAlgorithms = { [signatureMethodOf(signer)]: input.algorithm }
  bindDocumentReference(signedXml, input.document, input.observe)
  // Child-axis paths rather than `//*[local-name()=...]`: xml-crypto evaluates them with the `xpath` package,
  // whose descendant scans with predicates are a large part of its cost.
  const signedProperties = '/*/ds:Signature/ds:Object/xades:QualifyingProperties/xades:SignedProperties'
  const reference = { digestAlgorithm: SHA256, transforms: [EXC_C14N] }
  signedXml.addReference({
    ...reference,
    xpath: '/*',
    transforms: [FILTER2, EXC_C14N],
    isEmptyUri: true,
    id: `${ids.signature}-ref-document`,
  })
  signedXml.addReference({
    ...reference,
    xpath: signedProperties,
    type: SIGNED_PROPERTIES_TYPE,
    id: `${ids.signature}-ref-signedproperties`,
  })
  signedXml.addReference({ ...reference, xpath: '/*/ds:Signature/ds:KeyInfo', id: `${ids.signature}-ref-keyinfo` })
  return new Promise((resolve, reject) => {
    const options = { prefix: 'ds', attrs: { Id: ids.signature }, existingPrefixes: { ds: DSIG_NS, xades: XADES_NS } }
    signedXml.computeSignature('<w/>', options, (err) =>
      err === null ? resolve(signedXml.getSignatureXml()) : reject(err),
    )
  })
}
