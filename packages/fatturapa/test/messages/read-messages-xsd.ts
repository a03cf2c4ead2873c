import { readFileSync } from 'node:fs'
import path from 'node:path'
import { SaxesParser } from 'saxes'
import { XSD_DIR } from '../helpers.ts'

/*
 * A reader for the subset of XSD the two message schemas use: global elements, complex types made of one xs:sequence
 * plus attributes, simple types restricting a built-in type with facets. Enough to compare our models with them.
 */

export interface XsdParticle {
  readonly name: string
  /** The referenced type without prefix (`RicevutaConsegna_Type`, `string`), or `ds:Signature` for the reference. */
  readonly type: string
  readonly minOccurs: number
  readonly maxOccurs: number
}

export interface XsdAttribute {
  readonly name: string
  readonly required: boolean
  readonly fixed: string | undefined
}

export interface XsdSimpleType {
  readonly base: string
  readonly facets: Readonly<Record<string, string>>
  readonly enumeration: readonly string[]
}

export interface XsdSchema {
  readonly roots: ReadonlyMap<string, string>
  readonly complexTypes: ReadonlyMap<string, { sequence: XsdParticle[]; attributes: XsdAttribute[] }>
  readonly simpleTypes: ReadonlyMap<string, XsdSimpleType>
}

const local = (qname: string): string => qname.slice(qname.indexOf(':') + 1)

function occurs(value: string | undefined): number {
  if (value === undefined) return 1
  return value === 'unbounded' ? Number.POSITIVE_INFINITY : Number(value)
}

export function readMessagesXsd(file: string): XsdSchema {
  const roots = new Map<string, string>()
  const complexTypes = new Map<string, { sequence: XsdParticle[]; attributes: XsdAttribute[] }>()
  const simpleTypes = new Map<string, { base: string; facets: Record<string, string>; enumeration: string[] }>()
  let complex: { sequence: XsdParticle[]; attributes: XsdAttribute[] } | undefined
  let simple: { base: string; facets: Record<string, string>; enumeration: string[] } | undefined
  let depth = 0
  const parser = new SaxesParser({ xmlns: true })
  parser.on('opentag', (tag) => {
    depth++
    const attr = (name: string) => tag.attributes[name]?.value
    switch (tag.local) {
      case 'element':
        if (depth === 2) roots.set(attr('name') ?? '', local(attr('type') ?? ''))
        else if (complex !== undefined) {
          const ref = attr('ref')
          complex.sequence.push({
            name: ref === undefined ? (attr('name') ?? '') : local(ref),
            type: ref ?? local(attr('type') ?? ''),
            minOccurs: occurs(attr('minOccurs')),
            maxOccurs: occurs(attr('maxOccurs')),
          })
        }
        break
      case 'complexType':
        complex = { sequence: [], attributes: [] }
        complexTypes.set(attr('name') ?? '', complex)
        break
      case 'attribute':
        complex?.attributes.push({
          name: attr('name') ?? '',
          required: attr('use') === 'required',
          fixed: attr('fixed'),
        })
        break
      case 'simpleType':
        simple = { base: '', facets: {}, enumeration: [] }
        simpleTypes.set(attr('name') ?? '', simple)
        break
      case 'restriction':
        if (simple !== undefined) simple.base = local(attr('base') ?? '')
        break
      case 'enumeration':
        simple?.enumeration.push(attr('value') ?? '')
        break
      default:
        if (
          simple !== undefined &&
          ['length', 'minLength', 'maxLength', 'pattern', 'totalDigits'].includes(tag.local)
        ) {
          simple.facets[tag.local] = attr('value') ?? ''
        }
    }
  })
  parser.on('closetag', (tag) => {
    depth--
    if (tag.local === 'complexType') complex = undefined
    if (tag.local === 'simpleType') simple = undefined
  })
  parser.write(readFileSync(path.join(XSD_DIR, file), 'utf8')).close()
  return { roots, complexTypes, simpleTypes }
}
