import { isUtf8 } from 'node:buffer'

/** An XML file decoded to text, with the way back from character positions to byte offsets. */
export interface DecodedXml {
  readonly text: string
  readonly encoding: 'UTF-8' | 'ISO-8859-1'
  /** The byte offset in the original file of the character at `index` of `text`. */
  byteOffset(index: number): number
}

/** Why a file could not be decoded; the caller turns it into its own coded error or verdict. */
export class XmlDecodeError extends Error {
  override readonly name = 'XmlDecodeError'
}

// The XML declaration's encoding, read from the first bytes as Latin-1 (ASCII-compatible for both encodings).
const DECLARED_ENCODING = /^(?:\uFEFF|\xEF\xBB\xBF)?<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/

/**
 * Decodes UTF-8 (with or without BOM, the default) and ISO-8859-1: the encodings FatturaPA files use in practice.
 * Other encodings (UTF-16, Windows-1252, ...) are refused rather than guessed. Byte offsets matter because a signed
 * file is built by splicing the signature into the original bytes, which keeps every other byte as it was.
 */
export function decodeXml(bytes: Buffer): DecodedXml {
  if (bytes.length >= 2 && ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe))) {
    throw new XmlDecodeError('UTF-16 XML is not supported')
  }
  const declared = DECLARED_ENCODING.exec(bytes.subarray(0, 200).toString('latin1'))?.[1]?.toUpperCase()
  if (declared === undefined || declared === 'UTF-8' || declared === 'UTF8' || declared === 'US-ASCII') {
    if (!isUtf8(bytes)) throw new XmlDecodeError('the file is not valid UTF-8')
    const text = bytes.toString('utf8')
    // Pure ASCII (the common case) maps characters to bytes one to one.
    const ascii = text.length === bytes.length
    return {
      text,
      encoding: 'UTF-8',
      byteOffset: ascii ? (index) => index : (index) => Buffer.byteLength(text.slice(0, index), 'utf8'),
    }
  }
  if (declared === 'ISO-8859-1' || declared === 'LATIN1' || declared === 'ISO_8859-1') {
    return { text: bytes.toString('latin1'), encoding: 'ISO-8859-1', byteOffset: (index) => index }
  }
  throw new XmlDecodeError(`unsupported encoding '${declared}'`)
}
