import type { Element } from '@xmldom/xmldom'
import { elementsOf, isElement } from './dom.ts'
import { DSIG_NS, FILTER2_NS, FILTER2_SUBTRACT_SIGNATURES } from './uris.ts'

/**
 * XPath Filter 2.0 is supported in exactly the form SdI uses and prescribes: one `subtract` of
 * `/descendant::ds:Signature` with `ds` bound to XML-DSig, which removes every signature from the document.
 * Any other filter (intersect, union, another expression) would need a general XPath engine over the whole document
 * and is refused, as is a filter whose `ds` prefix means something else.
 */
export function filterProblem(transform: Element): string | undefined {
  const [xpath, ...others] = elementsOf(transform)
  if (!isElement(xpath, FILTER2_NS, 'XPath') || others.length > 0)
    return 'XPath Filter 2.0 transform without exactly one XPath parameter'
  if (xpath.getAttribute('Filter') !== 'subtract')
    return `XPath Filter 2.0 '${xpath.getAttribute('Filter') ?? ''}' not supported (only subtract)`
  const expression = (xpath.textContent ?? '').trim()
  if (expression !== FILTER2_SUBTRACT_SIGNATURES)
    return `XPath Filter 2.0 expression '${expression.slice(0, 80)}' not supported`
  if (xpath.lookupNamespaceURI('ds') !== DSIG_NS) return "XPath Filter 2.0 expression whose 'ds' prefix is not XML-DSig"
  return undefined
}
