import type { SaxesTagNS } from 'saxes'
import { escapeAttribute, escapeText } from './escape.ts'

const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/'

/** True for namespace declaration attributes (xmlns, xmlns:p). */
export function isNamespaceDeclaration(uri: string): boolean {
  return uri === XMLNS_NAMESPACE
}

/**
 * Rebuilds an element subtree (ds:Signature) as standalone XML text from parser events. The top element also declares
 * the inherited namespace bindings the subtree uses without declaring them, so the text stays meaningful wherever it
 * is written back, and capturing it again gives the same text. Re-serialized, not byte-exact: a signature over the
 * original bytes must be verified on the original bytes.
 */
export class OpaqueCapture {
  #top = ''
  #parts: string[] = []
  readonly #declared: (readonly string[])[] = []
  readonly #needed = new Set<string>()
  readonly #inherited: Readonly<Record<string, string>>

  constructor(inherited: Readonly<Record<string, string>>) {
    this.#inherited = inherited
  }

  open(tag: SaxesTagNS): void {
    this.#declared.push(Object.keys(tag.ns))
    this.#use(tag.prefix)
    let attributes = ''
    for (const key in tag.attributes) {
      const attribute = tag.attributes[key]
      if (attribute === undefined) continue
      if (attribute.prefix !== '' && !isNamespaceDeclaration(attribute.uri)) this.#use(attribute.prefix)
      attributes += ` ${attribute.name}="${escapeAttribute(attribute.value)}"`
    }
    const end = tag.isSelfClosing ? '/>' : '>'
    if (this.#declared.length === 1) {
      this.#top = tag.name
      this.#parts.push(`${attributes}${end}`)
    } else {
      this.#parts.push(`<${tag.name}${attributes}${end}`)
    }
  }

  /** Returns true when the captured element itself is closed. */
  close(tag: SaxesTagNS): boolean {
    if (!tag.isSelfClosing) this.#parts.push(`</${tag.name}>`)
    this.#declared.pop()
    return this.#declared.length === 0
  }

  text(value: string): void {
    this.#parts.push(escapeText(value))
  }

  get xml(): string {
    let declarations = ''
    for (const prefix of this.#needed) {
      const uri = this.#inherited[prefix] ?? ''
      declarations += ` ${prefix === '' ? 'xmlns' : `xmlns:${prefix}`}="${escapeAttribute(uri)}"`
    }
    return `<${this.#top}${declarations}${this.#parts.join('')}`
  }

  #use(prefix: string): void {
    if (prefix === 'xml' || this.#needed.has(prefix) || !(prefix in this.#inherited)) return
    if (!this.#declared.some((prefixes) => prefixes.includes(prefix))) this.#needed.add(prefix)
  }
}
