import fc from 'fast-check'

/*
 * XML-level mutations of a serialized invoice: the element tree is read from the text (serializeFattura writes no
 * indentation, and every "<" in its output starts markup), and a mutation edits the text of one element: drop it,
 * duplicate it, swap it with its next sibling, insert an unknown element or stray text, or replace its value with a
 * too long / badly formatted / out-of-list one. The ds:Signature subtree is only moved as a whole (its content is not
 * checked by our parser, a documented difference).
 */

export interface XmlElement {
  readonly name: string
  /** Offset of "<" of the start tag, of the character after ">" of the start tag, of "<" of the end tag, after ">". */
  readonly start: number
  readonly contentStart: number
  contentEnd: number
  end: number
  readonly parent: XmlElement | undefined
  readonly children: XmlElement[]
}

/** The elements of a serialized invoice (root included), in document order, outside ds:Signature's content. */
export function elementsOf(xml: string): XmlElement[] {
  const elements: XmlElement[] = []
  const stack: XmlElement[] = []
  let opaqueDepth = 0
  for (let at = xml.indexOf('<'); at >= 0; at = xml.indexOf('<', at + 1)) {
    const close = xml.indexOf('>', at)
    if (xml[at + 1] === '?' || xml[at + 1] === '!') continue
    const selfClosing = xml[close - 1] === '/'
    if (xml[at + 1] === '/') {
      // Inside ds:Signature only the depth is followed; its own end tag closes it like any element.
      if (opaqueDepth > 1) {
        opaqueDepth--
        continue
      }
      opaqueDepth = 0
      const element = stack.pop()
      if (element !== undefined) {
        element.contentEnd = at
        element.end = close + 1
      }
      continue
    }
    if (opaqueDepth > 0) {
      if (!selfClosing) opaqueDepth++
      continue
    }
    const name = /^<([^\s/>]+)/.exec(xml.slice(at, close + 1))?.[1] ?? ''
    const element = newElement(name, at, close, stack.at(-1))
    elements.push(element)
    if (selfClosing) continue
    stack.push(element)
    if (name.startsWith('ds:')) opaqueDepth = 1
  }
  return elements
}

function newElement(name: string, start: number, close: number, parent: XmlElement | undefined): XmlElement {
  const element: XmlElement = {
    name,
    start,
    contentStart: close + 1,
    contentEnd: close + 1,
    end: close + 1,
    parent,
    children: [],
  }
  parent?.children.push(element)
  return element
}

function isLeaf(element: XmlElement): boolean {
  return element.children.length === 0 && !element.name.includes(':')
}

const escape = (value: string) => value.replaceAll('&', '&amp;').replaceAll('<', '&lt;')
const splice = (xml: string, from: number, to: number, insert: string) => xml.slice(0, from) + insert + xml.slice(to)

/** Replacement values: none is valid for every type, most are invalid for most types. */
function badValues(value: string): string[] {
  const values = [
    '',
    ' ',
    'A'.repeat(2),
    'A'.repeat(11),
    'A'.repeat(16),
    'A'.repeat(21),
    'A'.repeat(29),
    'A'.repeat(36),
    'A'.repeat(61),
    'A'.repeat(81),
    'A'.repeat(101),
    'A'.repeat(201),
    'A'.repeat(1001),
    `${value}${'X'.repeat(30)}`,
    `${value}€`,
    `€${value}`,
    `${value}’`,
    `${value}è`,
    value.toLowerCase(),
    `${value}x`,
    `x${value}`,
    'ZZ99',
    'TD99',
    'N2.9',
    '0',
    '-1',
    '10000',
    '1.0',
    '2023-02-29',
    '1969-12-31',
    '2025-13-01',
    '100.01',
  ]
  const decimal = /^(-?\d+)\.(\d+)$/.exec(value)
  if (decimal !== null) {
    const [, whole = '0', fraction = ''] = decimal
    values.push(whole, `${whole}.${fraction.slice(0, 1)}`, `${whole}.${fraction}000000000`, `${whole},${fraction}`)
  }
  return values
}

