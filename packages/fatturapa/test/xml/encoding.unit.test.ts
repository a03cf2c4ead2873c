import { describe, expect, it } from 'vitest'
import { FatturaIssueCode as Code, parseFattura } from '../../src/index.ts'
import { edit, sampleText } from '../helpers.ts'

const DENOMINAZIONE = 'FatturaElettronicaHeader.CedentePrestatore.DatiAnagrafici.Anagrafica.Denominazione'

function declaring(encoding: string, denominazione = 'ALPHÀ SRL'): string {
  return edit(sampleText(), 'encoding="UTF-8"', `encoding="${encoding}"`).replace('ALPHA SRL', denominazione)
}

function denominazione(result: ReturnType<typeof parseFattura>): unknown {
  return result.ok ? result.fattura.FatturaElettronicaHeader.CedentePrestatore.DatiAnagrafici.Anagrafica : undefined
}

describe('encodings', () => {
  it('decodes a file declared ISO-8859-1 as true Latin-1', () => {
    const result = parseFattura(Buffer.from(declaring('ISO-8859-1'), 'latin1'))
    expect(result.ok && result.encoding).toBe('ISO-8859-1')
    expect(denominazione(result)).toEqual({ Denominazione: 'ALPHÀ SRL' })
  })

  it('decodes windows-1252; its € is outside Latin-1, which the schema refuses', () => {
    const bytes = Buffer.from(declaring('windows-1252', 'ALPHA ~ SRL'), 'latin1')
    bytes[bytes.indexOf('~')] = 0x80
    expect(parseFattura(bytes).issues).toEqual([
      expect.objectContaining({
        code: Code.valueCharacter,
        path: DENOMINAZIONE,
        message: expect.objectContaining({ en: expect.stringContaining("'€' (U+20AC)") as unknown }) as unknown,
      }),
    ])
    expect(parseFattura(Buffer.from(declaring('Windows-1252'), 'latin1')).ok).toBe(true)
  })

  it('decodes UTF-8 whether declared or not', () => {
    expect(denominazione(parseFattura(Buffer.from(declaring('utf-8'), 'utf8')))).toEqual({ Denominazione: 'ALPHÀ SRL' })
    const undeclared = declaring('UTF-8').replace(/^<\?xml[^>]*>/, '')
    expect(denominazione(parseFattura(Buffer.from(undeclared, 'utf8')))).toEqual({ Denominazione: 'ALPHÀ SRL' })
  })

  it('decodes UTF-16 with a byte order mark', () => {
    const text = `\uFEFF${declaring('UTF-16')}`
    const little = Buffer.from(text, 'utf16le')
    const big = Buffer.from(little).swap16()
    expect(denominazione(parseFattura(little))).toEqual({ Denominazione: 'ALPHÀ SRL' })
    expect(denominazione(parseFattura(big))).toEqual({ Denominazione: 'ALPHÀ SRL' })
  })

  it('refuses what it cannot decode faithfully', () => {
    expect(parseFattura(Buffer.from(declaring('Shift_JIS'), 'latin1')).issues[0]?.code).toBe(Code.encodingUnsupported)
    expect(parseFattura(Buffer.from(declaring('UTF-16').slice(0), 'utf16le')).issues[0]?.code).toBe(
      Code.encodingUnsupported,
    )
    expect(parseFattura(Buffer.from(declaring('US-ASCII'), 'latin1')).issues[0]?.code).toBe(Code.encodingInvalid)
    const bomThenLatin1 = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(declaring('ISO-8859-1'), 'latin1'),
    ])
    expect(parseFattura(bomThenLatin1).issues[0]).toMatchObject({
      code: Code.encodingInvalid,
      message: {
        it: 'Il file ha il BOM UTF-8 ma dichiara la codifica "ISO-8859-1"',
        en: 'The file has a UTF-8 byte order mark but declares "ISO-8859-1"',
      },
    })
  })

  it('takes strings as already decoded text, whatever the declaration says', () => {
    expect(denominazione(parseFattura(declaring('ISO-8859-1')))).toEqual({ Denominazione: 'ALPHÀ SRL' })
  })

  describe('large files, decoded in 32 KB pieces', () => {
    // A Causale of 200 characters repeated until the file passes 100 KB: several pieces, boundaries anywhere.
    const causale = (text: string) => `<Causale>${text}</Causale>`
    const large = (encoding: string, text: string) =>
      declaring(encoding).replace('<Causale>', `${causale(text).repeat(600)}<Causale>`)
    const causali = (result: ReturnType<typeof parseFattura>) =>
      result.ok ? result.fattura.FatturaElettronicaBody[0]?.DatiGenerali.DatiGeneraliDocumento.Causale : undefined

    it.each([
      ['UTF-8', 'utf8'],
      ['ISO-8859-1', 'latin1'],
      ['windows-1252', 'latin1'],
    ] as const)('reads %s text whatever falls on a boundary', (encoding, bytes) => {
      const text = `àè${'x'.repeat(195)}ìò`
      const result = parseFattura(Buffer.from(large(encoding, text), bytes))
      expect(result.ok && result.encoding).toBe(encoding)
      expect(
        causali(result)
          ?.slice(0, 600)
          .every((value) => value === text),
      ).toBe(true)
    })

    // Characters outside Latin-1 are refused by Causale: each of the 600 issues names the character, decoded whole.
    it.each([
      ['UTF-8', 'utf8', '€', "'€' (U+20AC)"],
      ['UTF-8', 'utf8', '😀', "'😀' (U+1F600)"],
      ['UTF-16', 'utf16le', '😀', "'😀' (U+1F600)"],
    ] as const)('reads %s (%s) multi-unit characters across boundaries: %s', (encoding, bytes, char, named) => {
      const input = `${encoding === 'UTF-16' ? '\uFEFF' : ''}${large(encoding, `${char}${'y'.repeat(150)}`)}`
      const result = parseFattura(Buffer.from(input, bytes), { maxIssues: 1000 })
      expect(result.issues).toHaveLength(600)
      for (const issue of result.issues) {
        expect(issue.code).toBe(Code.valueCharacter)
        expect(issue.message.en).toContain(`${named} is not allowed in Causale (position 1)`)
      }
    })

    it('gives the offset of an invalid byte far in the file', () => {
      const bytes = Buffer.from(large('UTF-8', 'a'.repeat(199)), 'utf8')
      const at = bytes.lastIndexOf('a'.repeat(199)) + 10
      bytes[at] = 0xff
      expect(bytes.length).toBeGreaterThan(100_000)
      expect(parseFattura(bytes).issues).toEqual([
        expect.objectContaining({
          code: Code.encodingInvalid,
          message: expect.objectContaining({ en: expect.stringContaining(`at byte ${at}`) as unknown }) as unknown,
        }),
      ])
    })
  })
})
