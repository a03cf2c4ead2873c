import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  parseSdiMessage,
  SdiMessageIssueCode as Code,
  type MessageParseOptions,
  type MessageParseResult,
} from '../../src/index.ts'
import { edit } from '../helpers.ts'
import { messageSampleText } from './helpers.ts'

const ROOT = '<types:RicevutaConsegna versione="1.0" xmlns:types="http://www.fatturapa.gov.it/sdi/messaggi/v1.0">'
const KNOWN_CODES = new Set<string>(Object.values(Code))

/** Parses and checks the answer came back fast and as data. */
function parseQuickly(input: Buffer | string, options?: MessageParseOptions): MessageParseResult {
  const start = performance.now()
  const result = parseSdiMessage(input, options)
  expect(performance.now() - start).toBeLessThan(1000)
  return result
}

function codes(result: MessageParseResult): string[] {
  return result.issues.map((issue) => issue.code)
}

describe('hostile input: every failure is a returned issue with a stable code, quickly', () => {
  it('refuses a DOCTYPE declaring an entity, before the root is read', () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x "y">]>${ROOT}&x;</types:RicevutaConsegna>`
    const result = parseQuickly(xml)
    expect(codes(result)).toEqual([Code.doctypeForbidden])
    expect(result.ok ? 'ok' : result.partial).toBeUndefined()
  })

  it('refuses the billion laughs and external entities without expanding or reading them', () => {
    const entities = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('')
    expect(codes(parseQuickly(`<!DOCTYPE r [<!ENTITY l0 "lol">${entities}]><r>&l9;</r>`))).toEqual([
      Code.doctypeForbidden,
    ])
    const xxe = parseQuickly('<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>')
    expect(codes(xxe)).toEqual([Code.doctypeForbidden])
    expect(JSON.stringify(xxe)).not.toContain('root:')
  })

  it('refuses a DOCTYPE inside the document and undeclared entities', () => {
    expect(codes(parseQuickly(edit(messageSampleText('MT'), '<Note>Esempio</Note>', '<Note>&nbsp;</Note>')))).toEqual([
      Code.xmlMalformed,
    ])
  })

  it('refuses input over the size limit before parsing it', () => {
    const big = `${ROOT}<Note>${'x'.repeat(6 * 1024 * 1024)}</Note></types:RicevutaConsegna>`
    expect(codes(parseQuickly(big))).toEqual([Code.inputTooLarge])
    expect(codes(parseQuickly(Buffer.from(big)))).toEqual([Code.inputTooLarge])
    expect(codes(parseQuickly(messageSampleText('MT'), { maxBytes: 100 }))).toEqual([Code.inputTooLarge])
  })

  it('stops at the depth limit, inside a value or inside ds:Signature', () => {
    const deep = (n: number) => `${'<a>'.repeat(n)}${'</a>'.repeat(n)}`
    const inNote = edit(messageSampleText('MT'), '<Note>Esempio</Note>', `<Note>${deep(100_000)}</Note>`)
    expect(codes(parseQuickly(inNote))).toContain(Code.tooDeep)
    const inSignature = edit(
      messageSampleText('RC'),
      '<ds:SignedInfo>',
      `<ds:Object>${deep(100)}</ds:Object><ds:SignedInfo>`,
    )
    expect(codes(parseQuickly(inSignature))).toEqual([Code.tooDeep])
    expect(parseQuickly(inSignature, { maxDepth: 200 }).ok).toBe(true)
  })

  it('reports malformed XML: unclosed tags, two roots, unbound prefixes, nothing at all', () => {
    for (const xml of [
      `${ROOT}<Note>`,
      `${ROOT}</types:RicevutaConsegna><x/>`,
      '<m:RicevutaConsegna versione="1.0"/>',
      '',
      '   ',
      'not xml',
    ]) {
      const result = parseQuickly(xml)
      // Well-formedness errors end the parse (a second root only after the first one was checked).
      expect({ xml, last: codes(result).at(-1), partial: result.ok ? 'ok' : result.partial }).toEqual({
        xml,
        last: Code.xmlMalformed,
        partial: undefined,
      })
    }
  })

  it('reads the encodings the invoice parser reads, and refuses invalid bytes', () => {
    const latin1 = Buffer.from(
      messageSampleText('MT').replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').replace('Esempio', 'Perché'),
      'latin1',
    )
    const result = parseQuickly(latin1)
    expect(result.ok && result.encoding).toBe('ISO-8859-1')
    expect(result.ok && result.message.kind === 'MT' && result.message.data.Note).toBe('Perché')
    const broken = Buffer.concat([Buffer.from(messageSampleText('MT').slice(0, 300)), Buffer.from([0xff, 0xfe, 0x41])])
    expect(codes(parseQuickly(broken))).toEqual([Code.encodingInvalid])
  })

  it('never throws and always answers with known codes, whatever the input', () => {
    const sample = messageSampleText('NS')
    const mutated = fc
      .tuple(fc.nat(sample.length), fc.nat(40), fc.string({ maxLength: 20 }))
      .map(([at, cut, insert]) => sample.slice(0, at) + insert + sample.slice(at + cut))
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.uint8Array().map((bytes) => Buffer.from(bytes)),
          mutated,
        ),
        (input) => {
          const result = parseSdiMessage(input)
          return result.ok ? result.issues.length === 0 : result.issues.every((issue) => KNOWN_CODES.has(issue.code))
        },
      ),
      { numRuns: 500 },
    )
  })
})
