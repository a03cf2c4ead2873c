import { BerError, type BerNode } from './ber.ts'

export const UNIVERSAL = 0
export const CONTEXT = 2

export const TAG = {
  BOOLEAN: 1,
  INTEGER: 2,
  BIT_STRING: 3,
  OCTET_STRING: 4,
  NULL: 5,
  OID: 6,
  UTF8_STRING: 12,
  SEQUENCE: 16,
  SET: 17,
  PRINTABLE_STRING: 19,
  T61_STRING: 20,
  IA5_STRING: 22,
  UTC_TIME: 23,
  GENERALIZED_TIME: 24,
  UNIVERSAL_STRING: 28,
  BMP_STRING: 30,
} as const

/** The node itself, checked to be a universal element with this tag; throws BerError otherwise. */
export function expectUniversal(node: BerNode | undefined, tag: number, what: string): BerNode {
  if (node?.tagClass !== UNIVERSAL || node.tagNumber !== tag) throw new BerError(`${what}: unexpected element`)
  return node
}

/** A context-specific [n] child, or undefined when absent. */
export function contextChild(node: BerNode, tagNumber: number): BerNode | undefined {
  return node.children.find((child) => child.tagClass === CONTEXT && child.tagNumber === tagNumber)
}

/** Content bytes of a primitive element, or the concatenated segments of a BER constructed string. */
export function contentOf(bytes: Buffer, node: BerNode): Buffer {
  if (!node.constructed) return bytes.subarray(node.contentStart, node.contentEnd)
  return Buffer.concat(node.children.map((child) => contentOf(bytes, child)))
}

/** The element exactly as encoded in the input. */
export function encodingOf(bytes: Buffer, node: BerNode): Buffer {
  return bytes.subarray(node.start, node.end)
}

export function oidOf(bytes: Buffer, node: BerNode | undefined): string {
  const content = contentOf(bytes, expectUniversal(node, TAG.OID, 'object identifier'))
  const arcs: number[] = []
  let value = 0
  for (const byte of content) {
    value = value * 128 + (byte & 0x7f)
    if ((byte & 0x80) === 0) {
      if (arcs.length === 0) arcs.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80)
      else arcs.push(value)
      value = 0
    }
  }
  return arcs.join('.')
}

/** An INTEGER's content as unsigned hex without leading zero bytes (serial numbers are positive). */
export function integerHexOf(bytes: Buffer, node: BerNode | undefined): string {
  const content = contentOf(bytes, expectUniversal(node, TAG.INTEGER, 'integer'))
  const hex = content.toString('hex').replace(/^(00)+(?=.)/, '')
  return hex === '' ? '00' : hex
}

const UTC_TIME = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/
const GENERALIZED_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:[.,](\d+))?Z$/

/** UTCTime or GeneralizedTime (both occur in signingTime in the wild), UTC only as DER requires. */
export function timeOf(bytes: Buffer, node: BerNode | undefined): Date {
  if (node?.tagClass !== UNIVERSAL) throw new BerError('time: unexpected element')
  const text = contentOf(bytes, node).toString('latin1')
  const utc = node.tagNumber === TAG.UTC_TIME ? UTC_TIME.exec(text) : null
  const generalized = node.tagNumber === TAG.GENERALIZED_TIME ? GENERALIZED_TIME.exec(text) : null
  const parts = utc ?? generalized
  if (parts === null) throw new BerError('time: not a UTCTime or GeneralizedTime in UTC')
  const [, y, mo, d, h, mi, s, fraction] = parts
  // RFC 5280 §4.1.2.5.1: UTCTime years 50-99 are 19xx, 00-49 are 20xx.
  const year = utc !== null ? (Number(y) >= 50 ? 1900 : 2000) + Number(y) : Number(y)
  const ms = fraction === undefined ? 0 : Math.round(Number(`0.${fraction}`) * 1000)
  return new Date(Date.UTC(year, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0), ms))
}

/** Directory string types as they occur in distinguished names. */
export function stringOf(bytes: Buffer, node: BerNode): string | undefined {
  if (node.tagClass !== UNIVERSAL) return undefined
  const content = contentOf(bytes, node)
  switch (node.tagNumber) {
    case TAG.UTF8_STRING:
      return content.toString('utf8')
    case TAG.PRINTABLE_STRING:
    case TAG.IA5_STRING:
    case TAG.T61_STRING:
      return content.toString('latin1')
    case TAG.BMP_STRING:
      return content.length % 2 === 0 ? Buffer.from(content).swap16().toString('utf16le') : undefined
    case TAG.UNIVERSAL_STRING:
      if (content.length % 4 !== 0) return undefined
      return String.fromCodePoint(...Array.from({ length: content.length / 4 }, (_, i) => content.readUInt32BE(i * 4)))
    default:
      return undefined
  }
}
