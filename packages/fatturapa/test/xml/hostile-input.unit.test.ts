import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEFAULT_MAX_BYTES, FatturaIssueCode as Code, parseFattura, type ParseResult } from '../../src/index.ts'
import { edit, readSample, sampleText } from '../helpers.ts'

const KNOWN_CODES = new Set<string>(Object.values(Code))
const ROOT =
  '<p:FatturaElettronica versione="FPA12" xmlns:p="http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2">'

/** Parses and checks the answer came back fast and as data. */
function parseQuickly(input: Buffer | string, options?: Parameters<typeof parseFattura>[1]): ParseResult {
  const start = performance.now()
  const result = parseFattura(input, options)
  expect(performance.now() - start).toBeLessThan(1000)
  return result
}

function firstCode(result: ParseResult): string | undefined {
  return result.issues[0]?.code
}

describe('hostile input: every failure is a returned issue with a stable code, quickly', () => {
  it('refuses a DOCTYPE declaring an entity', () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE p:FatturaElettronica [<!ENTITY x "y">]>${ROOT}&x;</p:FatturaElettronica>`
    expect(firstCode(parseQuickly(xml))).toBe(Code.doctypeForbidden)
  })

  it('refuses the billion laughs', () => {
    const entities = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('')
    const xml = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">${entities}]><lolz>&lol9;</lolz>`
    const result = parseQuickly(xml)
    expect(result.issues).toEqual([expect.objectContaining({ code: Code.doctypeForbidden, path: '' })])
  })

  it('refuses an external entity without reading it', () => {
    const xml = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><r>&xxe;</r>'
    const result = parseQuickly(xml)
    expect(firstCode(result)).toBe(Code.doctypeForbidden)
    expect(JSON.stringify(result)).not.toContain('root:')
  })

  it('refuses a DOCTYPE after comments, and undeclared entities', () => {
    expect(
      firstCode(
        parseQuickly(`<!-- c --><!DOCTYPE x SYSTEM "http://example.invalid/x.dtd">${ROOT}</p:FatturaElettronica>`),
      ),
    ).toBe(Code.doctypeForbidden)
    expect(firstCode(parseQuickly(edit(sampleText(), '<Numero>123</Numero>', '<Numero>&nbsp;</Numero>')))).toBe(
      Code.xmlMalformed,
    )
  })

  it('expands only the predefined entities and character references', () => {
    const result = parseQuickly(edit(sampleText(), '<Numero>123</Numero>', '<Numero>A&amp;B&#x41;&#66;&lt;</Numero>'))
    expect(result.ok && result.fattura.FatturaElettronicaBody[0]?.DatiGenerali.DatiGeneraliDocumento.Numero).toBe(
      'A&BAB<',
    )
  })

  it('checks the size before parsing: 5 MiB + 1 byte is refused, as bytes or as a string', () => {
    const big = Buffer.alloc(DEFAULT_MAX_BYTES + 1, 0x20)
    expect(parseQuickly(big).issues).toEqual([expect.objectContaining({ code: Code.inputTooLarge })])
    expect(firstCode(parseQuickly(big.toString('latin1')))).toBe(Code.inputTooLarge)
    expect(firstCode(parseQuickly('é'.repeat(DEFAULT_MAX_BYTES / 2 + 1)))).toBe(Code.inputTooLarge)
    expect(firstCode(parseQuickly(readSample('IT01234567890_FPA01.xml'), { maxBytes: 1000 }))).toBe(Code.inputTooLarge)
  })

  it('parses a file just under 5 MiB (a large attachment) in time', () => {
    const attachment = 'QUJD'.repeat(1_200_000).replace(/(.{76})/g, '$1\n')
    const xml = edit(
      sampleText(),
      '</DatiPagamento>',
      `</DatiPagamento><Allegati><NomeAttachment>a.bin</NomeAttachment><Attachment>${attachment}</Attachment></Allegati>`,
    )
    expect(Buffer.byteLength(xml)).toBeLessThan(DEFAULT_MAX_BYTES)
    const result = parseQuickly(xml)
    expect(result.ok && result.fattura.FatturaElettronicaBody[0]?.Allegati?.[0]?.Attachment).toHaveLength(4_800_000)
  })

  it('refuses 10,000 nested elements', () => {
    const xml = `${ROOT}${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}</p:FatturaElettronica>`
    // <a> is also an unknown element (reported first); the depth limit then stops the parse.
    expect(parseQuickly(xml).issues.map((issue) => issue.code)).toEqual([Code.unexpectedElement, Code.tooDeep])
    expect(parseQuickly(`${ROOT}${'<a>'.repeat(10_000)}`).issues.at(-1)?.code).toBe(Code.tooDeep)
    const inValue = edit(sampleText(), '<Numero>123</Numero>', `<Numero>${'<b>'.repeat(10_000)}</Numero>`)
    expect(parseQuickly(inValue).issues.at(-1)?.code).toBe(Code.tooDeep)
  })

  it('reports a truncated file as malformed', () => {
    const xml = sampleText()
    for (const cut of [0.1, 0.5, 0.99])
      expect(firstCode(parseQuickly(xml.slice(0, Math.floor(xml.length * cut))))).toBe(Code.xmlMalformed)
    expect(firstCode(parseQuickly(''))).toBe(Code.xmlMalformed)
    expect(firstCode(parseQuickly('not xml'))).toBe(Code.xmlMalformed)
  })

  it('reports bytes that are not UTF-8, with their offset', () => {
    const bytes = Buffer.from(edit(sampleText(), 'ALPHA SRL', 'ALPHA~SRL'), 'utf8')
    bytes[bytes.indexOf('~')] = 0xe8 // "è" in ISO-8859-1, invalid alone in UTF-8
    const result = parseQuickly(bytes)
    expect(result.issues).toEqual([expect.objectContaining({ code: Code.encodingInvalid })])
    expect(result.issues[0]?.message.it).toContain(`al byte ${bytes.indexOf(0xe8)}`)
    expect(result.issues[0]?.message.en).toContain(`at byte ${bytes.indexOf(0xe8)}`)
  })

  it('accepts a UTF-8 byte order mark and a missing XML declaration', () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readSample('IT01234567890_FPA01.xml')])
    expect(parseQuickly(withBom).ok).toBe(true)
    expect(parseQuickly(`\uFEFF${sampleText()}`).ok).toBe(true)
    expect(parseQuickly(sampleText().replace(/^<\?xml[^>]*>\s*/, '')).ok).toBe(true)
  })

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const result = parseFattura(Buffer.from(bytes))
        expect(result.ok).toBe(false)
        for (const issue of result.issues) expect(KNOWN_CODES.has(issue.code)).toBe(true)
      }),
      { numRuns: 300 },
    )
  })

  it('never throws on a damaged invoice', () => {
    const xml = sampleText()
    fc.assert(
      fc.property(fc.nat(xml.length), fc.nat(40), fc.string({ maxLength: 12 }), (at, remove, insert) => {
        const result = parseFattura(xml.slice(0, at) + insert + xml.slice(at + remove))
        for (const issue of result.issues) expect(KNOWN_CODES.has(issue.code)).toBe(true)
      }),
      { numRuns: 300 },
    )
  })
})
