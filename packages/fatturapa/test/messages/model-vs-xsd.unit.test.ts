import type { TSchema } from 'typebox'
import { describe, expect, it } from 'vitest'
import { SDI_MESSAGE_ROOTS, type SdiMessageRoot } from '../../src/index.ts'
import { XsdFormat } from '../../src/model/xsd-formats.ts'
import { compileContentModel } from '../../src/xml/content-model.ts'
import { B2B_MESSAGES_XSD, PA_MESSAGES_XSD } from './helpers.ts'
import { readMessagesXsd, type XsdSchema } from './read-messages-xsd.ts'

/* Our TypeBox models against the official XSDs, read at test time: element order, cardinality, attributes, facets. */

const SCHEMAS = { pa: readMessagesXsd(PA_MESSAGES_XSD), b2b: readMessagesXsd(B2B_MESSAGES_XSD) }

type Schema = Readonly<Record<string, unknown>>

const BUILT_IN: Readonly<Record<string, Schema>> = {
  string: { type: 'string' },
  dateTime: { type: 'string', format: XsdFormat.dateTime, pattern: expect.any(String) as unknown },
  date: { type: 'string', format: XsdFormat.date, pattern: expect.any(String) as unknown },
  integer: { type: 'integer' },
  positiveInteger: { type: 'integer', minimum: 1 },
  nonNegativeInteger: { type: 'integer', minimum: 0 },
}

/** What our schema must say for an XSD simple type (null: not compared, e.g. the form of a translated pattern). */
function expectedSimple(xsd: XsdSchema, type: string): Schema {
  const builtIn = BUILT_IN[type]
  if (builtIn !== undefined) return builtIn
  const simple = xsd.simpleTypes.get(type)
  if (simple === undefined) throw new Error(`unknown type ${type}`)
  const { facets, enumeration } = simple
  if (simple.base === 'integer' && facets.totalDigits !== undefined) {
    // IdentificativoSdI: an integer in MessaggiTypes, a string in our model (see message-types.ts).
    return { type: 'string', pattern: expect.stringContaining(`{1,${facets.totalDigits}}`) as unknown }
  }
  const base = simple.base === 'normalizedString' ? BUILT_IN.string : BUILT_IN[simple.base]
  const expected: Record<string, unknown> = { ...base }
  if (enumeration.length > 0) return { enum: enumeration }
  if (facets.length !== undefined) Object.assign(expected, { minLength: +facets.length, maxLength: +facets.length })
  if (facets.minLength !== undefined) expected.minLength = +facets.minLength
  if (facets.maxLength !== undefined) expected.maxLength = +facets.maxLength
  if (facets.pattern !== undefined) {
    // The model repeats the lengths a pattern implies (checked first, cheaply): any value there, the pattern decides.
    return { ...expected, pattern: expect.any(String), minLength: expect.anything(), maxLength: expect.anything() }
  }
  return expected
}

/** The facets of our schema, as comparable with expectedSimple. */
function ourSimple(schema: Schema): Schema {
  const keys = ['type', 'format', 'enum', 'minLength', 'maxLength', 'minimum', 'pattern']
  return Object.fromEntries(keys.filter((key) => schema[key] !== undefined).map((key) => [key, schema[key]]))
}

function compareComplex(xsd: XsdSchema, typeName: string, schema: TSchema, path: string, root: SdiMessageRoot): void {
  const type = xsd.complexTypes.get(typeName)
  if (type === undefined) throw new Error(`unknown complex type ${typeName}`)
  const content = compileContentModel(schema)
  const properties = (schema as { properties: Record<string, Schema> }).properties
  expect({ path, elements: content.particles.map((p) => p.name) }).toEqual({
    path,
    elements: type.sequence.map((e) => e.name),
  })
  expect({ path, attributes: content.attributes.map((a) => [a.name, a.required, properties[a.name]?.const]) }).toEqual({
    path,
    attributes: type.attributes.map((a) => [a.name, a.required, a.fixed]),
  })
  for (const element of type.sequence) {
    const particle = content.byName.get(element.name)!
    const here = path === '' ? element.name : `${path}.${element.name}`
    const occurrence = { here, required: particle.required, maxOccurs: particle.maxOccurs }
    if (element.type === 'ds:Signature') {
      // Optional in the model so that unsigned messages exist; required at parse time where the XSD wants it.
      expect({ ...occurrence, signed: path === '' ? root.signed : element.minOccurs > 0 }).toEqual({
        here,
        required: false,
        maxOccurs: 1,
        signed: element.minOccurs > 0,
      })
      continue
    }
    expect(occurrence).toEqual({ here, required: element.minOccurs > 0, maxOccurs: element.maxOccurs })
    const property = properties[element.name]!
    const item = (particle.repeated ? property.items : property) as TSchema
    if (xsd.complexTypes.has(element.type)) compareComplex(xsd, element.type, item, here, root)
    else expect({ here, ...ourSimple(item as Schema) }).toEqual({ here, ...expectedSimple(xsd, element.type) })
  }
}

describe('message models against the official XSDs', () => {
  it('covers every global element of both schemas', () => {
    for (const family of ['pa', 'b2b'] as const) {
      const ours = SDI_MESSAGE_ROOTS.filter((root) => root.family === family).map((root) => root.root)
      expect(ours.toSorted()).toEqual([...SCHEMAS[family].roots.keys()].toSorted())
    }
  })

  it.each(SDI_MESSAGE_ROOTS.map((root) => [`${root.family} ${root.root}`, root] as const))('%s', (_, root) => {
    const xsd = SCHEMAS[root.family]
    compareComplex(xsd, xsd.roots.get(root.root)!, root.schema, '', root)
    const signature = xsd.complexTypes.get(xsd.roots.get(root.root)!)!.sequence.find((e) => e.type === 'ds:Signature')
    expect(root.signed).toBe((signature?.minOccurs ?? 0) > 0)
  })
})
