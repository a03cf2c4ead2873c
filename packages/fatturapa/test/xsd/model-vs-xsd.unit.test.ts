import path from 'node:path'
import type { TSchema } from 'typebox'
import { describe, expect, it } from 'vitest'
import { FatturaElettronica, XmlAnnotation } from '../../src/index.ts'
import { XsdFormat } from '../../src/model/xsd-formats.ts'
import { compileContentModel, type ComplexContent } from '../../src/xml/content-model.ts'
import { XSD_DIR } from '../helpers.ts'
import { readXsd, type XsdElement, type XsdSchema } from './read-xsd.ts'

/*
 * Walks the official XSD and our model side by side, from the root: element names and order, cardinality, the choices,
 * attributes, and for every simple type its enumeration values, integer bounds, length facets, whitespace handling,
 * element defaults and whether a pattern exists. Patterns themselves are compared by behaviour in differential tests.
 */

type Schema = TSchema & Readonly<Record<string, unknown>>

interface Flat {
  readonly name: string
  readonly element: XsdElement
  readonly group: number
  readonly branch: number
}

function flatten(content: ReturnType<XsdSchema['complexTypes']['get']>): Flat[] {
  const flat: Flat[] = []
  let group = 0
  for (const item of content?.content ?? []) {
    if (item.kind === 'element')
      flat.push({ name: item.name.replace(/^ds:/, ''), element: item, group: -1, branch: -1 })
    else {
      item.branches.forEach((branch, b) =>
        branch.forEach((element) => flat.push({ name: element.name, element, group, branch: b })),
      )
      group++
    }
  }
  return flat
}

/** The TypeBox schema of a property (looking into union members), unwrapped from its array. */
function propertySchema(schema: Schema, name: string): Schema {
  const owners = (schema.anyOf as Schema[] | undefined) ?? [schema]
  for (const owner of owners) {
    const property = (owner.properties as Record<string, Schema> | undefined)?.[name]
    if (property !== undefined) return property.type === 'array' ? (property.items as Schema) : property
  }
  throw new Error(`no property ${name}`)
}

function compareSimple(xsd: XsdSchema, type: string, schema: Schema, where: string, problems: string[]): void {
  const whiteSpace = schema[XmlAnnotation.whiteSpace]
  const expectFormat = (format: string) => {
    if (schema.format !== format) problems.push(`${where}: ${type} should have format ${format}`)
  }
  if (type === 'xs:date') return expectFormat(XsdFormat.date)
  if (type === 'xs:dateTime') return expectFormat(XsdFormat.dateTime)
  if (type === 'xs:base64Binary') return expectFormat(XsdFormat.base64)
  const simple = xsd.simpleTypes.get(type)
  if (simple === undefined) return void problems.push(`${where}: unknown XSD type ${type}`)
  const { base, enumerations, patterns, facets } = simple
  if (enumerations.length > 0 && JSON.stringify(schema.enum) !== JSON.stringify(enumerations)) {
    problems.push(`${where}: ${type} enumeration ${JSON.stringify(enumerations)} vs ${JSON.stringify(schema.enum)}`)
  }
  if (base === 'xs:integer') {
    if (schema.type !== 'integer') problems.push(`${where}: ${type} should be an integer`)
    if (String(schema.minimum) !== facets.minInclusive || String(schema.maximum) !== facets.maxInclusive) {
      problems.push(`${where}: ${type} bounds ${facets.minInclusive}..${facets.maxInclusive}`)
    }
  }
  if (base === 'xs:decimal' && (schema.type !== 'string' || typeof schema.pattern !== 'string')) {
    problems.push(`${where}: ${type} (decimal) should be a string with a pattern`)
  }
  if (base === 'xs:date') expectFormat(XsdFormat.date)
  // Dates are the one deliberate exception: libxml2 does not collapse blanks around them, and we follow libxml2.
  const collapses = ['xs:decimal', 'xs:integer', 'xs:token'].includes(base) || facets.whiteSpace === 'collapse'
  if (collapses !== (whiteSpace === 'collapse'))
    problems.push(`${where}: ${type} whitespace collapse should be ${collapses}`)
  const minLength = facets.length ?? facets.minLength
  const maxLength = facets.length ?? facets.maxLength
  if (minLength !== undefined && String(schema.minLength) !== minLength && enumerations.length === 0) {
    problems.push(`${where}: ${type} minLength ${minLength} vs ${String(schema.minLength)}`)
  }
  if (maxLength !== undefined && String(schema.maxLength) !== maxLength && enumerations.length === 0) {
    problems.push(`${where}: ${type} maxLength ${maxLength} vs ${String(schema.maxLength)}`)
  }
  if (patterns.length > 0 && typeof schema.pattern !== 'string') problems.push(`${where}: ${type} has no pattern`)
}

