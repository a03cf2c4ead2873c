import type { TSchema } from 'typebox'
import { XmlAnnotation, type XmlWhiteSpace } from '../model/annotations.ts'

/*
 * The codec does not interpret TypeBox schemas while parsing: each complex type is compiled once into a content model
 * (ordered particles, lookup by name, choice groups), shared by the parser and the serializer.
 */

export interface SimpleContent {
  readonly kind: 'simple'
  readonly whiteSpace: XmlWhiteSpace | 'preserve'
  /** xs:integer types are numbers in the model; everything else stays a string. */
  readonly integer: boolean
  /** XSD element default: the value of the element when it is present and empty. */
  readonly defaultValue: string | undefined
}

export interface OpaqueContent {
  readonly kind: 'opaque'
}

export interface Particle {
  readonly name: string
  /** Position in the flattened sequence: the order the XSD requires. */
  readonly index: number
  readonly required: boolean
  /** maxOccurs > 1: an array in the model. */
  readonly repeated: boolean
  readonly maxOccurs: number
  /** "" for the unqualified children of FatturaPA; the ds namespace for Signature. */
  readonly namespace: string
  /** Index of the xs:choice this particle is in, or -1; `branch` is its alternative within that choice. */
  readonly group: number
  readonly branch: number
  readonly content: ComplexContent | SimpleContent | OpaqueContent
}

export interface AttributeDecl {
  readonly name: string
  readonly required: boolean
  readonly content: SimpleContent
}

export interface ComplexContent {
  readonly kind: 'complex'
  readonly particles: readonly Particle[]
  readonly byName: ReadonlyMap<string, Particle>
  readonly attributes: readonly AttributeDecl[]
  readonly attributesByName: ReadonlyMap<string, AttributeDecl>
  /** For each xs:choice, the particles of each alternative. */
  readonly groups: readonly (readonly (readonly Particle[])[])[]
  /** One 0 per particle: copied as the occurrence counts of each element of this type the parser opens. */
  readonly zeros: readonly number[]
}

interface SchemaLike {
  readonly type?: unknown
  readonly properties?: Readonly<Record<string, TSchema>>
  readonly required?: readonly string[]
  readonly anyOf?: readonly SchemaLike[]
  readonly items?: SchemaLike
  readonly maxItems?: number
  readonly default?: unknown
  readonly [key: string]: unknown
}

const cache = new WeakMap<object, ComplexContent>()

function simpleContent(schema: SchemaLike): SimpleContent {
  const whiteSpace = schema[XmlAnnotation.whiteSpace]
  return {
    kind: 'simple',
    whiteSpace: whiteSpace === 'collapse' || whiteSpace === 'remove' ? whiteSpace : 'preserve',
    integer: schema.type === 'integer',
    defaultValue: typeof schema.default === 'string' ? schema.default : undefined,
  }
}

function contentOf(schema: SchemaLike): ComplexContent | SimpleContent | OpaqueContent {
  if (schema[XmlAnnotation.opaque] === true) return { kind: 'opaque' }
  if (schema.type === 'object' || schema.anyOf?.every((member) => member.type === 'object') === true) {
    return compileContentModel(schema)
  }
  return simpleContent(schema)
}

interface Entry {
  readonly name: string
  readonly schema: SchemaLike
  readonly required: boolean
  readonly group: number
  readonly branch: number
}

function entriesOf(schema: SchemaLike, group: number, branch: number): Entry[] {
  const required = new Set(schema.required ?? [])
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    schema: property as SchemaLike,
    required: required.has(name),
    group,
    branch,
  }))
}

/**
 * A union of closed objects is a sequence holding one xs:choice: the members share leading and trailing properties
 * and differ in the middle (AnagraficaType: [Denominazione | Nome Cognome] Titolo? CodEORI?).
 */
function unionEntries(members: readonly SchemaLike[]): Entry[] {
  const lists = members.map((member, branch) => entriesOf(member, 0, branch))
  const keys = lists.map((list) => list.map((entry) => entry.name))
  const first = keys[0] ?? []
  const shared = (at: (list: readonly string[], i: number) => string | undefined) => {
    let n = 0
    while (n < first.length && keys.every((list) => at(list, n) === at(first, n))) n++
    return n
  }
  const prefix = shared((list, i) => list[i])
  const suffix = shared((list, i) => list[list.length - 1 - i])
  const head = (lists[0] ?? []).slice(0, prefix).map((entry) => ({ ...entry, group: -1, branch: -1 }))
  const tail = (lists[0] ?? []).slice(first.length - suffix).map((entry) => ({ ...entry, group: -1, branch: -1 }))
  const middles = lists.flatMap((list) => list.slice(prefix, list.length - suffix))
  return [...head, ...middles, ...tail]
}

/** Compiles (once per schema object) the content model of an XSD complex type described by a TypeBox schema. */
export function compileContentModel(type: TSchema): ComplexContent {
  const schema = type as SchemaLike
  const cached = cache.get(schema)
  if (cached !== undefined) return cached
  const entries = schema.anyOf === undefined ? entriesOf(schema, -1, -1) : unionEntries(schema.anyOf)
  const particles: Particle[] = []
  const attributes: AttributeDecl[] = []
  for (const entry of entries) {
    const isArray = entry.schema.type === 'array' && entry.schema.items !== undefined
    const itemSchema = isArray && entry.schema.items !== undefined ? entry.schema.items : entry.schema
    if (entry.schema[XmlAnnotation.attribute] === true) {
      attributes.push({ name: entry.name, required: entry.required, content: simpleContent(entry.schema) })
      continue
    }
    const namespace = itemSchema[XmlAnnotation.namespace]
    particles.push({
      name: entry.name,
      index: particles.length,
      required: entry.required,
      repeated: isArray,
      maxOccurs: isArray ? (entry.schema.maxItems ?? Number.POSITIVE_INFINITY) : 1,
      namespace: typeof namespace === 'string' ? namespace : '',
      group: entry.group,
      branch: entry.branch,
      content: contentOf(itemSchema),
    })
  }
  const byName = new Map(particles.map((particle) => [particle.name, particle]))
  if (byName.size !== particles.length) throw new TypeError('Element names must be unique within a complex type')
  const branches = particles.filter((particle) => particle.group === 0)
  const alternatives = [...new Set(branches.map((particle) => particle.branch))]
  const groups = alternatives.length === 0 ? [] : [alternatives.map((b) => branches.filter((p) => p.branch === b))]
  const model: ComplexContent = {
    kind: 'complex',
    particles,
    byName,
    attributes,
    attributesByName: new Map(attributes.map((attribute) => [attribute.name, attribute])),
    groups,
    zeros: particles.map(() => 0),
  }
  cache.set(schema, model)
  return model
}