export type Mutation =
  | {
      readonly kind: 'drop' | 'duplicate' | 'swap' | 'unknown-element' | 'text' | 'attribute' | 'qualify'
      readonly at: number
    }
  | { readonly kind: 'value'; readonly at: number; readonly choice: number }

const valueMutation = fc.record({ kind: fc.constant('value' as const), at: fc.nat(), choice: fc.nat() })

/** Element edits, markup edits and (twice as often) value replacements. */
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('drop', 'duplicate', 'swap', 'unknown-element'), at: fc.nat() }),
  fc.record({ kind: fc.constantFrom('text', 'attribute', 'qualify'), at: fc.nat() }),
  valueMutation,
  valueMutation,
)

/** Applies a mutation to the serialized XML; returns the new text and a short description for failure reports. */
export function mutate(xml: string, change: Mutation): { xml: string; description: string } {
  const elements = elementsOf(xml)
  const below = elements.slice(1)
  const pick = (list: readonly XmlElement[]) => list[change.at % list.length]
  switch (change.kind) {
    case 'drop':
    case 'duplicate':
    case 'unknown-element': {
      const element = pick(below)
      if (element === undefined) return { xml, description: 'none' }
      const copy = xml.slice(element.start, element.end)
      const edited =
        change.kind === 'drop'
          ? splice(xml, element.start, element.end, '')
          : change.kind === 'duplicate'
            ? splice(xml, element.end, element.end, copy)
            : splice(xml, element.start, element.start, '<Sconosciuto>1</Sconosciuto>')
      return { xml: edited, description: `${change.kind} ${element.name}` }
    }
    case 'swap': {
      const element = pick(below.filter((e) => e.parent?.children.at(-1) !== e))
      const siblings = element?.parent?.children ?? []
      const next = siblings[siblings.indexOf(element as XmlElement) + 1]
      if (element === undefined || next === undefined) return { xml, description: 'none' }
      const swapped = xml.slice(next.start, next.end) + xml.slice(element.start, element.end)
      return { xml: splice(xml, element.start, next.end, swapped), description: `swap ${element.name} ${next.name}` }
    }
    case 'text': {
      const element = pick(elements.filter((e) => !isLeaf(e) && !e.name.startsWith('ds:')))
      if (element === undefined) return { xml, description: 'none' }
      return {
        xml: splice(xml, element.contentStart, element.contentStart, 'testo'),
        description: `text in ${element.name}`,
      }
    }
    case 'attribute': {
      const element = pick(elements.filter((e) => !e.name.startsWith('ds:')))
      if (element === undefined) return { xml, description: 'none' }
      const at = element.contentStart - 1
      const attribute = element === elements[0] ? ' versione="FPR13"' : ' id="1"'
      const edited =
        element === elements[0] ? xml.replace(/ versione="[^"]*"/, attribute) : splice(xml, at, at, attribute)
      return { xml: edited, description: `attribute on ${element.name}` }
    }
    case 'qualify': {
      const element = pick(below.filter((e) => !e.name.includes(':')))
      if (element === undefined) return { xml, description: 'none' }
      let edited = splice(xml, element.contentEnd, element.contentEnd + 2, '</p:')
      edited = splice(edited, element.start, element.start + 1, '<p:')
      return { xml: edited, description: `qualify ${element.name}` }
    }
    case 'value': {
      const element = pick(below.filter(isLeaf))
      if (element === undefined) return { xml, description: 'none' }
      const values = badValues(xml.slice(element.contentStart, element.contentEnd))
      const value = values[change.choice % values.length] ?? ''
      const shown = value.length > 20 ? `${value.slice(0, 20)}…(${value.length})` : value
      return {
        xml: splice(xml, element.contentStart, element.contentEnd, escape(value)),
        description: `value of ${element.name} = '${shown}'`,
      }
    }
  }
}
