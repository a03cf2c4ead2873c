import type { LocalizedText } from '../sdi/sdi-error.ts'
import { FatturaIssueCode, type FatturaIssue } from './issues.ts'
import { decodeMessage } from './messages.ts'

/** Default size limit of an input file: SdI accepts files up to 5 MB. */
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024

export type DecodeResult =
  | { readonly ok: true; readonly text: string; readonly encoding: string }
  | { readonly ok: false; readonly issue: FatturaIssue }

export type ChunkedDecodeResult =
  | { readonly ok: true; readonly chunks: readonly string[]; readonly encoding: string }
  | { readonly ok: false; readonly issue: FatturaIssue }

const UTF8 = new TextDecoder('utf-8', { fatal: true })
const UTF16LE = new TextDecoder('utf-16le', { fatal: true })
const UTF16BE = new TextDecoder('utf-16be', { fatal: true })
const WINDOWS_1252 = new TextDecoder('windows-1252')
const ISO_8859_15 = new TextDecoder('iso-8859-15')

// The encoding declaration, read from the ASCII-compatible start of the file.
const XML_DECL_ENCODING = /^<\?xml[ \t\r\n][^>]*?encoding[ \t\r\n]*=[ \t\r\n]*["']([A-Za-z][A-Za-z0-9._-]*)["']/

const ENCODING_ALIASES: Readonly<Record<string, string>> = {
  'utf-8': 'UTF-8',
  utf8: 'UTF-8',
  'iso-8859-1': 'ISO-8859-1',
  iso_8859_1: 'ISO-8859-1',
  'iso_8859-1': 'ISO-8859-1',
  iso8859_1: 'ISO-8859-1',
  'iso8859-1': 'ISO-8859-1',
  latin1: 'ISO-8859-1',
  'latin-1': 'ISO-8859-1',
  l1: 'ISO-8859-1',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  'iso-8859-15': 'ISO-8859-15',
  latin9: 'ISO-8859-15',
  'latin-9': 'ISO-8859-15',
  'us-ascii': 'US-ASCII',
  ascii: 'US-ASCII',
  'utf-16': 'UTF-16',
}

function fail(code: FatturaIssueCode, message: LocalizedText): { readonly ok: false; readonly issue: FatturaIssue } {
  return { ok: false, issue: { code, path: '', message } }
}

function tooLarge(size: number, maxBytes: number): { readonly ok: false; readonly issue: FatturaIssue } {
  return fail(FatturaIssueCode.inputTooLarge, decodeMessage.tooLarge(size, maxBytes))
}

/** Index of the first byte that breaks UTF-8, for the error message (only run once decoding has failed). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i] ?? 0
    const length =
      b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0
    if (length === 0) return i
    if (length > 1 && !isValidUtf8(bytes.subarray(i, i + length))) return i
    i += length
  }
  return i
}

function isValidUtf8(sequence: Uint8Array): boolean {
  try {
    UTF8.decode(sequence)
    return true
  } catch {
    return false
  }
}

/*
 * Large inputs are decoded in pieces of CHUNK_BYTES and fed to the parser piece by piece: on this kind of machine, a
 * string of more than about 128 KB costs milliseconds to allocate (a 1 MB file: ~5 ms in one string, ~0.1 ms in 32 KB
 * pieces). A piece of 32 KB decodes to at most 64 KB of UTF-16.
 */
const CHUNK_BYTES = 32 * 1024

type Piece = (bytes: Uint8Array, last: boolean) => string

function inPieces(bytes: Uint8Array, decode: Piece): string[] {
  if (bytes.length <= CHUNK_BYTES) return [decode(bytes, true)]
  const chunks: string[] = []
  for (let start = 0; start < bytes.length; start += CHUNK_BYTES) {
    const end = Math.min(bytes.length, start + CHUNK_BYTES)
    chunks.push(decode(bytes.subarray(start, end), end === bytes.length))
  }
  return chunks
}

/** A decoder for one document: the shared one when a single call decodes it all, else a streaming one. */
function streaming(shared: InstanceType<typeof TextDecoder>, label: string, size: number): Piece {
  if (size <= CHUNK_BYTES) return (bytes) => shared.decode(bytes)
  const decoder = new TextDecoder(label, { fatal: true })
  return (bytes, last) => decoder.decode(bytes, { stream: !last })
}

const latin1: Piece = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1')

function decodeUtf8(bytes: Uint8Array, offset: number, label: string): ChunkedDecodeResult {
  const body = bytes.subarray(offset)
  try {
    return { ok: true, chunks: inPieces(body, streaming(UTF8, 'utf-8', body.length)), encoding: label }
  } catch {
    const at = offset + firstInvalidUtf8(body)
    return fail(FatturaIssueCode.encodingInvalid, decodeMessage.invalidUtf8(at))
  }
}

function decodeUtf16(bytes: Uint8Array, bigEndian: boolean): ChunkedDecodeResult {
  const body = bytes.subarray(2)
  try {
    const decode = streaming(bigEndian ? UTF16BE : UTF16LE, bigEndian ? 'utf-16be' : 'utf-16le', body.length)
    return { ok: true, chunks: inPieces(body, decode), encoding: 'UTF-16' }
  } catch {
    return fail(FatturaIssueCode.encodingInvalid, decodeMessage.invalidUtf16())
  }
}

function declaredEncoding(bytes: Uint8Array, offset: number): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset + offset, Math.min(200, bytes.length - offset)).toString(
    'latin1',
  )
  return XML_DECL_ENCODING.exec(head)?.[1]
}

