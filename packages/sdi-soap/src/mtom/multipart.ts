import { defineError } from '@varco/errors'

/** One body part of a MIME multipart: header names lower-cased; the body is a view into the message buffer. */
export interface MimePart {
  readonly headers: ReadonlyMap<string, string>
  readonly body: Buffer
}

/** The multipart is not well formed; the message says where. Callers turn it into a fault or a response error. */
export const MultipartInvalid = defineError<[string]>('SDI_SOAP_ERR_MULTIPART', 'Malformed MIME multipart: %s', {
  statusCode: 400,
})

const CRLF = Buffer.from('\r\n')
const HEADER_END = Buffer.from('\r\n\r\n')
// An MTOM package holds the envelope and one part per binary field (two at most in SdI's types): a cap keeps a hostile
// message from making us index thousands of tiny parts.
const MAX_PARTS = 16

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>()
  // Folded header lines (obsolete, RFC 5322 section 3.2.2) are unfolded first.
  for (const line of block.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':')
    if (colon <= 0) throw new MultipartInvalid(`part header line without a name: ${JSON.stringify(line.slice(0, 40))}`)
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim())
  }
  return headers
}

/**
 * Splits a multipart body (RFC 2046 section 5.1.1) into its parts without copying them. Delimiters are CRLF + "--" +
 * boundary; the first may open the body directly. The preamble and the epilogue are ignored.
 */
export function splitMultipart(body: Buffer, boundary: string): MimePart[] {
  if (boundary.length === 0 || boundary.length > 70) throw new MultipartInvalid('boundary must be 1..70 characters')
  const dash = Buffer.from(`--${boundary}`)
  const delimiter = Buffer.from(`\r\n--${boundary}`)
  let at = body.subarray(0, dash.length).equals(dash) ? 0 : body.indexOf(delimiter)
  if (at === -1) throw new MultipartInvalid('no boundary delimiter found')
  at += at === 0 ? dash.length : delimiter.length
  const parts: MimePart[] = []
  for (;;) {
    if (body[at] === 0x2d && body[at + 1] === 0x2d) return parts // "--": the close delimiter
    // Transport padding (spaces, tabs) may follow a delimiter before its CRLF.
    while (body[at] === 0x20 || body[at] === 0x09) at++
    if (!body.subarray(at, at + 2).equals(CRLF)) throw new MultipartInvalid('delimiter not followed by CRLF')
    const start = at + 2
    const next = body.indexOf(delimiter, start)
    if (next === -1) throw new MultipartInvalid('part without a closing delimiter')
    if (parts.length === MAX_PARTS) throw new MultipartInvalid(`more than ${MAX_PARTS} parts`)
    parts.push(parsePart(body.subarray(start, next)))
    at = next + delimiter.length
  }
}

function parsePart(part: Buffer): MimePart {
  // A part may have no header at all: it then starts with the blank line.
  if (part.subarray(0, 2).equals(CRLF)) return { headers: new Map(), body: part.subarray(2) }
  const end = part.indexOf(HEADER_END)
  if (end === -1) throw new MultipartInvalid('part headers not ended by a blank line')
  return { headers: parseHeaders(part.toString('latin1', 0, end)), body: part.subarray(end + HEADER_END.length) }
}
