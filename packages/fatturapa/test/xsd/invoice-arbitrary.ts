import fc from 'fast-check'
import {
  FatturaElettronica,
  XmlAnnotation,
  XsdFormat,
  amount2Decimal,
  amount8Decimal,
  bic,
  cap,
  codiceDestinatario,
  codiceFiscale,
  codiceFiscalePF,
  dataFattura,
  date,
  dateTime,
  divisa,
  email,
  emailContatti,
  iban,
  nazione,
  peso,
  quantita,
  rate,
} from '../../src/index.ts'

/*
 * fast-check arbitraries of VALID FatturaPA models, derived from the TypeBox model itself: every object, optional
 * block, repeated element and choice of the schema, with values drawn from each simple type's valid space (around its
 * lengths and with the characters its block allows). A value type the model gains without a generator here fails
 * loudly, so the generator cannot silently drift from the model.
 */

interface SchemaLike {
  readonly type?: unknown
  readonly properties?: Readonly<Record<string, SchemaLike>>
  readonly required?: readonly string[]
  readonly anyOf?: readonly SchemaLike[]
  readonly items?: SchemaLike
  readonly maxItems?: number
  readonly enum?: readonly string[]
  readonly pattern?: string
  readonly format?: string
  readonly minLength?: number
  readonly maxLength?: number
  readonly minimum?: number
  readonly maximum?: number
  readonly [key: string]: unknown
}

const codePoints = (ranges: readonly (readonly [number, number])[]) =>
  fc.oneof(...ranges.map(([min, max]) => fc.integer({ min, max }))).map((code) => String.fromCodePoint(code))

const text = (unit: fc.Arbitrary<string>, minLength: number, maxLength: number) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.string({ unit, minLength, maxLength }) },
    { weight: 1, arbitrary: fc.string({ unit, minLength: maxLength, maxLength }) },
    { weight: 1, arbitrary: fc.string({ unit, minLength, maxLength: minLength }) },
  )

const PRINTABLE_ASCII: readonly [number, number] = [0x20, 0x7e]
// Mostly printable characters, with the blanks and the odd corners XML 1.0 allows (DEL, C1 controls).
const ASCII_UNIT = fc.oneof(
  { weight: 12, arbitrary: codePoints([PRINTABLE_ASCII]) },
  { weight: 1, arbitrary: fc.constantFrom('\t', '\n', '\r', '\u007f') },
)
const LATIN1_UNIT = fc.oneof(
  { weight: 8, arbitrary: ASCII_UNIT },
  { weight: 3, arbitrary: codePoints([[0xa0, 0xff]]) },
  { weight: 1, arbitrary: codePoints([[0x80, 0x9f]]) },
)
const ANY_UNIT = fc.oneof(
  { weight: 8, arbitrary: LATIN1_UNIT },
  { weight: 1, arbitrary: fc.constantFrom('€', 'Ā', '’', '中', '😀') },
)
// Blanks collapse in token types: no blank at all keeps the length what it looks like.
const TOKEN_UNIT = fc.constantFrom(...'ABCXYZabcxyz019.-/'.split(''))

const digits = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max })
const letters = (alphabet: string, min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...alphabet.split('')), minLength: min, maxLength: max })
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const UPPER_DIGITS = `${UPPER}0123456789`
const sign = fc.constantFrom('', '', '', '-')

const decimal = (intMax: number, fracMin: number, fracMax: number, signed: boolean) =>
  fc
    .tuple(signed ? sign : fc.constant(''), digits(1, intMax), digits(fracMin, fracMax))
    .map(([s, whole, fraction]) => `${s}${whole}.${fraction}`)

