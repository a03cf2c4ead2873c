import type { Element } from '@xmldom/xmldom'
import { childrenNamed, descendantsOf, elementsOf, isElement, onlyChild } from './dom.ts'
import { filterProblem } from './filter2.ts'
import { readProperties, type SignedPropertiesInfo } from './signed-properties.ts'
import {
  C14N,
  CANONICALIZATIONS,
  DIGEST_METHODS,
  DSIG_NS,
  ENVELOPED,
  EXC_C14N,
  FILTER2,
  SIGNATURE_METHODS,
  SIGNED_PROPERTIES_TYPE,
  XADES_NS,
} from './uris.ts'

/** What the verifier needs from a ds:Signature that passed the profile checks. */
export interface XadesStructure {
  readonly signatureMethod: string
  /** Base64 of every ds:X509Certificate in KeyInfo, in order. */
  readonly certificates: readonly string[]
  readonly properties: SignedPropertiesInfo
  /** Whether a reference covers KeyInfo (the SdI profile has one). */
  readonly keyInfoSigned: boolean
  /** Whether SignedInfo or an element reference is canonicalised inclusively (then xml:* attributes are inherited). */
  readonly inclusive: boolean
}

// Transform chains accepted on the URI="" reference: the SdI profile (XPath Filter 2.0, with or without a
// canonicalisation after it) and the plain enveloped-signature transform. Each removes the ds:Signature.
const DOCUMENT_CHAINS: readonly (readonly string[])[] = [
  [FILTER2],
  [FILTER2, EXC_C14N],
  [FILTER2, C14N],
  [ENVELOPED],
  [ENVELOPED, EXC_C14N],
  [ENVELOPED, C14N],
]
// References to SignedProperties or KeyInfo: no transform (inclusive C14N, as SdI's own messages) or one C14N.
const ELEMENT_CHAINS: readonly (readonly string[])[] = [[], [EXC_C14N], [C14N]]

const sameChain = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i])

function idsOf(signature: Element): Map<string, Element> | string {
  const ids = new Map<string, Element>()
  for (const element of descendantsOf(signature)) {
    // The XML-DSig and XAdES schemas name the ID attribute `Id` (and so does the verifier's xml-crypto instance).
    const id = element.getAttribute('Id')
    if (id === null) continue
    // A repeated Id is the classic signature-wrapping set-up: refuse rather than pick one.
    if (ids.has(id)) return `Id '${id}' appears twice in the signature`
    ids.set(id, element)
  }
  return ids
}

interface ReferenceCheck {
  document: number
  readonly signedProperties: Element[]
  keyInfo: number
  inclusive: boolean
}

function checkReference(
  reference: Element,
  ids: Map<string, Element>,
  keyInfo: Element | undefined,
  seen: ReferenceCheck,
): string | undefined {
  const uri = reference.getAttribute('URI')
  const transforms = childrenNamed(onlyChild(reference, DSIG_NS, 'Transforms') ?? reference, DSIG_NS, 'Transform')
  const chain = transforms.map((t) => t.getAttribute('Algorithm') ?? '')
  const digest = onlyChild(reference, DSIG_NS, 'DigestMethod')?.getAttribute('Algorithm') ?? ''
  if (!DIGEST_METHODS.has(digest)) return `digest method '${digest}' not accepted (SHA-256 or SHA-512 required)`
  if (uri === '') {
    if (!DOCUMENT_CHAINS.some((accepted) => sameChain(accepted, chain)))
      return `transforms [${chain.join(', ')}] not supported on the document reference`
    const filter = transforms.find((t) => t.getAttribute('Algorithm') === FILTER2)
    const problem = filter === undefined ? undefined : filterProblem(filter)
    if (problem !== undefined) return problem
    seen.document++
    return undefined
  }
  const target = uri?.startsWith('#') === true ? ids.get(uri.slice(1)) : undefined
  if (target === undefined) return `reference URI '${uri ?? '(none)'}' does not point inside the signature`
  if (!ELEMENT_CHAINS.some((accepted) => sameChain(accepted, chain)))
    return `transforms [${chain.join(', ')}] not supported on reference '${uri}'`
  seen.inclusive ||= chain.length === 0 || chain[0] === C14N
  const targetName = target.localName
  if (isElement(target, XADES_NS, 'SignedProperties')) {
    const type = reference.getAttribute('Type')
    if (type !== null && type !== SIGNED_PROPERTIES_TYPE) return `reference to SignedProperties with Type '${type}'`
    seen.signedProperties.push(target)
  } else if (target === keyInfo) {
    seen.keyInfo++
  } else {
    return `reference '${uri}' points to ${targetName}: only the document, SignedProperties and KeyInfo may be signed`
  }
  return undefined
}

