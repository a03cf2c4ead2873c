/** How a .p7m arrived: DER as the standard says, or base64 (with or without PEM armour) as some senders do. */
export type P7mEncoding = 'der' | 'base64' | 'pem'

const ARMOUR = /^-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----\s*$/
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

/**
 * Turns the bytes of a .p7m into DER/BER: as is when they start with a SEQUENCE tag, otherwise decoded from base64,
 * tolerating PEM armour (`-----BEGIN PKCS7-----`, `CMS`, ...), line breaks (LF or CRLF) and surrounding blanks.
 * Returns undefined when the bytes are neither.
 */
export function decodeP7m(input: Buffer): { readonly der: Buffer; readonly encoding: P7mEncoding } | undefined {
  if (input[0] === 0x30) return { der: input, encoding: 'der' }
  const text = input
    .toString('latin1')
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .trim()
  const armoured = ARMOUR.exec(text)
  const body = (armoured?.[2] ?? text).replace(/[\r\n\t ]/g, '')
  if (body.length === 0 || !BASE64.test(body) || body.length % 4 === 1) return undefined
  const der = Buffer.from(body, 'base64')
  if (der[0] !== 0x30) return undefined
  return { der, encoding: armoured === null ? 'base64' : 'pem' }
}