function compareComplex(
  xsd: XsdSchema,
  type: string,
  schema: Schema,
  content: ComplexContent,
  where: string,
  problems: string[],
): void {
  const complex = xsd.complexTypes.get(type)
  const expected = flatten(complex)
  const actual = content.particles
  const names = (list: readonly { name: string }[]) => list.map((item) => item.name).join(',')
  if (names(expected) !== names(actual))
    problems.push(`${where} (${type}): elements [${names(expected)}] vs [${names(actual)}]`)
  const expectedAttributes = (complex?.attributes ?? []).map((a) => `${a.name}${a.required ? '' : '?'}`).join(',')
  const actualAttributes = content.attributes.map((a) => `${a.name}${a.required ? '' : '?'}`).join(',')
  if (expectedAttributes !== actualAttributes)
    problems.push(`${where}: attributes ${expectedAttributes} vs ${actualAttributes}`)
  for (const attribute of complex?.attributes ?? []) {
    compareSimple(xsd, attribute.type, propertySchema(schema, attribute.name), `${where}@${attribute.name}`, problems)
  }
  for (const { name, element, group, branch } of expected) {
    const particle = content.byName.get(name)
    if (particle === undefined) continue
    const at = where === '' ? name : `${where}.${name}`
    if (particle.required !== element.minOccurs >= 1)
      problems.push(`${at}: required should be ${element.minOccurs >= 1}`)
    if (particle.repeated !== element.maxOccurs > 1) problems.push(`${at}: repeated should be ${element.maxOccurs > 1}`)
    if (particle.group !== group || particle.branch !== branch)
      problems.push(`${at}: choice ${group}/${branch} vs ${particle.group}/${particle.branch}`)
    const child = propertySchema(schema, particle.name)
    if (element.default !== undefined && child.default !== element.default)
      problems.push(`${at}: default ${element.default}`)
    if (element.type === 'ds:Signature') {
      if (particle.content.kind !== 'opaque') problems.push(`${at}: ds:Signature should be opaque`)
    } else if (xsd.complexTypes.has(element.type)) {
      if (particle.content.kind !== 'complex') problems.push(`${at}: should be complex`)
      else compareComplex(xsd, element.type, child, particle.content, at, problems)
    } else {
      if (particle.content.kind !== 'simple') problems.push(`${at}: should be simple`)
      compareSimple(xsd, element.type, child, at, problems)
    }
  }
}

function disagreements(file: string): string[] {
  const xsd = readXsd(path.join(XSD_DIR, file))
  const problems: string[] = []
  const root = FatturaElettronica as unknown as Schema
  compareComplex(xsd, xsd.rootType, root, compileContentModel(FatturaElettronica), '', problems)
  return problems
}

describe('the model agrees with the official XSD', () => {
  it('matches Schema_VFPR12_v1.2.3.xsd element for element', () => {
    expect(disagreements('Schema_VFPR12_v1.2.3.xsd')).toEqual([])
  })

  it('differs from the 1.2.2 schema only by the 1.2.3 additions (TD29, RF20)', () => {
    expect(disagreements('Schema_del_file_xml_FatturaPA_v1.2.2.xsd')).toEqual([
      expect.stringMatching(/RegimeFiscale: RegimeFiscaleType enumeration .* vs .*"RF20"\]/),
      expect.stringMatching(/TipoDocumento: TipoDocumentoType enumeration .*"TD28"\] vs .*"TD29"\]/),
    ])
  })
})