interface SignedInfoCheck {
  readonly signatureMethod: string
  readonly signedProperties: Element
  readonly keyInfoSigned: boolean
  readonly inclusive: boolean
}

function checkSignedInfo(
  signedInfo: Element,
  ids: Map<string, Element>,
  keyInfo: Element | undefined,
): SignedInfoCheck | string {
  const [c14n, method, ...references] = elementsOf(signedInfo)
  const c14nMethod = isElement(c14n, DSIG_NS, 'CanonicalizationMethod') ? (c14n.getAttribute('Algorithm') ?? '') : ''
  if (!CANONICALIZATIONS.has(c14nMethod)) return 'SignedInfo canonicalisation method missing or not supported'
  const signatureMethod = isElement(method, DSIG_NS, 'SignatureMethod') ? (method.getAttribute('Algorithm') ?? '') : ''
  if (!SIGNATURE_METHODS.has(signatureMethod))
    return `signature method '${signatureMethod}' not accepted (RSA or ECDSA with SHA-2 required)`
  const seen: ReferenceCheck = { document: 0, signedProperties: [], keyInfo: 0, inclusive: c14nMethod.startsWith(C14N) }
  for (const reference of references) {
    if (!isElement(reference, DSIG_NS, 'Reference')) return 'unexpected element in SignedInfo'
    const problem = checkReference(reference, ids, keyInfo, seen)
    if (problem !== undefined) return problem
  }
  const [signedProperties] = seen.signedProperties
  if (seen.document !== 1) return 'the signature must have exactly one reference to the whole document (URI="")'
  if (signedProperties === undefined || seen.signedProperties.length > 1)
    return 'the signature must reference exactly one xades:SignedProperties (XAdES-BES)'
  return { signatureMethod, signedProperties, keyInfoSigned: seen.keyInfo > 0, inclusive: seen.inclusive }
}

/**
 * Checks that a ds:Signature follows the profile this verifier supports (enveloped XAdES-BES: the SdI profile, or
 * the enveloped-signature transform) before any cryptography, and reads what verification needs. Returns a reason
 * when it does not: anything unsupported is refused (00102), never verified partially.
 */
export function readXadesStructure(signature: Element): XadesStructure | string {
  const ids = idsOf(signature)
  if (typeof ids === 'string') return ids
  const [signedInfo, signatureValue, ...rest] = elementsOf(signature)
  if (!isElement(signedInfo, DSIG_NS, 'SignedInfo') || !isElement(signatureValue, DSIG_NS, 'SignatureValue')) {
    return 'ds:Signature must start with SignedInfo and SignatureValue'
  }
  const keyInfo = rest.find((child) => isElement(child, DSIG_NS, 'KeyInfo'))
  const certificates = (
    keyInfo === undefined
      ? []
      : childrenNamed(keyInfo, DSIG_NS, 'X509Data').flatMap((data) => childrenNamed(data, DSIG_NS, 'X509Certificate'))
  ).map((element) => (element.textContent ?? '').replace(/\s/g, ''))
  if (certificates.length === 0) return 'no ds:X509Certificate in KeyInfo: the signer cannot be identified'
  const checked = checkSignedInfo(signedInfo, ids, keyInfo)
  if (typeof checked === 'string') return checked
  const properties = readProperties(checked.signedProperties, signature)
  if (typeof properties === 'string') return properties
  const { signatureMethod, keyInfoSigned, inclusive } = checked
  return { signatureMethod, certificates, properties, keyInfoSigned, inclusive }
}
