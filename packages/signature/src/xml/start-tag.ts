import { QNAME, XML_NS, XMLNS_NS } from './names.ts'
import { decodeAttribute, XmlReferenceError } from './references.ts'
import type { NamespaceDeclaration, NamespaceScope, XmlAttribute, XmlElement } from './tokens.ts'

interface RawAttribute {
  readonly prefix: string
  readonly local: string
  readonly qname: string
  readonly value: string
}

export interface ParsedStartTag {
  readonly element: XmlElement
  readonly next: number
  readonly empty: boolean
}

const WHITESPACE = /[ \t\r\n]*/y

function skipWhitespace(text: string, at: number): number {
  WHITESPACE.lastIndex = at
  WHITESPACE.exec(text)
  return WHITESPACE.lastIndex
}

// Attributes up to '>' or '/>'; returns a problem as a string, the caller adds the position.
function readAttributes(text: string, from: number): { raw: RawAttribute[]; next: number; empty: boolean } | string {
  const raw: RawAttribute[] = []
  let p = from
  for (;;) {
    const afterName = p
    p = skipWhitespace(text, p)
    const c = text.charAt(p)
    if (c === '>') return { raw, next: p + 1, empty: false }
    if (c === '/' && text.charAt(p + 1) === '>') return { raw, next: p + 2, empty: true }
    if (p === afterName) return 'whitespace expected between attributes'
    QNAME.lastIndex = p
    const name = QNAME.exec(text)
    if (name === null) return c === '' ? 'unterminated start tag' : 'invalid attribute name'
    p = skipWhitespace(text, QNAME.lastIndex)
    if (text.charAt(p) !== '=') return `attribute '${name[0]}' without a value`
    p = skipWhitespace(text, p + 1)
    const quote = text.charAt(p)
    if (quote !== '"' && quote !== "'") return `attribute '${name[0]}' value not quoted`
    const close = text.indexOf(quote, p + 1)
    if (close === -1) return 'unterminated attribute value'
    const value = text.slice(p + 1, close)
    if (value.includes('<')) return `'<' in the value of attribute '${name[0]}'`
    raw.push({ prefix: name[1] ?? '', local: name[2] ?? '', qname: name[0], value })
    p = close + 1
  }
}

function declarationOf(attribute: RawAttribute, value: string): NamespaceDeclaration | string | undefined {
  if (attribute.qname === 'xmlns') {
    if (value === XML_NS || value === XMLNS_NS) return 'reserved namespace bound as the default namespace'
    return { prefix: '', uri: value }
  }
  if (attribute.prefix !== 'xmlns') return undefined
  if (value === '') return `prefix '${attribute.local}' undeclared (not allowed in XML 1.0)`
  if (attribute.local === 'xmlns') return "the 'xmlns' prefix cannot be declared"
  if ((attribute.local === 'xml') !== (value === XML_NS)) return "the 'xml' prefix is bound to its own namespace only"
  if (value === XMLNS_NS) return 'the xmlns namespace cannot be bound to a prefix'
  return { prefix: attribute.local, uri: value }
}

function scopeWith(parent: NamespaceScope, declarations: readonly NamespaceDeclaration[]): NamespaceScope {
  if (declarations.length === 0) return parent
  const scope = new Map(parent)
  for (const { prefix, uri } of declarations) scope.set(prefix, uri)
  return scope
}

function resolveAttributes(scope: NamespaceScope, plain: readonly [RawAttribute, string][]): XmlAttribute[] | string {
  const expanded = new Set<string>()
  const attributes: XmlAttribute[] = []
  for (const [attribute, value] of plain) {
    const uri = attribute.prefix === '' ? '' : scope.get(attribute.prefix)
    if (uri === undefined) return `unbound prefix '${attribute.prefix}'`
    const key = `${uri} ${attribute.local}`
    if (expanded.has(key)) return `attribute '${attribute.qname}' repeated`
    expanded.add(key)
    attributes.push({ qname: attribute.qname, prefix: attribute.prefix, local: attribute.local, uri, value })
  }
  return attributes
}

const NONE: readonly never[] = []

// One shape for every element token (keeps V8's property access monomorphic).
function elementOf(
  qname: string,
  prefix: string,
  local: string,
  uri: string,
  attributes: readonly XmlAttribute[],
  declarations: readonly NamespaceDeclaration[],
  scope: NamespaceScope,
  parentScope: NamespaceScope,
  start: number,
  index: number,
  depth: number,
): XmlElement {
  return {
    kind: 'start',
    qname,
    prefix,
    local,
    uri,
    attributes,
    declarations,
    scope,
    parentScope,
    start,
    depth,
    index,
    endIndex: -1,
    closeStart: -1,
    closeEnd: -1,
  }
}

/** Reads the start tag opening at `lt`: name, attributes, namespace declarations, bindings in scope. */
export function parseStartTag(
  text: string,
  lt: number,
  parentScope: NamespaceScope,
  index: number,
  depth: number,
): ParsedStartTag | string {
  QNAME.lastIndex = lt + 1
  const name = QNAME.exec(text)
  if (name === null) return 'invalid element name'
  const read = readAttributes(text, QNAME.lastIndex)
  if (typeof read === 'string') return read
  const prefix = name[1] ?? ''
  // Most FatturaPA elements have no attributes: no sets, arrays or scope to build.
  if (read.raw.length === 0 && prefix !== 'xmlns') {
    const uri = prefix === '' ? (parentScope.get('') ?? '') : parentScope.get(prefix)
    if (uri === undefined) return `unbound prefix '${prefix}'`
    const element = elementOf(
      name[0],
      prefix,
      name[2] ?? '',
      uri,
      NONE,
      NONE,
      parentScope,
      parentScope,
      lt,
      index,
      depth,
    )
    return { element, next: read.next, empty: read.empty }
  }
  const seen = new Set<string>()
  const declarations: NamespaceDeclaration[] = []
  const plain: [RawAttribute, string][] = []
  try {
    for (const attribute of read.raw) {
      if (seen.has(attribute.qname)) return `attribute '${attribute.qname}' repeated`
      seen.add(attribute.qname)
      const value = decodeAttribute(attribute.value)
      const declaration = declarationOf(attribute, value)
      if (typeof declaration === 'string') return declaration
      if (declaration === undefined) plain.push([attribute, value])
      else declarations.push(declaration)
    }
  } catch (err) {
    if (err instanceof XmlReferenceError) return err.message
    throw err
  }
  if (prefix === 'xmlns') return "element names cannot use the 'xmlns' prefix"
  const scope = scopeWith(parentScope, declarations)
  const uri = prefix === '' ? (scope.get('') ?? '') : scope.get(prefix)
  if (uri === undefined) return `unbound prefix '${prefix}'`
  const attributes = resolveAttributes(scope, plain)
  if (typeof attributes === 'string') return attributes
  const element = elementOf(
    name[0],
    prefix,
    name[2] ?? '',
    uri,
    attributes,
    declarations,
    scope,
    parentScope,
    lt,
    index,
    depth,
  )
  return { element, next: read.next, empty: read.empty }
}
