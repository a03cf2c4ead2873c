import { randomUUID } from 'node:crypto'
import { parseMediaType, type MediaType } from './content-type.ts'
import { MultipartInvalid, splitMultipart, type MimePart } from './multipart.ts'

export const XOP_NAMESPACE = 'http://www.w3.org/2004/08/xop/include'

/**
 * An MTOM message turned back into one envelope: every xop:Include is replaced by a marker text (`attachments` maps
 * it to the part's bytes), so the SOAP parser sees ordinary text where the base64 would be, without the cost of
 * encoding megabytes to base64 only to decode them again. Markers hold a per-message random nonce and a colon, which
 * base64 never does: inline base64 cannot collide with a marker, and a sender cannot forge one.
 */
export interface XopMessage {
  readonly xml: string
  readonly attachments: ReadonlyMap<string, Buffer>
}

const UTF8 = new Set(['utf-8', 'utf8', 'us-ascii'])
const IDENTITY = new Set(['binary', '8bit', '7bit'])
// xop:Include, empty or with an explicit end tag, with any prefix (its namespace is checked by the guard below).
// Attributes are scanned with [^<>] ("<" cannot occur in them), so each attempt stops at the next tag: linear.
const INCLUDE = /<((?:[A-Za-z_][\w.-]*:)?)Include\b([^<>]*?)(?:\/>|>\s*<\/\1Include\s*>)/g
const HREF = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')/

function stripAngles(id: string): string {
  const trimmed = id.trim()
  return trimmed.startsWith('<') && trimmed.endsWith('>') ? trimmed.slice(1, -1) : trimmed
}

function partBytes(part: MimePart, id: string): Buffer {
  const encoding = (part.headers.get('content-transfer-encoding') ?? 'binary').toLowerCase()
  if (IDENTITY.has(encoding)) return part.body
  if (encoding === 'base64') return Buffer.from(part.body.toString('latin1'), 'base64')
  throw new MultipartInvalid(`part <${id}> has Content-Transfer-Encoding ${encoding}`)
}

function rootOf(parts: MimePart[], start: string | undefined): MimePart {
  const root =
    start === undefined ? parts[0] : parts.find((p) => stripAngles(p.headers.get('content-id') ?? '') === start)
  if (root === undefined) throw new MultipartInvalid(start === undefined ? 'no parts' : `no part has start <${start}>`)
  const type = parseMediaType(root.headers.get('content-type'))
  if (type === undefined || (type.type !== 'application/xop+xml' && type.type !== 'text/xml')) {
    throw new MultipartInvalid(`the root part is ${type?.type ?? 'untyped'}, not application/xop+xml`)
  }
  const charset = type.params.get('charset')?.toLowerCase()
  if (charset !== undefined && !UTF8.has(charset)) throw new MultipartInvalid(`root part charset ${charset}`)
  return root
}

/** Decodes a multipart/related MTOM body (W3C XOP 1.0, SOAP MTOM) whose media type was already parsed. */
export function decodeMtom(body: Buffer, mediaType: MediaType): XopMessage {
  const boundary = mediaType.params.get('boundary')
  if (boundary === undefined) throw new MultipartInvalid('multipart/related without a boundary')
  const packageType = mediaType.params.get('type')?.toLowerCase()
  if (packageType !== undefined && packageType !== 'application/xop+xml') {
    throw new MultipartInvalid(`multipart/related of type ${packageType} is not MTOM (application/xop+xml)`)
  }
  const parts = splitMultipart(body, boundary)
  const startParam = mediaType.params.get('start')
  const root = rootOf(parts, startParam === undefined ? undefined : stripAngles(startParam))
  const xml = root.body.toString('utf8')
  const byId = new Map<string, MimePart>()
  for (const part of parts) {
    if (part !== root) byId.set(stripAngles(part.headers.get('content-id') ?? ''), part)
  }
  const attachments = new Map<string, Buffer>()
  // Without the XOP namespace in the envelope there is nothing to resolve (and no Include to trust).
  if (!xml.includes(XOP_NAMESPACE)) return { xml, attachments }
  const nonce = randomUUID()
  const resolved = xml.replace(INCLUDE, (_match, _prefix: string, attributes: string) => {
    const href = HREF.exec(attributes)
    const url = href?.[1] ?? href?.[2]
    if (url === undefined || !/^cid:/i.test(url)) throw new MultipartInvalid('xop:Include without a cid: href')
    const id = url.slice(4)
    const part = byId.get(id) ?? byId.get(safeDecode(id))
    if (part === undefined) throw new MultipartInvalid(`xop:Include refers to a missing part <${id}>`)
    const marker = `xop:${nonce}:${attachments.size}`
    attachments.set(marker, partBytes(part, id))
    return marker
  })
  return { xml: resolved, attachments }
}

// cid URLs are URL-encoded Content-IDs (RFC 2392); a stray "%" must not throw.
function safeDecode(id: string): string {
  try {
    return decodeURIComponent(id)
  } catch {
    return id
  }
}
