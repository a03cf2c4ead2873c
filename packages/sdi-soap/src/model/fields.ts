import { defineError } from '@varco/errors'

/**
 * A field breaks the SOAP types. Internal: the server turns it into a Client fault, the client into
 * SDI_SOAP_ERR_REQUEST (what it was asked to send) or SDI_SOAP_ERR_RESPONSE (what it received).
 */
const FieldInvalid = defineError<[string]>('SDI_SOAP_ERR_FIELD', '%s', { statusCode: 400 })

/** The parsed form of an element: soap's xmlToObject yields strings for text, objects for elements. */
export type Parsed = Readonly<Record<string, unknown>>

/** Marker text → attachment bytes, from decodeMtom; empty for inline messages. */
export type Attachments = ReadonlyMap<string, Buffer>

const NOME_FILE = /^[a-zA-Z0-9_.]{9,50}$/
// xsd:integer lexical form with totalDigits 12: an optional sign (only "+" makes sense for an id) and leading zeros.
const IDENTIFICATIVO = /^\+?0*(\d{1,12})$/
// Strict base64 (whitespace allowed, as xsd:base64Binary does): Buffer.from would silently skip foreign characters.
const BASE64 = /^[A-Za-z0-9+/\s]*(?:=\s*){0,2}$/

export function asRecord(value: unknown, field: string): Parsed {
  if (typeof value === 'object' && value !== null && !Buffer.isBuffer(value)) return value as Parsed
  throw new FieldInvalid(value === undefined ? `${field} is missing` : `${field} must be an element`)
}

/** The text of a simple element; soap parses an empty element as an empty object. */
function text(value: unknown, field: string): string {
  if (typeof value === 'string') return value
  if (typeof value === 'object' && value !== null && Object.keys(value).length === 0) return ''
  throw new FieldInvalid(value === undefined ? `${field} is missing` : `${field} must be text`)
}

export function nomeFile(value: unknown, field = 'NomeFile'): string {
  const name = text(value, field)
  if (!NOME_FILE.test(name))
    throw new FieldInvalid(`${field} ${JSON.stringify(name)} does not match [a-zA-Z0-9_.]{9,50}`)
  return name
}

/** Canonical decimal string (no sign, no leading zeros) of an IdentificativoSdI. */
export function identificativoSdI(value: unknown, field = 'IdentificativoSdI'): string {
  const raw = text(value, field)
  const digits = IDENTIFICATIVO.exec(raw)?.[1]
  if (digits === undefined)
    throw new FieldInvalid(`${field} ${JSON.stringify(raw)} is not an integer of up to 12 digits`)
  return digits
}

/** The bytes of a base64Binary field: an MTOM attachment (its marker) or inline base64 text. */
export function binary(value: unknown, attachments: Attachments, field: string): Buffer {
  if (typeof value === 'object' && value !== null && Object.keys(value).length > 0) {
    throw new FieldInvalid(`${field} holds elements, not base64 (an xop:Include outside an MTOM package?)`)
  }
  const content = text(value, field)
  const attached = attachments.get(content)
  if (attached !== undefined) return attached
  if (!BASE64.test(content)) throw new FieldInvalid(`${field} is not valid base64`)
  return Buffer.from(content, 'base64')
}

/** A value from a closed code list (ERRORI_INVIO, ESITI_NOTIFICA, ESITI_RICEZIONE). */
export function code<T extends string>(value: unknown, field: string, is: (v: unknown) => v is T): T {
  const raw = text(value, field)
  if (!is(raw)) throw new FieldInvalid(`${field} ${JSON.stringify(raw)} is not a known code`)
  return raw
}

/** An xsd:dateTime kept as its lexical form (checked for shape, not converted). */
export function dateTime(value: unknown, field: string): string {
  const raw = text(value, field)
  if (!/^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?$/.test(raw)) {
    throw new FieldInvalid(`${field} ${JSON.stringify(raw)} is not an xsd:dateTime`)
  }
  return raw
}
