import Type from 'typebox'
import { XmlAnnotation } from './annotations.ts'
import { XSD_DATE_FROM_1970_PATTERN, XSD_DATE_PATTERN, XSD_DATE_TIME_PATTERN, XsdFormat } from './xsd-formats.ts'

/*
 * The reusable simple types of FatturaPA 1.2.3 (XSD name in each comment). Translation rules:
 * - XSD patterns are implicitly anchored: each one here is wrapped in ^...$ (TypeBox compiles them with the u flag).
 * - \p{IsBasicLatin} is the block U+0000-U+007F and \p{IsLatin-1Supplement} U+0080-U+00FF, hence explicit ranges.
 * - XSD lengths count characters (code points); so does TypeBox's minLength/maxLength.
 * - Decimals stay strings (the lexical form is the contract: "22.00" must come back as "22.00"); integers are numbers.
 * - The XSD whiteSpace facet is applied by the parser (annotation `xmlWhiteSpace`): decimal, integer and token types
 *   collapse blanks before the pattern applies, so " 22.00 " is a valid RateType (dates: see below). normalizedString
 *   types are kept as written: replacing tab/CR/LF with spaces never changes their validity (same length, same block).
 * - Where a pattern already bounds the length, minLength/maxLength are repeated so the length check runs first.
 */

const collapse = { [XmlAnnotation.whiteSpace]: 'collapse' } as const

const basicLatin = (min: number, max: number) =>
  Type.String({ minLength: min, maxLength: max, pattern: `^[\\u0000-\\u007F]{${min},${max}}$` })
const latin = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: `^[\\u0000-\\u00FF]{1,${max}}$` })

/** String10Type .. String100Type: 1..n characters of the Basic Latin block (U+0000-U+007F). */
export const string10 = basicLatin(1, 10)
export const string15 = basicLatin(1, 15)
export const string20 = basicLatin(1, 20)
export const string35 = basicLatin(1, 35)
export const string60 = basicLatin(1, 60)
export const string80 = basicLatin(1, 80)
export const string100 = basicLatin(1, 100)

/** String60LatinType .. String1000LatinType: 1..n characters of Basic Latin + Latin-1 Supplement (U+0000-U+00FF). */
export const string60Latin = latin(60)
export const string80Latin = latin(80)
export const string100Latin = latin(100)
export const string200Latin = latin(200)
export const string1000Latin = latin(1000)

/** String35LatinExtType: despite the name, any 1..35 characters. */
export const string35LatinExt = Type.String({ minLength: 1, maxLength: 35 })

/** NumeroCivicoType: 1..8 Basic Latin characters. */
export const numeroCivico = basicLatin(1, 8)
/** TelFaxType: 5..12 Basic Latin characters. */
export const telFax = basicLatin(5, 12)
/** TitoloType: 2..10 Basic Latin characters after whitespace collapse. */
export const titolo = Type.String({ ...collapse, minLength: 2, maxLength: 10, pattern: '^[\\u0000-\\u007F]{2,10}$' })

/** CodiceType (IdCodice): 1..28 characters. */
export const codice = Type.String({ minLength: 1, maxLength: 28 })
/** CodiceDestinatarioType: 6 (PA office) or 7 (SdI channel) upper-case letters or digits. */
export const codiceDestinatario = Type.String({ minLength: 6, maxLength: 7, pattern: '^[A-Z0-9]{6,7}$' })
/** CodiceFiscaleType: 11..16 upper-case letters or digits. */
export const codiceFiscale = Type.String({ minLength: 11, maxLength: 16, pattern: '^[A-Z0-9]{11,16}$' })
/** CodiceFiscalePFType: a natural person's 16-character fiscal code. */
export const codiceFiscalePF = Type.String({ minLength: 16, maxLength: 16, pattern: '^[A-Z0-9]{16}$' })
/** CodEORIType: 13..17 characters. */
export const codEORI = Type.String({ minLength: 13, maxLength: 17 })
/** NazioneType (ISO 3166-1 alpha-2 shape) and ProvinciaType: two upper-case letters. */
export const nazione = Type.String({ minLength: 2, maxLength: 2, pattern: '^[A-Z]{2}$' })
export const provincia = Type.String({ minLength: 2, maxLength: 2, pattern: '^[A-Z]{2}$' })
/** DivisaType (ISO 4217 shape) and TipoResaType (Incoterms shape): three upper-case letters. */
export const divisa = Type.String({ minLength: 3, maxLength: 3, pattern: '^[A-Z]{3}$' })
export const tipoResa = Type.String({ minLength: 3, maxLength: 3, pattern: '^[A-Z]{3}$' })
/** CAPType, ABIType, CABType: five digits. */
export const cap = Type.String({ minLength: 5, maxLength: 5, pattern: '^[0-9]{5}$' })
export const abi = Type.String({ minLength: 5, maxLength: 5, pattern: '^[0-9]{5}$' })
export const cab = Type.String({ minLength: 5, maxLength: 5, pattern: '^[0-9]{5}$' })
/** IBANType: shape only (no check digits), 15..34 characters. */
export const iban = Type.String({ minLength: 15, maxLength: 34, pattern: '^[a-zA-Z]{2}[0-9]{2}[a-zA-Z0-9]{11,30}$' })
/** BICType: 8 or 11 characters. */
export const bic = Type.String({
  minLength: 8,
  maxLength: 11,
  pattern: '^[A-Z]{6}[A-Z2-9][A-NP-Z0-9](?:[A-Z0-9]{3})?$',
})

