import type { Element, Node } from '@xmldom/xmldom'

const ELEMENT_NODE = 1

/** Element children, in order. */
export function elementsOf(element: Element): Element[] {
  const out: Element[] = []
  for (let node: Node | null = element.firstChild; node !== null; node = node.nextSibling) {
    if (node.nodeType === ELEMENT_NODE) out.push(node as Element)
  }
  return out
}

export function isElement(element: Element | undefined, ns: string, local: string): element is Element {
  return element !== undefined && element.namespaceURI === ns && element.localName === local
}

/** The element children with this name. */
export function childrenNamed(element: Element, ns: string, local: string): Element[] {
  return elementsOf(element).filter((child) => isElement(child, ns, local))
}

/** The one child with this name, or undefined when there is none or more than one. */
export function onlyChild(element: Element | undefined, ns: string, local: string): Element | undefined {
  if (element === undefined) return undefined
  const found = childrenNamed(element, ns, local)
  return found.length === 1 ? found[0] : undefined
}

/** Every element of the subtree, the root included, in document order (iterative: no recursion on hostile input). */
export function descendantsOf(root: Element): Element[] {
  const out: Element[] = []
  const stack = [root]
  for (let element = stack.pop(); element !== undefined; element = stack.pop()) {
    out.push(element)
    stack.push(...elementsOf(element).reverse())
  }
  return out
}
