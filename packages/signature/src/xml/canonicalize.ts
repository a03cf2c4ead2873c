import { createHash } from 'node:crypto'
import type { NamespaceScope, ScannedXml, XmlAttribute, XmlElement } from './tokens.ts'

export interface CanonicalizeOptions {
  /** Exclusive XML Canonicalization 1.0 when true, Canonical XML 1.0 (inclusive) when false; both without comments. */
  readonly exclusive: boolean
  /** Exclusive only: the InclusiveNamespaces PrefixList ('' for #default), rendered as inclusive C14N would. */
  readonly inclusivePrefixes?: readonly string[]
  /** Elements left out with their whole subtree: the document subset that a same-document reference selects. */
  readonly omit?: (element: XmlElement) => boolean
}

const TEXT_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#xD;' }
const ATTRIBUTE_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '"': '&quot;',
  '\t': '&#x9;',
  '\n': '&#xA;',
  '\r': '&#xD;',
}

function escapeText(value: string): string {
  return /[&<>\r]/.test(value) ? value.replace(/[&<>\r]/g, (c) => TEXT_ESCAPES[c] ?? c) : value
}

function escapeAttribute(value: string): string {
  return /[&<"\t\n\r]/.test(value) ? value.replace(/[&<"\t\n\r]/g, (c) => ATTRIBUTE_ESCAPES[c] ?? c) : value
}

function byPrefix(a: readonly [string, string], b: readonly [string, string]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0
}

// Attributes sort by namespace URI, then local name; unqualified ones (URI '') come first (C14N 1.0 §2.2).
function byExpandedName(a: XmlAttribute, b: XmlAttribute): number {
  if (a.uri !== b.uri) return a.uri < b.uri ? -1 : 1
  return a.local < b.local ? -1 : a.local > b.local ? 1 : 0
}

function renderTag(element: XmlElement, namespaces: readonly (readonly [string, string])[]): string {
  let tag = `<${element.qname}`
  for (const [prefix, uri] of [...namespaces].sort(byPrefix)) {
    tag += prefix === '' ? ` xmlns="${escapeAttribute(uri)}"` : ` xmlns:${prefix}="${escapeAttribute(uri)}"`
  }
  const attributes = element.attributes.length > 1 ? [...element.attributes].sort(byExpandedName) : element.attributes
  for (const attribute of attributes) tag += ` ${attribute.qname}="${escapeAttribute(attribute.value)}"`
  return `${tag}>`
}

// Inclusive: every binding in scope that the parent (always in the output here) does not already have.
function inclusiveNamespaces(element: XmlElement): (readonly [string, string])[] {
  return element.declarations
    .filter(({ prefix, uri }) => (element.parentScope.get(prefix) ?? '') !== uri)
    .map(({ prefix, uri }) => [prefix, uri] as const)
}

// Exclusive: only the bindings the element visibly uses (its own prefix, its attributes' prefixes, the
// InclusiveNamespaces list), when the output ancestors have not already rendered the same binding.
function exclusiveNamespaces(
  element: XmlElement,
  rendered: NamespaceScope,
  listed: readonly string[],
): Map<string, string> {
  const needed = new Map<string, string>()
  const consider = (prefix: string): void => {
    if (prefix === 'xml' || needed.has(prefix)) return
    const uri = prefix === '' ? (element.scope.get('') ?? '') : element.scope.get(prefix)
    if (uri === undefined) return
    if ((rendered.get(prefix) ?? '') !== uri) needed.set(prefix, uri)
  }
  consider(element.prefix)
  for (const attribute of element.attributes) if (attribute.prefix !== '') consider(attribute.prefix)
  for (const prefix of listed) consider(prefix)
  return needed
}

function renderPi(target: string, data: string): string {
  return data === '' ? `<?${target}?>` : `<?${target} ${data}?>`
}

/**
 * Canonicalises a whole scanned document, or the subset left after `omit`, as a same-document reference (URI="")
 * selects it: comments dropped; processing instructions outside the root kept, each on its own line.
 */
export function canonicalizeDocument(document: ScannedXml, options: CanonicalizeOptions): string {
  let result = ''
  writeCanonical(document, options, (chunk) => (result += chunk))
  return result
}

/** SHA-256 (base64) of the canonical form, hashed in chunks: a large invoice is never held as one canonical string. */
export function canonicalDigest(document: ScannedXml, options: CanonicalizeOptions): string {
  const hash = createHash('sha256')
  writeCanonical(document, options, (chunk) => hash.update(chunk))
  return hash.digest('base64')
}

// Output is handed to `sink` in pieces of about CHUNK characters.
const CHUNK = 32_768

function writeCanonical(document: ScannedXml, options: CanonicalizeOptions, sink: (chunk: string) => void): void {
  const { tokens } = document
  const listed = options.inclusivePrefixes ?? []
  const rendered: NamespaceScope[] = [new Map()]
  let out = ''
  let depth = 0
  let afterRoot = false
  for (let i = 0; i < tokens.length; i++) {
    if (out.length > CHUNK) {
      sink(out)
      out = ''
    }
    const token = tokens[i]!
    if (token.kind === 'start') {
      if (options.omit?.(token) === true) {
        i = token.endIndex
        afterRoot ||= depth === 0
        continue
      }
      if (options.exclusive) {
        const inEffect = rendered.at(-1)!
        const needed = exclusiveNamespaces(token, inEffect, listed)
        rendered.push(needed.size === 0 ? inEffect : new Map([...inEffect, ...needed]))
        out += renderTag(token, [...needed])
      } else {
        out += renderTag(token, inclusiveNamespaces(token))
      }
      depth++
    } else if (token.kind === 'end') {
      out += `</${token.element.qname}>`
      if (options.exclusive) rendered.pop()
      afterRoot ||= --depth === 0
    } else if (token.kind === 'text') {
      out += escapeText(token.value)
    } else if (depth > 0) {
      out += renderPi(token.target, token.data)
    } else {
      out += afterRoot ? `\n${renderPi(token.target, token.data)}` : `${renderPi(token.target, token.data)}\n`
    }
  }
  sink(out)
}