/**
 * EmailType (xs:token, so blanks collapse first): the schema's RFC 5322-like pattern. Its quoted-local-part branch is
 * translated literally, as libxml2 reads it: `\[\]!#-` there are five literal characters, not a character class.
 */
export const email = Type.String({
  ...collapse,
  maxLength: 256,
  pattern:
    "^(?:[!#-'*+/-9=?A-Z^-~\\-]+(?:\\.[!#-'*+/-9=?A-Z^-~\\-]+)*" +
    '|"(?:\\[\\]!#-[^\\-~ \\t]|\\\\[\\t -~])+")' +
    "@(?:[!#-'*+/-9=?A-Z^-~\\-]+(?:\\.[!#-'*+/-9=?A-Z^-~\\-]+)*|\\[[\\t -Z^-~]*\\])$",
})

/**
 * EmailContattiType: 7..256 characters matching `.+@.+[.]+.+` (XSD `.` is any character but CR and LF). Rewritten
 * without nested quantifiers so it runs in linear time: take the first "@" after the first character, then require a
 * "." that is neither the first nor the last character after it; this accepts exactly the same strings.
 */
export const emailContatti = Type.String({
  minLength: 7,
  maxLength: 256,
  pattern: '^[^\\n\\r][^\\n\\r@]*@[^\\n\\r][^\\n\\r.]*\\.[^\\n\\r]+$',
})

/** Amount2DecimalType: optional minus, 1..11 integer digits, exactly 2 decimals. */
export const amount2Decimal = Type.String({ ...collapse, maxLength: 15, pattern: '^-?[0-9]{1,11}\\.[0-9]{2}$' })
/** Amount8DecimalType: optional minus, 1..11 integer digits, 2..8 decimals. */
export const amount8Decimal = Type.String({ ...collapse, maxLength: 21, pattern: '^-?[0-9]{1,11}\\.[0-9]{2,8}$' })
/** RateType: `[0-9]{1,3}\.[0-9]{2}` and at most 100.00 (so 099.99 is valid, 100.01 is not). */
export const rate = Type.String({
  ...collapse,
  maxLength: 6,
  pattern: '^(?:(?:[0-9]{1,2}|0[0-9]{2})\\.[0-9]{2}|100\\.00)$',
})
/** QuantitaType: 1..12 integer digits, 2..8 decimals, not negative. */
export const quantita = Type.String({ ...collapse, maxLength: 21, pattern: '^[0-9]{1,12}\\.[0-9]{2,8}$' })
/** PesoType: 1..4 integer digits, 1..2 decimals. */
export const peso = Type.String({ ...collapse, maxLength: 7, pattern: '^[0-9]{1,4}\\.[0-9]{1,2}$' })

/** NumeroLineaType, NumeroColliType, RiferimentoNumeroLineaType: integers 1..9999. */
export const numeroLinea = Type.Integer({ ...collapse, minimum: 1, maximum: 9999 })
export const numeroColli = Type.Integer({ ...collapse, minimum: 1, maximum: 9999 })
export const riferimentoNumeroLinea = Type.Integer({ ...collapse, minimum: 1, maximum: 9999 })
/** RiferimentoFaseType: integer 1..999. */
export const riferimentoFase = Type.Integer({ ...collapse, minimum: 1, maximum: 999 })
/** GiorniTerminePagamentoType: integer 0..999. */
export const giorniTerminePagamento = Type.Integer({ ...collapse, minimum: 0, maximum: 999 })

/*
 * Dates are not collapsed: XSD says they should be, but libxml2 (the official-XSD validation this product offers, and
 * xmllint) rejects " 2025-01-01 ". Following libxml2 keeps both validations in agreement; real files have no blanks
 * there.
 */

/** xs:date, optionally with a timezone as XSD allows; the format also rejects days that do not exist. */
export const date = Type.String({ pattern: XSD_DATE_PATTERN, format: XsdFormat.date })
/** xs:dateTime. */
export const dateTime = Type.String({ pattern: XSD_DATE_TIME_PATTERN, format: XsdFormat.dateTime })
/** DataFatturaType: an xs:date not before 1970-01-01 (no negative or pre-1970 years). */
export const dataFattura = Type.String({
  pattern: XSD_DATE_FROM_1970_PATTERN,
  format: XsdFormat.date,
})

/** xs:base64Binary (Attachment): stored without blanks; can be megabytes, so it is checked by a loop, not a regex. */
export const base64Binary = Type.String({ [XmlAnnotation.whiteSpace]: 'remove', format: XsdFormat.base64 })
