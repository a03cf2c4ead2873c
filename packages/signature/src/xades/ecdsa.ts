import { readBer } from '../asn1/ber.ts'
import { contentOf, expectUniversal, TAG } from '../asn1/values.ts'

/** DER ECDSA-Sig-Value (what CMS and PKCS#11 wrappers give) to r||s, each left-padded to the field size (XML-DSig). */
export function derToP1363(der: Buffer, fieldBytes: number): Buffer {
  const [r, s] = expectUniversal(readBer(der), TAG.SEQUENCE, 'ECDSA signature').children
  const fixed = (integer: typeof r): Buffer => {
    const bytes = contentOf(der, expectUniversal(integer, TAG.INTEGER, 'ECDSA signature'))
    const first = bytes.findIndex((byte) => byte !== 0)
    const trimmed = first === -1 ? Buffer.alloc(0) : bytes.subarray(first)
    if (trimmed.length > fieldBytes) throw new Error('ECDSA signature integer larger than the curve')
    const out = Buffer.alloc(fieldBytes)
    trimmed.copy(out, fieldBytes - trimmed.length)
    return out
  }
  return Buffer.concat([fixed(r), fixed(s)])
}

/** r||s to DER ECDSA-Sig-Value (PKCS#11 CKM_ECDSA returns r||s; CMS wants DER). */
export function p1363ToDer(raw: Buffer): Buffer {
  const half = raw.length / 2
  const integer = (bytes: Buffer): Buffer => {
    let start = 0
    while (start < bytes.length - 1 && bytes[start] === 0) start++
    const body =
      (bytes[start] ?? 0) >= 0x80 ? Buffer.concat([Buffer.from([0]), bytes.subarray(start)]) : bytes.subarray(start)
    return Buffer.concat([Buffer.from([0x02, body.length]), body])
  }
  const body = Buffer.concat([integer(raw.subarray(0, half)), integer(raw.subarray(half))])
  return Buffer.concat([Buffer.from(body.length < 0x80 ? [0x30, body.length] : [0x30, 0x81, body.length]), body])
}
