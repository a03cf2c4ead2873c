import { SignedXml, type CanonicalizationOrTransformationAlgorithmProcessOptions as ProcessOptions } from 'xml-crypto'
import { DSIG_NS, FILTER2, FILTER2_NS, FILTER2_SUBTRACT_SIGNATURES } from './uris.ts'

// The DOM subset used here, typed locally: xml-crypto's nodes come from its own copy of xmldom.
interface DomElement {
  readonly localName: string
  readonly namespaceURI: string | null
  readonly childNodes: ArrayLike<DomElement & { readonly nodeType: number }>
  readonly ownerDocument: {
    createElementNS(ns: string, name: string): DomElement
    createTextNode(text: string): unknown
  }
  getAttribute(name: string): string | null
  setAttribute(name: string, value: string): void
  appendChild(node: unknown): unknown
}

function elementChildren(element: DomElement): DomElement[] {
  return Array.from(element.childNodes).filter((child) => child.nodeType === 1)
}

// Adds <XPath Filter="subtract">/descendant::ds:Signature</XPath> to every XPath Filter 2.0 Transform that lacks it.
function addFilterParameters(signedInfo: DomElement): void {
  for (const reference of elementChildren(signedInfo).filter((e) => e.localName === 'Reference')) {
    const transforms = elementChildren(reference).find((e) => e.localName === 'Transforms')
    for (const transform of transforms === undefined ? [] : elementChildren(transforms)) {
      if (transform.getAttribute('Algorithm') !== FILTER2 || elementChildren(transform).length > 0) continue
      const document = transform.ownerDocument
      const xpath = document.createElementNS(FILTER2_NS, 'XPath')
      xpath.setAttribute('Filter', 'subtract')
      xpath.appendChild(document.createTextNode(FILTER2_SUBTRACT_SIGNATURES))
      transform.appendChild(xpath)
    }
  }
}

/**
 * SignedXml for signing with the SdI profile. xml-crypto writes a Transform element with its Algorithm only; XPath
 * Filter 2.0 needs its XPath parameter. It is added when SignedInfo is canonicalised for signing — after xml-crypto
 * has built the references, before anything is signed — so the signed SignedInfo and the output both carry it.
 * Used for signing only: verification never adds anything to what it verifies.
 */
export class SigningSignedXml extends SignedXml {
  override getCanonXml(
    transforms: Parameters<SignedXml['getCanonXml']>[0],
    node: unknown,
    options?: ProcessOptions,
  ): string {
    const element = node as DomElement
    if (element.localName === 'SignedInfo' && element.namespaceURI === DSIG_NS) addFilterParameters(element)
    return super.getCanonXml(transforms, node as Parameters<SignedXml['getCanonXml']>[1], options)
  }
}
