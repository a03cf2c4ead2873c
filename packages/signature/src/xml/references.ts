import { FORBIDDEN_CHAR } from './names.ts'

const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' }
const REFERENCE = /&(?:#x([0-9A-Fa-f]+)|#([0-9]+)|([A-Za-z_:][\w.:-]*));/y

/** Why a text or attribute value is not well-formed; the scanner adds the position. */
export class XmlReferenceError extends Error {}

function decodeReference(raw: string, at: number): [string, number] {
  REFERENCE.lastIndex = at
  const match = REFERENCE.exec(raw)
  if (match === null) throw new XmlReferenceError("'&' that does not start a reference")
  const [whole, hex, dec, name] = match
  if (name !== undefined) {
    // Without a DTD only the five predefined entities exist: an undeclared one is a well-formedness error.
    const value = PREDEFINED[name]
    if (value === undefined) throw new XmlReferenceError(`undeclared entity '&${name};'`)
    return [value, at + whole.length]
  }
  const code = hex !== undefined ? parseInt(hex, 16) : parseInt(dec ?? '', 10)
  const char = code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\uFFFF'
  if (FORBIDDEN_CHAR.test(char)) throw new XmlReferenceError(`character reference to a forbidden character`)
  return [char, at + whole.length]
}

function expand(raw: string): string {
  let out = ''
  let from = 0
  for (let amp = raw.indexOf('&'); amp !== -1; amp = raw.indexOf('&', from)) {
    const [value, next] = decodeReference(raw, amp)
    out += raw.slice(from, amp) + value
    from = next
  }
  return out + raw.slice(from)
}

/** Character data: line ends normalised to LF (XML 1.0 §2.11), then references expanded. */
export function decodeText(raw: string): string {
  const normalised = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw
  return normalised.includes('&') ? expand(normalised) : normalised
}

/**
 * Attribute values, normalised as for CDATA attributes (no DTD, so every attribute is CDATA, XML 1.0 §3.3.3):
 * literal line ends and tabs become spaces; characters from references are kept, so `&#10;` stays a line feed.
 */
export function decodeAttribute(raw: string): string {
  const normalised = /[\t\n\r]/.test(raw) ? raw.replace(/\r\n|[\t\n\r]/g, ' ') : raw
  return normalised.includes('&') ? expand(normalised) : normalised
}
