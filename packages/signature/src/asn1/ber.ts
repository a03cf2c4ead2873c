/** One BER/DER element, with offsets into the buffer it was read from (so its original bytes can be reused). */
export interface BerNode {
  /** 0 universal, 1 application, 2 context-specific, 3 private. */
  readonly tagClass: number
  readonly constructed: boolean
  readonly tagNumber: number
  /** Offset of the identifier octet. */
  readonly start: number
  readonly contentStart: number
  /** End of the content, before the end-of-contents octets of an indefinite length. */
  readonly contentEnd: number
  /** Offset just after the element. */
  readonly end: number
  readonly indefinite: boolean
  readonly children: readonly BerNode[]
}

/** Why bytes are not a BER structure this reader accepts. */
export class BerError extends Error {
  override readonly name = 'BerError'
}

// Deeper than any CMS or X.509 structure; a bound keeps hostile input from exhausting the stack.
const MAX_DEPTH = 48

function readLength(bytes: Buffer, at: number): [length: number | undefined, next: number] {
  const first = bytes[at]
  if (first === undefined) throw new BerError('truncated length')
  if (first < 0x80) return [first, at + 1]
  if (first === 0x80) return [undefined, at + 1]
  const count = first & 0x7f
  if (count > 4) throw new BerError('length too large')
  let length = 0
  for (let i = 1; i <= count; i++) {
    const byte = bytes[at + i]
    if (byte === undefined) throw new BerError('truncated length')
    length = length * 256 + byte
  }
  return [length, at + 1 + count]
}

function readTag(bytes: Buffer, at: number): [tagClass: number, constructed: boolean, tagNumber: number, next: number] {
  const first = bytes[at]
  if (first === undefined) throw new BerError('truncated element')
  let tagNumber = first & 0x1f
  let p = at + 1
  if (tagNumber === 0x1f) {
    tagNumber = 0
    for (let byte = bytes[p]; ; byte = bytes[p]) {
      if (byte === undefined || tagNumber > 0xffffff) throw new BerError('invalid tag')
      tagNumber = tagNumber * 128 + (byte & 0x7f)
      p++
      if ((byte & 0x80) === 0) break
    }
  }
  return [first >> 6, (first & 0x20) !== 0, tagNumber, p]
}

function readNode(bytes: Buffer, at: number, limit: number, depth: number): BerNode {
  if (depth > MAX_DEPTH) throw new BerError('nesting too deep')
  const [tagClass, constructed, tagNumber, afterTag] = readTag(bytes, at)
  const [length, contentStart] = readLength(bytes, afterTag)
  const children: BerNode[] = []
  if (length === undefined) {
    // Indefinite length (BER, e.g. streamed CMS): children up to the end-of-contents octets 00 00.
    if (!constructed) throw new BerError('indefinite length on a primitive element')
    let p = contentStart
    while (!(bytes[p] === 0 && bytes[p + 1] === 0)) {
      if (p >= limit) throw new BerError('missing end-of-contents')
      const child = readNode(bytes, p, limit, depth + 1)
      children.push(child)
      p = child.end
    }
    return {
      tagClass,
      constructed,
      tagNumber,
      start: at,
      contentStart,
      contentEnd: p,
      end: p + 2,
      indefinite: true,
      children,
    }
  }
  const end = contentStart + length
  if (end > limit) throw new BerError('element longer than its container')
  for (let p = contentStart; constructed && p < end;) {
    const child = readNode(bytes, p, end, depth + 1)
    children.push(child)
    p = child.end
  }
  return {
    tagClass,
    constructed,
    tagNumber,
    start: at,
    contentStart,
    contentEnd: end,
    end,
    indefinite: false,
    children,
  }
}

/** Reads one BER element (DER included) that fills `bytes`, apart from trailing line ends or NULs some tools add. */
export function readBer(bytes: Buffer): BerNode {
  const node = readNode(bytes, 0, bytes.length, 0)
  for (let p = node.end; p < bytes.length; p++) {
    const byte = bytes[p]
    if (byte !== 0x0a && byte !== 0x0d && byte !== 0x00) throw new BerError('trailing data after the structure')
  }
  return node
}

/** Reads one BER element embedded in a larger buffer (e.g. a certificate inside a CMS structure). */
export function readBerAt(bytes: Buffer, at: number, end: number): BerNode {
  return readNode(bytes, at, end, 0)
}
