import type { BerNode } from '../asn1/ber.ts'
import { encodingOf, expectUniversal, oidOf, stringOf, TAG } from '../asn1/values.ts'

// RFC 4514 §3 keywords: the only short names every verifier parses back (X509IssuerName in XAdES).
const RFC4514: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.6': 'C',
  '2.5.4.9': 'STREET',
  '0.9.2342.19200300.100.1.25': 'DC',
  '0.9.2342.19200300.100.1.1': 'UID',
}

// Extra names for display only (Italian qualified certificates carry all of these).
const DISPLAY: Readonly<Record<string, string>> = {
  ...RFC4514,
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.12': 'title',
  '2.5.4.42': 'GN',
  '2.5.4.46': 'dnQualifier',
  '2.5.4.97': 'organizationIdentifier',
  '1.2.840.113549.1.9.1': 'emailAddress',
}

function escapeValue(value: string): string {
  return value
    .replace(/[\\,+"<>;=]/g, (c) => `\\${c}`)
    .replace(/^[ #]/, (c) => `\\${c}`)
    .replace(/ $/, '\\ ')
    .replace(/\0/g, '\\00')
}

function attribute(bytes: Buffer, node: BerNode, keywords: Readonly<Record<string, string>>): string {
  const [type, value] = expectUniversal(node, TAG.SEQUENCE, 'name attribute').children
  const oid = oidOf(bytes, type)
  const keyword = keywords[oid]
  const text = value === undefined ? undefined : stringOf(bytes, value)
  if (keyword !== undefined && text !== undefined) return `${keyword}=${escapeValue(text)}`
  // RFC 4514 §2.4: an unknown type or string type is written as its dotted OID and the hex of the DER value.
  return `${oid}=#${value === undefined ? '' : encodingOf(bytes, value).toString('hex')}`
}

/** A distinguished name as an RFC 4514 string (most specific RDN first); `display` adds common extra names. */
export function nameToString(bytes: Buffer, name: BerNode, style: 'rfc4514' | 'display'): string {
  const keywords = style === 'rfc4514' ? RFC4514 : DISPLAY
  return expectUniversal(name, TAG.SEQUENCE, 'name')
    .children.map((rdn) =>
      expectUniversal(rdn, TAG.SET, 'relative name')
        .children.map((a) => attribute(bytes, a, keywords))
        .join('+'),
    )
    .reverse()
    .join(',')
}
