import forge from 'node-forge'

// node-forge builds the CMS structures; its byte strings ("binary" strings, one char per byte) are converted to
// Buffers only at the edges. Short aliases keep the structure definitions readable.
const { asn1 } = forge
export type Asn1 = forge.asn1.Asn1

export const seq = (items: Asn1[]): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items)
export const set = (items: Asn1[]): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, items)
export const oid = (dotted: string): Asn1 =>
  asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(dotted).getBytes())
export const nul = (): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '')
export const int = (value: number): Asn1 =>
  asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(value).getBytes())
export const octets = (bytes: Buffer): Asn1 =>
  asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, bytes.toString('binary'))
export const explicit = (tag: number, item: Asn1): Asn1 => asn1.create(asn1.Class.CONTEXT_SPECIFIC, tag, true, [item])
export const algorithm = (dotted: string, withNull: boolean): Asn1 =>
  seq(withNull ? [oid(dotted), nul()] : [oid(dotted)])

/** An existing DER element (a certificate, a Name) as a forge node. */
export const fromDer = (der: Buffer): Asn1 => asn1.fromDer(der.toString('binary'))

export const toDer = (node: Asn1): Buffer => Buffer.from(asn1.toDer(node).getBytes(), 'binary')

/** UTCTime until 2049, GeneralizedTime from 2050 (RFC 5652 §11.3), whole seconds. */
export function time(date: Date): Asn1 {
  const seconds = new Date(Math.floor(date.getTime() / 1000) * 1000)
  return seconds.getUTCFullYear() < 2050
    ? asn1.create(asn1.Class.UNIVERSAL, asn1.Type.UTCTIME, false, asn1.dateToUtcTime(seconds))
    : asn1.create(asn1.Class.UNIVERSAL, asn1.Type.GENERALIZEDTIME, false, asn1.dateToGeneralizedTime(seconds))
}

/** A DER tag and length header, for framing content too large to copy through forge's byte strings. */
export function header(tag: number, length: number): Buffer {
  if (length < 0x80) return Buffer.from([tag, length])
  const bytes: number[] = []
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256)
  return Buffer.from([tag, 0x80 | bytes.length, ...bytes])
}

/** DER SET OF: elements sorted by their encodings (X.690 §11.6), shorter-is-prefix first. */
export function derSetOf(elements: readonly Buffer[]): Buffer {
  const sorted = [...elements].sort((a, b) => Buffer.compare(a, b))
  const body = Buffer.concat(sorted)
  return Buffer.concat([header(0x31, body.length), body])
}

/** A DER element still to be laid out: a tag around parts whose lengths are known. */
export interface Tlv {
  readonly tag: number
  readonly parts: readonly (Buffer | Tlv)[]
  readonly length: number
}

export function tlv(tag: number, parts: readonly (Buffer | Tlv)[]): Tlv {
  const length = parts.reduce(
    (sum, part) => sum + (Buffer.isBuffer(part) ? part.length : header(part.tag, part.length).length + part.length),
    0,
  )
  return { tag, parts, length }
}

/** The buffers of a Tlv in order, headers included, ready for one Buffer.concat. */
export function flatten(node: Tlv): Buffer[] {
  return [
    header(node.tag, node.length),
    ...node.parts.flatMap((part) => (Buffer.isBuffer(part) ? [part] : flatten(part))),
  ]
}
