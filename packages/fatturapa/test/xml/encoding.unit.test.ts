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
      expect.objectContaining({ code: Code.valuePattern, path: DENOMINAZIONE }),
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
      message: expect.stringContaining('ISO-8859-1') as unknown,
    })
  })

  it('takes strings as already decoded text, whatever the declaration says', () => {
    expect(denominazione(parseFattura(declaring('ISO-8859-1')))).toEqual({ Denominazione: 'ALPHÀ SRL' })
  })
})
