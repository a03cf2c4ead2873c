import { describe, expect, it } from 'vitest'
import { randomBytes } from 'node:crypto'
import { parseMediaType } from '../src/mtom/content-type.ts'
import { splitMultipart } from '../src/mtom/multipart.ts'
import { decodeMtom, XOP_NAMESPACE } from '../src/mtom/xop-decode.ts'
import { attachmentId, encodeMtom, xopInclude } from '../src/mtom/xop-encode.ts'

const crlf = (text: string): Buffer => Buffer.from(text.replaceAll('\n', '\r\n'))

describe('parseMediaType', () => {
  it('reads type and parameters, quoted or not, case-insensitively', () => {
    const media = parseMediaType(
      'Multipart/Related; type="application/xop+xml"; boundary=uuid:abc-123; START="<root@x>"; start-info="text/xml"',
    )
    expect(media?.type).toBe('multipart/related')
    expect(Object.fromEntries(media!.params)).toEqual({
      type: 'application/xop+xml',
      boundary: 'uuid:abc-123',
      start: '<root@x>',
      'start-info': 'text/xml',
    })
  })

  it('unescapes quoted strings and keeps semicolons inside them', () => {
    expect(parseMediaType('text/xml; action="a;b\\"c"')?.params.get('action')).toBe('a;b"c')
  })

  it('refuses what is not a media type', () => {
    expect(parseMediaType(undefined)).toBeUndefined()
    expect(parseMediaType('')).toBeUndefined()
    expect(parseMediaType('xml')).toBeUndefined()
    expect(parseMediaType('text/ xml')).toBeUndefined()
  })
})

describe('splitMultipart', () => {
  it('splits parts, skipping preamble, padding and epilogue, without copying', () => {
    const body = crlf('preamble\n--b  \nContent-Type: text/plain\nX-A: 1\n\none\n--b\n\ntwo\n--b--\nepilogue')
    const parts = splitMultipart(body, 'b')
    expect(parts.map((p) => p.body.toString())).toEqual(['one', 'two'])
    expect(parts[0]!.headers.get('content-type')).toBe('text/plain')
    expect(parts[1]!.headers.size).toBe(0)
    expect(parts[0]!.body.buffer).toBe(body.buffer)
  })

  it('keeps binary bodies whole, including CRLF and near-boundaries', () => {
    const bytes = Buffer.concat([Buffer.from('\r\n--b\r\n-\r\n--'), randomBytes(1000), Buffer.from('\r\n--')])
    // The boundary "bx" is a prefix-extension of "b": the body's "--b" lines must not end the part.
    const body = Buffer.concat([crlf('--bx\n\n'), bytes, crlf('\n--bx--\n')])
    expect(splitMultipart(body, 'bx')[0]!.body.equals(bytes)).toBe(true)
  })

  it('unfolds folded header lines', () => {
    const parts = splitMultipart(crlf('--b\nContent-Type: application/xop+xml;\n  charset=UTF-8\n\nx\n--b--'), 'b')
    expect(parts[0]!.headers.get('content-type')).toBe('application/xop+xml; charset=UTF-8')
  })

  it.each([
    ['no delimiter', 'hello', /no boundary/],
    ['an unclosed part', '--b\n\nhello', /closing delimiter/],
    ['a header without a name', '--b\n: x\n\nhello\n--b--', /without a name/],
    ['headers without a blank line', '--b\nContent-Type: x\n--b--', /blank line/],
    ['garbage after a delimiter', '--bxyz\n\nx\n--b--', /CRLF/],
  ])('refuses %s', (_, text, message) => {
    expect(() => splitMultipart(crlf(text), 'b')).toThrow(message)
  })

  it('caps the number of parts', () => {
    expect(() => splitMultipart(crlf(`${'--b\n\nx\n'.repeat(17)}--b--`), 'b')).toThrow(/more than 16/)
  })
})

const envelopeWith = (content: string): string =>
  `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><File>${content}</File></s:Body></s:Envelope>`

