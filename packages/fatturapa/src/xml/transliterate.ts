import { FatturaElettronica } from '../model/fattura.ts'
import { blockOfPattern, type CharacterBlock } from './characters.ts'
import { TRANSLITERATIONS, baseLetter } from './transliteration-table.ts'

/** One value transliterate() altered. */
export interface TransliterationChange {
  /** Path of the value, as in issues: `FatturaElettronicaBody[0].DatiBeniServizi.DettaglioLinee[2].Descrizione`. */
  readonly path: string
  readonly before: string
  readonly after: string
}

export interface TransliterationResult<T> {
  /** The input with the replacements made (unchanged parts are shared with the input, which is never modified). */
  readonly value: T
  /** What was replaced, in document order; empty when nothing was. */
  readonly changes: readonly TransliterationChange[]
}

interface SchemaLike {
  readonly pattern?: unknown
  readonly properties?: Readonly<Record<string, SchemaLike>>
  readonly anyOf?: readonly SchemaLike[]
  readonly items?: SchemaLike
}

const NOT_LATIN1 = /[\u0100-\u{10FFFF}]/u
const NOT_ASCII = /[\u0080-\u{10FFFF}]/u

/** The replacements in `text` for the characters above `block`; the same string when nothing applies. */
function transliterateText(text: string, block: CharacterBlock): string {
  if (!(block === 0xff ? NOT_LATIN1 : NOT_ASCII).test(text)) return text
  let result = ''
  for (const char of text) {
    if ((char.codePointAt(0) ?? 0) <= block) result += char
    else result += TRANSLITERATIONS.get(char) ?? baseLetter(char) ?? char
  }
  return result
}

const propertiesCache = new WeakMap<SchemaLike, ReadonlyMap<string, SchemaLike>>()

/** The properties of an object schema; for a union (the Denominazione | Nome + Cognome choice), of all members. */
function propertiesOf(schema: SchemaLike): ReadonlyMap<string, SchemaLike> {
  let properties = propertiesCache.get(schema)
  if (properties === undefined) {
    const members = schema.anyOf ?? [schema]
    properties = new Map(members.flatMap((member) => Object.entries(member.properties ?? {})))
    propertiesCache.set(schema, properties)
  }
  return properties
}

function walk(schema: SchemaLike, value: unknown, path: string, changes: TransliterationChange[]): unknown {
  if (typeof value === 'string') {
    const block = typeof schema.pattern === 'string' ? blockOfPattern(schema.pattern) : undefined
    if (block === undefined) return value
    const after = transliterateText(value, block)
    if (after !== value) changes.push({ path, before: value, after })
    return after
  }
  if (typeof value !== 'object' || value === null) return value
  if (Array.isArray(value)) {
    const items = schema.items
    if (items === undefined) return value
    let copy: unknown[] | undefined
    value.forEach((item: unknown, index) => {
      const after = walk(items, item, `${path}[${index}]`, changes)
      if (after !== item) (copy ??= [...(value as unknown[])])[index] = after
    })
    return copy ?? value
  }
  const properties = propertiesOf(schema)
  let copy: Record<string, unknown> | undefined
  for (const [key, item] of Object.entries(value)) {
    const property = properties.get(key)
    if (property === undefined) continue
    const after = walk(property, item, path === '' ? key : `${path}.${key}`, changes)
    if (after !== item) (copy ??= { ...value })[key] = after
  }
  return copy ?? value
}

/**
 * Opt-in repair of text for the JSON input of the API: in every string whose type is restricted to Latin-1 (or to
 * ASCII), replaces common characters those types refuse with equivalents they accept (’ → ', “ ” → ", – — → -,
 * … → ..., € → EUR, odd spaces → space, • → -, ™ → TM, œ → oe, š ž č ... → s z c). Anything else is left in place,
 * to be reported by validation. Pure: the input is not modified; `changes` lists each altered value by path, so the
 * caller can tell the sender. Works on a model or on any JSON value shaped like one (unknown properties are skipped).
 */
export function transliterate<T>(value: T): TransliterationResult<T> {
  const changes: TransliterationChange[] = []
  const result = walk(FatturaElettronica as SchemaLike, value, '', changes) as T
  return { value: result, changes }
}
