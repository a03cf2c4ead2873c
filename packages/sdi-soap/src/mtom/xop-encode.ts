import { randomUUID } from 'node:crypto'
import { XOP_NAMESPACE } from './xop-decode.ts'

/** A binary field sent as an MTOM attachment. */
export interface XopAttachment {
  /** Content-ID without angle brackets; only URL-safe characters, so the cid: href needs no escaping. */
  readonly contentId: string
  readonly bytes: Buffer
}

/** An MTOM HTTP body as a list of chunks (written one by one: the file is never copied into a bigger buffer). */
export interface MtomBody {
  readonly contentType: string
  readonly chunks: readonly Buffer[]
  readonly length: number
}

// Content-IDs and boundaries need to be unique, not secret: a per-process random prefix and a counter make them so
// without a randomUUID per part (the boundary is still checked against the files below).
const PROCESS_ID = randomUUID()
let sequence = 0
const unique = (): string => `${PROCESS_ID}.${(sequence = (sequence + 1) % Number.MAX_SAFE_INTEGER)}`

/** A fresh Content-ID for the n-th attachment of a message. */
export function attachmentId(index: number): string {
  return `${index}.${unique()}@varco`
}

/** The xop:Include element standing for an attachment inside the envelope. */
export function xopInclude(contentId: string): string {
  return `<xop:Include xmlns:xop="${XOP_NAMESPACE}" href="cid:${contentId}"/>`
}

function pickBoundary(attachments: readonly XopAttachment[]): string {
  // A random boundary inside a file is astronomically unlikely; checking costs one memchr-speed scan per file.
  for (;;) {
    const boundary = `MIMEBoundary_${unique()}`
    const probe = Buffer.from(boundary)
    if (attachments.every((a) => a.bytes.indexOf(probe) === -1)) return boundary
  }
}

/**
 * Packages an envelope and its attachments as multipart/related MTOM (SOAP 1.1 MTOM, W3C XOP 1.0): the root part is
 * application/xop+xml with start-info text/xml, each attachment is a binary part named by its Content-ID.
 */
export function encodeMtom(envelope: string, attachments: readonly XopAttachment[]): MtomBody {
  const boundary = pickBoundary(attachments)
  const rootId = `root.${unique()}@varco`
  const chunks: Buffer[] = [
    Buffer.from(
      `--${boundary}\r\n` +
        'Content-Type: application/xop+xml; charset=UTF-8; type="text/xml"\r\n' +
        'Content-Transfer-Encoding: 8bit\r\n' +
        `Content-ID: <${rootId}>\r\n\r\n`,
    ),
    Buffer.from(envelope, 'utf8'),
  ]
  for (const attachment of attachments) {
    chunks.push(
      Buffer.from(
        `\r\n--${boundary}\r\n` +
          'Content-Type: application/octet-stream\r\n' +
          'Content-Transfer-Encoding: binary\r\n' +
          `Content-ID: <${attachment.contentId}>\r\n\r\n`,
      ),
      attachment.bytes,
    )
  }
  chunks.push(Buffer.from(`\r\n--${boundary}--\r\n`))
  const contentType =
    `multipart/related; type="application/xop+xml"; start="<${rootId}>"; start-info="text/xml"; ` +
    `boundary="${boundary}"`
  return { contentType, chunks, length: chunks.reduce((sum, chunk) => sum + chunk.length, 0) }
}
