import { FatturaCharacterError } from '../errors.ts'
import type { ComplexContent } from '../xml/content-model.ts'
import { escapeAttribute, escapeText, invalidXmlCharIndex } from '../xml/escape.ts'

/*
 * Writes message content in schema order from the compiled content model. Unlike the invoice writer (xml/serialize.ts,
 * whose only attributes are on the root) it writes attributes on nested elements too: NotificaEsito's
 * EsitoCommittente carries `versione`. Messages are small, so every value is checked for characters XML 1.0 cannot
 * carry as it is written, which also names the culprit.
 */

type Model = Readonly<Record<string, unknown>>

function join(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`
}

// After validation every simple value is a string or (xs:integer) a number.
function textOf(value: unknown): string {
  return typeof value === 'number' ? String(value) : (value as string)
}

function checked(value: string, path: string): string {
  if (invalidXmlCharIndex(value) >= 0) throw new FatturaCharacterError(path)
  return value
}

/** ` name="value"` for each attribute present in the model, in declaration order. */
export function writeAttributes(content: ComplexContent, model: Model, path: string): string {
  let xml = ''
  for (const attribute of content.attributes) {
    const value = model[attribute.name]
    if (value === undefined) continue
    const text = checked(textOf(value), join(path, attribute.name))
    xml += ` ${attribute.name}="${escapeAttribute(text)}"`
  }
  return xml
}

/** The children of an element, unqualified, in schema order; opaque parts (ds:Signature) verbatim. */
export function writeChildren(content: ComplexContent, model: Model, path: string): string {
  let xml = ''
  for (const particle of content.particles) {
    const value = model[particle.name]
    if (value === undefined) continue
    const items: readonly unknown[] = particle.repeated ? (value as readonly unknown[]) : [value]
    items.forEach((item, index) => {
      const here = join(path, particle.repeated ? `${particle.name}[${index}]` : particle.name)
      const child = particle.content
      switch (child.kind) {
        case 'simple':
          xml += `<${particle.name}>${escapeText(checked(textOf(item), here))}</${particle.name}>`
          break
        case 'complex': {
          const nested = item as Model
          const open = `<${particle.name}${writeAttributes(child, nested, here)}>`
          xml += `${open}${writeChildren(child, nested, here)}</${particle.name}>`
          break
        }
        case 'opaque':
          xml += checked((item as { xml: string }).xml, here)
          break
      }
    })
  }
  return xml
}
