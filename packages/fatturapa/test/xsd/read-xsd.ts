import { readFileSync } from 'node:fs'
import { SaxesParser } from 'saxes'

/* A reader for the subset of XSD the FatturaPA schema uses, to compare our model with the official file in tests. */

const XS = 'http://www.w3.org/2001/XMLSchema'

export interface XsdElement {
  readonly kind: 'element'
  readonly name: string
  readonly type: string
  readonly minOccurs: number
  readonly maxOccurs: number
  readonly default: string | undefined
}

export interface XsdChoice {
  readonly kind: 'choice'
  readonly branches: XsdElement[][]
}

export interface XsdComplexType {
  readonly content: (XsdElement | XsdChoice)[]
  readonly attributes: { name: string; type: string; required: boolean }[]
}

export interface XsdSimpleType {
  base: string
  readonly enumerations: string[]
  readonly patterns: string[]
  readonly facets: Record<string, string>
}

export interface XsdSchema {
  readonly rootType: string
  readonly complexTypes: Map<string, XsdComplexType>
  readonly simpleTypes: Map<string, XsdSimpleType>
}

function occurs(value: string | undefined): number {
  if (value === undefined) return 1
  return value === 'unbounded' ? Number.POSITIVE_INFINITY : Number(value)
}

export function readXsd(file: string): XsdSchema {
  const complexTypes = new Map<string, XsdComplexType>()
  const simpleTypes = new Map<string, XsdSimpleType>()
  let rootType = ''
  let complex: XsdComplexType | undefined
  let simple: XsdSimpleType | undefined
  let choice: XsdChoice | undefined
  let depth = 0
  let choiceSequenceDepth = -1
  const parser = new SaxesParser({ xmlns: true })
  parser.on('opentag', (tag) => {
    depth++
    if (tag.uri !== XS) return
    const attr = (name: string) => tag.attributes[name]?.value
    switch (tag.local) {
      case 'element': {
        if (complex === undefined) {
          rootType = attr('type') ?? ''
          return
        }
        const ref = attr('ref')
        const element: XsdElement = {
          kind: 'element',
          name: ref ?? attr('name') ?? '',
          type: ref ?? attr('type') ?? '',
          minOccurs: occurs(attr('minOccurs')),
          maxOccurs: occurs(attr('maxOccurs')),
          default: attr('default'),
        }
        if (choice === undefined) complex.content.push(element)
        else choice.branches.at(-1)?.push(element)
        return
      }
      case 'complexType':
        complex = { content: [], attributes: [] }
        complexTypes.set(attr('name') ?? '', complex)
        return
      case 'choice':
        choice = { kind: 'choice', branches: [] }
        complex?.content.push(choice)
        return
      case 'sequence':
        if (choice !== undefined) {
          choice.branches.push([])
          choiceSequenceDepth = depth
        }
        return
      case 'attribute':
        complex?.attributes.push({
          name: attr('name') ?? '',
          type: attr('type') ?? '',
          required: attr('use') === 'required',
        })
        return
      case 'simpleType':
        simple = { base: '', enumerations: [], patterns: [], facets: {} }
        simpleTypes.set(attr('name') ?? '', simple)
        return
      case 'restriction':
        if (simple !== undefined) simple.base = attr('base') ?? ''
        return
      case 'enumeration':
        simple?.enumerations.push(attr('value') ?? '')
        return
      case 'pattern':
        simple?.patterns.push(attr('value') ?? '')
        return
      default:
        if (simple !== undefined && attr('value') !== undefined) simple.facets[tag.local] = attr('value') ?? ''
    }
  })
  parser.on('closetag', (tag) => {
    if (tag.uri === XS && tag.local === 'complexType') complex = undefined
    if (tag.uri === XS && tag.local === 'simpleType') simple = undefined
    if (tag.uri === XS && tag.local === 'choice') choice = undefined
    if (tag.uri === XS && tag.local === 'sequence' && depth === choiceSequenceDepth) choiceSequenceDepth = -1
    depth--
  })
  parser.write(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')).close()
  return { rootType, complexTypes, simpleTypes }
}