const TIMEZONE = fc.constantFrom('', '', '', 'Z', '+01:00', '-05:30', '+14:00')
const calendarDay = fc
  .date({ min: new Date('1970-01-02T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString())
const atom = letters('abcdefghijklmnopqrstuvwxyz0123456789', 1, 8)

function patternOf(schema: object): string | undefined {
  const { pattern } = schema as { pattern?: unknown }
  return typeof pattern === 'string' ? pattern : undefined
}

/** Valid values of each pattern-restricted type that is not a plain character block. */
const BY_PATTERN = new Map<string | undefined, fc.Arbitrary<string>>([
  [patternOf(amount2Decimal), decimal(11, 2, 2, true)],
  [patternOf(amount8Decimal), decimal(11, 2, 8, true)],
  [patternOf(quantita), decimal(12, 2, 8, false)],
  [patternOf(peso), decimal(4, 1, 2, false)],
  [
    patternOf(rate),
    fc.oneof(
      fc.tuple(digits(1, 2), digits(2, 2)).map(([whole, fraction]) => `${whole}.${fraction}`),
      fc.tuple(digits(2, 2), digits(2, 2)).map(([whole, fraction]) => `0${whole}.${fraction}`),
      fc.constantFrom('100.00', '22.00', '0.00', '4.00', '10.00'),
    ),
  ],
  [patternOf(date), fc.tuple(calendarDay, TIMEZONE).map(([d, tz]) => `${d.slice(0, 10)}${tz}`)],
  [patternOf(dataFattura), fc.tuple(calendarDay, TIMEZONE).map(([d, tz]) => `${d.slice(0, 10)}${tz}`)],
  [
    patternOf(dateTime),
    fc
      .tuple(calendarDay, fc.constantFrom('', '.5', '.000'), TIMEZONE)
      .map(([d, fraction, tz]) => `${d.slice(0, 19)}${fraction}${tz}`),
  ],
  [patternOf(codiceDestinatario), letters(UPPER_DIGITS, 6, 7)],
  [patternOf(codiceFiscale), letters(UPPER_DIGITS, 11, 16)],
  [patternOf(codiceFiscalePF), letters(UPPER_DIGITS, 16, 16)],
  [patternOf(nazione), letters(UPPER, 2, 2)],
  [patternOf(divisa), letters(UPPER, 3, 3)],
  [patternOf(cap), digits(5, 5)],
  [
    patternOf(iban),
    fc
      .tuple(letters('ITDEFRit', 2, 2), digits(2, 2), letters(UPPER_DIGITS, 11, 30))
      .map(([country, check, rest]) => `${country}${check}${rest}`),
  ],
  [
    patternOf(bic),
    fc
      .tuple(
        letters(UPPER, 6, 6),
        letters('ABCZ29', 1, 1),
        letters('ANPZ09', 1, 1),
        fc.option(letters(UPPER_DIGITS, 3, 3)),
      )
      .map(([bank, location1, location2, branch]) => `${bank}${location1}${location2}${branch ?? ''}`),
  ],
  [
    patternOf(email),
    fc
      .tuple(fc.array(atom, { minLength: 1, maxLength: 2 }), fc.array(atom, { minLength: 1, maxLength: 3 }))
      .map(([local, domain]) => `${local.join('.')}@${domain.join('.')}`),
  ],
  [
    patternOf(emailContatti),
    fc
      .tuple(letters('abcxyz', 2, 10), letters('abcxyz', 1, 10), letters('itcom', 2, 3))
      .map(([local, domain, tld]) => `${local}@${domain}.${tld}`),
  ],
])

const BLOCK = /^\^\[\\u0000-\\u00(7F|FF)\]\{(\d+),(\d+)\}\$$/

function stringArbitrary(schema: SchemaLike): fc.Arbitrary<string> {
  if (schema.format === XsdFormat.base64) {
    return fc.uint8Array({ maxLength: 40 }).map((bytes) => Buffer.from(bytes).toString('base64'))
  }
  const block = schema.pattern === undefined ? undefined : BLOCK.exec(schema.pattern)
  if (block !== null && block !== undefined) {
    const collapsed = schema[XmlAnnotation.whiteSpace] === 'collapse'
    const unit = collapsed ? TOKEN_UNIT : block[1] === '7F' ? ASCII_UNIT : LATIN1_UNIT
    return text(unit, Number(block[2]), Number(block[3]))
  }
  if (schema.pattern === undefined) return text(ANY_UNIT, schema.minLength ?? 0, schema.maxLength ?? 40)
  const values = BY_PATTERN.get(schema.pattern)
  if (values === undefined) throw new Error(`no generator for the pattern ${schema.pattern}`)
  return values
}

/** How many occurrences to generate of a repeated element (the big blocks get a few, the rest one or two). */
const REPEATS: Readonly<Record<string, number>> = { FatturaElettronicaBody: 2, DettaglioLinee: 4 }

const VALID_SIGNATURE =
  '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo>' +
  '<ds:CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/>' +
  '<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>' +
  '<ds:Reference URI=""><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>' +
  '<ds:DigestValue>AAAA</ds:DigestValue></ds:Reference></ds:SignedInfo>' +
  '<ds:SignatureValue>AAAA</ds:SignatureValue></ds:Signature>'

function arbitraryOf(schema: SchemaLike, name: string): fc.Arbitrary<unknown> {
  if (schema[XmlAnnotation.opaque] === true) return fc.constant({ xml: VALID_SIGNATURE })
  if (schema.anyOf !== undefined) return fc.oneof(...schema.anyOf.map((member) => arbitraryOf(member, name)))
  if (schema.type === 'object') {
    const shape: Record<string, fc.Arbitrary<unknown>> = {}
    for (const [key, property] of Object.entries(schema.properties ?? {})) shape[key] = arbitraryOf(property, key)
    return fc.record(shape, { requiredKeys: [...(schema.required ?? [])] })
  }
  if (schema.type === 'array' && schema.items !== undefined) {
    const maxLength = Math.min(schema.maxItems ?? Number.POSITIVE_INFINITY, REPEATS[name] ?? 2)
    return fc.array(arbitraryOf(schema.items, name), { minLength: 1, maxLength })
  }
  if (schema.enum !== undefined) return fc.constantFrom(...schema.enum)
  if (schema.type === 'integer') return fc.integer({ min: schema.minimum ?? 0, max: schema.maximum ?? 9999 })
  if (schema.type === 'string') return stringArbitrary(schema)
  throw new Error(`no generator for ${name}: ${JSON.stringify(schema)}`)
}

/** Valid FatturaPA 1.2.3 models: any combination of the optional blocks, 1-2 bodies, 1-4 lines, both choices. */
export const validInvoice: fc.Arbitrary<FatturaElettronica> = arbitraryOf(
  FatturaElettronica as unknown as SchemaLike,
  'FatturaElettronica',
) as fc.Arbitrary<FatturaElettronica>