describe('MTOM', () => {
  it('round-trips attachments: Includes become markers that map to the exact bytes', () => {
    const files = [randomBytes(70_000), Buffer.alloc(0)]
    const ids = files.map((_, i) => attachmentId(i))
    const xml = envelopeWith(xopInclude(ids[0]!)) + envelopeWith(xopInclude(ids[1]!))
    const encoded = encodeMtom(
      xml,
      files.map((bytes, i) => ({ contentId: ids[i]!, bytes })),
    )
    const body = Buffer.concat([...encoded.chunks])
    expect(body.length).toBe(encoded.length)
    const decoded = decodeMtom(body, parseMediaType(encoded.contentType)!)
    expect(decoded.xml).not.toContain('Include')
    const markers = [...decoded.xml.matchAll(/<File>([^<]*)<\/File>/g)].map((m) => m[1]!)
    expect(markers.map((m) => decoded.attachments.get(m))).toEqual(files)
    expect(markers[0]).toMatch(/^xop:[0-9a-f-]{36}:0$/)
  })

  it('finds the root by start, resolves URL-encoded cids, long-form Includes and base64 parts', () => {
    const body = crlf(
      [
        '--b',
        'Content-ID: <att%1@x>',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('hello').toString('base64'),
        '--b',
        'Content-Type: application/xop+xml; charset=utf-8; type="text/xml"',
        'Content-ID: <root@x>',
        '',
        envelopeWith(`<inc:Include xmlns:inc="${XOP_NAMESPACE}" href='cid:att%251@x'></inc:Include>`),
        '--b--',
      ].join('\n'),
    )
    const decoded = decodeMtom(body, parseMediaType('multipart/related; boundary=b; start="<root@x>"')!)
    const marker = /<File>([^<]*)<\/File>/.exec(decoded.xml)![1]!
    expect(decoded.attachments.get(marker)?.toString()).toBe('hello')
  })

  it('leaves an envelope without the XOP namespace alone', () => {
    const body = crlf(`--b\nContent-Type: application/xop+xml\n\n${envelopeWith('aGk=')}\n--b--`)
    const decoded = decodeMtom(body, parseMediaType('multipart/related; boundary=b')!)
    expect(decoded.xml).toBe(envelopeWith('aGk='))
    expect(decoded.attachments.size).toBe(0)
  })

  it.each([
    ['no boundary', 'multipart/related', '--b\n\nx\n--b--', /without a boundary/],
    ['SwA, not MTOM', 'multipart/related; boundary=b; type="text/xml"', '--b\n\nx\n--b--', /not MTOM/],
    [
      'a missing start part',
      'multipart/related; boundary=b; start="<r>"',
      '--b\nContent-Type: text/xml\n\nx\n--b--',
      /start/,
    ],
    ['a non-XML root', 'multipart/related; boundary=b', '--b\nContent-Type: image/png\n\nx\n--b--', /image\/png/],
    [
      'a latin-1 root',
      'multipart/related; boundary=b',
      '--b\nContent-Type: text/xml; charset=iso-8859-1\n\nx\n--b--',
      /charset/,
    ],
    [
      'an Include to nowhere',
      'multipart/related; boundary=b',
      `--b\nContent-Type: text/xml\n\n${envelopeWith(`<x:Include xmlns:x="${XOP_NAMESPACE}" href="cid:nope"/>`)}\n--b--`,
      /missing part <nope>/,
    ],
    [
      'an Include without cid',
      'multipart/related; boundary=b',
      `--b\nContent-Type: text/xml\n\n${envelopeWith(`<x:Include xmlns:x="${XOP_NAMESPACE}" href="http://evil/"/>`)}\n--b--`,
      /cid:/,
    ],
    [
      'a quoted-printable part',
      'multipart/related; boundary=b',
      `--b\nContent-Type: text/xml\n\n${envelopeWith(`<x:Include xmlns:x="${XOP_NAMESPACE}" href="cid:a"/>`)}\n--b\nContent-ID: <a>\nContent-Transfer-Encoding: quoted-printable\n\nx\n--b--`,
      /quoted-printable/,
    ],
  ])('refuses %s', (_, type, text, message) => {
    expect(() => decodeMtom(crlf(text), parseMediaType(type)!)).toThrow(message)
  })

  it('picks a boundary that does not occur in the attachments', () => {
    const encoded = encodeMtom('<x/>', [{ contentId: 'a@b', bytes: randomBytes(10_000) }])
    const boundary = parseMediaType(encoded.contentType)!.params.get('boundary')!
    expect(encoded.chunks[3]!.includes(boundary)).toBe(false)
    expect(encoded.contentType).toContain('type="application/xop+xml"')
    expect(encoded.contentType).toContain('start-info="text/xml"')
  })
})