/** Decodes without a byte order mark, by the declared encoding (UTF-8 when there is none). */
function decodeDeclared(bytes: Uint8Array, declared: string | undefined): ChunkedDecodeResult {
  const encoding = declared === undefined ? 'UTF-8' : ENCODING_ALIASES[declared.toLowerCase()]
  switch (encoding) {
    case 'UTF-8':
      return decodeUtf8(bytes, 0, 'UTF-8')
    case 'ISO-8859-1':
      // Not TextDecoder: the WHATWG label "iso-8859-1" means windows-1252, which differs in 0x80-0x9F.
      return { ok: true, chunks: inPieces(bytes, latin1), encoding }
    case 'windows-1252':
      return { ok: true, chunks: inPieces(bytes, (piece) => WINDOWS_1252.decode(piece)), encoding }
    case 'ISO-8859-15':
      return { ok: true, chunks: inPieces(bytes, (piece) => ISO_8859_15.decode(piece)), encoding }
    case 'US-ASCII': {
      const at = bytes.findIndex((b) => b > 0x7f)
      if (at >= 0) return fail(FatturaIssueCode.encodingInvalid, decodeMessage.notAscii(at))
      return { ok: true, chunks: inPieces(bytes, latin1), encoding }
    }
    default:
      return fail(
        FatturaIssueCode.encodingUnsupported,
        encoding === 'UTF-16' ? decodeMessage.utf16WithoutBom() : decodeMessage.unsupported(declared ?? ''),
      )
  }
}

/**
 * Turns the bytes of a file into text: size limit first, then the byte order mark, then the XML declaration's
 * encoding. UTF-8 (with or without BOM, declared or not) is the norm; ISO-8859-1, ISO-8859-15, windows-1252 and
 * US-ASCII are decoded because real files use them; UTF-16 needs its BOM. Anything else, bytes that are invalid in the
 * encoding, or a declaration that contradicts the BOM, is an issue. The text comes in pieces (one for a small file),
 * to be parsed in order; a string input is one piece.
 */
export function decodeXmlChunks(input: Uint8Array | string, maxBytes: number): ChunkedDecodeResult {
  if (typeof input === 'string') {
    // A character is at least one UTF-8 byte and at most three per UTF-16 unit: measure only when it matters.
    if (input.length > maxBytes) return tooLarge(input.length, maxBytes)
    if (input.length * 3 > maxBytes) {
      const size = Buffer.byteLength(input, 'utf8')
      if (size > maxBytes) return tooLarge(size, maxBytes)
    }
    return { ok: true, chunks: [input.charCodeAt(0) === 0xfeff ? input.slice(1) : input], encoding: 'string' }
  }
  if (input.length > maxBytes) return tooLarge(input.length, maxBytes)
  const [b0, b1, b2] = input
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) {
    const declared = declaredEncoding(input, 3)
    if (declared !== undefined && ENCODING_ALIASES[declared.toLowerCase()] !== 'UTF-8') {
      return fail(FatturaIssueCode.encodingInvalid, decodeMessage.bomMismatch(declared))
    }
    return decodeUtf8(input, 3, 'UTF-8')
  }
  if ((b0 === 0xfe && b1 === 0xff) || (b0 === 0xff && b1 === 0xfe)) return decodeUtf16(input, b0 === 0xfe)
  if (b0 === 0x00 || b1 === 0x00) {
    return fail(FatturaIssueCode.encodingUnsupported, decodeMessage.wideWithoutBom())
  }
  return decodeDeclared(input, declaredEncoding(input, 0))
}

/** As decodeXmlChunks, with the text in one string (for small documents, such as SdI messages). */
export function decodeXml(input: Uint8Array | string, maxBytes: number): DecodeResult {
  const decoded = decodeXmlChunks(input, maxBytes)
  if (!decoded.ok) return decoded
  return { ok: true, text: decoded.chunks.join(''), encoding: decoded.encoding }
}
