/** Namespace bindings in scope: prefix ('' for the default namespace) to URI ('' for no namespace). */
export type NamespaceScope = ReadonlyMap<string, string>

export interface XmlAttribute {
  readonly qname: string
  readonly prefix: string
  readonly local: string
  /** Namespace URI; '' for an unprefixed attribute. */
  readonly uri: string
  /** The normalised value, references expanded. */
  readonly value: string
}

export interface NamespaceDeclaration {
  readonly prefix: string
  readonly uri: string
}

/** A start tag (or an empty-element tag, followed at once by its end token). Offsets are character indexes. */
export interface XmlElement {
  readonly kind: 'start'
  readonly qname: string
  readonly prefix: string
  readonly local: string
  readonly uri: string
  readonly attributes: readonly XmlAttribute[]
  /** xmlns / xmlns:p attributes written on this element, in document order. */
  readonly declarations: readonly NamespaceDeclaration[]
  /** Bindings in scope on this element, its own declarations included. */
  readonly scope: NamespaceScope
  /** Bindings in scope on the parent (the initial scope for the root). */
  readonly parentScope: NamespaceScope
  /** Index of the '<' that opens the element. */
  readonly start: number
  readonly depth: number
  /** Index of this token in the token list. */
  readonly index: number
  /** Index of the matching end token; set when the element closes. */
  endIndex: number
  /** Index of '</' of the end tag; for an empty-element tag, the index just after it. */
  closeStart: number
  /** Index just after the element. */
  closeEnd: number
}

export interface XmlEndToken {
  readonly kind: 'end'
  readonly element: XmlElement
}

/** Character data (CDATA sections included), line ends normalised and references expanded. */
export interface XmlTextToken {
  readonly kind: 'text'
  readonly value: string
}

export interface XmlPiToken {
  readonly kind: 'pi'
  readonly target: string
  readonly data: string
}

/** Comments are not kept: every reference this package computes is a same-document one, which omits them. */
export type XmlToken = XmlElement | XmlEndToken | XmlTextToken | XmlPiToken

export interface ScannedXml {
  readonly text: string
  readonly tokens: readonly XmlToken[]
  readonly root: XmlElement
}

/** A well-formedness error (or a construct refused on purpose, such as a DOCTYPE), with its position. */
export class XmlSyntaxError extends Error {
  override readonly name = 'XmlSyntaxError'
  readonly position: number

  constructor(problem: string, position: number, text: string) {
    super(`${problem} (line ${text.slice(0, position).split('\n').length})`)
    this.position = position
  }
}
